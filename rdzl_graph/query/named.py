"""Running the named SPARQL questions with typed, safely bound parameters.

Every question lives in one ``queries/<name>.rq`` file with a header comment
(title, description in Dutch and English, parameters with type and default;
the format is defined in ``queries/README.md``; parsed by :mod:`rdzl_graph.core.query_files`).
This module turns user-typed parameter values into RDF terms by their declared
type and runs the query with the terms bound through pyoxigraph
``substitutions`` — values are never pasted into the query text.

For a remote SPARQL endpoint (which cannot take substitutions)
:meth:`PreparedQuery.remote_text` injects the same terms as a ``VALUES`` block
built from their N-Triples serialisation; :func:`run_query` also accepts any
object with a ``run_prepared(prepared) -> QueryResult`` method, the seam for a
remote runner.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from decimal import Decimal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from ..core.errors import InputError
from ..core.query_files import Param, QueryInfo, load_query
from ..core.namespaces import ID_BASE, ID_PREFIXES, PREFIXES, short_name
from ..core.sparql import plain_result, run_sparql
from ..text.safety import clean, json_text, neutralise, shorten
from .sparql_values import inject_values

SHORT_FORMS: dict[str, str] = {**PREFIXES, **ID_PREFIXES}

_XSD = "http://www.w3.org/2001/XMLSchema#"
_HERE = Path(__file__).resolve().parent
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TRUE, _FALSE = ("true", "1", "yes", "ja", "waar"), ("false", "0", "no", "nee", "onwaar")


@dataclass(frozen=True)
class QueryResult:
    """Plain-data result: *kind* (``select``, ``ask``, ``construct``), *columns*
    (``subject``/``predicate``/``object`` for CONSTRUCT), *rows* of plain
    values (:func:`rdzl_graph.core.sparql.to_python`) and the ASK *boolean*."""

    kind: str
    columns: list[str]
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None


@dataclass(frozen=True)
class PreparedQuery:
    """A query with its parameters converted to RDF terms, ready to run."""

    info: QueryInfo
    bindings: dict[str, Any]

    def remote_text(self) -> str:
        """Self-contained query text for a remote endpoint.

        Prefix declarations are prepended and the bound terms are injected
        as ``VALUES`` blocks into every group of the ``WHERE`` clause (see
        :func:`rdzl_graph.query.sparql_values.inject_values`), written from the
        terms' N-Triples form (never from raw user text).
        """
        return with_prefixes(inject_values(self.info.sparql, self.bindings))


class PreparedRunner(Protocol):
    """Anything that can run a :class:`PreparedQuery` (e.g. a remote endpoint)."""

    def run_prepared(self, prepared: PreparedQuery) -> QueryResult:  # pragma: no cover - protocol
        ...


def to_term(param: Param, value: str) -> Any:
    """Convert a user-typed value to an RDF term by the parameter's type.

    IRI values may be a full ``http(s)://`` or ``urn:`` IRI, a short form with
    a project prefix (``project:vallisveld``, ``risk:capaciteit``) or, for
    ``iri(kind)`` parameters, a bare name (``vallisveld``).

    Raises
    ------
    InputError
        If the value is not valid for the type.

    Examples
    --------
    >>> to_term(Param("project", "iri", "project"), "vallisveld")
    <NamedNode value=https://w3id.org/rdzl-graph/id/project/vallisveld>
    >>> to_term(Param("n", "integer"), "3")
    <Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    text = value.strip()

    def bad(expected: str) -> InputError:
        return InputError(f"--param {param.name}", None, f"'{shorten(value)}' is not {expected}")

    if param.type == "string":
        return ox.Literal(value)
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", text):
            raise bad("a whole number")
        return ox.Literal(str(int(text)), datatype=ox.NamedNode(_XSD + "integer"))
    if param.type == "decimal":
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text.replace(",", ".")):
            raise bad("a number")
        return ox.Literal(text.replace(",", "."), datatype=ox.NamedNode(_XSD + "decimal"))
    if param.type == "boolean":
        if text.lower() not in _TRUE + _FALSE:
            raise bad("true or false")
        return ox.Literal("true" if text.lower() in _TRUE else "false", datatype=ox.NamedNode(_XSD + "boolean"))
    prefix, _, local = text.partition(":")
    if local and prefix in SHORT_FORMS and not local.startswith("//"):
        iri = SHORT_FORMS[prefix] + local
    elif text.startswith(("http://", "https://", "urn:")):
        iri = text
    elif param.kind in ID_PREFIXES and _SLUG_RE.match(text):
        iri = ID_PREFIXES[param.kind] + text
    else:
        example = f"{param.kind}:name or a bare name" if param.kind else "prefix:name"
        raise bad(f"an IRI: give a full https:// IRI or a short form like {example}")
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise bad(f"a valid IRI ({shorten(exc)})") from exc


