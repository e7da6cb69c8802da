"""Generated documentation: ontology page (pyLODE), query catalogue and CLI reference.

* :func:`ontology_page` — the ontology as HTML (pyLODE, with a plain fallback).
* :func:`catalogue_markdown` / :func:`catalogue_html` — every ``queries/*.rq``
  question with titles, descriptions, parameters and an example command.
* :func:`cli_markdown` — ``--help`` of every subcommand (``docs/cli.md``).
* :func:`write_docs` — all of it into the site (``rdzl-graph docs``).

``python -m rdzl_graph.docs cli|queries`` prints the committed Markdown files.
"""

from __future__ import annotations

from .catalogue import CatalogueEntry, catalogue, catalogue_html, catalogue_markdown
from .cli_reference import cli_markdown
from .ontology import OntologyPage, fallback_html, ontology_page
from .site import DocsResult, write_docs

__all__ = [
    "CatalogueEntry",
    "DocsResult",
    "OntologyPage",
    "catalogue",
    "catalogue_html",
    "catalogue_markdown",
    "cli_markdown",
    "fallback_html",
    "ontology_page",
    "write_docs",
]
