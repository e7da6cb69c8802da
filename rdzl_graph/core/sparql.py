"""SPARQL on a pyoxigraph store, for the package's own queries, and the one conversion of
query results to plain Python values (used by the store, the named queries and the endpoints).

* :func:`to_python` — one RDF term to ``str``/``int``/``Decimal``/``float``/``bool``/``date``.
* :func:`plain_result` — a pyoxigraph query result to ``bool``, ``(columns, rows)`` or triples.
* :func:`json_rows` — a SPARQL 1.1 JSON results document (a remote endpoint) to the same values.
* :func:`query` / :func:`query_file` — run a query (text or ``queries/NAME.rq``) over the union
  of the named graphs with the project prefixes.
* :func:`run_sparql` — the one call of ``Store.query`` for a query over the whole store: the union
  default graph, unless the query names its own graphs (``FROM`` / ``FROM NAMED``, found by
  :func:`query_dataset`), which are then honoured as SPARQL says.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .namespaces import PREFIXES
from .resources import query_text

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {
    _XSD + name
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
        "unsignedByte",
    )
}



def to_python(term: Any) -> Any:
    """Convert a pyoxigraph term to a plain Python value.

    IRIs become ``str``; blank nodes ``"_:id"``; literals become ``int``,
    ``Decimal``, ``float``, ``bool``, ``datetime.date`` or ``str`` by datatype;
    ``None`` stays ``None``.
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype is not None else None
        value = term.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(value)
            if datatype == _XSD + "decimal":
                return Decimal(value)
            if datatype in (_XSD + "double", _XSD + "float"):
                return float(value)
            if datatype == _XSD + "boolean":
                return value in ("true", "1")
            if datatype == _XSD + "date":
                return _dt.date.fromisoformat(value)
        except ValueError:
            return value
        return value
    return str(term)


def plain_triples(triples: Any) -> list[tuple[Any, Any, Any]]:
    """Triples (of a CONSTRUCT/DESCRIBE result or a parsed document) as ``(s, p, o)`` plain values."""
    return [(to_python(t.subject), to_python(t.predicate), to_python(t.object)) for t in triples]


def plain_result(result: Any) -> bool | tuple[list[str], list[tuple[Any, ...]]] | list[tuple[Any, Any, Any]]:
    """Convert a pyoxigraph query result to plain values.

    Returns
    -------
    bool or (list of str, list of tuple) or list of tuple
        ASK: a bool. SELECT: ``(columns, rows)``, each row a tuple of plain values in column
        order. CONSTRUCT/DESCRIBE: ``(s, p, o)`` tuples (see :func:`plain_triples`).

    Examples
    --------
    >>> store = ox.Store()
    >>> plain_result(store.query("SELECT ?n WHERE { VALUES ?n { 1 2 } }"))
    (['n'], [(1,), (2,)])
    >>> plain_result(store.query("ASK { ?s ?p ?o }"))
    False
    """
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        return columns, [tuple(map(to_python, row)) for row in result]  # a solution iterates in column order
    return plain_triples(result)


#: SPARQL tokens that can hide the word FROM: strings, IRIs, comments; then words (a keyword, a
#: ``?variable``, a ``prefixed:name``), then any other character.
_TOKEN_RE = re.compile(
    "|".join((
        r'"""(?:[^"\\]|\\.|"(?!""))*"""',  # long strings
        r"'''(?:[^'\\]|\\.|'(?!''))*'''",
        r'"(?:[^"\\\n\r]|\\.)*"',  # short strings
        r"'(?:[^'\\\n\r]|\\.)*'",
        r'<[^<>"{}|^`\\\x00-\x20]*>',  # IRIs
        r"#[^\n\r]*",  # comments
        r"(?P<word>[?$]?[A-Za-z_][\w.-]*(?::[\w.:%-]*)?)",  # keywords, variables, prefixed names
        r".",
    )),
    re.DOTALL,
)


def _has_from_keyword(sparql: str) -> bool:
    """Whether the word FROM occurs as a keyword: outside strings, IRIs and comments, not a name.

    A quick test before the (slower) parse of :func:`query_dataset`; a false
    "yes" costs only the parse.

    >>> _has_from_keyword("SELECT ?from WHERE { ?s ?p 'FROM <x>' } # FROM <y>")
    False
    >>> _has_from_keyword("SELECT*FROM<urn:g>WHERE{?s ?p ?o}")
    True
    """
    return any(m.group("word") and m.group("word").upper() == "FROM" for m in _TOKEN_RE.finditer(sparql))


