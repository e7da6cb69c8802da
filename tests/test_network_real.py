"""The network analysis on the real graph: what the progress report supports."""

from __future__ import annotations

import json

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib

from rdzl_graph.core.namespaces import RDZL
from rdzl_graph.network import analyse, full_network
from rdzl_graph.network.graphs import KINDS, load_network_data, project_organisation_graph
from rdzl_graph.network.results_rdf import ANALYSIS_GRAPH, analysis_quads, analysis_trig
from rdzl_graph.core.resources import ontology_dir

P = "https://w3id.org/rdzl-graph/id/project/"
O = "https://w3id.org/rdzl-graph/id/org/"
CAPACITY = [P + "makerspace-vitaliteitsincubator", P + "gebiedsvisie-zuidoost-beek-landgoed-broenen",
            P + "van-geuldal-tot-geleenbeek-tot-roodenbach"]
CHEMELOT_PROJECTS = {P + "goede-morgen", P + "circular-chemelot", P + "haven-stein", P + "the-circular-mile"}


@pytest.fixture(scope="module")
def analysis(store):
    return analyse(store, seed=0)


def _pair(analysis, a, b):
    return next(o for o in analysis.overlaps if {o.a, o.b} == {a, b})


def test_analysis_does_not_change_the_store(store):
    before = len(store)
    analyse(store, seed=1)
    assert len(store) == before


def test_envida_links_the_two_neighbourhood_projects(analysis):
    overlap = _pair(analysis, P + "vallisveld", P + "pottenberg-nazareth")
    assert O + "envida" in overlap.shared["partners"]
    assert any("Envida" in r for r in analysis.reasons(overlap, "nl"))
    assert any(r.startswith("both work with Envida") for r in analysis.reasons(overlap, "en"))
    assert analysis.overlaps_of(P + "vallisveld")[0] is overlap


def test_chemelot_is_a_broker_and_binds_the_circular_projects_around_geleen_and_stein(analysis):
    orgs = [r for r in analysis.brokers if r["kind"] == "organisation"]
    top = [r["node"] for r in orgs[:2]]
    assert O + "chemelot" in top
    chemelot = next(r for r in orgs if r["node"] == O + "chemelot")
    assert set(chemelot["projects"]) == {P + "goede-morgen", P + "circular-chemelot", P + "haven-stein"}
    community = next(c for c in analysis.communities if P + "circular-chemelot" in c.projects)
    assert CHEMELOT_PROJECTS <= set(community.projects)
    assert community.linking_organisations[0] == O + "chemelot"
    assert "https://w3id.org/rdzl-graph/id/place/geleen" in community.binding["places"]
    # The report puts The Circular Mile at the edge of Chemelot (not on the site): the pair shares
    # the municipality, not the site.
    mile = _pair(analysis, P + "the-circular-mile", P + "circular-chemelot")
    assert "https://w3id.org/rdzl-graph/id/municipality/sittard-geleen" in mile.shared["municipalities"]
    assert "https://w3id.org/rdzl-graph/id/place/chemelot-terrein" not in mile.shared["places"]


def test_projects_reporting_capacity_shortage_share_that_problem(analysis):
    for i, a in enumerate(CAPACITY):
        for b in CAPACITY[i + 1:]:
            overlap = _pair(analysis, a, b)
            assert "https://w3id.org/rdzl-graph/id/risk/capaciteit" in overlap.shared["problems"]
            assert any("capaciteitsgebrek" in r for r in analysis.reasons(overlap, "nl"))
            assert any("capacity shortage" in r for r in analysis.reasons(overlap, "en"))


def test_communities_partition_all_24_projects(analysis):
    members = [p for c in analysis.communities for p in c.projects]
    assert len(members) == len(set(members)) == 24
    assert set(members) == set(analysis.data.projects)
    assert 0 < analysis.partition.modularity < 1
    for community in analysis.communities:
        data = analysis.community_json(community, "nl")
        assert data["rationale"] and data["projects"]


