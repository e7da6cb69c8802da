"""Brokers: which organisations and persons link otherwise separate projects.

Centrality is measured in the actor graph (projects, organisations and
persons; see :func:`rdzl_graph.network.graphs.actor_graph`): an organisation
with high betweenness lies on many shortest paths between projects, so it
links projects that would otherwise be far apart or disconnected.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

DEFAULT_EXACT_LIMIT = 1000
DEFAULT_SAMPLES = 200


def betweenness(
    graph: nx.Graph, *, seed: int = 0, exact_limit: int = DEFAULT_EXACT_LIMIT, samples: int = DEFAULT_SAMPLES
) -> dict[Any, float]:
    """Normalised betweenness centrality, exact for small graphs, sampled for large ones.

    Parameters
    ----------
    graph : networkx.Graph
        Not modified.
    seed : int
        Seed of the pivot sample (only used above ``exact_limit`` nodes).
    exact_limit : int
        Graphs with more nodes use ``samples`` pivot nodes (Brandes' approximation).
    samples : int
        Number of pivots for the approximation.

    Returns
    -------
    dict
        Node -> betweenness in [0, 1].

    Examples
    --------
    >>> g = nx.barbell_graph(4, 0)
    >>> b = betweenness(g)
    >>> max(b, key=b.get) in (3, 4)
    True
    """
    if graph.number_of_nodes() > exact_limit:
        return nx.betweenness_centrality(graph, k=min(samples, graph.number_of_nodes()), seed=seed)
    return nx.betweenness_centrality(graph)


def broker_ranking(
    graph: nx.Graph,
    kinds: Iterable[str] = ("organisation", "person"),
    *,
    seed: int = 0,
    exact_limit: int = DEFAULT_EXACT_LIMIT,
) -> list[dict[str, Any]]:
    """Rank the nodes of the given kinds by betweenness, then degree.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes carry ``kind`` and ``label`` (and optionally ``label_en``).
    kinds : iterable of str
        Node kinds to rank.
    seed : int
        Passed to :func:`betweenness`.

    Returns
    -------
    list of dict
        ``node``, ``label``, ``label_en``, ``kind``, ``degree`` (number of
        neighbours), ``projects`` (neighbouring project ids, sorted),
        ``degree_centrality``, ``betweenness``; highest betweenness first.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_nodes_from(["p1", "p2", "p3"], kind="project", label="p")
    >>> g.add_node("org", kind="organisation", label="Org")
    >>> g.add_node("solo", kind="organisation", label="Solo")
    >>> g.add_edges_from([("p1", "org"), ("p2", "org"), ("p3", "solo")])
    >>> [r["node"] for r in broker_ranking(g)]
    ['org', 'solo']
    """
    wanted = set(kinds)
    between = betweenness(graph, seed=seed, exact_limit=exact_limit)
    degree = nx.degree_centrality(graph) if graph.number_of_nodes() > 1 else {n: 0.0 for n in graph}
    rows = []
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind") not in wanted:
            continue
        projects = sorted(str(n) for n in graph[node] if graph.nodes[n].get("kind") == "project")
        rows.append(
            {
                "node": node,
                "label": attrs.get("label", str(node)),
                "label_en": attrs.get("label_en", attrs.get("label", str(node))),
                "kind": attrs["kind"],
                "degree": graph.degree(node),
                "projects": projects,
                "degree_centrality": round(degree[node], 6),
                "betweenness": round(between[node], 6),
            }
        )
    rows.sort(key=lambda r: (-r["betweenness"], -r["degree"], str(r["node"])))
    return rows
