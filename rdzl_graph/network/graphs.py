"""Networks built from the RDF graph.

All node ids are IRIs (strings); literals never become nodes. Every node has
the attributes ``kind`` (one of :data:`KINDS`), ``label`` (Dutch) and
``label_en`` (English, falls back to Dutch). Further node attributes:

========================  =====================================================
kind                      extra attributes
========================  =====================================================
``project``               ``line`` (IRI), ``line_label``, ``line_label_en``,
                          ``status`` (local name, e.g. ``op-schema``),
                          ``amount`` (EUR, float; absent if the report gives
                          none), ``amount_certainty`` (``zeker``,
                          ``paginavolgorde``, ``onzeker``; several joined with
                          a space), ``parent`` (IRI of the direct parent
                          project, sub-projects only), ``description``,
                          ``description_en``
``organisation``          ``org_type`` (most specific ontology class, local
                          name such as ``Province``), ``country`` (ISO code)
``person``                ``job_title``, ``affiliation`` (organisation IRI)
``theme``, ``risk``,      no extra attributes (``risk`` is an attention-point
``municipality``,         category; ``place`` is any location that is not a
``place``                 municipality: town, neighbourhood, site, country)
========================  =====================================================

Absent values are left out (never ``None``), so every graph exports to GraphML
and GEXF as is. Edges of :func:`full_network` carry ``relation`` (one of
``participation``, ``theme``, ``municipality``, ``quoted``, ``affiliation``,
``part_of``); participation edges also carry ``role`` (local name, several
joined with a space), ``role_label`` and ``role_label_en``.

Sub-projects are projects in their own right here: their partners are their
own (``rdzl:hasParticipation``), a parent project is not credited with the
partners of its sub-projects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from ..core.sparql import query_file

KINDS = ("project", "organisation", "municipality", "place", "theme", "risk", "person")
FEATURE_KINDS = ("theme", "risk", "municipality", "place")
_ONT = "https://w3id.org/rdzl-graph/ont#"


def local_name(iri: str | None) -> str | None:
    """Return the last path or fragment segment of an IRI (``None`` stays ``None``)."""
    if iri is None:
        return None
    return iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass(frozen=True)
class NetworkData:
    """The facts the network analysis needs, as plain Python data.

    Attributes
    ----------
    nodes : dict
        IRI -> attribute dict (see the module docstring) for every project,
        organisation, person and feature (theme, risk, municipality, place).
    participations : tuple of (str, str, str or None)
        ``(project, organisation, role IRI)`` for every direct participation.
    features : dict
        Feature kind (:data:`FEATURE_KINDS`) -> project IRI -> frozenset of
        feature IRIs.
    quotes : tuple of (str, str)
        ``(person, project)`` for every project a person is quoted with.
    concept_labels : dict
        Concept IRI (role, status, ...) -> ``(label_nl, label_en)``.
    """

    nodes: Mapping[str, Mapping[str, Any]]
    participations: tuple[tuple[str, str, str | None], ...]
    features: Mapping[str, Mapping[str, frozenset[str]]]
    quotes: tuple[tuple[str, str], ...] = ()
    concept_labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def projects(self) -> list[str]:
        """Project IRIs, sorted."""
        return sorted(n for n, a in self.nodes.items() if a["kind"] == "project")

    def label(self, iri: str, lang: str = "nl") -> str:
        """Return the label of a node in ``lang`` (``"nl"`` or ``"en"``), else its local name."""
        attrs = self.nodes.get(iri)
        if attrs is None:
            pair = self.concept_labels.get(iri)
            if pair:
                return pair[1] if lang == "en" else pair[0]
            return local_name(iri) or iri
        return attrs["label_en"] if lang == "en" else attrs["label"]

    def partners(self) -> dict[str, frozenset[str]]:
        """Project IRI -> frozenset of organisation IRIs that participate directly."""
        result: dict[str, set[str]] = defaultdict(set)
        for project, org, _role in self.participations:
            result[project].add(org)
        return {p: frozenset(orgs) for p, orgs in result.items()}

    def ancestors(self, project: str) -> list[str]:
        """Return the chain of parent projects of ``project`` (nearest first)."""
        chain: list[str] = []
        current = self.nodes[project].get("parent")
        while current and current not in chain:
            chain.append(current)
            current = self.nodes.get(current, {}).get("parent")
        return chain

    def family_pairs(self) -> set[frozenset[str]]:
        """Pairs of projects where one is a (transitive) parent of the other."""
        return {frozenset((p, a)) for p in self.projects for a in self.ancestors(p)}


def _labels(row: Mapping[str, Any], fallback: str) -> tuple[str, str]:
    nl = row.get("labelNl") or row.get("label") or local_name(fallback) or fallback
    return str(nl), str(row.get("labelEn") or nl)


def _project_nodes(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = {}
    for row in rows:
        label, label_en = _labels(row, row["project"])
        attrs: dict[str, Any] = {"kind": "project", "label": label, "label_en": label_en}
        optional = {
            "description": row.get("descriptionNl"),
            "description_en": row.get("descriptionEn"),
            "line": row.get("line"),
            "line_label": row.get("lineLabelNl"),
            "line_label_en": row.get("lineLabelEn") or row.get("lineLabelNl"),
            "status": local_name(row.get("status")),
            "parent": row.get("parent"),
            "amount": float(row["amount"]) if row.get("amount") is not None else None,
            "amount_certainty": " ".join(
                sorted(local_name(c) or "" for c in (row.get("amountCertainty") or "").split())
            ) or None,
        }
        attrs.update({k: v for k, v in optional.items() if v is not None})
        nodes[row["project"]] = attrs
    return nodes


def _organisation_nodes(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = {}
    for row in rows:
        org = row["org"]
        if org not in nodes:
            label, label_en = _labels(row, org)
            nodes[org] = {"kind": "organisation", "label": label, "label_en": label_en}
            if row.get("country"):
                nodes[org]["country"] = local_name(row["country"])
        org_type = row.get("orgType")
        if org_type and org_type != _ONT + "Organisation" and "org_type" not in nodes[org]:
            nodes[org]["org_type"] = local_name(org_type)
    for attrs in nodes.values():
        attrs.setdefault("org_type", "Organisation")
    return nodes


def load_network_data(store: ox.Store, queries: Path | None = None) -> NetworkData:
    """Read the facts for the network analysis from a store (never modifies it).

    Parameters
    ----------
    store : pyoxigraph.Store
        Store loaded with the built graph.
    queries : pathlib.Path, optional
        Query directory; defaults to the packaged ``queries/``.

    Returns
    -------
    NetworkData

    Examples
    --------
    >>> from rdzl_graph.query.store import open_store
    >>> store = open_store("build")  # doctest: +SKIP
    >>> data = load_network_data(store)
    >>> len(data.projects)
    24
    """
    nodes: dict[str, dict[str, Any]] = {}
    nodes.update(_project_nodes(query_file(store, "network-projects", queries)))
    nodes.update(_organisation_nodes(query_file(store, "network-organisations", queries)))
    participations = tuple(
        (r["project"], r["org"], r.get("role")) for r in query_file(store, "network-participations", queries)
    )
    features: dict[str, dict[str, set[str]]] = {kind: defaultdict(set) for kind in FEATURE_KINDS}
    for row in query_file(store, "network-project-features", queries):
        kind, feature = row["kind"], row["feature"]
        features[kind][row["project"]].add(feature)
        label, label_en = _labels(row, feature)
        nodes.setdefault(feature, {"kind": kind, "label": label, "label_en": label_en})
    quotes = []
    for row in query_file(store, "network-persons", queries):
        person = row["person"]
        attrs = nodes.setdefault(person, {"kind": "person", "label": row.get("label") or local_name(person)})
        attrs.setdefault("label_en", attrs["label"])
        if row.get("jobTitle"):
            attrs["job_title"] = row["jobTitle"]
        if row.get("affiliation"):
            attrs["affiliation"] = row["affiliation"]
        if row.get("project"):
            quotes.append((person, row["project"]))
    concept_labels = {
        r["concept"]: _labels(r, r["concept"]) for r in query_file(store, "network-labels", queries)
    }
    return NetworkData(
        nodes=nodes,
        participations=participations,
        features={k: {p: frozenset(v) for p, v in d.items()} for k, d in features.items()},
        quotes=tuple(sorted(set(quotes))),
        concept_labels=concept_labels,
    )


def _add_nodes(graph: nx.Graph, data: NetworkData, iris: list[str]) -> None:
    for iri in sorted(set(iris)):
        graph.add_node(iri, **dict(data.nodes[iri]))


def _participation_edges(data: NetworkData) -> dict[tuple[str, str], list[str]]:
    roles: dict[tuple[str, str], list[str]] = defaultdict(list)
    for project, org, role in data.participations:
        roles[(project, org)] += [role] if role else []
    return roles


def project_organisation_graph(data: NetworkData) -> nx.Graph:
    """Bipartite project–organisation graph with the role on each edge.

    Projects have ``bipartite=0``, organisations ``bipartite=1``. Edge
    attributes: ``relation="participation"``, ``role`` (local names joined by
    a space), ``role_label``, ``role_label_en``.

    Examples
    --------
    >>> g = project_organisation_graph(load_network_data(store))
    >>> g.edges["https://w3id.org/rdzl-graph/id/project/vallisveld",
    ...         "https://w3id.org/rdzl-graph/id/org/envida"]["relation"]
    'participation'
    """
    graph = nx.Graph(name="project-organisation")
    _add_nodes(graph, data, data.projects)
    _add_nodes(graph, data, [o for _p, o, _r in data.participations])
    for node, attrs in graph.nodes(data=True):
        attrs["bipartite"] = 0 if attrs["kind"] == "project" else 1
    for (project, org), roles in sorted(_participation_edges(data).items()):
        roles = sorted(set(roles))
        graph.add_edge(
            project,
            org,
            relation="participation",
            role=" ".join(local_name(r) or "" for r in roles),
            role_label=", ".join(data.label(r) for r in roles),
            role_label_en=", ".join(data.label(r, "en") for r in roles),
        )
    return graph


def project_feature_graph(data: NetworkData, kind: str) -> nx.Graph:
    """Bipartite graph of projects and one feature kind (theme, risk, municipality, place).

    Examples
    --------
    >>> g = project_feature_graph(load_network_data(store), "risk")
    >>> sorted(g["https://w3id.org/rdzl-graph/id/risk/capaciteit"])[:1]
    ['https://w3id.org/rdzl-graph/id/project/gebiedsvisie-zuidoost-beek-landgoed-broenen']
    """
    if kind not in FEATURE_KINDS:
        raise ValueError(f"unknown feature kind {kind!r}; expected one of {FEATURE_KINDS}")
    graph = nx.Graph(name=f"project-{kind}")
    by_project = data.features.get(kind, {})
    _add_nodes(graph, data, data.projects)
    _add_nodes(graph, data, [f for feats in by_project.values() for f in feats])
    for node, attrs in graph.nodes(data=True):
        attrs["bipartite"] = 0 if attrs["kind"] == "project" else 1
    for project in sorted(by_project):
        for feature in sorted(by_project[project]):
            graph.add_edge(project, feature, relation=kind)
    return graph


def actor_graph(data: NetworkData) -> nx.Graph:
    """Projects, organisations and persons: participation, quote and affiliation edges.

    The graph in which brokers are measured: an organisation or person with
    high betweenness links projects that would otherwise be far apart.
    """
    graph = project_organisation_graph(data)
    graph.graph["name"] = "actors"
    for person, attrs in sorted(data.nodes.items()):
        if attrs["kind"] != "person":
            continue
        graph.add_node(person, **dict(attrs), bipartite=1)
        affiliation = attrs.get("affiliation")
        if affiliation in data.nodes:
            graph.add_node(affiliation, **dict(data.nodes[affiliation]), bipartite=1)
            graph.add_edge(person, affiliation, relation="affiliation")
    for person, project in data.quotes:
        graph.add_edge(person, project, relation="quoted")
    return graph


def full_network_from_data(data: NetworkData) -> nx.Graph:
    """The full network (see :func:`full_network`) from already loaded data."""
    graph = actor_graph(data)
    graph.graph["name"] = "rdzl-graph"
    for node, attrs in graph.nodes(data=True):
        attrs.pop("bipartite", None)
    for kind in ("theme", "municipality"):
        for project, feats in sorted(data.features.get(kind, {}).items()):
            for feature in sorted(feats):
                graph.add_node(feature, **dict(data.nodes[feature]))
                graph.add_edge(project, feature, relation=kind)
    for project in data.projects:
        parent = data.nodes[project].get("parent")
        if parent:
            graph.add_edge(project, parent, relation="part_of")
    return graph


def full_network(store: ox.Store, queries: Path | None = None) -> nx.Graph:
    """One graph of projects, organisations, municipalities, themes and persons.

    For the interactive site pages. Node and edge attributes are described in
    the module docstring.

    Parameters
    ----------
    store : pyoxigraph.Store
        Store loaded with the built graph (not modified).
    queries : pathlib.Path, optional
        Query directory; defaults to the packaged ``queries/``.

    Returns
    -------
    networkx.Graph

    Examples
    --------
    >>> from rdzl_graph.query.store import open_store
    >>> store = open_store("build")  # doctest: +SKIP
    >>> g = full_network(store)
    >>> g.nodes["https://w3id.org/rdzl-graph/id/org/envida"]["kind"]
    'organisation'
    """
    return full_network_from_data(load_network_data(store, queries))
