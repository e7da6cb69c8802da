"""Learn-from pairs: who has reached a milestone on what another project reports as an attention point.

Project A *can learn* project B something about a task or problem K when

* A reports a **reached** milestone tagged with K (``rdzl:aboutTask`` K or
  ``rdzl:addressesCategory`` K), and
* B reports an attention point tagged with K (``rdzl:aboutTask`` K or
  ``rdzl:attentionCategory`` K),

with A and B different projects, neither a (transitive) parent of the other.
In a circle both are members (a member stands for itself and its
sub-projects) and K is in the circle's area (:func:`circle_area`).
Programme-wide every pair is listed, at most ``max_sources`` experienced
projects per attention point (those in a shared circle first, then by IRI),
so a programme of thousands of projects stays readable.

Functions return :class:`Pair` records sorted by (learner, experienced
project, about, milestone, attention point): plain data, deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .facts import AttentionPoint, CircleFacts, Milestone


@dataclass(frozen=True, order=True)
class Pair:
    """``learner`` (reports ``attention_point``) can learn from ``experienced`` (reached ``milestone``) about ``about``."""

    learner: str
    experienced: str
    about: str
    milestone: str
    attention_point: str


def descendants(facts: CircleFacts, project: str) -> list[str]:
    """``project`` and all its (transitive) sub-projects, sorted.

    Examples
    --------
    >>> from rdzl_graph.network.graphs import NetworkData
    >>> nodes = {"a": {"kind": "project"}, "b": {"kind": "project", "parent": "a"}, "c": {"kind": "project"}}
    >>> descendants(CircleFacts(NetworkData(nodes, (), {}), {}), "a")
    ['a', 'b']
    """
    return facts.descendants(project)


def related(facts: CircleFacts, a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are the same project or one is a (transitive) parent of the other."""
    return a == b or a in facts.ancestors(b) or b in facts.ancestors(a)


def owners_of(facts: CircleFacts, members: Sequence[str]) -> dict[str, str]:
    """Project -> the member it counts for: each member with its sub-projects (the deepest member wins)."""
    owners: dict[str, str] = {}
    for member in sorted(members, key=lambda m: (-len(facts.ancestors(m)), m)):
        for project in descendants(facts, member):
            owners.setdefault(project, member)
    return owners


def circle_area(facts: CircleFacts, kind: str, basis: str, members: Sequence[str]) -> frozenset[str]:
    """The tasks and problems a circle is about: its basis, or for a theme or partner circle the
    tasks and attention-point categories at least two members hold (with their sub-projects)."""
    if kind in ("task", "problem"):
        return frozenset({basis})
    counts: dict[str, int] = defaultdict(int)
    for member in members:
        held = set()
        for project in descendants(facts, member):
            held |= facts.held("task", project) | facts.held("problem", project)
        for feature in held:
            counts[feature] += 1
    return frozenset(f for f, n in counts.items() if n >= 2)


def _index(items: Iterable[Milestone | AttentionPoint]) -> dict[str, list]:
    index: dict[str, list] = defaultdict(list)
    for item in items:
        for tag in sorted(item.tags()):
            index[tag].append(item)
    return index


def pairs_between(
    facts: CircleFacts, owners: Mapping[str, str], area: Iterable[str] | None = None
) -> list[Pair]:
    """Learn-from pairs among a group: ``owners`` maps each project to the member it counts for.

    Parameters
    ----------
    facts : CircleFacts
    owners : dict
        Project IRI -> member IRI (a member and its sub-projects map to the member).
    area : iterable of str, optional
        Only pairs about these tasks/categories (default: any).

    Returns
    -------
    list of Pair
        ``learner`` and ``experienced`` are members; sorted.
    """
    wanted = None if area is None else set(area)
    reached = _index(m for p in sorted(owners) for m in facts.milestones_of(p) if m.reached)
    points = _index(a for p in sorted(owners) for a in facts.attention_points_of(p))
    found = set()
    for tag in sorted(set(reached) & set(points)):
        if wanted is not None and tag not in wanted:
            continue
        for milestone in reached[tag]:
            for point in points[tag]:
                a, b = owners[milestone.project], owners[point.project]
                if not related(facts, a, b):
                    found.add(Pair(b, a, tag, milestone.iri, point.iri))
    return sorted(found)


def programme_pairs(
    facts: CircleFacts, learners: Iterable[str] | None = None, *,
    max_sources: int = 5, together: Mapping[str, set[str]] | None = None,
) -> list[Pair]:
    """Learn-from pairs across the whole programme (project level, not members).

    Parameters
    ----------
    facts : CircleFacts
    learners : iterable of str, optional
        Only attention points of these projects (default: all).
    max_sources : int
        At most this many experienced projects per attention point and tag (0: all).
    together : dict, optional
        Project -> projects it shares a circle with; those come first.

    Returns
    -------
    list of Pair
    """
    wanted = None if learners is None else set(learners)
    together = together or {}
    by_tag: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for milestone in facts.milestones:
        if milestone.reached:
            for tag in milestone.tags():
                by_tag[tag][milestone.project].append(milestone.iri)
    ordered = {tag: sorted(projects) for tag, projects in by_tag.items()}
    found = []
    for point in facts.attention_points:
        if wanted is not None and point.project not in wanted:
            continue
        for tag in sorted(point.tags()):
            holders = by_tag.get(tag, {})
            first = sorted(p for p in together.get(point.project, ()) if p in holders)
            sources: list[str] = []
            for project in first + ordered.get(tag, []):
                if max_sources and len(sources) >= max_sources:
                    break
                if project not in sources and not related(facts, project, point.project):
                    sources.append(project)
            found += [Pair(point.project, p, tag, m, point.iri) for p in sources for m in holders[p]]
    return sorted(set(found))


def task_experience(facts: CircleFacts, project: str, max_sources: int = 5) -> list[tuple[str, str, str]]:
    """Other projects with a reached milestone about a task of ``project`` (or of its sub-projects).

    Returns
    -------
    list of (task, experienced project, milestone)
        Sorted; at most ``max_sources`` experienced projects per task (0: all).
    """
    own = descendants(facts, project)
    tasks = sorted({t for p in own for t in facts.held("task", p)})
    found = []
    for task in tasks:
        sources: dict[str, list[str]] = defaultdict(list)
        for milestone in facts.milestones:
            if milestone.reached and task in milestone.tasks and not any(
                related(facts, milestone.project, p) for p in own
            ):
                sources[milestone.project].append(milestone.iri)
        for other in sorted(sources)[:max_sources] if max_sources else sorted(sources):
            found += [(task, other, m) for m in sorted(sources[other])]
    return found
