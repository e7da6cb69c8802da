"""Which knowledge-exchange circles to propose: a deterministic, weighted greedy set cover.

The algorithm (documented for the trainee and tested):

1. **Hypergraph.** Every feature (a task, an attention-point category, a theme
   or a partner organisation; see :mod:`.facts`) is a hyperedge: the set of
   projects that hold it. **Sub-projects** count as members in their own right
   only for features their parents do not hold: a sub-project holding a
   feature its parent (or grandparent) also holds is represented by that
   ancestor, so TIM's seven sub-projects do not flood a circle on textiles.
2. **Candidates.** A hyperedge is a candidate circle when it has at least
   ``min_size`` members (a *task* shared by two projects already counts: the
   clearest case for exchange; ``min_task_size``) and spans at least two
   top-level projects. **Hubs**, features held by more than ``hub_share`` of
   the projects, never make a circle. A hyperedge larger than ``max_size`` is
   trimmed to the members sharing most other features with the rest (ties by
   IRI); the others, in the same order, make further candidates of at most
   ``max_size`` on the same basis (ids ``<kind>-<basis>-2``, ``-3``, ...) as
   long as they are big enough, so a large programme can still be covered.
   (None of the real data's features is that large.)
3. **Score.** ``weight[kind] * new * (1 + line_bonus * (lines - 1) +
   family_bonus * (families - 1))``: ``lines`` and ``families`` are the
   programme lines and the groups of the communities partition
   (:func:`rdzl_graph.network.analyse`, the "families") among the members;
   ``new`` counts the top-level projects the circle brings in that are not
   yet in a circle (a top-level project is in a circle when it or one of its
   sub-projects is a member). Default weights: task 4, problem 3, theme 2,
   partner 1.
4. **Cover.** Repeatedly take the best candidate (ties: most *cohesion*, the
   mean number of other features two members share; then kind, size, id)
   that is no near-duplicate (Jaccard of members >= ``duplicate_jaccard``
   with a chosen circle), until every top-level project with a task, theme or
   attention point (its own or a sub-project's) is in a circle, or in no
   candidate at all (then it is listed as uncovered). Lazy evaluation with a
   heap: scores only go down as projects get covered, so this is exact greedy
   on sparse sets, never all pairs.
5. **Exchange.** Then add the remaining task and problem candidates that cross
   programme lines or families, tasks and problems taking turns, each kind
   by its *exchange value* ``weight * (1 + line/family bonus) * (1 +
   cohesion) * (1 + learn-from pairs)``, until there are ``max_circles``
   circles (the cover itself is never cut short).
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .facts import KINDS, CircleFacts
from .learn import circle_area, owners_of, pairs_between
from ..network.graphs import local_name

DEFAULT_WEIGHTS: Mapping[str, float] = {"task": 4.0, "problem": 3.0, "theme": 2.0, "partner": 1.0}
REQUIRED_KINDS = ("task", "theme", "problem")
EXCHANGE_KINDS = ("task", "problem")


@dataclass(frozen=True)
class Candidate:
    """One candidate circle: the projects holding one feature (after collapsing and trimming).

    ``holders`` is the number of members before trimming; ``lines`` and
    ``families`` the number of distinct programme lines and partition groups.
    """

    id: str
    kind: str
    basis: str
    members: tuple[str, ...]
    holders: int
    lines: int
    families: int
    cohesion: float = 0.0

    @property
    def trimmed(self) -> bool:
        """Whether members were left out to keep the circle small."""
        return self.holders > len(self.members)


@dataclass(frozen=True)
class Selection:
    """Result of :func:`select_circles`.

    Attributes
    ----------
    circles : tuple of Candidate
        The chosen circles in the order they were chosen.
    phase : dict
        Circle id -> ``"cover"`` or ``"exchange"`` (step 4 or 5).
    required : tuple of str
        The projects that must be in a circle.
    uncovered : tuple of str
        Required projects in no chosen circle.
    represented_by : dict
        Sub-project in no circle itself -> its top-level project, which is in one.
    hubs : dict
        Kind -> feature IRI -> number of holders, for features left out as hubs.
    parameters : dict
        The parameters used.
    pool : tuple of Candidate
        Every candidate the circles were chosen from (:func:`candidates`, by id).
    """

    circles: tuple[Candidate, ...]
    phase: Mapping[str, str]
    required: tuple[str, ...]
    uncovered: tuple[str, ...]
    represented_by: Mapping[str, str] = field(default_factory=dict)
    hubs: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    parameters: Mapping[str, Any] = field(default_factory=dict)
    pool: tuple[Candidate, ...] = ()


def hyperedges(facts: CircleFacts) -> dict[tuple[str, str], frozenset[str]]:
    """``(kind, feature)`` -> the projects holding it, each sub-project replaced by its highest ancestor holding it too.

    Examples
    --------
    >>> from rdzl_graph.network.graphs import NetworkData
    >>> nodes = {p: {"kind": "project", "label": p, "label_en": p} for p in "abc"}
    >>> nodes["b"]["parent"] = "a"
    >>> facts = CircleFacts(NetworkData(nodes, (), {}), {"theme": {"a": frozenset({"w"}),
    ...     "b": frozenset({"w", "x"}), "c": frozenset({"x"})}})
    >>> {k: sorted(v) for k, v in sorted(hyperedges(facts).items())}
    {('theme', 'w'): ['a'], ('theme', 'x'): ['b', 'c']}
    """
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind in KINDS:
        by_project = facts.features.get(kind, {})
        for project in sorted(by_project):
            for feature in by_project[project]:
                holding = [a for a in facts.ancestors(project) if feature in by_project.get(a, ())]
                edges[(kind, feature)].add(holding[-1] if holding else project)
    return {key: frozenset(members) for key, members in edges.items()}


def required_projects(facts: CircleFacts) -> tuple[str, ...]:
    """The top-level projects that must be in a circle: those that (or whose sub-projects) hold a task, theme or problem.

    A top-level project is in a circle when it or one of its sub-projects is a member.
    """
    return tuple(sorted({facts.top(p) for p in facts.projects
                         if any(facts.held(k, p) for k in REQUIRED_KINDS)}))


def _affinity(members: frozenset[str], basis: str, facts: CircleFacts, hubs: set[str]) -> dict[str, int]:
    """Per member: how many (feature, other member) pairs it shares inside ``members``."""
    counts: Counter[str] = Counter()
    held = {m: {f for k in KINDS for f in facts.held(k, m)} - hubs - {basis} for m in members}
    for feats in held.values():
        counts.update(feats)
    return {m: sum(counts[f] - 1 for f in feats) for m, feats in held.items()}


def cohesion(members: Sequence[str], basis: str, facts: CircleFacts, hubs: set[str] = frozenset()) -> float:
    """Mean number of other features (not hubs, not the basis) two members share: how much more binds them.

    Examples
    --------
    >>> from rdzl_graph.network.graphs import NetworkData
    >>> facts = CircleFacts(NetworkData({}, (), {}), {"theme": {"a": frozenset({"w", "x"}),
    ...     "b": frozenset({"w", "x"}), "c": frozenset({"w"})}})
    >>> cohesion(["a", "b", "c"], "w", facts)
    0.333333
    """
    held = [{f for k in KINDS for f in facts.held(k, m)} - set(hubs) - {basis} for m in members]
    pairs = [(i, j) for i in range(len(held)) for j in range(i + 1, len(held))]
    return round(sum(len(held[i] & held[j]) for i, j in pairs) / len(pairs), 6) if pairs else 0.0


def _slug(kind: str, basis: str, taken: set[str]) -> str:
    base = f"{kind}-{local_name(basis)}"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def candidates(
    facts: CircleFacts,
    families: Mapping[str, int],
    *,
    min_size: int = 3,
    min_task_size: int = 2,
    max_size: int = 8,
    hub_share: float = 0.5,
) -> tuple[list[Candidate], dict[str, dict[str, int]]]:
    """The candidate circles of :func:`select_circles` (steps 1-2) and the hubs left out.

    Returns
    -------
    (list of Candidate, dict)
        Candidates sorted by id; hubs as kind -> feature -> number of holders.
    """
    edges = hyperedges(facts)
    universe = len({p for (_k, _f), ms in edges.items() for p in ms}) or 1
    hubs: dict[str, dict[str, int]] = defaultdict(dict)
    for (kind, feature), members in edges.items():
        if len(members) > hub_share * universe and len(members) > 2:
            hubs[kind][feature] = len(members)
    hub_set = {f for held in hubs.values() for f in held}
    result, taken = [], set()
    for (kind, feature), members in sorted(edges.items(), key=lambda item: (KINDS.index(item[0][0]), item[0][1])):
        smallest = min_task_size if kind == "task" else min_size
        if feature in hub_set or len(members) < smallest or len({facts.top(m) for m in members}) < 2:
            continue
        ranked = sorted(members)
        if len(ranked) > max_size:
            affinity = _affinity(members, feature, facts, hub_set)
            ranked = sorted(members, key=lambda m: (-affinity[m], m))
        for start in range(0, len(ranked), max_size):
            chosen = sorted(ranked[start:start + max_size])
            if start and (len(chosen) < smallest or len({facts.top(m) for m in chosen}) < 2):
                break
            result.append(Candidate(
                id=_slug(kind, feature, taken), kind=kind, basis=feature, members=tuple(chosen),
                holders=len(members), lines=len({facts.line(m) for m in chosen}),
                families=len({families.get(m, -1) for m in chosen}),
                cohesion=cohesion(chosen, feature, facts, hub_set),
            ))
    return sorted(result, key=lambda c: c.id), {k: dict(sorted(v.items())) for k, v in sorted(hubs.items())}


def _multiplier(c: Candidate, line_bonus: float, family_bonus: float) -> float:
    return 1.0 + line_bonus * (c.lines - 1) + family_bonus * (c.families - 1)


def jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    """Jaccard index of two member lists.

    Examples
    --------
    >>> jaccard(["a", "b", "c"], ["b", "c", "d"])
    0.5
    """
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


class _Chosen:
    """The chosen circles with an index member -> circles, for the near-duplicate test."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.circles: list[Candidate] = []
        self.by_member: dict[str, list[int]] = defaultdict(list)

    def near_duplicate(self, c: Candidate) -> bool:
        seen = {i for m in c.members for i in self.by_member.get(m, ())}
        return any(jaccard(c.members, self.circles[i].members) >= self.limit for i in seen)

    def add(self, c: Candidate) -> None:
        for m in c.members:
            self.by_member[m].append(len(self.circles))
        self.circles.append(c)


