"""Export the networks as GraphML, GEXF (Gephi) and CSV (spreadsheets).

Networks exported (file name prefix):

``full``
    projects, organisations, persons, municipalities and themes
    (:func:`rdzl_graph.network.graphs.full_network_from_data`);
``project-organisation``
    the bipartite participation network, with the role on each edge;
``overlap``
    projects linked by their overlap: edge ``weight`` (score), the component
    scores and ``reasons`` / ``reasons_en``; node ``community`` (number).

CSV files are written for Excel with a Dutch locale, which trainees use:
UTF-8 *with* byte-order mark (so Excel reads é, ë and – correctly), ``;`` as
separator (the Dutch list separator, so columns split on opening) and
decimal commas in numbers (``0,52``; Excel in Dutch reads ``0.52`` as text
or a date). Each network gives ``<name>-nodes.csv`` and ``<name>-edges.csv``.
Lists are joined with ``" | "``. A text cell that a spreadsheet would read as a
formula (``=``, ``+``, ``-``, ``@``, tab, CR first) gets a leading ``'``
(:func:`rdzl_graph.text.safety.neutralise`); numbers are never touched.

GraphML and GEXF keep plain floats and the exact text (they are read by
programs, not spreadsheets), except the few control characters XML cannot
hold, which become U+FFFD (:func:`rdzl_graph.text.safety.xml_safe`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from ..core.atomic import replace_file
from ..text.formatting import format_decimal
from ..text.safety import neutralise, xml_safe
from .analysis import Analysis
from .communities import overlap_graph
from .formats import NETWORK_FORMATS as FORMATS
from .graphs import full_network_from_data, project_organisation_graph


def _clean(value: Any, xml: bool) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        value = " | ".join(str(v) for v in value)
    elif not isinstance(value, (bool, int, float, str)):
        value = str(value)
    return xml_safe(value) if xml and isinstance(value, str) else value


def exportable(graph: nx.Graph, xml: bool = False) -> nx.Graph:
    """A copy of ``graph`` whose attributes GraphML/GEXF accept (no ``None``, no lists).

    With *xml*, node ids and texts lose the characters XML cannot hold
    (:func:`rdzl_graph.text.safety.xml_safe`).

    Examples
    --------
    >>> g = nx.Graph(); g.add_node("a", tags=["x", "y"], gone=None, label="A\\x1b")
    >>> dict(exportable(g).nodes["a"]), exportable(g, xml=True).nodes["a"]["label"] == "A\\ufffd"
    ({'tags': 'x | y', 'label': 'A\\x1b'}, True)
    """
    out = nx.Graph(name=_clean(graph.graph.get("name", ""), xml))
    for node, attrs in graph.nodes(data=True):
        out.add_node(_clean(str(node), xml), **{k: _clean(v, xml) for k, v in attrs.items() if v is not None})
    for u, v, attrs in graph.edges(data=True):
        out.add_edge(_clean(str(u), xml), _clean(str(v), xml),
                     **{k: _clean(x, xml) for k, x in attrs.items() if x is not None})
    return out


def analysis_networks(analysis: Analysis) -> dict[str, nx.Graph]:
    """The networks to export, by file-name prefix (new graphs; nothing shared is modified)."""
    data = analysis.data
    overlap = overlap_graph(data.projects, analysis.overlaps, top_k=None)
    membership = analysis.partition.membership()
    for node in overlap.nodes():
        overlap.nodes[node].update(data.nodes[node])
        overlap.nodes[node]["community"] = membership.get(node, -1) + 1
    for item in analysis.overlaps:
        edge = overlap.edges[item.a, item.b]
        edge.update({f"{k}_score": v for k, v in item.components.items()})
        edge["reasons"] = "; ".join(analysis.reasons(item, "nl"))
        edge["reasons_en"] = "; ".join(analysis.reasons(item, "en"))
    return {
        "full": full_network_from_data(data),
        "project-organisation": project_organisation_graph(data),
        "overlap": overlap,
    }


def _dutch_cell(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return format_decimal(value, "nl", 6, grouping=False, trim=True)
    return value


def csv_tables(graph: nx.Graph) -> dict[str, str]:
    """Node and edge tables of a graph as CSV text (``;``-separated, decimal commas, text neutralised).

    Examples
    --------
    >>> g = nx.Graph(); g.add_node("a", label="A"); g.add_node("b", label="=B"); g.add_edge("a", "b", weight=-0.5)
    >>> csv_tables(g)["edges"].splitlines()
    ['source;target;source_label;target_label;weight', "a;b;A;'=B;-0,5"]
    """
    graph = exportable(graph)
    node_keys = sorted({k for _n, a in graph.nodes(data=True) for k in a})
    node_keys = [k for k in ("kind", "label", "label_en") if k in node_keys] + [
        k for k in node_keys if k not in ("kind", "label", "label_en")
    ]
    edge_keys = sorted({k for *_e, a in graph.edges(data=True) for k in a})
    tables = {}
    for name, header, rows in (
        ("nodes", ["id"] + node_keys, ([n] + [a.get(k, "") for k in node_keys] for n, a in graph.nodes(data=True))),
        (
            "edges",
            ["source", "target", "source_label", "target_label"] + edge_keys,
            (
                [u, v, graph.nodes[u].get("label", u), graph.nodes[v].get("label", v)] + [a.get(k, "") for k in edge_keys]
                for u, v, a in graph.edges(data=True)
            ),
        ),
    ):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([_dutch_cell(c) for c in row] for row in rows)
        tables[name] = buffer.getvalue()
    return tables


def _written(write: Callable[..., None], graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    write(exportable(graph, xml=True), buffer, encoding="utf-8")
    return buffer.getvalue()


def _payloads(name: str, graph: nx.Graph, fmt: str) -> dict[str, bytes]:
    if fmt == "graphml":
        return {f"{name}.graphml": _written(nx.write_graphml, graph)}
    if fmt == "gexf":
        return {f"{name}.gexf": _written(nx.write_gexf, graph)}
    return {f"{name}-{kind}.csv": text.encode("utf-8-sig") for kind, text in csv_tables(graph).items()}


def export_networks(analysis: Analysis, fmt: str, out_dir: Path | str) -> list[Path]:
    """Write every network of :func:`analysis_networks` in one format.

    Parameters
    ----------
    analysis : Analysis
    fmt : {"graphml", "gexf", "csv"}
    out_dir : path
        Created if missing. Every file is made in memory first, then each
        is written under a temporary name and renamed
        (:func:`rdzl_graph.core.atomic.replace_file`).

    Returns
    -------
    list of pathlib.Path
        The files written, sorted.

    Examples
    --------
    >>> from rdzl_graph.query.store import open_store
    >>> store = open_store("build")  # doctest: +SKIP
    >>> import tempfile
    >>> from rdzl_graph.network import analyse
    >>> [p.name for p in export_networks(analyse(store), "csv", tempfile.mkdtemp())][:2]
    ['full-edges.csv', 'full-nodes.csv']
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {FORMATS}")
    out = Path(out_dir)
    payloads: dict[str, bytes] = {}
    for name, graph in analysis_networks(analysis).items():
        payloads.update(_payloads(name, graph, fmt))
    return sorted(replace_file(out / file_name, data) for file_name, data in sorted(payloads.items()))
