"""Statistics of the built graph: triples per named graph, instances per class."""

from __future__ import annotations

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


def stats(store: ox.Store, queries: Path | None = None) -> dict[str, Any]:
    """Return all statistics as plain data: ``{"graphs": ..., "classes": ...}``."""
    return {"graphs": graph_sizes(store, queries), "classes": class_counts(store, queries)}


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
    return "\n".join(lines)
