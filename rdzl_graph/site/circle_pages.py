"""What the site shows of the knowledge-exchange circles, as plain data for the templates.

The circles themselves come from :func:`rdzl_graph.circles.circles_report`
(a plain dict); this module only links them to the site's project and
organisation pages, groups them by decision (accepted apart from proposals)
and gathers per project its circles and its learn-from pairs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .content import slug

#: Groups of circles on the overview, in this order (by the circle's ``decision``).
ACCEPTED, PROPOSED, REJECTED = "accepted", "proposed", "rejected"
_GROUP = {"aanvaard": ACCEPTED, "afgewezen": REJECTED}


def load_circles(store: ox.Store, seed: int, lang: str, decisions: Path | str | None,
                 analysis: Any = None) -> dict[str, Any]:
    """The circles report of the built graph (see :func:`rdzl_graph.circles.circles_report`; *analysis*: the site's)."""
    from ..circles import circles_report  # imported when a site is built

    return circles_report(store, seed=seed, lang=lang, decisions=decisions, analysis=analysis)


def _project_ref(iri: str | None, projects: dict[str, dict[str, Any]], fallback: str = "") -> dict[str, Any]:
    p = projects.get(iri or "")
    return {"iri": iri, "label": p["label"] if p else (fallback or iri or ""), "slug": p["slug"] if p else None}


def _labelled(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get("label") or item.get("iri") or "")
    return str(item or "")


def _learn_row(pair: dict[str, Any], projects: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {"experienced": _project_ref(pair.get("from"), projects), "learner": _project_ref(pair.get("to"), projects),
            "about": str(pair.get("about") or ""), "about_iri": pair.get("about_iri"),
            "milestone": _labelled(pair.get("milestone")), "attention_point": _labelled(pair.get("attention_point"))}


def grouped_pairs(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Learn-from rows with the same learner, experienced project and subject as one, in first-seen order.

    Each keeps the distinct ``milestones`` and ``attention_points`` (labels) behind it.

    Examples
    --------
    >>> a, b = {"iri": "a"}, {"iri": "b"}
    >>> rows = [{"experienced": a, "learner": b, "about": "x", "about_iri": "x", "milestone": m,
    ...          "attention_point": "p"} for m in ("m1", "m2")]
    >>> [(g["milestones"], g["attention_points"]) for g in grouped_pairs(rows)]
    [(['m1', 'm2'], ['p'])]
    """
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = (row["learner"]["iri"], row["experienced"]["iri"], row["about_iri"] or row["about"])
        group = groups.setdefault(key, {**row, "milestones": [], "attention_points": []})
        for field, label in (("milestones", row["milestone"]), ("attention_points", row["attention_point"])):
            if label and label not in group[field]:
                group[field].append(label)
    return list(groups.values())


def decided_on(decisions: Path | str | None) -> dict[str, dict[str, Any]]:
    """The trainee's decisions per circle id (:func:`rdzl_graph.circles.decisions.read_decisions`), or ``{}``."""
    if decisions is None:
        return {}
    from ..circles.decisions import read_decisions

    return read_decisions(decisions)


def _decision_info(record: dict[str, Any] | None) -> dict[str, Any] | None:
    if not record:
        return None
    return {"note": record.get("note") or "", "date": str(record.get("time") or "")[:10],
            "creator": record.get("creator") or "", "file": record.get("file") or ""}


def _member(p: dict[str, Any], projects: dict[str, dict[str, Any]], host: str | None) -> dict[str, Any]:
    return {**_project_ref(p.get("iri"), projects, str(p.get("label") or "")),
            "line": str(p.get("programme_line_label") or ""),
            "brings": [_labelled(x) for x in p.get("brings", [])],
            "struggles": [_labelled(x) for x in p.get("struggles", [])],
            "host": bool(host) and p.get("iri") == host, "added": bool(p.get("added"))}


def _basis(basis: dict[str, Any]) -> dict[str, str]:
    """Kind and label of a circle's basis; ``in_sentence`` starts lower-case except for a partner's name."""
    kind, label = str(basis.get("kind") or ""), _labelled(basis)
    in_sentence = label if kind == "partner" or label[1:2].isupper() else label[:1].lower() + label[1:]
    return {"kind": kind, "label": label, "in_sentence": in_sentence}


def circle_view(circle: dict[str, Any], content: dict[str, Any], lang: str,
                decided: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """One circle of the report, with links to the site's pages.

    Parameters
    ----------
    circle : dict
        One entry of ``circles_report(...)["circles"]`` (not modified).
    content : dict
        :func:`rdzl_graph.site.content.collect_content`.
    lang : str
        Language of the pages (``label_en`` is used for ``"en"`` when present).
    decided : dict, optional
        :func:`decided_on`: marks added members, names removed ones and says
        who decided when (the report already applied the changes).

    Returns
    -------
    dict
        ``id``, ``slug`` (file name), ``label``, ``basis`` (``kind``, ``label``),
        ``group`` (:data:`ACCEPTED` | :data:`PROPOSED` | :data:`REJECTED`),
        ``decision``, ``members``, ``learn_from``, ``linking``, ``host``,
        ``starters``, ``contacts``, ``lines`` (labels), ``removed`` and
        ``decided`` (note, date, creator, file; ``None`` for a proposal).
    """
    projects, orgs = content["projects"], content["organisations"]
    lines = {line["iri"]: line["label"] for line in content["lines"]}
    host = circle.get("host") or {}
    decision = str(circle.get("decision") or "voorstel")
    label = circle.get("label_en") if lang == "en" and circle.get("label_en") else circle.get("label")
    linking = [{"label": _labelled(item), "kind": item.get("kind", ""),
                "slug": orgs[item["iri"]]["slug"] if item.get("iri") in orgs else None,
                "members": [_project_ref(m, projects) for m in item.get("members", [])]}
               for item in circle.get("linking", [])]
    contacts = [{"project": _project_ref(c.get("project"), projects, str(c.get("project") or "")),
                 "organisation": _labelled(c.get("organisation")), "person": _labelled(c.get("person")),
                 "function": _labelled(c.get("function"))} for c in circle.get("contacts", [])]
    record = (decided or {}).get(str(circle["id"]))
    added = set(record["adds"]) if record else set()
    member_lines = [line for line in dict.fromkeys(str(p.get("programme_line_label") or "")
                                                   for p in circle.get("projects", [])) if line]
    return {
        "id": str(circle["id"]), "slug": slug(circle.get("iri") or str(circle["id"])), "label": str(label or circle["id"]),
        "basis": _basis(circle.get("basis") or {}),
        "decision": decision, "group": _GROUP.get(decision, PROPOSED),
        "members": [{**m, "added": m["added"] or m["iri"] in added}
                    for m in (_member(p, projects, host.get("iri")) for p in circle.get("projects", []))],
        "removed": [_project_ref(iri, projects) for iri in circle.get("removed", record["removes"] if record else [])],
        "decided": _decision_info(record),
        "learn_from": [_learn_row(pair, projects) for pair in circle.get("learn_from", [])],
        "learn_groups": grouped_pairs([_learn_row(pair, projects) for pair in circle.get("learn_from", [])]),
        "linking": linking,
        "host": {**_project_ref(host.get("iri"), projects, str(host.get("label") or "")),
                 "reason": str(host.get("reason") or "")} if host else None,
        "starters": [str(s) for s in circle.get("starters", [])],
        "contacts": contacts,
        "lines": [lines.get(iri, "") for iri in circle.get("lines", []) if lines.get(iri)] or member_lines,
    }


def circle_views(report: dict[str, Any], content: dict[str, Any], lang: str,
                 decided: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Every circle of *report* as :func:`circle_view`, in the report's order."""
    return [circle_view(c, content, lang, decided) for c in report.get("circles", [])]


def grouped(views: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The circles per overview group: accepted, proposed (proposals and open ones), rejected."""
    groups: dict[str, list[dict[str, Any]]] = {ACCEPTED: [], PROPOSED: [], REJECTED: []}
    for view in views:
        groups[view["group"]].append(view)
    return groups


def learning_rows(report: dict[str, Any], content: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The report's programme-wide learn-from pairs (``learning``) linked to the site's pages, if it has them."""
    if "learning" not in report:
        return None
    return [_learn_row(pair, content["projects"]) for pair in report["learning"]]


def per_project(views: list[dict[str, Any]], learning: list[dict[str, Any]] | None = None
                ) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Per project IRI: its ``circles`` (not rejected ones), and its learn-from pairs ``as_learner``
    and ``as_experienced`` (each pair once, however many circles show it).

    The pairs are *learning* (programme-wide, :func:`learning_rows`) when
    given, else those of the circles.

    Examples
    --------
    >>> view = {"id": "c", "group": "proposed", "members": [{"iri": "a"}, {"iri": "b"}],
    ...         "learn_from": [{"experienced": {"iri": "a"}, "learner": {"iri": "b"}, "about": "x",
    ...                         "about_iri": "x", "milestone": "m", "attention_point": "p"}]}
    >>> index = per_project([view, dict(view, id="d")])
    >>> [c["id"] for c in index["b"]["circles"]], len(index["b"]["as_learner"]), len(index["a"]["as_experienced"])
    (['c', 'd'], 1, 1)
    """
    index: dict[str, dict[str, list[dict[str, Any]]]] = {}

    def entry(iri: str) -> dict[str, list[dict[str, Any]]]:
        return index.setdefault(iri, {"circles": [], "as_learner": [], "as_experienced": []})

    for view in views:
        if view["group"] == REJECTED:
            continue
        for member in view["members"]:
            if member["iri"]:
                entry(member["iri"])["circles"].append(view)
    pairs = learning if learning is not None else [
        pair for view in views if view["group"] != REJECTED for pair in view["learn_from"]]
    seen: set[tuple[Any, ...]] = set()
    for pair in pairs:
        key = (pair["experienced"]["iri"], pair["learner"]["iri"], pair["about_iri"] or pair["about"],
               pair["milestone"], pair["attention_point"])
        if key in seen:
            continue
        seen.add(key)
        entry(pair["learner"]["iri"])["as_learner"].append(pair)
        entry(pair["experienced"]["iri"])["as_experienced"].append(pair)
    return index
