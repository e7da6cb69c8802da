"""Turn a networkx graph into the data of an interactive vis-network view.

pyvis builds the node, edge and option lists; the site renders them with its
own template and a local copy of vis-network (pyvis' own templates load
scripts from a CDN). Positions are computed here, so large graphs open
without running the physics simulation in the browser.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import networkx as nx
import numpy as np
from markupsafe import Markup
from pyvis.network import Network

#: Node kinds shown in the network views of the site.
SHOWN_KINDS = ("project", "organisation", "municipality", "theme")
#: Above this many nodes the browser does not simulate physics.
PHYSICS_THRESHOLD = 300

#: Colour and shape per kind (Okabe-Ito colours; shapes so colour is not the only cue).
KIND_STYLE: dict[str, tuple[str, str]] = {
    "project": ("#0072B2", "dot"),
    "organisation": ("#E69F00", "square"),
    "municipality": ("#009E73", "triangle"),
    "theme": ("#CC79A7", "diamond"),
    "person": ("#56B4E9", "star"),
    "place": ("#8C7A00", "triangleDown"),
    "risk": ("#D55E00", "hexagon"),
}
COMMUNITY_COLOURS = (
    "#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#76B7B2",
    "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#3B6E8F",
)
NO_COMMUNITY_COLOUR = "#BBBBBB"


def community_colour(index: int | None) -> str:
    """Return the colour of community number *index* (``None``: grey)."""
    if index is None:
        return NO_COMMUNITY_COLOUR
    return COMMUNITY_COLOURS[index % len(COMMUNITY_COLOURS)]


def shown_subgraph(graph: nx.Graph, kinds: tuple[str, ...] = SHOWN_KINDS) -> nx.Graph:
    """Return a copy of *graph* restricted to nodes whose ``kind`` is in *kinds*.

    Examples
    --------
    >>> g = nx.Graph(); g.add_node("a", kind="project"); g.add_node("b", kind="person"); g.add_edge("a", "b")
    >>> sorted(shown_subgraph(g).nodes)
    ['a']
    """
    keep = [n for n, kind in graph.nodes(data="kind") if kind in kinds]
    return graph.subgraph(keep).copy()


def layout(graph: nx.Graph, seed: int = 0) -> dict[Any, tuple[float, float]]:
    """Compute node positions in pixels, reproducibly.

    Small graphs get a full spring layout; large ones a spectral start
    refined by a few spring iterations, so that thousands of nodes take
    seconds.

    Parameters
    ----------
    graph : networkx.Graph
        The graph to lay out (not modified).
    seed : int
        Seed of the random start.

    Returns
    -------
    dict
        Node -> ``(x, y)`` in pixels, centred on 0.

    Examples
    --------
    >>> pos = layout(nx.path_graph(3), seed=0)
    >>> sorted(pos) == [0, 1, 2]
    True
    """
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    if n <= PHYSICS_THRESHOLD:
        pos = nx.spring_layout(graph, seed=seed, iterations=300, k=1.6 / math.sqrt(max(n, 1)))
    else:
        rng = np.random.default_rng(seed)
        # nodes with the same neighbours share a spectral position: a little jitter separates them
        start = {node: xy + rng.normal(scale=0.02, size=2) for node, xy in nx.spectral_layout(graph).items()}
        iterations = max(6, min(50, int(40_000 / n)))
        pos = nx.spring_layout(graph, pos=start, seed=seed, iterations=iterations)
    scale = 90.0 * math.sqrt(n)
    return {node: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for node, (x, y) in pos.items()}


def vis_options(n_nodes: int) -> dict[str, Any]:
    """Return the vis-network options for a graph of *n_nodes* nodes."""
    big = n_nodes > PHYSICS_THRESHOLD
    return {
        "autoResize": True,
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "system-ui, sans-serif",
                                             "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"color": {"color": "#9aa5b1", "highlight": "#1f2933", "opacity": 0.6},
                  "smooth": False, "width": 1, "selectionWidth": 2},
        "interaction": {"hover": not big, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "navigationButtons": False, "keyboard": True},
        "physics": ({"enabled": False} if big else {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90, "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": 150, "fit": True}}),
        "layout": {"improvedLayout": False},
    }


def build_view(
    graph: nx.Graph,
    node_extra: Mapping[Any, Mapping[str, Any]] | None = None,
    centrality: Mapping[Any, float] | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """Build the nodes, edges and options of an interactive network view.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes need ``label`` and ``kind`` attributes.
    node_extra : mapping, optional
        Node -> extra plain fields for the page script (``url``, ``community``,
        filter keys, details); merged into the node record.
    centrality : mapping, optional
        Node -> centrality score (any scale); sizes the nodes.
    seed : int
        Seed of the layout.

    Returns
    -------
    dict
        ``nodes`` and ``edges`` (lists of dicts, ids are strings),
        ``options`` (vis-network options) and ``physics`` (bool).

    Examples
    --------
    >>> g = nx.Graph(); g.add_node("p", label="P", kind="project"); g.add_node("o", label="O", kind="organisation")
    >>> g.add_edge("p", "o")
    >>> view = build_view(g)
    >>> [n["id"] for n in view["nodes"]], len(view["edges"])
    (['o', 'p'], 1)
    """
    node_extra = node_extra or {}
    centrality = centrality or {}
    top = max((float(v) for v in centrality.values()), default=0.0) or 1.0
    positions = layout(graph, seed=seed)
    net = Network(directed=False)
    for node in sorted(graph.nodes, key=str):
        attrs = graph.nodes[node]
        kind = attrs.get("kind", "")
        colour, shape = KIND_STYLE.get(kind, ("#777777", "dot"))
        x, y = positions[node]
        share = math.sqrt(max(float(centrality.get(node, 0.0)), 0.0) / top)
        extra = dict(node_extra.get(node, {}))
        net.add_node(
            str(node), label=str(attrs.get("label", node)), shape=shape, color=colour, x=x, y=y,
            size=round(8 + 26 * share, 1), kind=kind, typeColour=colour,
            communityColour=community_colour(extra.pop("community_index", None)), **extra,
        )
    for a, b, attrs in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        edge = {k: v for k, v in attrs.items() if k in ("relation", "role_label")}
        net.add_edge(str(a), str(b), **edge)
    net.set_options(json.dumps(vis_options(graph.number_of_nodes())))
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": net.options,
        "physics": bool(net.options["physics"]["enabled"]),
    }


def script_json(data: Any) -> Markup:
    """Serialise *data* as JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` (and the line separators U+2028/9) are written as
    ``\\uXXXX`` escapes, so no label can close the script element.

    Examples
    --------
    >>> str(script_json({"label": "</script><b>"}))
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, default=str, sort_keys=False)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)
