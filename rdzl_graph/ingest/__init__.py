"""The assisted ingest: read the next progress report and propose the change, for review.

``rdzl-graph ingest REPORT --edition SLUG [--date YYYY-MM-DD] [-o DIR]`` writes DIR (default
``build/ingest/SLUG/``): staged Turtle per project in the ``data/`` layout, ``changes.json``,
``candidates.json`` and ``review.html``. Nothing reaches ``data/`` without review.

Modules, in the order the data flows:

* :mod:`~rdzl_graph.ingest.reading` — PDF (pypdf) or text into numbered lines on pages;
* :mod:`~rdzl_graph.ingest.layout` — page-end blocks, headings, running text;
* :mod:`~rdzl_graph.ingest.known` — what the current graph knows (SPARQL in ``known-*.rq``);
* :mod:`~rdzl_graph.ingest.sections` — headings matched to known projects (fuzzy);
* :mod:`~rdzl_graph.ingest.blocks` — amounts and status labels assigned per page, with certainty;
* :mod:`~rdzl_graph.ingest.extract` — attention points, quotes, organisations and persons;
* :mod:`~rdzl_graph.ingest.changes` — the change list;
* :mod:`~rdzl_graph.ingest.staging`, :mod:`~rdzl_graph.ingest.outputs` — the files written;
* :mod:`~rdzl_graph.ingest.pipeline` — :func:`ingest` and the pure :func:`analyse`.
"""

from __future__ import annotations

from .known import KnownGraph, read_known, store_from_data
from .pipeline import IngestResult, analyse, ingest
from .reading import Line, Report, read_report

__all__ = ["IngestResult", "KnownGraph", "Line", "Report", "analyse", "ingest", "read_known", "read_report", "store_from_data"]
