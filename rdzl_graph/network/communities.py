"""Knowledge-exchange communities: consensus Louvain on the overlap graph.

Louvain is randomised, so one run can split a borderline project differently
from the next. :func:`consensus_communities` runs it ``runs`` times (seeds
``seed, seed+1, ...``), counts for every edge how often its two projects end
up together (the co-assignment, in [0, 1]), keeps the edges co-assigned in at
least ``threshold`` of the runs as a consensus graph and repeats on that graph
until all runs agree (Lancichinetti & Fortunato, 2012); the communities are the
connected groups of the final consensus graph. Modularity is reported for the
final partition on the original overlap graph.

Graphs of up to ``reference_limit`` nodes (default 1000; the real programme
has 24 projects) use networkx's Louvain, the reference. Larger graphs use
igraph's C implementation of the same method (``community_multilevel``,
Blondel et al. 2008), seeded with ``random.Random(seed)`` for the length of
each run (igraph has no per-call seed; see :func:`_igraph_louvain`; speed per run in
``bench/results/network-methods.md``): same seed same result, but other random choices than networkx, so a
large graph's communities are not those networkx would find with that seed.
igraph is imported only then.
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from .records import Overlap

DEFAULT_RUNS = 10
DEFAULT_THRESHOLD = 0.5
DEFAULT_TOP_K = 25
DEFAULT_REFERENCE_LIMIT = 1000
_MAX_ROUNDS = 5


@dataclass(frozen=True)
class Partition:
    """A stabilised partition of the nodes of a graph.

    Attributes
    ----------
    communities : tuple of tuple
        Each community's nodes, sorted; largest community first.
    modularity : float
        Modularity of the partition on the input graph (weighted).
    stability : float
        Mean co-assignment of the edges inside communities over the last
        round of runs (1.0: every run agreed).
    rounds : int
        Consensus rounds used.
    """

    communities: tuple[tuple[Any, ...], ...]
    modularity: float
    stability: float
    rounds: int

    def membership(self) -> dict[Any, int]:
        """Node -> index of its community."""
        return {node: n for n, members in enumerate(self.communities) for node in members}


def overlap_graph(
    projects: Sequence[str], overlaps: Sequence[Overlap], top_k: int | None = DEFAULT_TOP_K
) -> nx.Graph:
    """Weighted graph of projects, one edge per overlap (``weight`` = score).

    With ``top_k``, an edge is kept only if it is among the ``top_k``
    strongest overlaps of at least one of its projects (a k-nearest-neighbour
    graph; with 24 projects and ``top_k=25`` nothing is dropped).

    Examples
    --------
    >>> from rdzl_graph.network.records import Overlap
    >>> g = overlap_graph(["a", "b", "c"], [Overlap("a", "b", 0.5, {}, {})])
    >>> sorted(g.edges(data="weight")), g.number_of_nodes()
    ([('a', 'b', 0.5)], 3)
    """
    graph = nx.Graph(name="overlap")
    graph.add_nodes_from(sorted(projects))
    keep = list(overlaps)
    if top_k is not None and keep:
        chosen = _top_k_mask(keep, top_k)
        keep = [o for o, c in zip(keep, chosen.tolist()) if c]
    for item in sorted(keep, key=lambda o: (o.a, o.b)):
        graph.add_edge(item.a, item.b, weight=item.score)
    return graph


def _top_k_mask(overlaps: Sequence[Overlap], top_k: int) -> np.ndarray:
    """Which overlaps are among the ``top_k`` strongest of one of their projects.

    Strength order: descending score, then ``(a, b)``; vectorised form of
    walking the sorted overlaps and keeping the first ``top_k`` per project.
    """
    names = sorted({o.a for o in overlaps} | {o.b for o in overlaps})
    rank = {p: n for n, p in enumerate(names)}
    count = len(overlaps)
    a = np.fromiter((rank[o.a] for o in overlaps), np.int64, count)
    b = np.fromiter((rank[o.b] for o in overlaps), np.int64, count)
    score = np.fromiter((o.score for o in overlaps), np.float64, count)
    position = np.empty(count, np.int64)
    position[np.lexsort((b, a, -score))] = np.arange(count)
    ends = np.concatenate([a, b])
    items = np.concatenate([np.arange(count), np.arange(count)])
    order = np.lexsort((np.concatenate([position, position]), ends))
    ends = ends[order]
    within = np.arange(ends.size) - np.searchsorted(ends, ends, side="left")
    chosen = np.zeros(count, bool)
    chosen[items[order][within < top_k]] = True
    return chosen


def _coassignment(graph: nx.Graph, seeds: Sequence[int], weight: str, resolution: float) -> dict[tuple, float]:
    together: Counter = Counter()
    for seed in seeds:
        membership = {}
        for n, community in enumerate(nx.community.louvain_communities(graph, weight=weight, resolution=resolution, seed=seed)):
            membership.update(dict.fromkeys(community, n))
        for u, v in graph.edges():
            if membership[u] == membership[v]:
                together[(u, v)] += 1
    return {(u, v): together[(u, v)] / len(seeds) for u, v in graph.edges()}


def _igraph_of(graph: nx.Graph, weight: str) -> tuple[Any, list[Any], list[tuple], list[float]]:
    import igraph

    nodes = list(graph.nodes())
    index = {u: n for n, u in enumerate(nodes)}
    edges = [(u, v) for u, v in graph.edges()]
    weights = [float(w) for _u, _v, w in graph.edges(data=weight, default=1.0)]
    return igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in edges]), nodes, edges, weights


# Serialises the seeded igraph runs of this process (see _igraph_louvain).
_IGRAPH_RANDOM = threading.Lock()


def _igraph_louvain(ig_graph: Any, weights: list[float], resolution: float, seed: int) -> list[int]:
    """Membership list of one seeded igraph Louvain run.

    igraph takes no seed per call: its random source is process-wide
    (``igraph.set_random_number_generator``), and it offers no way to read the
    current one. So for the length of the run igraph draws from a
    ``random.Random(seed)`` of its own (not Python's global ``random``, whose
    state is left untouched), under a lock so no other thread of this package
    swaps it meanwhile, and a ``finally`` puts back igraph's documented default
    source, Python's ``random`` module. A caller who had installed another
    source must install it again after this call.
    """
    import igraph

    with _IGRAPH_RANDOM:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            return ig_graph.community_multilevel(weights=weights, resolution=resolution).membership
        finally:
            igraph.set_random_number_generator(random)


def _coassignment_fast(graph: nx.Graph, seeds: Sequence[int], weight: str, resolution: float) -> dict[tuple, float]:
    ig_graph, nodes, edges, weights = _igraph_of(graph, weight)
    index = {u: n for n, u in enumerate(nodes)}
    left = np.array([index[u] for u, _v in edges], np.int64)
    right = np.array([index[v] for _u, v in edges], np.int64)
    together = np.zeros(len(edges))
    for seed in seeds:
        membership = np.asarray(_igraph_louvain(ig_graph, weights, resolution, seed))
        together += membership[left] == membership[right]
    return {edge: count / len(seeds) for edge, count in zip(edges, together.tolist())}


def _louvain(graph: nx.Graph, weight: str, resolution: float, seed: int, fast: bool) -> list[set]:
    if not fast:
        return nx.community.louvain_communities(graph, weight=weight, resolution=resolution, seed=seed)
    ig_graph, nodes, _edges, weights = _igraph_of(graph, weight)
    groups: dict[int, set] = {}
    for node, group in zip(nodes, _igraph_louvain(ig_graph, weights, resolution, seed)):
        groups.setdefault(group, set()).add(node)
    return list(groups.values())


def consensus_communities(
    graph: nx.Graph,
    *,
    seed: int = 0,
    runs: int = DEFAULT_RUNS,
    threshold: float = DEFAULT_THRESHOLD,
    resolution: float = 1.0,
    weight: str = "weight",
    reference_limit: int = DEFAULT_REFERENCE_LIMIT,
) -> Partition:
    """Communities of a weighted graph, stabilised over ``runs`` Louvain runs.

    Parameters
    ----------
    graph : networkx.Graph
        The (overlap) graph; not modified.
    seed : int
        First Louvain seed; runs use ``seed .. seed + runs - 1``.
    runs : int
        Louvain runs per consensus round.
    threshold : float
        Minimum co-assignment for an edge to stay in the consensus graph.
    resolution : float
        Louvain resolution (higher: smaller communities).
    weight : str
        Edge attribute holding the weight.
    reference_limit : int
        Graphs with more nodes use igraph's Louvain instead of networkx's
        (see the module docstring).

    Returns
    -------
    Partition

    Examples
    --------
    >>> g = nx.barbell_graph(5, 0)
    >>> p = consensus_communities(g, seed=1)
    >>> [list(c) for c in p.communities]
    [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    """
    if runs < 1:
        raise ValueError("runs must be >= 1")
    seeds = [seed + r for r in range(runs)]
    fast = graph.number_of_nodes() > reference_limit
    current = nx.Graph()
    current.add_nodes_from(sorted(graph.nodes()))
    current.add_edges_from((u, v, {weight: w}) for u, v, w in graph.edges(data=weight, default=1.0))
    rounds, stability = 0, 1.0
    while current.number_of_edges() and rounds < _MAX_ROUNDS:
        rounds += 1
        co = (_coassignment_fast if fast else _coassignment)(current, seeds, weight, resolution)
        agreed = all(value in (0.0, 1.0) for value in co.values())
        consensus = nx.Graph()
        consensus.add_nodes_from(current.nodes())
        consensus.add_edges_from((u, v, {weight: c}) for (u, v), c in co.items() if c >= threshold)
        inside = [c for c in co.values() if c >= threshold]
        stability = sum(inside) / len(inside) if inside else 1.0
        current = consensus
        if agreed:
            break
    groups = [tuple(sorted(c)) for c in nx.connected_components(current)]
    if rounds == _MAX_ROUNDS and current.number_of_edges():
        groups = [tuple(sorted(c)) for c in _louvain(current, weight, resolution, seed, fast)]
    groups.sort(key=lambda c: (-len(c), str(c[0])))
    modularity = nx.community.modularity(graph, [set(c) for c in groups], weight=weight) if graph.number_of_edges() else 0.0
    return Partition(tuple(groups), round(float(modularity), 6), round(float(stability), 6), rounds)


def place_parents(partition: Partition, graph: nx.Graph, parent_of: Mapping[Any, Any]) -> Partition:
    """Put each parent project in the community that holds most of its sub-projects.

    A parent is never compared with its own sub-projects (that overlap is trivial), so
    Louvain may place it elsewhere, which reads oddly: "TIM" in one group and all of TIM's
    parts in another. Ties go to the earlier (larger) community. Modularity is recomputed
    on ``graph``; the input partition is not modified.

    Parameters
    ----------
    partition : Partition
        The partition to adjust.
    graph : networkx.Graph
        The graph the partition was computed on (for modularity).
    parent_of : mapping
        Sub-project -> its direct parent project.

    Returns
    -------
    Partition

    Examples
    --------
    >>> p = Partition((("a", "b", "p"), ("c",)), 0.0, 1.0, 1)
    >>> place_parents(p, nx.Graph(), {"c": "p"}).communities
    (('a', 'b'), ('c', 'p'))
    """
    membership = partition.membership()
    votes: dict[Any, Counter] = {}
    for child, parent in parent_of.items():
        if child in membership and parent in membership:
            votes.setdefault(parent, Counter())[membership[child]] += 1
    if not votes:
        return partition
    groups = [set(members) for members in partition.communities]
    for parent, counter in votes.items():
        best = min(counter, key=lambda index: (-counter[index], index))
        groups[membership[parent]].discard(parent)
        groups[best].add(parent)
    ordered = sorted((tuple(sorted(g)) for g in groups if g), key=lambda c: (-len(c), str(c[0])))
    communities = tuple(ordered)
    modularity = (
        nx.community.modularity(graph, [set(c) for c in communities], weight="weight")
        if graph.number_of_edges() else 0.0
    )
    return Partition(communities, round(float(modularity), 6), partition.stability, partition.rounds)


def binding_features(
    members: Sequence[str],
    features: Mapping[str, Mapping[str, frozenset[str]]],
    top: int = 3,
) -> dict[str, list[str]]:
    """Features held by at least two members, most widely held first (ties: by id).

    Examples
    --------
    >>> binding_features(["a", "b", "c"], {"themes": {"a": frozenset({"x", "y"}), "b": frozenset({"x"})}})
    {'themes': ['x']}
    """
    result = {}
    for name, by_project in features.items():
        counts = Counter(f for m in members for f in by_project.get(m, ()))
        common = sorted((f for f, c in counts.items() if c >= 2), key=lambda f: (-counts[f], f))
        if common:
            result[name] = common[:top]
    return result


def linking_actors(
    members: Sequence[str],
    partners: Mapping[str, frozenset[str]],
    brokers: Sequence[Mapping[str, Any]],
    top: int = 3,
) -> list[str]:
    """Organisations or persons that best link the members of a community.

    An actor qualifies if it is connected to at least one member. Actors
    connected to more members come first, then higher betweenness (the order
    of ``brokers``). Actors linked to a single member only qualify when they
    have positive betweenness, i.e. they also reach outside the community.
    For many communities at once use :func:`linking_actors_of`.

    Examples
    --------
    >>> brokers = [{"node": "prov", "betweenness": 0.4, "projects": ["a", "x"]},
    ...            {"node": "env", "betweenness": 0.1, "projects": ["a", "b"]}]
    >>> linking_actors(["a", "b"], {}, brokers)
    ['env', 'prov']
    """
    return linking_actors_of([members], partners, brokers, top)[0]


def linking_actors_of(
    groups: Sequence[Sequence[str]],
    partners: Mapping[str, frozenset[str]],
    brokers: Sequence[Mapping[str, Any]],
    top: int = 3,
) -> list[list[str]]:
    """:func:`linking_actors` for each group of ``groups``, with one index for all.

    Only the actors linked to a member are looked at, so the cost grows with
    the size of the groups' neighbourhoods, not with groups x actors.

    Examples
    --------
    >>> brokers = [{"node": "prov", "betweenness": 0.4, "projects": ["a", "x"]}]
    >>> linking_actors_of([["a"], ["b"]], {"b": frozenset({"prov"})}, brokers)
    [['prov'], ['prov']]
    """
    order = {row["node"]: n for n, row in enumerate(brokers)}
    linked_projects: dict[Any, set[str]] = {row["node"]: set(row["projects"]) for row in brokers}
    for project, actors in partners.items():
        for actor in actors:
            if actor in linked_projects:
                linked_projects[actor].add(project)
    actors_of: dict[str, set[Any]] = {}
    for actor, projects in linked_projects.items():
        for project in projects:
            actors_of.setdefault(project, set()).add(actor)
    result = []
    for members in groups:
        wanted = set(members)
        scored = []
        for actor in set().union(*(actors_of.get(m, ()) for m in wanted)):
            row = brokers[order[actor]]
            linked = wanted & linked_projects[actor]
            if len(linked) >= 2 or (linked and row["betweenness"] > 0):
                scored.append((-len(linked), order[actor], actor))
        result.append([node for *_rest, node in sorted(scored)[:top]])
    return result
