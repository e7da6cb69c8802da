"""Ontology documentation: an HTML page generated with pyLODE, with a plain fallback.

pyLODE (``OntPub``) renders one self-contained page (CSS inline, no network
access). It shows every language of a label side by side ("gebiedarea"), so
the ontology is first reduced to one language (plus untagged literals).
When pyLODE is missing or fails, :func:`fallback_html` lists the classes and
properties with their labels and definitions, and says why.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ..core.errors import InputError
from ..core.loading import parse_turtle
from ..core.namespaces import RDZL
from ..core.resources import ontology_dir
from ..text.docs import docs_strings
from ..text.languages import LANGUAGES
from .render import render_page

ONTOLOGY_FILE = "rdzl.ttl"


@dataclass(frozen=True)
class OntologyPage:
    """The ontology documentation page.

    Attributes
    ----------
    html : str
        The page.
    generator : str
        ``"pyLODE <version>"`` or ``"fallback"``.
    note : str
        Why the fallback was used (empty with pyLODE).
    """

    html: str
    generator: str
    note: str = ""


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise InputError("--lang", None, f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")


def load_ontology(path: Path | str | None = None) -> Graph:
    """Parse the ontology file (default: the packaged ``ontology/rdzl.ttl``).

    Raises
    ------
    InputError
        If the file is missing or has a syntax error (with its line).
    """
    file = Path(path) if path else ontology_dir() / ONTOLOGY_FILE
    return parse_turtle(file, str(file))[0]


def one_language(graph: Graph, lang: str = "nl") -> Graph:
    """Return a copy of *graph* without literals in other languages than *lang*.

    Untagged and typed literals are kept. The input graph is not changed.

    Examples
    --------
    >>> g = Graph()
    >>> _ = g.add((RDZL.Area, RDFS.label, Literal("gebied", lang="nl")))
    >>> _ = g.add((RDZL.Area, RDFS.label, Literal("area", lang="en")))
    >>> [str(o) for o in one_language(g, "en").objects(RDZL.Area, RDFS.label)]
    ['area']
    """
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=True)
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language and o.language != lang:
            continue
        out.add((s, p, o))
    return out


def _pylode_html(graph: Graph) -> tuple[str, str]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import pylode  # noqa: PLC0415 - optional dependency, imported on use
        from pylode import OntPub  # noqa: PLC0415
    finally:
        # pyLODE configures the root logger at import (DEBUG to stderr); undo that.
        root.handlers[:] = handlers
        root.setLevel(level)
    return OntPub(graph, sort_subjects=True).make_html(), f"pyLODE {pylode.__version__}"


def _text(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> str:
    values = {o.language: str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)}
    return values.get(lang) or values.get(None) or values.get("nl") or next(iter(values.values()), "")


def fallback_html(graph: Graph, lang: str = "nl", reason: str = "") -> str:
    """A plain, escaped HTML page with the rdzl: classes and properties.

    Parameters
    ----------
    graph : rdflib.Graph
        The ontology.
    lang : str
        ``"nl"`` or ``"en"``: language of labels, definitions and the page text.
    reason : str
        Why pyLODE was not used (shown on the page).

    Examples
    --------
    >>> "gebied" in fallback_html(load_ontology(), "nl", "test")
    True
    """
    _check_lang(lang)
    t = docs_strings("ontology", lang)
    ontology = next(graph.subjects(RDF.type, OWL.Ontology), None)
    title = _text(graph, ontology, URIRef("http://purl.org/dc/terms/title"), lang) if ontology else "rdzl"
    kinds = ((t["classes"], (OWL.Class,)),
             (t["properties"], (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)))
    sections = []
    for heading, types in kinds:
        terms = sorted({s for kind in types for s in graph.subjects(RDF.type, kind)
                        if isinstance(s, URIRef) and str(s).startswith(str(RDZL))})
        sections.append({"heading": heading, "terms": [
            {"local": str(term)[len(str(RDZL)):], "label": _text(graph, term, RDFS.label, lang),
             "definition": _text(graph, term, SKOS.definition, lang)} for term in terms]})
    # The note holds markup of its own (a <code> element); only the reason is escaped.
    note = Markup(t["fallback_note"].format(reason=html.escape(reason or "?")))
    return render_page("ontology-fallback.html.j2", lang=lang, title=title, note=note, kinds=sections)


def ontology_page(ontology: Path | str | None = None, lang: str = "nl") -> OntologyPage:
    """Render the ontology documentation (pyLODE, else the plain fallback).

    Parameters
    ----------
    ontology : pathlib.Path or str, optional
        The ontology Turtle file (default: the packaged ``rdzl.ttl``).
    lang : str
        ``"nl"`` (default) or ``"en"``: the language of labels and definitions.

    Returns
    -------
    OntologyPage

    Raises
    ------
    InputError
        For an unknown language or a missing/invalid ontology file.

    Examples
    --------
    >>> page = ontology_page(lang="en")
    >>> "sub-project" in page.html
    True
    """
    _check_lang(lang)
    graph = one_language(load_ontology(ontology), lang)
    try:
        page, generator = _pylode_html(graph)
    except ImportError as exc:
        reason = f"pyLODE is not installed: {exc}"
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - pyLODE calls exit() on load errors
        reason = f"pyLODE failed: {type(exc).__name__}: {exc}"
    else:
        return OntologyPage(page, generator)
    return OntologyPage(fallback_html(graph, lang, reason), "fallback", reason)
