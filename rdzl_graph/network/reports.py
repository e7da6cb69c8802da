"""One library function per CLI command: read the store, return plain data or files.

Each function takes the store (read only) and the command's options and
returns JSON-ready data; rendering is up to the caller.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .analysis import analyse
from .exports import export_networks
from .formats import EXPORT_FORMATS, NETWORK_FORMATS
from .results_rdf import write_results



def overlap_report(
    store: ox.Store, project: str | None = None, top: int = 10, seed: int = 0, lang: str = "nl"
) -> list[dict[str, Any]]:
    """The strongest overlaps, of one project or of the whole programme.

    Parameters
    ----------
    store : pyoxigraph.Store
    project : str, optional
        IRI, ``project:slug``, slug or exact name; ``None`` for all pairs.
    top : int
        Number of overlaps to return (``0``: all).
    seed : int
    lang : {"nl", "en"}

    Returns
    -------
    list of dict
        See :meth:`Analysis.overlap_json`; with ``project``, it is ``a``.

    Raises
    ------
    InputError
        If ``project`` matches no project.

    Examples
    --------
    >>> from rdzl_graph.query.store import open_store
    >>> store = open_store("build")  # doctest: +SKIP
    >>> overlap_report(store, "vallisveld", top=1)[0]["b_label"]
    'Pottenberg & Nazareth'
    """
    analysis = analyse(store, seed=seed)
    iri = analysis.resolve_project(project) if project else None
    items = analysis.overlaps_of(iri) if iri else list(analysis.overlaps)
    items = items[:top] if top > 0 else items
    return [analysis.overlap_json(o, iri, lang) for o in items]


def communities_report(store: ox.Store, seed: int = 0, lang: str = "nl") -> dict[str, Any]:
    """Proposed knowledge-exchange communities with modularity.

    Returns
    -------
    dict
        ``seed``, ``modularity``, ``stability``, ``communities`` (list of
        dicts with ``projects`` (labels), ``reasons``, ``rationale``,
        ``linking``, ``binding``; see :meth:`Analysis.community_json`) and
        ``pruned_features`` (features too common to create overlaps by
        themselves, see :meth:`Analysis.pruned_features`; empty on the real data).
    """
    analysis = analyse(store, seed=seed)
    return {
        "seed": seed,
        "modularity": analysis.partition.modularity,
        "stability": analysis.partition.stability,
        "communities": [analysis.community_json(c, lang) for c in analysis.communities],
        "pruned_features": analysis.pruned_features(lang),
    }


def centrality_report(store: ox.Store, seed: int = 0) -> list[dict[str, Any]]:
    """Organisations and persons ranked by betweenness (brokers first).

    Each row: ``node``, ``label``, ``label_en``, ``kind``, ``degree``,
    ``projects``, ``degree_centrality``, ``betweenness``, ``communities``
    (number of proposed communities its projects belong to).
    """
    return [dict(row) for row in analyse(store, seed=seed).brokers]


def export_report(store: ox.Store, fmt: str, out_dir: Path | str, seed: int = 0) -> list[Path]:
    """Write the networks (graphml, gexf, csv) or the results (trig, json) to ``out_dir``."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {EXPORT_FORMATS}")
    analysis = analyse(store, seed=seed)
    if fmt in NETWORK_FORMATS:
        return export_networks(analysis, fmt, out_dir)
    return write_results(analysis, out_dir, (fmt,))
