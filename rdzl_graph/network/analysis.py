"""The whole network analysis of the built graph: overlaps, communities, brokers.

Sub-projects take part as projects of their own (24 projects). A project and
its own (transitive) parent project are never compared: the parent's themes
and places summarise its sub-projects, so their overlap would be trivial.
Two sub-projects of the same parent are compared; their reasons say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from ..errors import InputError
from .centrality import broker_ranking
from .communities import (
    DEFAULT_RUNS,
    Partition,
    binding_features,
    consensus_communities,
    place_parents,
    linking_actors,
    overlap_graph,
)
from .explain import binding_reasons, community_rationale, overlap_reasons
from .graphs import NetworkData, actor_graph, load_network_data
from .overlap import Overlap, overlap_records, overlap_table

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
    """Result of :func:`analyse` (plain data; see :meth:`to_json`)."""

    data: NetworkData
    seed: int
    weights: Mapping[str, float]
    overlaps: tuple[Overlap, ...]
    partition: Partition
    communities: tuple[Community, ...]
    brokers: tuple[Mapping[str, Any], ...]

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

    def overlaps_of(self, project: str) -> list[Overlap]:
        """Overlaps involving ``project``, strongest first."""
        return [o for o in self.overlaps if project in (o.a, o.b)]

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
        raise InputError("PROJECT", None, f"unknown project {text!r}; known projects: {slugs}")


def overlap_features(data: NetworkData) -> dict[str, Mapping[str, frozenset[str]]]:
    """The set components of the overlap, keyed as :data:`~.overlap.SET_COMPONENTS`."""
    return {
        "partners": data.partners(),
        "themes": data.features.get("theme", {}),
        "problems": data.features.get("risk", {}),
        "municipalities": data.features.get("municipality", {}),
        "places": data.features.get("place", {}),
    }


def _describe(index: int, members: tuple[str, ...], data: NetworkData, features, overlaps, brokers) -> Community:
    inside = [o.score for o in overlaps if o.a in members and o.b in members]
    orgs = [r for r in brokers if r["kind"] == "organisation"]
    linking_orgs = linking_actors(members, features["partners"], orgs)
    quoted = {p: {pr for pe, pr in data.quotes if pe == p} for p in (r["node"] for r in brokers if r["kind"] == "person")}
    persons = sorted(
        (
            (-len(quoted[p] & set(members)), p)
            for p in quoted
            if quoted[p] & set(members) or data.nodes[p].get("affiliation") in linking_orgs
        )
    )
    return Community(
        index=index,
        projects=members,
        binding={k: tuple(v) for k, v in binding_features(members, features).items()},
        linking_organisations=tuple(linking_orgs),
        linking_persons=tuple(p for _n, p in persons[:3]),
        mean_overlap=round(sum(inside) / len(inside), 6) if inside else 0.0,
    )


def analyse_data(
    data: NetworkData,
    seed: int = 0,
    *,
    weights: Mapping[str, float] | None = None,
    runs: int = DEFAULT_RUNS,
    resolution: float = 1.0,
) -> Analysis:
    """Run the analysis on already loaded :class:`NetworkData` (see :func:`analyse`)."""
    projects = data.projects
    features = overlap_features(data)
    texts = {p: data.nodes[p].get("description", "") for p in projects}
    table = overlap_table(projects, features, texts, weights=weights, exclude=data.family_pairs())
    overlaps = tuple(overlap_records(table, features))
    graph = overlap_graph(projects, overlaps)
    partition = consensus_communities(graph, seed=seed, runs=runs, resolution=resolution)
    parent_of = {p: data.nodes[p]["parent"] for p in projects if data.nodes[p].get("parent")}
    partition = place_parents(partition, graph, parent_of)
    brokers = broker_ranking(actor_graph(data), seed=seed)
    membership = partition.membership()
    for row in brokers:
        row["communities"] = len({membership[p] for p in row["projects"] if p in membership})
    communities = tuple(
        _describe(n + 1, members, data, features, overlaps, brokers) for n, members in enumerate(partition.communities)
    )
    return Analysis(data, seed, dict(table.weights), overlaps, partition, communities, tuple(brokers))


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
        consensus round), ``resolution``, ``queries`` (query directory).

    Returns
    -------
    Analysis

    Examples
    --------
    >>> from rdzl_graph.store import open_store
    >>> result = analyse(open_store("build"), seed=0)  # doctest: +SKIP
    >>> result.overlaps[0].score <= 1.0  # doctest: +SKIP
    True
    """
    queries = options.pop("queries", None)
    return analyse_data(load_network_data(store, queries), seed, **options)
