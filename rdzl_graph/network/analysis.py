"""The whole network analysis of the built graph: overlaps, communities, brokers.

Sub-projects take part as projects of their own (24 projects). A project and
its own (transitive) parent project are never compared: the parent's themes
and places summarise its sub-projects, so their overlap would be trivial.
Two sub-projects of the same parent are compared; their reasons say so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pyoxigraph as ox

from ..core.errors import InputError
from ..text.reasons import binding_reasons, community_rationale, hub_reason, overlap_reason_count, overlap_reasons
from ..text.safety import shorten
from .centrality import broker_ranking
from .communities import (
    DEFAULT_REFERENCE_LIMIT,
    DEFAULT_RUNS,
    Partition,
    binding_features,
    consensus_communities,
    place_parents,
    linking_actors_of,
    overlap_graph,
)
from .graphs import NetworkData, actor_graph, load_network_data
from .overlap import DEFAULT_HUB_CAP, overlap_table
from .records import Overlap, overlap_records

PROJECT_BASE = "https://w3id.org/rdzl-graph/id/project/"


@dataclass(frozen=True)
class Community:
    """A proposed knowledge-exchange community.

    Attributes
    ----------
    index : int
        1-based number (largest community first).
    projects : tuple of str
        Member project IRIs.
    binding : dict
        Component -> feature IRIs shared by at least two members.
    linking_organisations, linking_persons : tuple of str
        Suggested connectors (IRIs).
    mean_overlap : float
        Mean overlap score of the member pairs that overlap.
    """

    index: int
    projects: tuple[str, ...]
    binding: Mapping[str, tuple[str, ...]]
    linking_organisations: tuple[str, ...]
    linking_persons: tuple[str, ...]
    mean_overlap: float


@dataclass(frozen=True)
class Analysis:
    """Result of :func:`analyse` (plain data; see :meth:`to_json`).

    ``hubs`` (component -> feature -> number of projects) lists the features,
    and for ``text`` the description words, held by more than ``hub_cap``
    projects: they did not create overlaps by themselves (see
    :mod:`rdzl_graph.network.overlap`). Empty on the real data.
    """

    data: NetworkData
    seed: int
    weights: Mapping[str, float]
    overlaps: tuple[Overlap, ...]
    partition: Partition
    communities: tuple[Community, ...]
    brokers: tuple[Mapping[str, Any], ...]
    hubs: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    hub_cap: int = DEFAULT_HUB_CAP

    def label(self, iri: str, lang: str = "nl") -> str:
        """Label of any node in ``lang``."""
        return self.data.label(iri, lang)

    def sibling_parent(self, overlap: Overlap) -> str | None:
        """The shared direct parent when both projects are sub-projects of one project."""
        pa = self.data.nodes[overlap.a].get("parent")
        return pa if pa and pa == self.data.nodes[overlap.b].get("parent") else None

    def reasons(self, overlap: Overlap, lang: str = "nl") -> list[str]:
        """Plain-language reasons of one overlap."""
        return overlap_reasons(overlap.shared, overlap.components, self.label, lang, self.sibling_parent(overlap))

    def reason_count(self, overlap: Overlap) -> int:
        """How many reasons :meth:`reasons` gives for one overlap (in either language), without phrasing them."""
        return overlap_reason_count(overlap.shared, overlap.components, self.sibling_parent(overlap))

    @cached_property
    def _overlaps_by_project(self) -> dict[str, list[Overlap]]:
        index: dict[str, list[Overlap]] = {}
        for overlap in self.overlaps:
            index.setdefault(overlap.a, []).append(overlap)
            index.setdefault(overlap.b, []).append(overlap)
        return index

    def overlaps_of(self, project: str) -> list[Overlap]:
        """Overlaps involving ``project``, strongest first (indexed once per analysis)."""
        return list(self._overlaps_by_project.get(project, ()))

    def pruned_features(self, lang: str = "nl") -> list[dict[str, Any]]:
        """The hub features that created no overlaps by themselves, with a plain-language reason.

        Each item: ``component``, ``feature`` (IRI, or the word for ``text``),
        ``label``, ``projects`` (how many hold it), ``reason`` in ``lang``.
        Most widely held first.
        """
        items = []
        for component, held in self.hubs.items():
            for feature, count in held.items():
                label = feature if component == "text" else self.label(feature, lang)
                items.append({
                    "component": component, "feature": feature, "label": label, "projects": count,
                    "reason": hub_reason(component, label, count, self.hub_cap, lang),
                })
        return sorted(items, key=lambda item: (-item["projects"], item["component"], item["feature"]))

    def overlap_json(self, overlap: Overlap, project: str | None = None, lang: str = "nl") -> dict[str, Any]:
        """One overlap as JSON-ready data (``project`` first if given), labels and reasons in ``lang``."""
        a, b = (project, overlap.other(project)) if project else (overlap.a, overlap.b)
        return {
            "a": a, "b": b,
            "a_label": self.label(a, lang), "b_label": self.label(b, lang),
            "score": overlap.score,
            "components": dict(overlap.components),
            "shared": {k: list(v) for k, v in overlap.shared.items() if v},
            "reasons": self.reasons(overlap, lang),
            "sibling_of": self.sibling_parent(overlap),
        }

    def community_json(self, community: Community, lang: str = "nl") -> dict[str, Any]:
        """One community as JSON-ready data with labels in ``lang``."""
        label = self.label
        return {
            "id": f"community-{community.index}",
            "projects": [label(p, lang) for p in community.projects],
            "project_iris": list(community.projects),
            "reasons": binding_reasons(community.binding, label, lang),
            "rationale": community_rationale(
                len(community.projects), community.binding,
                list(community.linking_organisations) + list(community.linking_persons), label, lang,
            ),
            "linking": {
                "organisations": [label(o, lang) for o in community.linking_organisations],
                "persons": [label(p, lang) for p in community.linking_persons],
                "organisation_iris": list(community.linking_organisations),
                "person_iris": list(community.linking_persons),
            },
            "binding": {k: [label(f, lang) for f in v] for k, v in community.binding.items()},
            "mean_overlap": community.mean_overlap,
        }

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        """The full analysis as JSON-ready data."""
        return {
            "seed": self.seed,
            "weights": dict(self.weights),
            "modularity": self.partition.modularity,
            "stability": self.partition.stability,
            "communities": [self.community_json(c, lang) for c in self.communities],
            "overlaps": [self.overlap_json(o, lang=lang) for o in self.overlaps],
            "centrality": [dict(r) for r in self.brokers],
            "pruned_features": self.pruned_features(lang),
        }

    def resolve_project(self, text: str) -> str:
        """Resolve a project given as IRI, ``project:slug``, slug or exact label.

        Raises
        ------
        InputError
            If no project matches.
        """
        projects = self.data.projects
        candidates = [text, PROJECT_BASE + text.removeprefix("project:")]
        for candidate in candidates:
            if candidate in projects:
                return candidate
        by_label = [p for p in projects if text.casefold() in (self.label(p).casefold(), self.label(p, "en").casefold())]
        if len(by_label) == 1:
            return by_label[0]
        slugs = ", ".join(p.removeprefix(PROJECT_BASE) for p in projects)
        raise InputError("PROJECT", None, f"unknown project '{shorten(text)}'; known projects: {slugs}")


def overlap_features(data: NetworkData) -> dict[str, Mapping[str, frozenset[str]]]:
    """The set components of the overlap, keyed as :data:`~.overlap.SET_COMPONENTS`."""
    return {
        "partners": data.partners(),
        "themes": data.features.get("theme", {}),
        "problems": data.features.get("risk", {}),
        "municipalities": data.features.get("municipality", {}),
        "places": data.features.get("place", {}),
    }


def _describe(
    partition: Partition, data: NetworkData, features, overlaps: Sequence[Overlap], brokers
) -> tuple[Community, ...]:
    """One :class:`Community` per group of ``partition``; linear in overlaps, quotes and members."""
    groups = partition.communities
    membership = partition.membership()
    inside: dict[int, list[float]] = {}
    for overlap in overlaps:  # in score order, so each mean sums as it always did
        group = membership.get(overlap.a)
        if group is not None and group == membership.get(overlap.b):
            inside.setdefault(group, []).append(overlap.score)
    orgs = [r for r in brokers if r["kind"] == "organisation"]
    linking = linking_actors_of(groups, features["partners"], orgs)
    persons = {r["node"] for r in brokers if r["kind"] == "person"}
    quoted: dict[str, set[str]] = {p: set() for p in persons}
    quoted_in: dict[str, set[str]] = {}
    for person, project in data.quotes:
        if person in persons:
            quoted[person].add(project)
            quoted_in.setdefault(project, set()).add(person)
    employees: dict[str, set[str]] = {}
    for person in persons:
        employees.setdefault(data.nodes[person].get("affiliation"), set()).add(person)
    communities = []
    for n, members in enumerate(groups):
        wanted = set(members)
        candidates = set().union(*(quoted_in.get(m, ()) for m in wanted), *(employees.get(o, ()) for o in linking[n]))
        ranked = sorted((-len(quoted[p] & wanted), p) for p in candidates)
        scores = inside.get(n, [])
        communities.append(Community(
            index=n + 1,
            projects=members,
            binding={k: tuple(v) for k, v in binding_features(members, features).items()},
            linking_organisations=tuple(linking[n]),
            linking_persons=tuple(p for _n, p in ranked[:3]),
            mean_overlap=round(sum(scores) / len(scores), 6) if scores else 0.0,
        ))
    return tuple(communities)


def analyse_data(
    data: NetworkData,
    seed: int = 0,
    *,
    weights: Mapping[str, float] | None = None,
    runs: int = DEFAULT_RUNS,
    resolution: float = 1.0,
    hub_cap: int = DEFAULT_HUB_CAP,
    reference_limit: int = DEFAULT_REFERENCE_LIMIT,
) -> Analysis:
    """Run the analysis on already loaded :class:`NetworkData` (see :func:`analyse`)."""
    projects = data.projects
    features = overlap_features(data)
    texts = {p: data.nodes[p].get("description", "") for p in projects}
    table = overlap_table(projects, features, texts, weights=weights, exclude=data.family_pairs(), hub_cap=hub_cap)
    overlaps = tuple(overlap_records(table, features))
    graph = overlap_graph(projects, overlaps)
    partition = consensus_communities(
        graph, seed=seed, runs=runs, resolution=resolution, reference_limit=reference_limit
    )
    parent_of = {p: data.nodes[p]["parent"] for p in projects if data.nodes[p].get("parent")}
    partition = place_parents(partition, graph, parent_of)
    brokers = broker_ranking(actor_graph(data), seed=seed)
    membership = partition.membership()
    for row in brokers:
        row["communities"] = len({membership[p] for p in row["projects"] if p in membership})
    communities = _describe(partition, data, features, overlaps, brokers)
    return Analysis(
        data, seed, dict(table.weights), overlaps, partition, communities, tuple(brokers),
        hubs=table.hubs, hub_cap=hub_cap,
    )


def analyse(store: ox.Store, seed: int = 0, **options: Any) -> Analysis:
    """Analyse overlaps, knowledge-exchange communities and brokers of the built graph.

    Parameters
    ----------
    store : pyoxigraph.Store
        Store loaded with the built graph (read only).
    seed : int
        Seed of the Louvain runs (same seed, same result).
    **options
        ``weights`` (overlap component weights), ``runs`` (Louvain runs per
        consensus round), ``resolution``, ``hub_cap`` (features held by more
        projects create no overlaps by themselves), ``reference_limit`` (larger
        overlap graphs use igraph's Louvain instead of networkx's; see
        :mod:`rdzl_graph.network.communities`), ``queries`` (query directory).

    Returns
    -------
    Analysis

    Examples
    --------
    >>> from rdzl_graph.query.store import open_store
    >>> store = open_store("build")  # doctest: +SKIP
    >>> result = analyse(store, seed=0)
    >>> 0 < result.overlaps[0].score <= 1.0
    True
    """
    queries = options.pop("queries", None)
    return analyse_data(load_network_data(store, queries), seed, **options)
