"""Statistics of the built graph: triples per named graph, instances per class."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..core.namespaces import short_name
from ..core.sparql import query_file
from ..core.resources import DEFAULT_BUILD_DIR
from .store import open_store


def class_counts(store: ox.Store, queries: Path | None = None) -> dict[str, int]:
    """Count the instances of every ``rdzl:`` class (reasoned graph).

    Parameters
    ----------
    store : pyoxigraph.Store
        Store loaded with the built dataset.
    queries : pathlib.Path, optional
        Query directory; defaults to the packaged ``queries/``.

    Returns
    -------
    dict
        Prefixed class name -> number of instances, largest first.
    """
    rows = query_file(store, "stats-class-counts", queries)
    return {short_name(row["class"]): int(row["count"]) for row in rows}


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


def _run(args: argparse.Namespace) -> int:
    data = stats(open_store(args.build))
    if args.format == "json":
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(render_table(data))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``stats`` subcommand to the CLI."""
    parser = subparsers.add_parser("stats", help="show triples per graph and instances per class")
    parser.add_argument("--build", default=str(DEFAULT_BUILD_DIR), help="build directory (default: build)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(handler=_run)
