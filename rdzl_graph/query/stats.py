"""Statistics of the built graph: triples per named graph, instances per class, the key figures.

The key figures are those of the named question ``key-figures`` (the same the
site's overview and the notebooks show): "49 organisations in the graph, of
which 40 with a role in a project" is the class count of ``rdzl:Organisation``
next to ``organisations_in_project``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..build.info import class_counts
from ..core.sparql import query_file


def graph_sizes(store: ox.Store, queries: Path | None = None) -> dict[str, int]:
    """Count the triples in each named graph.

    Returns
    -------
    dict
        Named-graph IRI -> number of triples.
    """
    rows = query_file(store, "stats-graph-sizes", queries)
    return {row["graph"]: int(row["triples"]) for row in rows}


def key_figures(store: ox.Store, queries: Path | None = None) -> dict[str, Any]:
    """The one row of the named question ``key-figures``: figure name -> value (amounts as ``Decimal``)."""
    rows = query_file(store, "key-figures", queries)
    return dict(rows[0]) if rows else {}


def stats(store: ox.Store, queries: Path | None = None) -> dict[str, Any]:
    """Return all statistics as plain data: ``{"graphs": ..., "classes": ..., "figures": ...}``.

    ``figures`` are :func:`key_figures` with amounts as strings of whole or decimal euros (JSON has
    no decimal type).
    """
    figures = {name: (str(value) if isinstance(value, Decimal) else value)
               for name, value in key_figures(store, queries).items()}
    return {"graphs": graph_sizes(store, queries), "classes": class_counts(store, queries), "figures": figures}


def render_table(data: dict[str, Any]) -> str:
    """Render :func:`stats` output as a plain-text table."""
    lines = []
    graphs = data["graphs"]
    width = max([len(g) for g in graphs] + [len("graph")])
    lines.append(f"{'graph':<{width}}  {'triples':>8}")
    for graph, count in graphs.items():
        lines.append(f"{graph:<{width}}  {count:>8}")
    lines.append("")
    classes = data["classes"]
    width = max([len(c) for c in classes] + [len("class")])
    lines.append(f"{'class':<{width}}  {'instances':>9}")
    for cls, count in classes.items():
        lines.append(f"{cls:<{width}}  {count:>9}")
    figures = data.get("figures") or {}
    if figures:
        lines.append("")
        width = max([len(name) for name in figures] + [len("key figure (query key-figures)")])
        lines.append(f"{'key figure (query key-figures)':<{width}}  {'value':>9}")
        for name, value in figures.items():
            lines.append(f"{name:<{width}}  {value!s:>9}")
    return "\n".join(lines)