class _Greedy:
    """Steps 4 and 5 of the algorithm: the lazy greedy cover, then the exchange circles."""

    def __init__(self, facts: CircleFacts, weights: Mapping[str, float], line_bonus: float,
                 family_bonus: float, duplicate_jaccard: float) -> None:
        self.facts, self.weights = facts, weights
        self.line_bonus, self.family_bonus = line_bonus, family_bonus
        self.chosen = _Chosen(duplicate_jaccard)
        self.phase: dict[str, str] = {}

    def score(self, c: Candidate, new: int) -> float:
        return round(self.weights.get(c.kind, 0.0) * new * _multiplier(c, self.line_bonus, self.family_bonus), 9)

    @staticmethod
    def order(c: Candidate, value: float) -> tuple:
        return (-value, -c.cohesion, KINDS.index(c.kind), -len(c.members), c.id)

    def tops(self, c: Candidate) -> set[str]:
        return {self.facts.top(m) for m in c.members}

    def take(self, c: Candidate, phase: str) -> bool:
        if self.chosen.near_duplicate(c):
            return False
        self.chosen.add(c)
        self.phase[c.id] = phase
        return True

    def cover(self, pool: Sequence[Candidate], need: set[str]) -> None:
        """Lazy greedy: a popped entry whose score is still current is the best candidate."""
        covered: set[str] = set()
        heap = [self.order(c, self.score(c, len(need & self.tops(c)))) + (n,) for n, c in enumerate(pool)]
        heapq.heapify(heap)
        while heap:
            entry = heapq.heappop(heap)
            c = pool[entry[-1]]
            current = self.score(c, len((need & self.tops(c)) - covered))
            if current <= 0:
                continue
            if current < -entry[0]:
                heapq.heappush(heap, self.order(c, current) + (entry[-1],))
            elif self.take(c, "cover"):
                covered |= self.tops(c)

    def exchange(self, rest: Sequence[Candidate], max_circles: int) -> None:
        """Tasks and problems take turns, each kind by exchange value, until ``max_circles``."""
        facts = self.facts
        if len(self.chosen.circles) >= max_circles:
            return

        def value(c: Candidate) -> float:
            pairs = pairs_between(facts, owners_of(facts, c.members), circle_area(facts, c.kind, c.basis, c.members))
            return round(self.weights.get(c.kind, 0.0) * _multiplier(c, self.line_bonus, self.family_bonus)
                         * (1 + c.cohesion) * (1 + len(pairs)), 9)

        queues = {kind: sorted((c for c in rest if c.kind == kind), key=lambda c: self.order(c, value(c)))
                  for kind in EXCHANGE_KINDS}
        while len(self.chosen.circles) < max_circles and any(queues.values()):
            for kind in EXCHANGE_KINDS:
                while queues[kind] and len(self.chosen.circles) < max_circles:
                    if self.take(queues[kind].pop(0), "exchange"):
                        break


