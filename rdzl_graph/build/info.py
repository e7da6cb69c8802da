"""``build-info.json``: what a build read, made and validated, as plain data."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .. import __version__
from ..core.sources import SourceSet
from ..core.namespaces import short_name
from ..core.sparql import query_file

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .pipeline import BuildResult


def class_counts(store: ox.Store, queries: Path | None = None) -> dict[str, int]:
    """Prefixed class name -> number of instances, largest first, for every ``rdzl:`` class of the reasoned graph.

    Counted by the named question ``stats-class-counts`` on *store* (the built
    dataset), from *queries* if given, else from the packaged ``queries/``.
    """
    rows = query_file(store, "stats-class-counts", queries)
    return {short_name(row["class"]): int(row["count"]) for row in rows}


def build_info(sources: SourceSet, result: "BuildResult", sizes: dict[str, int]) -> dict[str, Any]:
    """Assemble the content of ``build-info.json`` as plain data."""
    return {
        "rdzl_graph_version": __version__,
        "built_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "triples": result.triples,
        "graphs": sizes,
        "class_counts": result.class_counts,
        "timings_seconds": {k: round(v, 4) for k, v in result.timings.items()},
        "validation": result.validation,
        "sources": [{"file": f.display, "sha256": f.sha256, "triples": f.triples} for f in sources.files],
        "warnings": [str(w) for w in result.warnings],
    }
