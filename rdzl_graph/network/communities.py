"""Knowledge-exchange communities: consensus Louvain on the overlap graph.

Louvain is randomised, so one run can split a borderline project differently
from the next. :func:`consensus_communities` runs it ``runs`` times (seeds
``seed, seed+1, ...``), counts for every edge how often its two projects end
up together (the co-assignment, in [0, 1]), keeps the edges co-assigned in at
least ``threshold`` of the runs as a consensus graph and repeats on that graph
until all runs agree (Lancichinetti & Fortunato, 2012); the communities are the
connected groups of the final consensus graph. Modularity is reported for the
final partition on the original overlap graph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .overlap import Overlap

DEFAULT_RUNS = 10
DEFAULT_THRESHOLD = 0.5
DEFAULT_TOP_K = 25
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
    >>> from rdzl_graph.network.overlap import Overlap
    >>> g = overlap_graph(["a", "b", "c"], [Overlap("a", "b", 0.5, {}, {})])
    >>> sorted(g.edges(data="weight")), g.number_of_nodes()
    ([('a', 'b', 0.5)], 3)
    """
    graph = nx.Graph(name="overlap")
    graph.add_nodes_from(sorted(projects))
    keep = list(overlaps)
    if top_k is not None:
        ranked: dict[str, list[Overlap]] = {}
        for item in sorted(overlaps, key=lambda o: (-o.score, o.a, o.b)):
            for end in (item.a, item.b):
                ranked.setdefault(end, []).append(item)
        chosen = {(o.a, o.b) for lst in ranked.values() for o in lst[:top_k]}
        keep = [o for o in overlaps if (o.a, o.b) in chosen]
    for item in sorted(keep, key=lambda o: (o.a, o.b)):
        graph.add_edge(item.a, item.b, weight=item.score)
    return graph


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


def consensus_communities(
    graph: nx.Graph,
    *,
    seed: int = 0,
    runs: int = DEFAULT_RUNS,
    threshold: float = DEFAULT_THRESHOLD,
    resolution: float = 1.0,
    weight: str = "weight",
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
    current = nx.Graph()
    current.add_nodes_from(sorted(graph.nodes()))
    current.add_edges_from((u, v, {weight: w}) for u, v, w in graph.edges(data=weight, default=1.0))
    rounds, stability = 0, 1.0
    while current.number_of_edges() and rounds < _MAX_ROUNDS:
        rounds += 1
        co = _coassignment(current, seeds, weight, resolution)
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
        groups = [
            tuple(sorted(c))
            for c in nx.community.louvain_communities(current, weight=weight, resolution=resolution, seed=seed)
        ]
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

    Examples
    --------
    >>> brokers = [{"node": "prov", "betweenness": 0.4, "projects": ["a", "x"]},
    ...            {"node": "env", "betweenness": 0.1, "projects": ["a", "b"]}]
    >>> linking_actors(["a", "b"], {}, brokers)
    ['env', 'prov']
    """
    wanted = set(members)
    order = {row["node"]: n for n, row in enumerate(brokers)}
    scored = []
    for row in brokers:
        linked = wanted.intersection(row["projects"]) | {m for m in wanted if row["node"] in partners.get(m, ())}
        if len(linked) >= 2 or (linked and row["betweenness"] > 0):
            scored.append((-len(linked), order[row["node"]], row["node"]))
    return [node for *_rest, node in sorted(scored)[:top]]