def test_parent_and_own_sub_projects_are_not_compared(analysis):
    pairs = {frozenset((o.a, o.b)) for o in analysis.overlaps}
    parent = P + "wijkaanpak-vallisveld-pottenberg-nazareth"
    assert frozenset((parent, P + "vallisveld")) not in pairs
    assert frozenset((P + "tim-textiel-innovatie-maastricht", P + "tim-kinkleid")) not in pairs
    sibling = _pair(analysis, P + "vallisveld", P + "pottenberg-nazareth")
    assert analysis.sibling_parent(sibling) == parent


def test_parent_projects_share_the_community_of_their_sub_projects(analysis):
    """Regression: TIM (no partners of its own, never compared with its parts) landed in the
    Chemelot group while all seven of its sub-projects formed the textile group."""
    membership = analysis.partition.membership()
    for parent in ("tim-textiel-innovatie-maastricht", "wijkaanpak-vallisveld-pottenberg-nazareth"):
        children = [p for p in analysis.data.projects if analysis.data.nodes[p].get("parent") == P + parent]
        assert children
        assert {membership[c] for c in children} == {membership[P + parent]}


def test_scores_within_unit_interval_and_sorted(analysis):
    scores = [o.score for o in analysis.overlaps]
    assert all(0 < s <= 1 for s in scores)
    assert scores == sorted(scores, reverse=True)


def test_same_seed_same_result(store, analysis):
    again = analyse(store, seed=0)
    assert again.partition == analysis.partition
    assert again.overlaps == analysis.overlaps


def test_networks_use_iris_and_documented_attributes(store):
    graph = full_network(store)
    assert all(node.startswith("https://w3id.org/rdzl-graph/id/") for node in graph)
    kinds = {a["kind"] for _n, a in graph.nodes(data=True)}
    assert {"project", "organisation", "municipality", "theme", "person"} <= kinds <= set(KINDS)
    vallisveld = graph.nodes[P + "vallisveld"]
    assert vallisveld["parent"] == P + "wijkaanpak-vallisveld-pottenberg-nazareth"
    assert vallisveld["line_label"] and vallisveld["label"] == "Vallisveld"
    assert graph.nodes[O + "provincie-limburg"]["org_type"] == "Province"
    assert graph.nodes[O + "provincie-limburg"]["country"] == "NL"
    assert all(v is not None for _n, a in graph.nodes(data=True) for v in a.values())
    bipartite = project_organisation_graph(load_network_data(store))
    assert nx.is_bipartite(bipartite)
    edge = bipartite.edges[P + "circular-chemelot", O + "chemelot"]
    assert edge["role"] == "uitvoerder" and edge["role_label"]


def test_results_as_rdf_in_the_analysis_graph_with_defined_terms(analysis):
    quads = analysis_quads(analysis)
    assert {q.graph_name.value for q in quads} == {ANALYSIS_GRAPH}
    dataset = rdflib.Dataset()
    dataset.parse(data=analysis_trig(analysis), format="trig")
    graph = dataset.graph(rdflib.URIRef(ANALYSIS_GRAPH))
    communities = set(graph.subjects(rdflib.RDF.type, RDZL.Community))
    assert len(communities) == len(analysis.communities)
    assert len(set(graph.subjects(rdflib.RDF.type, RDZL.Overlap))) == len(analysis.overlaps)
    langs = {o.language for o in graph.objects(None, RDZL.rationale)}
    assert langs == {"nl", "en"}
    terms = rdflib.Graph().parse(ontology_dir() / "rdzl.ttl")
    used = {t for q in graph for t in (q[1], q[2]) if str(t).startswith(str(RDZL))}
    defined = set(terms.subjects(rdflib.RDF.type, None))
    assert used <= defined, used - defined
    store = ox.Store()
    store.extend(quads)
    assert len(store) == len(set(quads))


def test_json_is_serialisable(analysis):
    data = json.loads(json.dumps(analysis.to_json("en")))
    assert len(data["communities"]) == len(analysis.communities)
    assert all(isinstance(o["reasons"], list) for o in data["overlaps"])


def test_nothing_is_pruned_on_the_real_data(analysis):
    """24 projects: no feature or word is held by more than hub_cap projects, so every pair that shares something counts."""
    assert analysis.hubs == {}
    assert analysis.to_json()["pruned_features"] == []
