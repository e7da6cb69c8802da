"""SPARQL text sent to a remote store: the update templates of ``queries/*.ru`` filled with
serialised RDF terms only (never raw user text)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox

from ..core.errors import EndpointError
from ..core.resources import queries_dir

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def template_text(name: str) -> str:
    """Read a SPARQL file (``.rq`` query or ``.ru`` update template) from ``queries/``."""
    path = queries_dir() / name
    if not path.is_file():
        raise EndpointError(f"missing SPARQL file {path}")
    return path.read_text(encoding="utf-8")


def fill_template(text: str, terms: Mapping[str, str | ox.NamedNode | ox.Literal]) -> str:
    """Replace ``{{name}}`` placeholders by serialized RDF terms.

    Strings are taken as IRIs and validated by pyoxigraph, so nothing but a
    well-formed ``<iri>`` (or a serialized literal) reaches the SPARQL text.
    Values of the placeholder ``triples`` must be pre-serialized N-Triples
    (use :func:`ntriples`).

    Comment lines (the header) are dropped first.

    >>> fill_template("# drop\\nDROP SILENT GRAPH {{graph}}", {"graph": "http://ex.org/g"})
    'DROP SILENT GRAPH <http://ex.org/g>'
    """

    def term(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in terms:
            raise EndpointError(f"no value for placeholder {{{{{name}}}}}")
        value = terms[name]
        if name == "triples":
            return str(value)
        return str(ox.NamedNode(value) if isinstance(value, str) else value)

    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return _PLACEHOLDER.sub(term, body)


def ntriples(triples: Iterable[ox.Triple]) -> str:
    """Serialize triples as N-Triples text (safe to embed in ``INSERT DATA``)."""
    return ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def values_clause(variable: str, terms: Sequence[str | ox.NamedNode | ox.Literal]) -> str:
    """Build a trailing ``VALUES ?variable { ... }`` block of serialized terms.

    >>> values_clause("graph", ["http://ex.org/g"])
    'VALUES ?graph { <http://ex.org/g> }'
    """
    name = ox.Variable(variable)
    cells = " ".join(str(ox.NamedNode(t) if isinstance(t, str) else t) for t in terms)
    return f"VALUES {name} {{ {cells} }}"
