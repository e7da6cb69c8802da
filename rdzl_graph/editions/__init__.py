"""Editions of the progress report in the graph: the current data is the latest edition, an older
edition's differing facts are a named graph of their own (``data/editions/<slug>/*.trig``; the rule
is in data/README.md, "Editions").

* :mod:`~rdzl_graph.editions.dataset` — the editions, their order, and :func:`view` (what any edition says);
* :mod:`~rdzl_graph.editions.diff` — what changed per project between two editions (``rdzl-graph diff``);
* :mod:`~rdzl_graph.editions.accept` — a reviewed ingest into ``data/`` as the new edition (``rdzl-graph ingest accept``).
"""

from __future__ import annotations

from .dataset import Edition, EditionSet, load_editions, view, view_store
from .diff import diff, diff_editions, edition_state

__all__ = ["Edition", "EditionSet", "diff", "diff_editions", "edition_state", "load_editions", "view", "view_store"]
