"""Any of the project's networks as a pyvis view, for analysts in Jupyter; it draws offline.

:func:`to_pyvis` returns a :class:`pyvis.network.Network` with the site's
colours, shapes and start layout (:func:`~rdzl_graph.site.graphview.build_view`).
Its page has vis-network inlined (``cdn_resources="in_line"``) and a template
of its own that links nothing on the internet (pyvis' own template always
loads Bootstrap from a CDN), so it works without a connection. In a notebook,
``display(HTML(to_iframe(net)))`` shows it without writing a file (pyvis'
``net.show("overlap.html")`` writes the page next to the notebook and shows that).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from pyvis.network import Network

from ..text.formatting import format_number
from .graphview import build_view, community_colour

TEMPLATE = "pyvis-offline.html.j2"
_TEMPLATE_DIRS = [str(Path(__file__).resolve().parent / "templates"),
                  str(Path(pyvis.__file__).resolve().parent / "templates")]


def _edge_title(attrs: Mapping[str, Any], lang: str) -> str:
    if attrs.get("role_label"):
        return str(attrs["role_label"])
    if isinstance(attrs.get("weight"), (int, float)):
        return format_number(attrs["weight"], lang)
    return str(attrs.get("relation", ""))


def to_pyvis(graph: nx.Graph, *, communities: Sequence[Iterable[Any]] | None = None,
             centrality: Mapping[Any, float] | None = None, seed: int = 0, height: str = "650px",
             width: str = "100%", notebook: bool = True, lang: str = "nl") -> Network:
    """A pyvis network of *graph* that draws without internet.

    Parameters
    ----------
    graph : networkx.Graph
        Any network of the project (:func:`~rdzl_graph.network.full_network`,
        the overlap graph, the project-organisation graph, ...); nodes may
        have ``label`` and ``kind``, edges ``role_label``, ``relation`` or
        ``weight`` (shown on hover). Not modified.
    communities : sequence of iterables of nodes, optional
        Groups to colour (e.g. ``[c.projects for c in analysis.communities]``);
        other nodes grey. Without it, nodes are coloured by kind.
    centrality : mapping, optional
        Node -> score; sizes the nodes.
    seed : int
        Seed of the start layout.
    height, width : str
        CSS size of the drawing.
    notebook : bool
        Prepare the network for ``show`` in Jupyter.
    lang : {"nl", "en"}
        Number format of the edge weights.

    Returns
    -------
    pyvis.network.Network

    Examples
    --------
    >>> g = nx.Graph([("p", "o")]); g.nodes["p"].update(kind="project", label="<Vallisveld>")
    >>> net = to_pyvis(g, communities=[["p"]])
    >>> [n["label"] for n in net.nodes], [n["color"] for n in net.nodes]
    (['o', '<Vallisveld>'], ['#BBBBBB', '#4E79A7'])
    >>> page = net.generate_html(notebook=True)
    >>> "vis.Network(" in page and "<Vallisveld>" not in page
    True
    """
    plain = nx.relabel_nodes(graph, str)
    group = {str(n): i for i, members in enumerate(communities or ()) for n in members}
    view = build_view(plain, centrality={str(n): v for n, v in (centrality or {}).items()}, seed=seed)
    net = Network(height=height, width=width, notebook=notebook, cdn_resources="in_line")
    net.set_template_dir(_TEMPLATE_DIRS, TEMPLATE)
    if notebook:
        net.prep_notebook()
    for node in view["nodes"]:
        if communities is not None:
            node["color"] = community_colour(group.get(node["id"]))
        node["title"] = f"{node['label']} ({node['kind']})" if node["kind"] else node["label"]
    edges = []
    for edge in view["edges"]:
        title = _edge_title(plain.edges[edge["from"], edge["to"]], lang)
        edges.append({**edge, "title": title} if title else edge)
    # Set as lists: pyvis' add_edge compares each new edge with all others (quadratic).
    net.nodes, net.edges = view["nodes"], edges
    net.node_ids = [n["id"] for n in view["nodes"]]
    net.node_map = {n["id"]: n for n in view["nodes"]}
    net.options = view["options"]
    return net


def to_iframe(net: Network, height: str | None = None) -> str:
    """The page of *net* inside an ``<iframe srcdoc=...>``, for ``IPython.display.HTML``.

    The page keeps its own document (its scripts and element ids cannot clash
    with the notebook's or with another view's) and no file is written.

    Examples
    --------
    >>> frame = to_iframe(to_pyvis(nx.path_graph(2)), height="300px")
    >>> frame.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;') and 'height="300px"' in frame
    True
    """
    page = net.generate_html(notebook=True)
    return (f'<iframe srcdoc="{html.escape(page, quote=True)}" width="100%" '
            f'height="{html.escape(height or f"calc({net.height} + 24px)")}" style="border:0"></iframe>')