def select_circles(
    facts: CircleFacts,
    families: Mapping[str, int] | None = None,
    *,
    weights: Mapping[str, float] | None = None,
    line_bonus: float = 0.5,
    family_bonus: float = 0.25,
    min_size: int = 3,
    min_task_size: int = 2,
    max_size: int = 8,
    hub_share: float = 0.5,
    duplicate_jaccard: float = 0.6,
    max_circles: int = 12,
) -> Selection:
    """Choose overlapping knowledge-exchange circles (the algorithm of this module's docstring).

    Parameters
    ----------
    facts : CircleFacts
        Features per project (not modified).
    families : dict, optional
        Project -> group number of the communities partition (the "families").
    weights : dict, optional
        Kind -> weight; defaults to :data:`DEFAULT_WEIGHTS`.
    line_bonus, family_bonus : float
        Score bonus per extra programme line / family among the members.
    min_size, min_task_size, max_size : int
        Smallest circle (task circles: ``min_task_size``), largest circle.
    hub_share : float
        Features held by more than this share of the projects make no circle.
    duplicate_jaccard : float
        A candidate this similar (Jaccard of members) to a chosen circle is skipped.
    max_circles : int
        Step 5 stops at this many circles.

    Returns
    -------
    Selection
    """
    weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
    families = dict(families or {})
    pool, hubs = candidates(facts, families, min_size=min_size, min_task_size=min_task_size,
                            max_size=max_size, hub_share=hub_share)
    required = required_projects(facts)
    greedy = _Greedy(facts, weights, line_bonus, family_bonus, duplicate_jaccard)
    greedy.cover(pool, set(required))
    greedy.exchange([c for c in pool if c.id not in greedy.phase and c.kind in EXCHANGE_KINDS
                     and (c.lines > 1 or c.families > 1)], max_circles)
    chosen, phase = greedy.chosen, greedy.phase
    parameters = {
        "weights": weights, "line_bonus": line_bonus, "family_bonus": family_bonus, "min_size": min_size,
        "min_task_size": min_task_size, "max_size": max_size, "hub_share": hub_share,
        "duplicate_jaccard": duplicate_jaccard, "max_circles": max_circles,
    }
    members = {m for c in chosen.circles for m in c.members}
    in_circles = {facts.top(m) for m in members}
    represented = {p: facts.top(p) for p in facts.projects
                   if p not in members and facts.top(p) != p and facts.top(p) in in_circles}
    return Selection(
        circles=tuple(chosen.circles), phase=phase, required=required,
        uncovered=tuple(p for p in required if p not in in_circles),
        represented_by=dict(sorted(represented.items())), hubs=hubs, parameters=parameters, pool=tuple(pool),
    )
