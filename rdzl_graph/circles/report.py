"""The circles as JSON-ready data: :func:`circles_report` and :func:`learn_from_report`.

Both read the store (never modify it) and return plain, sorted dicts, so
``json.dumps`` of the result is byte-identical whatever ``PYTHONHASHSEED`` is.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..core.errors import InputError
from ..core.query_files import Param
from ..query.named import to_term
from ..network.analysis import Analysis, analyse
from ..network.graphs import load_network_data, local_name
from ..text.safety import shorten
from .describe import CIRCLE_BASE, describe_circle
from .facts import CircleFacts, load_circle_facts
from .learn import Pair, circle_area, descendants, owners_of, pairs_between, programme_pairs, task_experience
from .select import Candidate, Selection, hyperedges, select_circles

PROPOSAL = "voorstel"

ALGORITHM = {
    "nl": [
        "Elk kenmerk (opgave, knelpunt, thema, partner) is een kandidaat-kring: de projecten die het delen; "
        "een deelproject telt alleen apart mee voor kenmerken die zijn hoofdproject niet heeft.",
        "Kenmerken van meer dan de helft van de projecten (hubs) vormen geen kring; kringen van meer dan 8 "
        "houden de leden die het meest met de rest delen (de anderen vormen volgende kringen op dezelfde basis).",
        "Score: gewicht (opgave 4, knelpunt 3, thema 2, partner 1) maal het aantal projecten dat nog in geen "
        "kring zit, met een bonus per extra programmalijn en per extra familie (gemeenschap).",
        "Gretig de beste kring kiezen tot elk project met een opgave, thema of aandachtspunt (zelf of via een "
        "deelproject) in een kring zit; bijna-dubbele kringen (Jaccard >= 0,6) worden overgeslagen.",
        "Daarna om en om opgave- en knelpuntkringen die lijnen of families overbruggen, de meest samenhangende "
        "met de meeste leerkansen eerst, tot 12 kringen.",
    ],
    "en": [
        "Every feature (task, problem, theme, partner) is a candidate circle: the projects sharing it; "
        "a sub-project counts on its own only for features its parent project does not have.",
        "Features of more than half of the projects (hubs) make no circle; circles larger than 8 keep the "
        "members that share most with the rest (the others make further circles on the same basis).",
        "Score: weight (task 4, problem 3, theme 2, partner 1) times the number of projects in no circle yet, "
        "with a bonus per extra programme line and per extra family (community).",
        "Greedily take the best circle until every project with a task, theme or attention point (its own or a "
        "sub-project's) is in a circle; near-duplicates (Jaccard >= 0.6) are skipped.",
        "Then task and problem circles that bridge lines or families, taking turns, the most cohesive with the "
        "most learning opportunities first, up to 12 circles.",
    ],
}


def resolve_project(facts: CircleFacts, text: str) -> str:
    """A project given as IRI, ``project:slug``, slug or exact name -> its IRI.

    Raises
    ------
    InputError
        If no project matches (with the closest slugs as a hint).
    """
    projects = facts.projects
    try:
        iri = to_term(Param("project", "iri", "project"), text).value
    except InputError:
        iri = None
    if iri in projects:
        return iri
    by_label = [p for p in projects if text.casefold() in (facts.label(p).casefold(), facts.label(p, "en").casefold())]
    if len(by_label) == 1:
        return by_label[0]
    slugs = [local_name(p) or p for p in projects]
    close = difflib.get_close_matches(local_name(text) or text, slugs, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; known projects: {', '.join(slugs[:30])}"
    raise InputError("PROJECT", None, f"unknown project '{shorten(text)}'{hint}")


def read_decision_file(path: Path | str | None) -> dict[str, dict[str, Any]]:
    """Circle IRI -> the trainee's decision on it (``decision``, ``adds``, ``removes``), from the decisions TriG.

    ``{}`` when ``path`` is ``None`` or missing; read by
    :func:`rdzl_graph.circles.decisions.read_decisions` (imported only then).
    """
    if path is None or not Path(path).is_file():
        return {}
    from .decisions import read_decisions

    return {CIRCLE_BASE + cid: d for cid, d in read_decisions(path).items()}


def _decided_extra(facts: CircleFacts, pool: list[Candidate], chosen: set[str], decisions: Mapping[str, dict[str, Any]]):
    """Decided circles that are not among the proposals: (id, kind, basis, members) from their basis."""
    by_id = {c.id: c for c in pool}
    edges = {f"{kind}-{local_name(feature)}": (kind, feature, members)
             for (kind, feature), members in sorted(hyperedges(facts).items())}
    for iri, decision in sorted(decisions.items()):
        cid = iri.removeprefix(CIRCLE_BASE)
        if cid in chosen:
            continue
        if cid in by_id:
            c = by_id[cid]
            yield cid, c.kind, c.basis, c.members
        elif cid in edges:
            kind, feature, members = edges[cid]
            yield cid, kind, feature, tuple(sorted(members))


def _pair_json(facts: CircleFacts, pair: Pair, lang: str, circles: Sequence[str] = ()) -> dict[str, Any]:
    milestone, point = facts.milestone(pair.milestone), facts.attention_point(pair.attention_point)
    return {
        "from": pair.experienced, "from_label": facts.label(pair.experienced, lang),
        "to": pair.learner, "to_label": facts.label(pair.learner, lang),
        "about": facts.label(pair.about, lang), "about_iri": pair.about,
        "about_kind": "task" if pair.about in milestone.tasks | point.tasks else "problem",
        "milestone": {"iri": milestone.iri, "label": milestone.label_en if lang == "en" else milestone.label},
        "attention_point": {"iri": point.iri, "label": point.label_en if lang == "en" else point.label},
        "circles": list(circles),
    }


class _Computed:
    """What both languages of a report share: the facts, the selection, the pairs."""

    def __init__(self, store: ox.Store, seed: int, decisions: Path | str | None, options: dict[str, Any],
                 analysis: Analysis | None = None) -> None:
        max_sources = options.pop("max_sources", 5)
        analysis = analysis if analysis is not None else analyse(store, seed=seed)
        self.seed = seed
        self.facts = facts = load_circle_facts(store, analysis.data)
        self.families = len(analysis.partition.communities)
        membership = analysis.partition.membership()
        self.selection = selection = select_circles(facts, membership, **options)
        self.circles = list(_circles(facts, selection, list(selection.pool), read_decision_file(decisions)))
        self.in_circle: dict[Pair, set[str]] = defaultdict(set)
        together: dict[str, set[str]] = defaultdict(set)
        for circle in self.circles:
            groups = {m: descendants(facts, m) for m in circle["members"]}
            for member, own in groups.items():
                others = [p for m, ps in groups.items() if m != member for p in ps]
                for project in own:
                    together[project].update(others)
            for pair in circle["pairs"]:
                self.in_circle[_project_pair(facts, pair)].add(circle["id"])
        self.learning = sorted(set(programme_pairs(facts, max_sources=max_sources, together=together)) | set(self.in_circle))

    def render(self, lang: str) -> dict[str, Any]:
        facts, selection = self.facts, self.selection
        entries = []
        for circle in self.circles:
            entry = describe_circle(facts, circle["id"], circle["kind"], circle["basis"], circle["members"],
                                    circle["pairs"], lang)
            entry.update({k: circle[k] for k in ("decision", "rank", "phase", "holders")})
            entry["size"] = len(entry["projects"])
            entries.append(entry)
        return {
            "circles": entries,
            "learning": [_pair_json(facts, p, lang, sorted(self.in_circle.get(p, ()))) for p in self.learning],
            "uncovered": [{"iri": p, "label": facts.label(p, lang)} for p in selection.uncovered],
            "represented_by": dict(selection.represented_by),
            "algorithm": {
                "name": "weighted greedy set cover", "seed": self.seed, "steps": ALGORITHM[lang],
                "parameters": dict(selection.parameters), "required": len(selection.required),
                "hubs": {k: dict(v) for k, v in selection.hubs.items()}, "families": self.families,
            },
        }


def _circles(facts: CircleFacts, selection: Selection, pool: list[Candidate], decisions: Mapping[str, dict[str, Any]]):
    """Proposed circles in order, then decided circles that are no longer proposed; decisions applied."""
    chosen = {c.id for c in selection.circles}
    proposed = [(c.id, c.kind, c.basis, c.members, c.holders) for c in selection.circles]
    extra = [(cid, kind, basis, members, len(members))
             for cid, kind, basis, members in _decided_extra(facts, pool, chosen, decisions)]
    for rank, (cid, kind, basis, members, holders) in enumerate(proposed + extra, 1):
        decision = decisions.get(CIRCLE_BASE + cid)
        if decision is not None:
            members = tuple(sorted((set(members) | set(decision["adds"])) - set(decision["removes"])))
        yield {
            "id": cid, "kind": kind, "basis": basis, "members": tuple(members), "rank": rank, "holders": holders,
            "decision": decision["decision"] if decision else PROPOSAL,
            "phase": selection.phase.get(cid, "decision"),
            "pairs": pairs_between(facts, owners_of(facts, members), circle_area(facts, kind, basis, members)),
        }


def circles_reports(
    store: ox.Store, seed: int = 0, langs: Sequence[str] = ("nl", "en"),
    decisions: Path | str | None = None, *, analysis: Analysis | None = None, **options: Any,
) -> dict[str, dict[str, Any]]:
    """:func:`circles_report` in several languages at the cost of one (language -> report)."""
    computed = _Computed(store, seed, decisions, dict(options), analysis)
    return {lang: computed.render(lang) for lang in langs}


def circles_report(
    store: ox.Store, seed: int = 0, lang: str = "nl", decisions: Path | str | None = None, *,
    analysis: Analysis | None = None, **options: Any
) -> dict[str, Any]:
    """The knowledge-exchange circles of the built graph, as JSON-ready data.

    Parameters
    ----------
    store : pyoxigraph.Store
        Store with the built graph (read only).
    seed : int
        Seed of the communities partition (the families) the selection prefers to cross.
    lang : {"nl", "en"}
        Language of labels and texts.
    decisions : path, optional
        The decisions TriG (``rdzl-graph circles import``); absent: every circle is ``"voorstel"``.
    analysis : Analysis, optional
        The :func:`rdzl_graph.network.analyse` result of *store* with *seed*, when the caller has
        it already (the site does); computed otherwise. Its partition gives the families.
    **options
        Keyword parameters of :func:`.select.select_circles`, and ``max_sources``
        (experienced projects per attention point in the programme-wide pairs, default 5).

    Returns
    -------
    dict
        ``circles`` (in the order chosen; keys as in issue 12: ``id``, ``iri``,
        ``label``, ``label_en``, ``basis``, ``projects``, ``learn_from``,
        ``linking``, ``host``, ``starters``, ``contacts``, ``lines``,
        ``decision``, and more), ``learning`` (every learn-from pair at project
        level, with the circles it is in), ``uncovered``, ``represented_by``
        and ``algorithm``.

    Examples
    --------
    >>> report = circles_report(open_store("build"))  # doctest: +SKIP
    >>> report["circles"][0]["basis"]["kind"]  # doctest: +SKIP
    'task'
    """
    return circles_reports(store, seed, (lang,), decisions, analysis=analysis, **options)[lang]


def _project_pair(facts: CircleFacts, pair: Pair) -> Pair:
    """A circle pair (between members) as the pair between the projects that report the facts."""
    milestone, point = facts.milestone(pair.milestone), facts.attention_point(pair.attention_point)
    return Pair(point.project, milestone.project, pair.about, pair.milestone, pair.attention_point)


def learn_from_report(store: ox.Store, project: str, lang: str = "nl") -> dict[str, Any]:
    """Which projects have experience with the attention points and tasks of ``project``.

    Parameters
    ----------
    store : pyoxigraph.Store
    project : str
        IRI, ``project:slug``, slug or exact name; its sub-projects count with it.
    lang : {"nl", "en"}

    Returns
    -------
    dict
        ``project``, ``label``, ``learn_from`` (pairs: ``from``, ``to``,
        ``about``, ``about_iri``, ``milestone``, ``attention_point``) and
        ``tasks`` (``task``, ``task_label``, ``from``, ``from_label``,
        ``milestone``): every experienced project, not only the first few.

    Raises
    ------
    InputError
        If no project is ``project`` (:func:`resolve_project`: the closest slugs are named).

    Examples
    --------
    >>> learn_from_report(open_store("build"), "vallisveld")["label"]  # doctest: +SKIP
    'Vallisveld'
    """
    facts = load_circle_facts(store, load_network_data(store))
    iri = resolve_project(facts, project)
    own = descendants(facts, iri)
    pairs = programme_pairs(facts, own, max_sources=0)
    milestones = facts.milestone_index
    tasks = [{
        "task": task, "task_label": facts.label(task, lang), "from": other, "from_label": facts.label(other, lang),
        "milestone": {"iri": m, "label": milestones[m].label_en if lang == "en" else milestones[m].label},
    } for task, other, m in task_experience(facts, iri, max_sources=0)]
    return {
        "project": iri, "label": facts.label(iri, lang),
        "learn_from": [_pair_json(facts, p, lang) for p in pairs],
        "tasks": tasks,
    }
