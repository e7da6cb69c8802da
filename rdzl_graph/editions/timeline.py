"""The changes between every two consecutive editions as an analysis graph (``rdzl:EditionChange``),
for the site's timeline and what-changed pages: ``rdzl-graph editions --timeline -o
build/analysis/editions.trig`` (``rdzl-graph query`` and the site load ``build/analysis/*.trig``).
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from ..core.namespaces import GRAPH_BASE, RD, RDZL
from .dataset import EditionSet
from .diff import diff_editions

EDITIONS_GRAPH = ox.NamedNode(GRAPH_BASE + "editions")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def change_records(editions: EditionSet) -> list[dict]:
    """Every change between consecutive editions, oldest pair first (the dicts of ``diff``)."""
    records = []
    for older, newer in zip(editions.editions, editions.editions[1:]):
        records += diff_editions(editions, older.slug, newer.slug)["changes"]
    return records


def _node(change: dict, index: int) -> ox.NamedNode:
    key = "|".join(str(change[k]) for k in ("project", "kind", "old", "new"))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    source = change["source"]
    return ox.NamedNode(f"{RD}edition-change/{source['from']['edition']}--{source['to']['edition']}--{index}-{digest}")


def timeline_quads(editions: EditionSet) -> list[ox.Quad]:
    """:func:`change_records` as quads of the graph ``graph/editions`` (deterministic IRIs)."""
    quads = []
    for index, change in enumerate(change_records(editions), 1):
        node, source = _node(change, index), change["source"]
        values = [(_TYPE, ox.NamedNode(str(RDZL.EditionChange))),
                  (ox.NamedNode(str(RDZL.changedProject)), ox.NamedNode(f"{RD}project/{change['project']}")),
                  (ox.NamedNode(str(RDZL.fromEdition)), ox.NamedNode(f"{RD}report/{source['from']['edition']}")),
                  (ox.NamedNode(str(RDZL.toEdition)), ox.NamedNode(f"{RD}report/{source['to']['edition']}")),
                  (ox.NamedNode(str(RDZL.changeKind)), ox.Literal(change["kind"]))]
        for key, predicate in (("old", RDZL.oldValue), ("new", RDZL.newValue)):
            if change[key] is not None:
                values.append((ox.NamedNode(str(predicate)), ox.Literal(str(change[key]))))
        quads += [ox.Quad(node, p, o, EDITIONS_GRAPH) for p, o in values]
    return quads


def timeline_trig(editions: EditionSet) -> bytes:
    """:func:`timeline_quads` as TriG (empty graph with one edition: nothing to compare)."""
    return ox.serialize(timeline_quads(editions), format=ox.RdfFormat.TRIG,
                        prefixes={"rdzl": str(RDZL), "report": f"{RD}report/", "project": f"{RD}project/"})


TIMELINE_FILE = "editions.trig"
"""Name of the analysis graph file in ``<build>/analysis/``."""


def load_timeline(store: ox.Store, build_dir) -> bool:
    """Load ``<build_dir>/analysis/editions.trig`` into ``store`` when it exists (the site's editions
    pages read it; it cannot be computed from the built graph, which holds the latest edition only).

    Returns
    -------
    bool
        Whether the file was there.
    """
    from pathlib import Path

    from ..core.errors import InputError
    from ..core.resources import ANALYSIS_DIR_NAME

    path = Path(build_dir) / ANALYSIS_DIR_NAME / TIMELINE_FILE
    if not path.is_file():
        return False
    try:
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
    except SyntaxError as exc:
        raise InputError(str(path), getattr(exc, "lineno", None), f"not valid TriG: {exc.msg or exc}") from None
    return True
