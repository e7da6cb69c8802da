"""Turn a networkx graph into the data of an interactive vis-network view.

The node, edge and option lists have the shape pyvis gives them; the site
renders them with its own template and a local copy of vis-network (copied
from the pyvis package; pyvis' own templates load scripts from a CDN).
They are built directly here: pyvis checks every new edge against all
edges, which is quadratic.

How big graphs stay usable
--------------------------
* Up to :data:`PHYSICS_THRESHOLD` nodes the browser runs the physics
  simulation from a start layout computed in :mod:`rdzl_graph.site.layout`;
  above it the layout is computed there and physics is off.
* A view of one project (its neighbourhood) starts from a ring around the
  project (:func:`~rdzl_graph.site.layout.ring_layout`): no iterative layout
  per page, the browser's physics settles the few nodes.
* Above :data:`OVERVIEW_LIMIT` nodes the network page shows a selection
  (:func:`select_projects`): round-robin over the knowledge-exchange groups,
  the projects with the most connections, each with all its partners,
  municipalities and themes, until the limit is reached. The page says so
  in Dutch and where to find the rest (search, project pages). Community
  views are cut the same way above :data:`COMMUNITY_VIEW_LIMIT` nodes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
from markupsafe import Markup

from .layout import PHYSICS_THRESHOLD, layout

#: Node kinds shown in the network views of the site.
SHOWN_KINDS = ("project", "organisation", "municipality", "theme")
#: Above this many nodes the network page shows a selection (see :func:`select_projects`).
OVERVIEW_LIMIT = 1000
#: Above this many nodes a community page shows a selection of its members.
COMMUNITY_VIEW_LIMIT = 80

#: Colour and shape per kind (Okabe-Ito colours; shapes so colour is not the only cue).
#: The order is also the order of the kinds around a ring (:func:`~rdzl_graph.site.layout.ring_layout`).
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


def induced(graph: nx.Graph, nodes: Iterable[Any]) -> nx.Graph:
    """A new graph of *nodes* and the edges of *graph* between them, with their attributes.

    Like ``graph.subgraph(nodes).copy()``, but each node's edges are found
    from the smaller of its adjacency and *nodes*, so the neighbourhood of a
    project does not scan all neighbours of the hubs it touches.

    Examples
    --------
    >>> g = nx.star_graph(1000)
    >>> sorted(induced(g, [0, 1, 2]).edges)
    [(0, 1), (0, 2)]
    """
    keep = [n for n in dict.fromkeys(nodes) if n in graph]
    order = {n: i for i, n in enumerate(keep)}
    sub = nx.Graph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in keep)
    adj = graph.adj
    edges = []
    for i, u in enumerate(keep):
        nbrs = adj[u]
        if len(nbrs) <= len(keep):
            edges.extend((u, v, d) for v, d in nbrs.items() if order.get(v, -1) > i)
        else:
            edges.extend((u, v, nbrs[v]) for v in keep[i + 1:] if v in nbrs)
    sub.add_edges_from(edges)
    return sub


def select_projects(graph: nx.Graph, groups: list[list[Any]], limit: int) -> set[Any]:
    """Choose at most *limit* nodes: well-connected projects of every group with all their neighbours.

    Projects are taken round-robin over *groups* (each group's projects
    with the most connections first; projects in no group form a last
    group); a taken project brings all its non-project neighbours. A
    project that would exceed *limit* is passed over, so smaller
    neighbourhoods further down still fill the view.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes have a ``kind``; not modified.
    groups : list of list
        Project nodes per group (e.g. the knowledge-exchange communities).
    limit : int
        Maximum number of nodes chosen.

    Returns
    -------
    set
        The chosen nodes (projects and their neighbours).

    Examples
    --------
    >>> g = nx.Graph([("p1", "t"), ("p1", "o"), ("p2", "t"), ("p3", "x")])
    >>> nx.set_node_attributes(g, {"p1": "project", "p2": "project", "p3": "project"}, "kind")
    >>> sorted(select_projects(g, [["p1", "p2"], ["p3"]], 5))
    ['o', 'p1', 'p3', 't', 'x']
    """
    kinds = graph.nodes(data="kind")
    seen: set[Any] = set()
    buckets = []
    for members in [*groups, [n for n, kind in kinds if kind == "project"]]:
        bucket = sorted({m for m in members if m in graph and kinds[m] == "project"} - seen,
                        key=lambda p: (-graph.degree(p), str(p)))
        seen.update(bucket)
        if bucket:
            buckets.append(iter(bucket))
    chosen: set[Any] = set()
    while buckets and len(chosen) < limit:
        still = []
        for bucket in buckets:
            for project in bucket:
                new = {project, *(n for n in graph[project] if kinds[n] != "project")} - chosen
                if len(chosen) + len(new) <= limit:
                    chosen |= new
                    still.append(bucket)
                    break
        buckets = still
    return chosen


def vis_options(n_nodes: int) -> dict[str, Any]:
    """Return the vis-network options for a graph of *n_nodes* nodes."""
    big = n_nodes > PHYSICS_THRESHOLD
    return {
        "autoResize": True,
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "system-ui,sans-serif",
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
    positions: Mapping[Any, tuple[float, float]] | None = None,
) -> dict[str, Any]:
    """Build the nodes, edges and options of an interactive network view.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes need ``label`` and ``kind`` attributes; not modified.
    node_extra : mapping, optional
        Node -> extra plain fields for the page script (``url``, ``community``,
        filter keys, details); merged into the node record. A ``label`` here
        replaces the node's label.
    centrality : mapping, optional
        Node -> centrality score (any scale); sizes the nodes.
    seed : int
        Seed of the layout.
    positions : mapping, optional
        Node -> ``(x, y)`` in pixels; computed with :func:`layout` when not given.

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
    positions = positions if positions is not None else layout(graph, seed=seed)
    nodes = []
    for node in sorted(graph.nodes, key=str):
        attrs = graph.nodes[node]
        kind = attrs.get("kind", "")
        colour, shape = KIND_STYLE.get(kind, ("#777777", "dot"))
        x, y = positions[node]
        share = math.sqrt(max(float(centrality.get(node, 0.0)), 0.0) / top)
        extra = dict(node_extra.get(node, {}))
        label = str(extra.pop("label", attrs.get("label", node)))
        record = {"color": colour, "x": x, "y": y, "size": round(8 + 26 * share, 1), "kind": kind,
                  "typeColour": colour, "communityColour": community_colour(extra.pop("community_index", None))}
        record.update(extra)
        record.update(id=str(node), label=label or str(node), shape=shape)
        nodes.append(record)
    edges = []
    for a, b, attrs in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        edge = {k: v for k, v in attrs.items() if k in ("relation", "role_label")}
        edge.update({"from": str(a), "to": str(b)})
        edges.append(edge)
    options = vis_options(graph.number_of_nodes())
    return {"nodes": nodes, "edges": edges, "options": options, "physics": bool(options["physics"]["enabled"])}


#: What :func:`script_json` writes as an escape: what could end a script element, and the line separators.
_SCRIPT_ESCAPES = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


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
    for char, escape in _SCRIPT_ESCAPES:
        if char in text:  # a search is cheaper than a copy of a long text
            text = text.replace(char, escape)
    return Markup(text)
