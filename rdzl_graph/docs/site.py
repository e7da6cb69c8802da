"""Write the generated documentation into the site (``rdzl-graph docs``).

Pages: ``<out>/index.html`` (links), ``<out>/queries.html`` (query
catalogue), ``<out>/cli.html`` (CLI reference) and the ontology page at
``<ontology_out>/index.html`` (default: ``<out>/../ontology/index.html``, i.e.
``build/site/ontology/index.html``). Every page is rendered in memory first;
files are then replaced one by one (write to a temporary name, rename), so a
failure never leaves a half-written page.
"""

from __future__ import annotations

import html
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .catalogue import catalogue, catalogue_html
from .cli_reference import cli_html
from .ontology import ontology_page

DEFAULT_OUT = Path("build") / "site" / "docs"

_INDEX = {
    "nl": ("Documentatie", "terug naar de site", (
        ("../ontology/index.html", "Ontologie", "klassen en eigenschappen van rdzl: (pyLODE)"),
        ("queries.html", "Vragencatalogus", "alle benoemde SPARQL-vragen met parameters en voorbeeld"),
        ("cli.html", "Opdrachtregel", "de hulp bij elke opdracht van rdzl-graph"),
    )),
    "en": ("Documentation", "back to the site", (
        ("../ontology/index.html", "Ontology", "classes and properties of rdzl: (pyLODE)"),
        ("queries.html", "Query catalogue", "every named SPARQL question with parameters and an example"),
        ("cli.html", "Command line", "the help of every rdzl-graph command"),
    )),
}


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
    """The documentation start page (links to the ontology, catalogue and CLI pages)."""
    title, back, links = _INDEX[lang]
    esc = html.escape
    items = "".join(f'<li><a href="{esc(href)}">{esc(text)}</a> — {esc(what)}</li>\n' for href, text, what in links)
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{esc(title)}</title>\n'
            "<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:1.5rem auto;padding:0 1rem}</style>\n"
            f'</head>\n<body>\n<p><a href="../index.html">&larr; {esc(back)}</a></p>\n<h1>{esc(title)}</h1>\n'
            f"<ul>\n{items}</ul>\n</body>\n</html>\n")


def _replace(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_docs(out_dir: Path | str = DEFAULT_OUT, ontology_out: Path | str | None = None, lang: str = "nl",
               ontology: Path | str | None = None, queries: Path | str | None = None) -> DocsResult:
    """Generate the documentation pages into the site.

    Parameters
    ----------
    out_dir : pathlib.Path or str
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
    >>> result = write_docs(out)  # doctest: +SKIP
    >>> sorted(p.name for p in result.pages)  # doctest: +SKIP
    ['cli.html', 'index.html', 'index.html', 'queries.html']
    """
    out = Path(out_dir)
    ont_dir = Path(ontology_out) if ontology_out is not None else out.parent / "ontology"
    page = ontology_page(ontology, lang)  # rejects an unknown language first
    rendered = {
        out / "index.html": index_html(lang),
        out / "queries.html": catalogue_html(catalogue(queries), lang),
        out / "cli.html": cli_html(lang),
        ont_dir / "index.html": page.html,
    }
    for path, text in rendered.items():
        _replace(path, text)
    return DocsResult(tuple(rendered), page.generator, page.note)
