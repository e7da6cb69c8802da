"""The pyvis view for analysts: any network, the site's styles, a page that links nothing online."""

from __future__ import annotations

import re

import networkx as nx
import pytest

from rdzl_graph.network import full_network
from rdzl_graph.network.graphs import project_organisation_graph
from rdzl_graph.site.graphview import KIND_STYLE, NO_COMMUNITY_COLOUR
from rdzl_graph.site.notebook import to_pyvis

pyvis_network = pytest.importorskip("pyvis.network")

# Anything that makes a browser fetch: an attribute, a CSS url() or @import with a scheme.
FETCH = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?|@import\s+["']?)(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def graph(store):
    return full_network(store)


def test_every_node_and_edge_with_the_site_style(graph):
    before = (sorted(graph.nodes(data=True), key=str), sorted(graph.edges(data=True), key=str))
    net = to_pyvis(graph)
    assert (sorted(graph.nodes(data=True), key=str), sorted(graph.edges(data=True), key=str)) == before
    assert isinstance(net, pyvis_network.Network)
    assert sorted(n["id"] for n in net.nodes) == sorted(graph.nodes)
    assert len(net.edges) == graph.number_of_edges()
    assert {(e["from"], e["to"]) for e in net.edges} <= set(graph.edges) | {(b, a) for a, b in graph.edges}
    envida = next(n for n in net.nodes if n["id"].endswith("/org/envida"))
    assert envida["color"] == KIND_STYLE["organisation"][0] and envida["shape"] == "square"
    assert envida["title"].startswith(graph.nodes[envida["id"]]["label"])


def test_page_loads_nothing_from_the_internet(graph):
    page = to_pyvis(graph).generate_html(notebook=True)
    assert "vis.Network(" in page and len(page) > 400_000  # vis-network inlined
    assert FETCH.findall(page) == []
    assert FETCH.findall('<link href="https://cdn.example/b.css">') != []  # the pattern does find a CDN link


def test_labels_cannot_break_out_of_the_script():
    g = nx.Graph([("p", "o")])
    g.nodes["p"].update(kind="project", label="</script><script>alert(1)</script>")
    page = to_pyvis(g, notebook=False).generate_html()
    assert "<script>alert(1)" not in page and "alert(1)" in page


def test_communities_colour_and_weights_titles(store):
    g = nx.Graph()
    g.add_edge("a", "b", weight=0.4567)
    g.add_edge("b", "c", weight=0.1)
    net = to_pyvis(g, communities=[["a", "b"]], lang="nl")
    colours = {n["id"]: n["color"] for n in net.nodes}
    assert colours["a"] == colours["b"] != NO_COMMUNITY_COLOUR and colours["c"] == NO_COMMUNITY_COLOUR
    assert sorted(e["title"] for e in net.edges) == ["0,10", "0,46"]
    roles = to_pyvis(project_organisation_graph(_data(store)))
    assert any(e.get("title") for e in roles.edges)


def _data(store):
    from rdzl_graph.network.graphs import load_network_data

    return load_network_data(store)
