"""Communities and brokers on small hand-made graphs with known answers."""

from __future__ import annotations

import networkx as nx

from rdzl_graph.network.centrality import betweenness, broker_ranking
from rdzl_graph.network.communities import binding_features, consensus_communities, linking_actors, overlap_graph
from rdzl_graph.network.records import Overlap


def _two_cliques() -> nx.Graph:
    graph = nx.Graph()
    left, right = [f"a{i}" for i in range(5)], [f"b{i}" for i in range(5)]
    for group in (left, right):
        graph.add_edges_from((u, v, {"weight": 1.0}) for i, u in enumerate(group) for v in group[i + 1:])
    graph.add_edge("a0", "b0", weight=0.2)  # the single bridge
    return graph


def test_bridge_has_highest_betweenness():
    scores = betweenness(_two_cliques())
    top = sorted(scores, key=scores.get, reverse=True)[:2]
    assert set(top) == {"a0", "b0"}
    assert scores["a0"] > 3 * scores["a1"]


def test_sampled_betweenness_still_finds_the_bridge():
    scores = betweenness(_two_cliques(), exact_limit=3, samples=6, seed=4)
    assert max(scores, key=scores.get) in ("a0", "b0")


def test_two_obvious_communities_are_found_and_partition_the_nodes():
    graph = _two_cliques()
    result = consensus_communities(graph, seed=3)
    assert [set(c) for c in result.communities] == [{f"a{i}" for i in range(5)}, {f"b{i}" for i in range(5)}]
    assert result.modularity > 0.4
    assert result.stability == 1.0
    members = [n for c in result.communities for n in c]
    assert sorted(members) == sorted(graph.nodes()) and len(members) == len(set(members))


def test_same_seed_same_result_and_graph_not_mutated():
    graph = nx.karate_club_graph()
    before = (sorted(graph.nodes(data=True)), sorted(graph.edges(data=True)))
    first = consensus_communities(graph, seed=7, runs=5)
    second = consensus_communities(graph, seed=7, runs=5)
    assert first == second
    assert (sorted(graph.nodes(data=True)), sorted(graph.edges(data=True))) == before
    assert sorted(n for c in first.communities for n in c) == sorted(graph.nodes())


def test_isolated_projects_form_their_own_community():
    graph = overlap_graph(["a", "b", "c"], [Overlap("a", "b", 0.8, {}, {})])
    result = consensus_communities(graph)
    assert sorted(result.communities) == [("a", "b"), ("c",)]


def test_top_k_keeps_strongest_overlaps_per_project():
    overlaps = [Overlap("a", "b", 0.9, {}, {}), Overlap("a", "c", 0.1, {}, {}), Overlap("c", "d", 0.5, {}, {})]
    graph = overlap_graph(["a", "b", "c", "d"], overlaps, top_k=1)
    assert sorted(graph.edges()) == [("a", "b"), ("c", "d")]


def test_broker_between_two_project_groups():
    graph = nx.Graph()
    for p in ("p1", "p2", "p3", "p4"):
        graph.add_node(p, kind="project", label=p)
    for org in ("bridge", "left", "right"):
        graph.add_node(org, kind="organisation", label=org)
    graph.add_edges_from([("p1", "left"), ("p2", "left"), ("p3", "right"), ("p4", "right"), ("p2", "bridge"), ("p3", "bridge")])
    ranking = broker_ranking(graph)
    assert ranking[0]["node"] == "bridge"
    assert ranking[0]["projects"] == ["p2", "p3"]
    assert linking_actors(["p1", "p2"], {}, ranking)[0] == "left"


def test_binding_features_need_two_members():
    feats = {"themes": {"a": frozenset({"x", "y"}), "b": frozenset({"x"}), "c": frozenset({"y", "x"})}}
    assert binding_features(["a", "b", "c"], feats) == {"themes": ["x", "y"]}
    assert binding_features(["a"], feats) == {}
