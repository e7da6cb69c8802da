"""The facts the knowledge-exchange circles are made of, read from the store as plain data.

Per project: its **features** of four kinds (:data:`KINDS`):

``task``
    the tasks (opgaven) it works on (``rdzl:hasTask``);
``problem``
    the categories of its own attention points (``rdzl:attentionCategory``);
``theme``
    its themes (``rdzl:theme``);
``partner``
    the organisations taking part in it or in one of its sub-projects
    (``rdzl:involvesOrganisation``).

Besides the features: every **milestone** (label, state, the tasks it is
``rdzl:aboutTask`` and the categories it ``rdzl:addressesCategory``) and every
**attention point** (label, categories, tasks), each with the project that
reports it. Names, programme lines, parents and quoted persons come from the
network analysis (:class:`rdzl_graph.network.graphs.NetworkData`), which reads
them once for both.

The SPARQL lives beside this module (``queries/*.rq``); it spells the derived
shortcuts out (and rolls partners up to parent projects in Python), so it also
answers on asserted data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..core.resources import query_text
from ..core.sparql import query
from ..network.graphs import NetworkData, local_name

#: Feature kinds, strongest first (the order of the default weights).
KINDS = ("task", "problem", "theme", "partner")
REACHED = "https://w3id.org/rdzl-graph/id/milestone-state/behaald"
QUERY_DIR = Path(__file__).resolve().parent / "queries"


def circle_query(name: str) -> str:
    """Return the text of one of the circles' own queries (``queries/<name>.rq`` beside this module).

    Examples
    --------
    >>> "rdzl:aboutTask" in circle_query("milestones")
    True
    """
    return query_text(name, QUERY_DIR)


@dataclass(frozen=True)
class Milestone:
    """One milestone: ``project`` reports it; ``tasks`` / ``categories`` are its tags."""

    iri: str
    project: str
    label: str
    label_en: str
    state: str | None
    tasks: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()

    @property
    def reached(self) -> bool:
        """Whether the report gives the milestone as reached (``mstate:behaald``)."""
        return self.state == REACHED

    def tags(self) -> frozenset[str]:
        """Tasks and categories together."""
        return self.tasks | self.categories


@dataclass(frozen=True)
class AttentionPoint:
    """One attention point: ``project`` reports it; ``categories`` / ``tasks`` are its tags."""

    iri: str
    project: str
    label: str
    label_en: str
    categories: frozenset[str] = frozenset()
    tasks: frozenset[str] = frozenset()

    def tags(self) -> frozenset[str]:
        """Categories and tasks together."""
        return self.categories | self.tasks


@dataclass(frozen=True)
class CircleFacts:
    """Everything the circles need, as plain Python data (nothing refers back to the store).

    Attributes
    ----------
    network : NetworkData
        Names, programme lines, parents, persons and quotes.
    features : dict
        Kind (:data:`KINDS`) -> project IRI -> frozenset of feature IRIs.
    milestones, attention_points : tuple
        :class:`Milestone` and :class:`AttentionPoint`, sorted by IRI.
    labels : dict
        Feature, task or category IRI -> ``(label_nl, label_en)``.
    """

    network: NetworkData
    features: Mapping[str, Mapping[str, frozenset[str]]]
    milestones: tuple[Milestone, ...] = ()
    attention_points: tuple[AttentionPoint, ...] = ()
    labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def projects(self) -> list[str]:
        """Project IRIs, sorted."""
        return self.network.projects

    def label(self, iri: str, lang: str = "nl") -> str:
        """Name of a project, organisation, person or feature in ``lang``."""
        pair = self.labels.get(iri)
        if pair is not None and iri not in self.network.nodes:
            return pair[1] if lang == "en" else pair[0]
        return self.network.label(iri, lang)

    def parent(self, project: str) -> str | None:
        """The direct parent project, if ``project`` is a sub-project."""
        return self.network.nodes.get(project, {}).get("parent")

    def ancestors(self, project: str) -> list[str]:
        """Parent, grandparent, ... of ``project`` (nearest first)."""
        return self.network.ancestors(project) if project in self.network.nodes else []

    def top(self, project: str) -> str:
        """The top-level project ``project`` belongs to (itself if it has no parent)."""
        chain = self.ancestors(project)
        return chain[-1] if chain else project

    def line(self, project: str) -> str | None:
        """Programme line IRI of a project."""
        return self.network.nodes.get(project, {}).get("line")

    @cached_property
    def milestone_index(self) -> dict[str, Milestone]:
        """Milestone IRI -> :class:`Milestone` (built once)."""
        return {m.iri: m for m in self.milestones}

    @cached_property
    def point_index(self) -> dict[str, AttentionPoint]:
        """Attention-point IRI -> :class:`AttentionPoint` (built once)."""
        return {a.iri: a for a in self.attention_points}

    @cached_property
    def _by_project(self) -> tuple[dict[str, list[Milestone]], dict[str, list[AttentionPoint]]]:
        milestones: dict[str, list[Milestone]] = defaultdict(list)
        points: dict[str, list[AttentionPoint]] = defaultdict(list)
        for m in self.milestones:
            milestones[m.project].append(m)
        for a in self.attention_points:
            points[a.project].append(a)
        return milestones, points

    @cached_property
    def _actors(self) -> tuple[dict[str, list[str]], dict[str, list[tuple[str, str | None]]]]:
        quoted: dict[str, list[str]] = defaultdict(list)
        for person, project in self.network.quotes:
            quoted[project].append(person)
        taking_part: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        for project, org, role in self.network.participations:
            taking_part[project].append((org, role))
        return quoted, taking_part

    def quoted_in(self, project: str) -> list[str]:
        """The persons quoted with ``project`` itself."""
        return self._actors[0].get(project, [])

    def participations_of(self, project: str) -> list[tuple[str, str | None]]:
        """``(organisation, role)`` of every direct participation in ``project``."""
        return self._actors[1].get(project, [])

    def milestones_of(self, project: str) -> list[Milestone]:
        """The milestones ``project`` itself reports, by IRI."""
        return self._by_project[0].get(project, [])

    def attention_points_of(self, project: str) -> list[AttentionPoint]:
        """The attention points ``project`` itself reports, by IRI."""
        return self._by_project[1].get(project, [])

    def milestone(self, iri: str) -> Milestone:
        """The milestone with this IRI."""
        return self.milestone_index[iri]

    def attention_point(self, iri: str) -> AttentionPoint:
        """The attention point with this IRI."""
        return self.point_index[iri]

    @cached_property
    def _children(self) -> dict[str, list[str]]:
        children: dict[str, list[str]] = defaultdict(list)
        for project in self.projects:
            parent = self.parent(project)
            if parent:
                children[parent].append(project)
        return children

    def descendants(self, project: str) -> list[str]:
        """``project`` and all its (transitive) sub-projects, sorted."""
        found, todo = {project}, [project]
        while todo:
            for child in self._children.get(todo.pop(), ()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return sorted(found)

    def held(self, kind: str, project: str) -> frozenset[str]:
        """The features of one kind a project holds."""
        return self.features.get(kind, {}).get(project, frozenset())


def _pair(row: Mapping[str, Any], iri: str) -> tuple[str, str]:
    nl = row.get("labelNl") or local_name(iri) or iri
    return str(nl), str(row.get("labelEn") or nl)


def _features(store: ox.Store, network: NetworkData) -> tuple[dict[str, dict[str, frozenset[str]]], dict[str, tuple[str, str]]]:
    found: dict[str, dict[str, set[str]]] = {kind: defaultdict(set) for kind in KINDS}
    for row in query(store, circle_query("features")):
        found[row["kind"]][row["project"]].add(row["feature"])
    direct = {p: frozenset(orgs) for p, orgs in found["partner"].items()}
    for project in list(direct):  # as rdzl:involvesOrganisation: a sub-project's partners are its parents' too
        for ancestor in network.ancestors(project) if project in network.nodes else []:
            found["partner"][ancestor] |= direct[project]
    labels = {row["feature"]: _pair(row, row["feature"]) for row in query(store, circle_query("feature-labels"))}
    return {k: {p: frozenset(v) for p, v in sorted(d.items())} for k, d in found.items()}, labels


def _tagged(store: ox.Store, name: str, subject: str) -> dict[str, dict[str, Any]]:
    items: dict[str, dict[str, Any]] = {}
    for row in query(store, circle_query(name)):
        item = items.setdefault(row[subject], {
            "iri": row[subject], "project": row["project"], "state": row.get("state"),
            "label": _pair(row, row[subject]), "task": set(), "problem": set(),
        })
        if row.get("tag"):
            item[row["tagKind"]].add(row["tag"])
    return items


def load_circle_facts(store: ox.Store, network: NetworkData) -> CircleFacts:
    """Read the features, milestones and attention points of every project (never modifies the store).

    Parameters
    ----------
    store : pyoxigraph.Store
        Store with the built graph (asserted data is enough).
    network : NetworkData
        Names, lines and parents, as :func:`rdzl_graph.network.load_network_data` reads them.

    Returns
    -------
    CircleFacts

    Examples
    --------
    >>> store = ox.Store()
    >>> store.load(b'''@prefix rdzl: <https://w3id.org/rdzl-graph/ont#> .
    ... <urn:p> a rdzl:Project ; rdzl:theme <urn:water> ; rdzl:hasMilestone <urn:m> .
    ... <urn:m> rdzl:milestoneState <https://w3id.org/rdzl-graph/id/milestone-state/behaald> ;
    ...     rdzl:aboutTask <urn:t> .''', format=ox.RdfFormat.TURTLE)
    >>> facts = load_circle_facts(store, NetworkData(nodes={}, participations=(), features={}))
    >>> facts.features["theme"]["urn:p"], facts.milestones[0].reached, sorted(facts.milestones[0].tasks)
    (frozenset({'urn:water'}), True, ['urn:t'])
    """
    features, labels = _features(store, network)
    milestones = tuple(
        Milestone(m["iri"], m["project"], m["label"][0], m["label"][1], m["state"],
                  frozenset(m["task"]), frozenset(m["problem"]))
        for _iri, m in sorted(_tagged(store, "milestones", "milestone").items())
    )
    points = tuple(
        AttentionPoint(a["iri"], a["project"], a["label"][0], a["label"][1],
                       frozenset(a["problem"]), frozenset(a["task"]))
        for _iri, a in sorted(_tagged(store, "attention-points", "point").items())
    )
    return CircleFacts(network, features, milestones, points, labels)
