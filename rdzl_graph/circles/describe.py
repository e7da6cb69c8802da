"""What a trainee needs to know about one circle, composed only from facts in the graph.

Per circle (:func:`describe_circle`):

* **brings**: a member's reached milestones in the circle's area (the basis,
  or for a theme or partner circle the tasks and problems two members share;
  :func:`.learn.circle_area`), with those of its sub-projects;
* **struggles**: its attention points in that area;
* **learn-from pairs** between members (:mod:`.learn`);
* **linking pins**: organisations and quoted persons in two or more members;
* **host**: the member with most reached milestones in the area, then most
  linking pins, then first by name; with the reason in words;
* **conversation starters**: two or three templates (:mod:`.texts`) filled
  with milestone and attention-point labels and names;
* **contacts**: per member the persons the report quotes (with function and
  organisation), else the organisations that carry it out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from .facts import CircleFacts
from .learn import Pair, circle_area, descendants
from .texts import circle_label, lower_first, names, phrase, quoted, verb

CIRCLE_BASE = "https://w3id.org/rdzl-graph/id/circle/"
LEAD_ROLE = "https://w3id.org/rdzl-graph/id/role/uitvoerder"
MAX_CONTACTS = 3


def _ref(facts: CircleFacts, iri: str, label: str, label_en: str, lang: str) -> dict[str, str]:
    return {"iri": iri, "label": label_en if lang == "en" else label}


def _brings_struggles(facts: CircleFacts, member: str, area: frozenset[str], lang: str) -> tuple[list, list]:
    own = descendants(facts, member)
    brings = [_ref(facts, m.iri, m.label, m.label_en, lang) for p in own for m in facts.milestones_of(p)
              if m.reached and m.tags() & area]
    struggles = [_ref(facts, a.iri, a.label, a.label_en, lang) for p in own for a in facts.attention_points_of(p)
                 if a.tags() & area]
    return brings, struggles


def linking_pins(facts: CircleFacts, members: Sequence[str]) -> list[dict[str, Any]]:
    """Organisations and quoted persons in two or more members (a member with its sub-projects).

    Returns
    -------
    list of dict
        ``iri``, ``kind`` (``organisation`` or ``person``), ``members`` (sorted
        IRIs); most members first, then by IRI.
    """
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for member in members:
        for project in descendants(facts, member):
            for org in facts.held("partner", project):
                holders[("organisation", org)].add(member)
            for person in facts.quoted_in(project):
                holders[("person", person)].add(member)
    pins = [{"iri": iri, "kind": kind, "members": sorted(ms)} for (kind, iri), ms in holders.items() if len(ms) >= 2]
    return sorted(pins, key=lambda p: (-len(p["members"]), p["iri"]))


def contacts(facts: CircleFacts, members: Sequence[str], lang: str = "nl") -> list[dict[str, Any]]:
    """Who to call per member, as the report names them (quoted person, function, organisation).

    A member without a quoted person gets the organisations carrying it out
    (role *uitvoerder*), without person; at most :data:`MAX_CONTACTS` per member.
    """
    nodes = facts.network.nodes
    rows = []
    for member in members:
        own = descendants(facts, member)
        persons = sorted({p for project in own for p in facts.quoted_in(project)})
        entries = []
        for person in persons:
            org = nodes[person].get("affiliation")
            entries.append({"organisation_iri": org, "organisation": facts.label(org, lang) if org else None,
                            "person_iri": person, "person": facts.label(person, lang),
                            "function": nodes[person].get("job_title")})
        if not entries:
            leads = sorted({o for p in own for o, r in facts.participations_of(p) if r == LEAD_ROLE})
            entries = [{"organisation_iri": o, "organisation": facts.label(o, lang),
                        "person_iri": None, "person": None, "function": None} for o in leads]
        for entry in entries[:MAX_CONTACTS]:
            rows.append({"project": member, "project_label": facts.label(member, lang), **entry})
    return rows


def _host(facts: CircleFacts, projects: list[dict], pins: list[dict], lang: str) -> dict[str, str]:
    pin_count = {p["iri"]: sum(p["iri"] in pin["members"] for pin in pins) for p in projects}
    ranked = sorted(projects, key=lambda p: (-len(p["brings"]), -pin_count[p["iri"]], facts.label(p["iri"], "nl"), p["iri"]))
    best = ranked[0]
    n, k = len(best["brings"]), pin_count[best["iri"]]
    runner = ranked[1] if len(ranked) > 1 else None
    tied_n = runner is not None and len(runner["brings"]) == n
    tied_k = tied_n and pin_count[runner["iri"]] == k
    if n and not tied_n:
        reason = phrase("host_brings", lang, host=best["label"], n=n)
    elif (n or k) and tied_k:
        reason = phrase("host_tie", lang, host=best["label"], n=n, k=k)
    elif n:
        reason = phrase("host_pins", lang, host=best["label"], n=n, k=k)
    elif k:
        reason = phrase("host_pins_only", lang, host=best["label"], k=k)
    else:
        reason = phrase("host_none", lang, host=best["label"])
    return {"iri": best["iri"], "label": best["label"], "reason": reason}


def _shared_struggle(facts: CircleFacts, projects: list[dict], area: frozenset[str]):
    """The first two members (in order) whose attention points in the area share a tag: (tag, (member, point), ...)."""
    seen: dict[str, tuple[dict, dict]] = {}
    for project in projects:
        mine: dict[str, dict] = {}
        for point in project["struggles"]:
            for tag in sorted(facts.attention_point(point["iri"]).tags() & area):
                mine.setdefault(tag, point)
        for tag in sorted(mine):
            if tag in seen:
                return tag, seen[tag], (project, mine[tag])
        for tag, point in mine.items():
            seen.setdefault(tag, (project, point))
    return None


def starters(
    facts: CircleFacts, kind: str, basis_label: str, projects: list[dict], learn: list[dict],
    pins: list[dict], host: dict, lang: str = "nl", limit: int = 3, basis_iri: str = "",
    area: frozenset[str] = frozenset(),
) -> list[str]:
    """Two or three conversation starters, each a template filled with facts of the circle."""
    label = {p["iri"]: p["label"] for p in projects}
    basis = basis_label if kind == "partner" else lower_first(basis_label)
    found = []
    for pair in learn[:1]:
        found.append(phrase("learn", lang, a=label[pair["from"]], b=label[pair["to"]],
                            milestone=quoted(pair["milestone"]["label"]), point=quoted(pair["attention_point"]["label"])))
    shared = _shared_struggle(facts, projects, area)
    if shared:
        tag, (a, point_a), (b, point_b) = shared
        about = basis if tag == basis_iri else lower_first(facts.label(tag, lang))
        found.append(phrase("struggle", lang, names=names([a["label"], b["label"]], lang), basis=about,
                            points=names([f"‘{quoted(point_a['label'])}’", f"‘{quoted(point_b['label'])}’"], lang)))
    hosting = next((p for p in projects if p["iri"] == host["iri"] and p["brings"]), None)
    if hosting and not learn:
        found.append(phrase("brings", lang, a=hosting["label"], milestone=quoted(hosting["brings"][0]["label"])))
    for pin in pins[:1]:
        found.append(phrase("pin", lang, pin=facts.label(pin["iri"], lang),
                            names=names([label[m] for m in pin["members"]], lang)))
    found.append(phrase("basis_two" if len(projects) == 2 else "basis", lang, n=len(projects),
                        verb=verb(kind, lang), basis=basis))
    if len(found) < 2 and len(projects) >= 2:
        found.append(phrase("pair", lang, names=names([p["label"] for p in projects[:2]], lang), basis=basis))
    return found[:limit]


def describe_circle(
    facts: CircleFacts, circle_id: str, kind: str, basis: str, members: Sequence[str],
    pairs: Sequence[Pair], lang: str = "nl",
) -> dict[str, Any]:
    """One circle as JSON-ready data (the ``circles`` items of :func:`.report.circles_report`).

    ``decision`` is left to the caller.
    """
    area = circle_area(facts, kind, basis, members)
    projects = []
    for member in members:
        brings, struggles = _brings_struggles(facts, member, area, lang)
        node = facts.network.nodes.get(member, {})
        line = node.get("line")
        projects.append({
            "iri": member, "label": facts.label(member, lang), "programme_line": line,
            "programme_line_label": node.get("line_label_en" if lang == "en" else "line_label"),
            "brings": brings, "struggles": struggles,
        })
    projects.sort(key=lambda p: (facts.label(p["iri"], "nl"), p["iri"]))  # the same order in every language
    milestones, points = facts.milestone_index, facts.point_index
    learn = [{
        "from": pr.experienced, "to": pr.learner, "about": facts.label(pr.about, lang), "about_iri": pr.about,
        "milestone": _ref(facts, pr.milestone, milestones[pr.milestone].label, milestones[pr.milestone].label_en, lang),
        "attention_point": _ref(facts, pr.attention_point, points[pr.attention_point].label,
                                points[pr.attention_point].label_en, lang),
    } for pr in pairs]
    pins = [{**pin, "label": facts.label(pin["iri"], lang)} for pin in linking_pins(facts, members)]
    host = _host(facts, projects, pins, lang)
    basis_nl, basis_en = facts.label(basis, "nl"), facts.label(basis, "en")
    basis_label = basis_en if lang == "en" else basis_nl
    return {
        "id": circle_id, "iri": CIRCLE_BASE + circle_id,
        "label": circle_label(kind, basis_label, lang),
        "label_nl": circle_label(kind, basis_nl, "nl"), "label_en": circle_label(kind, basis_en, "en"),
        "basis": {"kind": kind, "label": basis_label, "iri": basis},
        "area": sorted(({"iri": a, "label": facts.label(a, lang)} for a in area), key=lambda a: a["iri"]),
        "projects": projects,
        "learn_from": learn,
        "linking": pins,
        "host": host,
        "starters": starters(facts, kind, basis_label, projects, learn, pins, host, lang, basis_iri=basis, area=area),
        "contacts": contacts(facts, [p["iri"] for p in projects], lang),
        "lines": sorted({p["programme_line"] for p in projects if p["programme_line"]}),
    }