def query_dataset(sparql: str) -> tuple[list[str], list[str]] | None:
    """The graphs a query names in its own dataset clause, or ``None`` if it has none.

    The clause is read by rdflib's SPARQL parser (with the project prefixes
    predeclared), so a ``FROM`` in a comment, a string or an IRI does not count.

    Returns
    -------
    (list of str, list of str) or None
        The IRIs of the ``FROM`` graphs (the default graph is their merge) and
        of the ``FROM NAMED`` graphs; ``None`` when the query has neither.

    Raises
    ------
    SyntaxError
        If the query is not valid SPARQL (Oxigraph's message).
    RuntimeError
        If the query mentions ``from`` and Oxigraph reads it but rdflib cannot,
        so that its dataset clause cannot be told.

    Examples
    --------
    >>> query_dataset("SELECT * WHERE { ?s rdfs:label 'from <x>' } # FROM <y>") is None
    True
    >>> query_dataset("SELECT * FROM <https://w3id.org/rdzl-graph/graph/data> "
    ...               "FROM NAMED <urn:x:g> WHERE { ?s ?p ?o }")
    (['https://w3id.org/rdzl-graph/graph/data'], ['urn:x:g'])
    """
    if not _has_from_keyword(sparql):
        return None
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(sparql, initNs=dict(PREFIXES))
    except Exception as exc:  # rdflib raises pyparsing and its own exceptions here
        ox.Store().query(sparql, prefixes=dict(PREFIXES))  # a syntax error: Oxigraph's message
        raise RuntimeError(f"the query mentions FROM, but its dataset clause cannot be read ({exc})") from exc
    clauses = prepared.algebra.get("datasetClause") or []
    default = [str(c["default"]) for c in clauses if "default" in c]
    named = [str(c["named"]) for c in clauses if "named" in c]
    return (default, named) if default or named else None


def run_sparql(store: ox.Store, sparql: str, substitutions: dict[ox.Variable, Any] | None = None) -> Any:
    """Run a query on the whole store and return pyoxigraph's result.

    Without a dataset clause the default graph is the union of all graphs
    (so the ontology, the data and the inferences are seen together); with
    ``FROM`` / ``FROM NAMED`` (:func:`query_dataset`) the query's own clause
    decides, as on a SPARQL endpoint.

    Examples
    --------
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("1"), ox.NamedNode("urn:x:g")))
    >>> [len(list(run_sparql(store, q))) for q in ("SELECT * { ?s ?p ?o }", "SELECT * FROM <urn:x:h> { ?s ?p ?o }")]
    [1, 0]
    """
    union = query_dataset(sparql) is None
    return store.query(sparql, use_default_graph_as_union=union, prefixes=dict(PREFIXES), substitutions=substitutions)


def query(store: ox.Store, sparql: str, bindings: dict[str, Any] | None = None) -> list[dict[str, Any]] | bool:
    """Run a SPARQL query over the union of the named graphs (or the graphs its ``FROM`` names).

    Parameters
    ----------
    store : pyoxigraph.Store
        The store to query.
    sparql : str
        Query text (the project prefixes are predeclared).
    bindings : dict, optional
        Variable name -> IRI string (or pyoxigraph term) substituted before
        evaluation.

    Returns
    -------
    list of dict or bool
        SELECT: one dict per row (variable -> plain Python value).
        ASK: a bool. CONSTRUCT/DESCRIBE: a list of ``(s, p, o)`` tuples of
        plain values.
    """
    substitutions = None
    if bindings:
        substitutions = {
            ox.Variable(name): value if not isinstance(value, str) else ox.NamedNode(value)
            for name, value in bindings.items()
        }
    plain = plain_result(run_sparql(store, sparql, substitutions))
    if isinstance(plain, tuple):
        columns, rows = plain
        return [dict(zip(columns, row)) for row in rows]
    return plain


def query_file(
    store: ox.Store, name: str, queries: Path | None = None, bindings: dict[str, Any] | None = None
) -> list[dict[str, Any]] | bool:
    """Run a named query from the ``queries/`` directory (see :func:`query`)."""
    return query(store, query_text(name, queries), bindings)


def json_term(binding: Mapping[str, str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Turn one SPARQL JSON results term into a pyoxigraph term."""
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value) if re.fullmatch(r"[A-Za-z0-9_][\w.-]*", value) else ox.BlankNode()
    language = binding.get("xml:lang")
    if language:
        return ox.Literal(value, language=language)
    datatype = binding.get("datatype")
    return ox.Literal(value, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(value)


def json_rows(results: Mapping[str, Any]) -> list[dict[str, Any]] | bool:
    """Convert a SPARQL 1.1 JSON results document to plain Python rows.

    Same conversion as :func:`to_python`; unbound variables
    are ``None``.

    >>> doc = {"head": {"vars": ["n"]}, "results": {"bindings": [
    ...     {"n": {"type": "literal", "value": "2.50",
    ...            "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}}]}}
    >>> json_rows(doc)
    [{'n': Decimal('2.50')}]
    """
    if "boolean" in results:
        return bool(results["boolean"])
    names = list(results.get("head", {}).get("vars", []))
    rows = []
    for binding in results.get("results", {}).get("bindings", []):
        rows.append({n: to_python(json_term(binding[n])) if n in binding else None for n in names})
    return rows