def bind_params(info: QueryInfo, params: dict[str, str] | None = None) -> dict[str, Any]:
    """Check the given values against the declared parameters and convert them.

    Raises
    ------
    InputError
        For an unknown parameter name, a missing required one or a bad value.
    """
    given = dict(params or {})
    declared = {p.name: p for p in info.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        expected = ", ".join(declared) or "none"
        names = ", ".join(shorten(name) for name in unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
        raise InputError(info.name, None, f"unknown parameter {names} (parameters: {expected})")
    bindings: dict[str, Any] = {}
    for param in info.params:
        value = given.get(param.name, param.default)
        if value is None:
            if param.required:
                raise InputError(info.name, None, f"missing required parameter {param.name} "
                                 f"({param.type}): add --param {param.name}=...")
            continue
        bindings[param.name] = to_term(param, value)
    return bindings


def prepare(query: str | Path | QueryInfo, params: dict[str, str] | None = None) -> PreparedQuery:
    """Load a query (if needed) and bind its parameters; see :class:`PreparedQuery`."""
    info = query if isinstance(query, QueryInfo) else load_query(query)
    return PreparedQuery(info, bind_params(info, params))


def _internal(name: str) -> QueryInfo:
    """One of the queries beside this module (``resource-exists``, ``resource-names``)."""
    return load_query(_HERE / f"{name}.rq")


def _execute(store: Any, prepared: PreparedQuery) -> QueryResult:
    """Run a prepared query on a :class:`PreparedRunner` or on a pyoxigraph store (terms as substitutions)."""
    if hasattr(store, "run_prepared"):
        return store.run_prepared(prepared)
    substitutions = {ox.Variable(k): v for k, v in prepared.bindings.items()} or None
    try:
        result = run_sparql(store, prepared.info.sparql, substitutions)
    except SyntaxError as exc:
        raise InputError(str(prepared.info.path), None, f"SPARQL syntax error: {exc}") from exc
    except RuntimeError as exc:  # e.g. a parameter missing from the SELECT clause
        raise InputError(str(prepared.info.path), None, f"cannot run the query: {exc}") from exc
    return query_result(plain_result(result))


def check_known(store: Any, info: QueryInfo, bindings: dict[str, Any]) -> None:
    """Check that every ``iri(kind)`` parameter names a resource in the graph.

    Asked with the same two queries (``resource-exists.rq``, then
    ``resource-names.rq`` for the hint) on the embedded store and on a
    remote endpoint, so that both answer a typo the same way.

    Raises
    ------
    InputError
        Naming the parameter and the missing resource, with close names.
    """
    for param in info.params:
        term = bindings.get(param.name)
        if param.type != "iri" or param.kind is None or term is None:
            continue
        if _execute(store, PreparedQuery(_internal("resource-exists"), {"resource": term})).boolean:
            continue
        base = ID_PREFIXES[param.kind]
        names = _execute(store, PreparedQuery(_internal("resource-names"), {"base": ox.Literal(base)}))
        known = [str(row[names.columns.index("resource")])[len(base):] for row in names.rows]
        close = difflib.get_close_matches(term.value[len(base):] if term.value.startswith(base) else term.value,
                                          known, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise InputError(f"--param {param.name}", None,
                         f"{param.kind} {shorten(term.value)} is not in the graph{hint}")


def run_query(store: Any, query: str | Path | QueryInfo, params: dict[str, str] | None = None) -> QueryResult:
    """Run a library query on a pyoxigraph store (or any :class:`PreparedRunner`).

    *query* is a library name, the path of a ``.rq`` file or a
    :class:`QueryInfo`; *params* maps parameter names to user-typed text.
    Raises :class:`InputError` for an unknown query or parameter, a missing
    or ill-typed value, an ``iri(kind)`` value not in the graph (checked the
    same way on a store and on a remote endpoint, :func:`check_known`), or a
    syntax error. A query that names its own graphs (``FROM`` /
    ``FROM NAMED``) reads those graphs; others read the union of all graphs.

    Examples
    --------
    >>> from rdzl_graph.query.store import open_store
    >>> store = open_store("build")  # doctest: +SKIP
    >>> run_query(store, "shared-partners", {"project_a": "vallisveld",
    ...           "project_b": "pottenberg-nazareth"}).rows  # doctest: +SKIP
    [('Envida', ...)]
    """
    prepared = prepare(query, params)
    check_known(store, prepared.info, prepared.bindings)
    return _execute(store, prepared)


def query_result(plain: bool | tuple[list[str], list[tuple[Any, ...]]] | list[tuple[Any, Any, Any]]) -> QueryResult:
    """Wrap a :func:`rdzl_graph.core.sparql.plain_result` (local or remote) as a :class:`QueryResult`.

    Examples
    --------
    >>> query_result(True).rows, query_result((["n"], [(1,)])).kind
    ([(True,)], 'select')
    """
    if isinstance(plain, bool):
        return QueryResult("ask", ["answer"], [(plain,)], plain)
    if isinstance(plain, tuple):
        columns, rows = plain
        return QueryResult("select", list(columns), list(rows))
    return QueryResult("construct", ["subject", "predicate", "object"], sorted(plain, key=repr))


# --- text helpers for remote execution --------------------------------------------------------

_PREFIX_DECL_RE = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


def with_prefixes(sparql: str) -> str:
    """Prepend ``PREFIX`` lines for the project prefixes the text does not declare."""
    declared = set(_PREFIX_DECL_RE.findall(sparql))
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if p not in declared]
    return "\n".join(lines + [sparql])


# --- rendering ---------------------------------------------------------------------------------

FORMATS = ("table", "csv", "tsv", "json")


def display_value(value: Any) -> str:
    """Text of one plain value for table/CSV output (IRIs as short forms)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    text = str(value)
    if text.startswith(ID_BASE):
        for prefix, iri in ID_PREFIXES.items():
            if text.startswith(iri) and prefix != "org":
                return f"{prefix}:{text[len(iri):]}"
    if text.startswith(("http://", "https://")):
        return short_name(text)
    return text


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def to_json_data(result: QueryResult) -> dict[str, Any]:
    """The result as JSON-ready plain data: ``{"kind", "columns", "rows"}``."""
    rows = [[_json_value(v) for v in row] for row in result.rows]
    return {"kind": result.kind, "columns": list(result.columns), "rows": rows}


def _sheet_cell(value: Any, fmt: str) -> str:
    """One CSV/TSV cell: text neutralised against formulas, control characters as spaces (a TSV cell on one line)."""
    text = display_value(value)
    if fmt == "tsv":
        text = clean(text, strip=False)
    else:  # a line break stays inside the quoted CSV cell
        text = "\n".join(clean(line, strip=False) for line in text.split("\n"))
    return neutralise(text) if isinstance(value, str) else text


def render(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as ``table`` (aligned, for people), ``csv``, ``tsv`` or ``json``.

    Text that a spreadsheet would read as a formula gets a leading ``'`` in
    CSV and TSV (numbers stay numbers); control characters never reach the
    table, the CSV or the TSV (they become spaces) and are escaped in JSON
    (:mod:`rdzl_graph.text.safety`).

    Examples
    --------
    >>> print(render(QueryResult("select", ["name", "n"], [("Envida", 2), ("=1+1", -3)]), "csv"), end="")
    name,n
    Envida,2
    '=1+1,-3
    """
    if fmt == "json":
        return json_text(to_json_data(result), indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_sheet_cell(v, fmt) for v in row] for row in result.rows)
        return out.getvalue()
    if fmt != "table":
        raise InputError("--format", None, f"unknown format {shorten(fmt)}; choose from {', '.join(FORMATS)}")
    cells = [[clean(display_value(v)) for v in row] for row in result.rows]
    widths = [min(60, max([len(h)] + [len(r[i]) for r in cells])) for i, h in enumerate(result.columns)]

    def line(values: list[str]) -> str:
        parts = [(v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(values, widths)]
        return "  ".join(parts).rstrip()

    lines = [line(list(result.columns)), "  ".join("-" * w for w in widths)] + [line(r) for r in cells]
    count = len(result.rows)
    lines.append(f"({count} {'rij' if count == 1 else 'rijen'})")
    return "\n".join(lines) + "\n"
