"""Brokers: which organisations and persons link otherwise separate projects.

Centrality is measured in the actor graph (projects, organisations and
persons; see :func:`rdzl_graph.network.graphs.actor_graph`): an organisation
with high betweenness lies on many shortest paths between projects, so it
links projects that would otherwise be far apart or disconnected.

Graphs of up to ``exact_limit`` nodes (the real programme has a few hundred)
get networkx's exact betweenness. Larger ones get Brandes' estimate from
``samples`` pivot nodes, chosen as networkx chooses them
(``random.Random(seed).sample``) and rescaled as networkx 3.6 does, but with
the breadth-first searches of many pivots done at once as sparse matrix
products (:func:`sampled_betweenness`; same values up to float rounding; its
speed against networkx is measured in ``bench/results/network-methods.md``).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse

DEFAULT_EXACT_LIMIT = 1000
DEFAULT_SAMPLES = 200
_BATCH = 64


def _adjacency(graph: nx.Graph, index: dict[Any, int]) -> sparse.csr_matrix:
    rows, cols = [], []
    for u, v in graph.edges():
        if u != v:
            rows += [index[u], index[v]]
            cols += [index[v], index[u]]
    n = len(index)
    adjacency = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    adjacency.sum_duplicates()
    adjacency.data[:] = 1.0
    return adjacency


def _dependencies(adjacency: sparse.csr_matrix, sources: np.ndarray) -> np.ndarray:
    """Sum over ``sources`` of Brandes' dependency of each node (sources' own excluded)."""
    n, b = adjacency.shape[0], sources.size
    columns = np.arange(b)
    dist = np.full((n, b), -1, np.int32)
    dist[sources, columns] = 0
    sigma = np.zeros((n, b))
    sigma[sources, columns] = 1.0
    level = 0
    while True:  # breadth first, one level of all sources at a time; sigma counts shortest paths
        reached = adjacency @ np.where(dist == level, sigma, 0.0)
        new = (dist < 0) & (reached > 0)
        if not new.any():
            break
        level += 1
        dist[new] = level
        sigma[new] = reached[new]
    delta = np.zeros((n, b))
    for depth in range(level, 0, -1):  # dependencies flow back one level at a time
        at = dist == depth
        coefficient = np.zeros((n, b))
        coefficient[at] = (1.0 + delta[at]) / sigma[at]
        back = adjacency @ coefficient
        before = dist == depth - 1
        delta[before] += sigma[before] * back[before]
    delta[sources, columns] = 0.0
    return delta.sum(axis=1)


def sampled_betweenness(graph: nx.Graph, k: int, *, seed: int = 0) -> dict[Any, float]:
    """Brandes' betweenness estimate from ``k`` pivots, normalised (undirected graphs).

    Same pivots and scaling as ``networkx.betweenness_centrality(graph, k=k,
    seed=seed)`` (networkx 3.6), computed with sparse matrix products.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected, unweighted use; not modified.
    k : int
        Number of pivot nodes (``k = n`` gives the exact betweenness).
    seed : int
        Seed of the pivot sample.

    Returns
    -------
    dict
        Node -> betweenness estimate.

    Examples
    --------
    >>> g = nx.path_graph(5)
    >>> exact = nx.betweenness_centrality(g)
    >>> all(abs(v - exact[u]) < 1e-12 for u, v in sampled_betweenness(g, 5).items())
    True
    """
    nodes = list(graph.nodes())
    n = len(nodes)
    pivots = random.Random(seed).sample(nodes, k)
    index = {u: i for i, u in enumerate(nodes)}
    adjacency = _adjacency(graph, index)
    sources = np.array([index[p] for p in pivots], np.int64)
    total = np.zeros(n)
    for start in range(0, k, _BATCH):
        total += _dependencies(adjacency, sources[start:start + _BATCH])
    if n - 1 < 2:
        return dict.fromkeys(nodes, 0.0)
    scale_source = 1 / ((k - 1) * (n - 2)) if k > 1 else float("nan")
    is_source = np.zeros(n, bool)
    is_source[sources] = True
    total *= np.where(is_source, scale_source, 1 / (k * (n - 2)))
    return dict(zip(nodes, total.tolist()))


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
        Graphs with more nodes use ``samples`` pivot nodes (Brandes' approximation,
        :func:`sampled_betweenness`).
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
    if graph.number_of_nodes() > exact_limit and not graph.is_directed():
        return sampled_betweenness(graph, min(samples, graph.number_of_nodes()), seed=seed)
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
