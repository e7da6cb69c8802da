"""Write the generated documentation into the site (``rdzl-graph docs``).

Pages: ``<out>/index.html`` (links), ``<out>/queries.html`` (query
catalogue), ``<out>/cli.html`` (CLI reference) and the ontology page at
``<ontology_out>/index.html`` (default: ``<out>/../ontology/index.html``, i.e.
``build/site/ontology/index.html``). Every page is rendered in memory first;
files are then replaced one by one (write to a temporary name, rename), so a
failure never leaves a half-written page.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from ..core.atomic import replace_file
from ..text.docs import docs_strings
from .catalogue import catalogue, catalogue_html
from .cli_reference import cli_html
from .ontology import ontology_page
from .render import render_page

DEFAULT_OUT = Path("build") / "site" / "docs"

#: The pages the start page links to: (address, key of its name in :mod:`rdzl_graph.text.docs`).
_INDEX_LINKS = (("../ontology/index.html", "ontology"), ("queries.html", "queries"), ("cli.html", "cli"))


@dataclass(frozen=True)
class DocsResult:
    """What :func:`write_docs` wrote.

    Attributes
    ----------
    pages : tuple of Path
        The files written.
    ontology_generator : str
        ``"pyLODE <version>"`` or ``"fallback"``.
    note : str
        Why the ontology fallback was used (empty otherwise).
    """

    pages: tuple[Path, ...]
    ontology_generator: str
    note: str = ""


def index_html(lang: str = "nl") -> str:
    """The documentation start page (links to the ontology, catalogue and CLI pages).

    Examples
    --------
    >>> '<a href="queries.html">Query catalogue</a>' in index_html("en")
    True
    """
    t = docs_strings("index", lang)
    links = [(href, t[key], t[f"{key}_what"]) for href, key in _INDEX_LINKS]
    return render_page("index.html.j2", lang=lang, title=t["title"], back=t["back"], links=links)


def write_docs(cli_parser: argparse.ArgumentParser, out_dir: Path | str | None = None,
               ontology_out: Path | str | None = None, lang: str = "nl", ontology: Path | str | None = None,
               queries: Path | str | None = None) -> DocsResult:
    """Generate the documentation pages into the site.

    Parameters
    ----------
    cli_parser : argparse.ArgumentParser
        The command line to document (``rdzl-graph docs`` passes its own parser).
    out_dir : pathlib.Path or str, optional
        Directory of the docs pages (default ``build/site/docs``).
    ontology_out : pathlib.Path or str, optional
        Directory of the ontology page (default ``<out_dir>/../ontology``).
    lang : str
        ``"nl"`` (default) or ``"en"``.
    ontology : pathlib.Path or str, optional
        The ontology Turtle file (default: the packaged ``rdzl.ttl``).
    queries : pathlib.Path or str, optional
        Query directory (default: the packaged ``queries/``).

    Returns
    -------
    DocsResult

    Raises
    ------
    InputError
        Unknown language, a bad ontology file or a malformed query header;
        nothing is written then.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "docs"
    >>> result = write_docs(argparse.ArgumentParser(prog="tool"), out)
    >>> sorted(p.name for p in result.pages)
    ['cli.html', 'index.html', 'index.html', 'queries.html']
    """
    out = Path(out_dir) if out_dir is not None else DEFAULT_OUT
    ont_dir = Path(ontology_out) if ontology_out is not None else out.parent / "ontology"
    page = ontology_page(ontology, lang)  # rejects an unknown language first
    rendered = {
        out / "index.html": index_html(lang),
        out / "queries.html": catalogue_html(catalogue(queries), lang),
        out / "cli.html": cli_html(cli_parser, lang),
        ont_dir / "index.html": page.html,
    }
    for path, text in rendered.items():
        replace_file(path, text)
    return DocsResult(tuple(rendered), page.generator, page.note)
