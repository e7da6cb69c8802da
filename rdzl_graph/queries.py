"""The query library: named SPARQL questions with typed, safely bound parameters.

Every question lives in one ``queries/<name>.rq`` file with a header comment
(title, description in Dutch and English, parameters with type and default;
the format is defined in ``queries/README.md``). This module parses those
headers, turns user-typed parameter values into RDF terms by their declared
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
import itertools
import json
import re
from decimal import Decimal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from .errors import InputError
from .namespaces import PREFIXES, short_name
from .resources import queries_dir
from .sparql_values import inject_values
from .store import to_python

_ID = "https://w3id.org/rdzl-graph/id/"
#: Short forms accepted for IRI parameters (the Turtle prefixes of data/README.md).
_FOLDERS = {"partic": "participation", "orgs": "org", "gm": "municipality", "mstate": "milestone-state",
            "tassign": "task-assignment"}
ID_PREFIXES: dict[str, str] = {
    prefix: _ID + _FOLDERS.get(prefix, prefix) + "/"
    for prefix in ("programme tranche line report figure project partic funding milestone attention quote "
                   "orgs org person gm place country theme risk role status certainty mstate "
                   "task tassign circle decision").split()
}
SHORT_FORMS: dict[str, str] = {**PREFIXES, **ID_PREFIXES}

PARAM_TYPES = ("iri", "string", "integer", "decimal", "boolean")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FIELD_RE = re.compile(r"^#\s?(title|description)@([a-z]{2})\s*:\s*(.*)$")
_PARAM_RE = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>iri|string|integer|decimal|boolean)(?:\((?P<kind>[a-z-]+)\))?\s+"
    r"(?:(?P<required>required)|(?P<optional>optional)|default=(?P<default>\"[^\"]*\"|\S+))"
    r"\s*(?:(?:—|--)\s*(?P<desc>.*))?$"
)
# Tolerated older form: "name (type ..., default unbound ...) description".
_LEGACY_PARAM_RE = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<spec>[^)]*)\)\s*(?P<desc>.*)$")
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TRUE, _FALSE = ("true", "1", "yes", "ja", "waar"), ("false", "0", "no", "nee", "onwaar")


@dataclass(frozen=True)
class Param:
    """One declared query parameter: variable *name* (no ``?``), *type* (see
    :data:`PARAM_TYPES`), *kind* (the ID prefix bare names expand in, for
    ``iri(kind)``), *required*, *default* (text; ``None`` = required or
    unbound) and *description*."""

    name: str
    type: str
    kind: str | None = None
    required: bool = False
    default: str | None = None
    description: str = ""


@dataclass(frozen=True)
class QueryInfo:
    """A parsed query file: metadata, parameters and SPARQL text."""

    name: str
    path: Path
    title: dict[str, str]
    description: dict[str, str]
    params: tuple[Param, ...]
    sparql: str

    def title_in(self, lang: str = "nl") -> str:
        """Title in *lang*, falling back to Dutch, English, then the name."""
        return self.title.get(lang) or self.title.get("nl") or self.title.get("en") or self.name

    def description_in(self, lang: str = "nl") -> str:
        """Description in *lang*, falling back to Dutch then English."""
        return self.description.get(lang) or self.description.get("nl") or self.description.get("en") or ""


@dataclass(frozen=True)
class QueryResult:
    """Plain-data result: *kind* (``select``, ``ask``, ``construct``), *columns*
    (``subject``/``predicate``/``object`` for CONSTRUCT), *rows* of plain
    values (:func:`rdzl_graph.store.to_python`) and the ASK *boolean*."""

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
        :func:`rdzl_graph.sparql_values.inject_values`), written from the
        terms' N-Triples form (never from raw user text).
        """
        return with_prefixes(inject_values(self.info.sparql, self.bindings))


class PreparedRunner(Protocol):
    """Anything that can run a :class:`PreparedQuery` (e.g. a remote endpoint)."""

    def run_prepared(self, prepared: PreparedQuery) -> QueryResult:  # pragma: no cover - protocol
        ...


def _parse_param(spec: str, where: str) -> Param:
    match = _PARAM_RE.match(spec)
    if match:
        default = match["default"]
        if default is not None and default.startswith('"'):
            default = default[1:-1]
        return Param(match["name"], match["type"], match["kind"], bool(match["required"]), default,
                     (match["desc"] or "").strip())
    legacy = _LEGACY_PARAM_RE.match(spec)
    if legacy:
        words = re.findall(r"[a-z]+", legacy["spec"].lower())
        types = [w for w in words if w in PARAM_TYPES]
        if types:
            return Param(legacy["name"], types[0], None, "required" in words, None, legacy["desc"].strip())
    raise InputError(where, None, f"cannot read parameter declaration {spec!r} (see queries/README.md)")


def parse_query_text(text: str, name: str, path: Path | str) -> QueryInfo:
    """Parse the header of a query file (*name*, read from *path*) and check its syntax.

    Raises :class:`InputError` on a malformed parameter declaration or a
    SPARQL syntax error (with *path* in the message).

    Examples
    --------
    >>> info = parse_query_text("# title@en: Count\\nSELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "count", "-")
    >>> info.title_in("en")
    'Count'
    """
    where = str(path)
    title: dict[str, str] = {}
    description: dict[str, str] = {}
    params: list[Param] = []
    notes: list[str] = []
    current: tuple[dict[str, str], str] | None = None
    header = [line.rstrip() for line in itertools.takewhile(lambda x: x.startswith("#"), text.splitlines())]
    for number, line in enumerate(header, start=1):
        field_match = _FIELD_RE.match(line)
        body = line[1:].strip()
        if field_match:
            target = title if field_match[1] == "title" else description
            target[field_match[2]] = field_match[3].strip()
            current = (target, field_match[2])
        elif body.startswith("param:"):
            spec = body[len("param:"):].strip()
            if spec.lower() not in ("none", "geen", "-"):
                params.append(_parse_param(spec, f"{where}, line {number}"))
            current = None
        elif line.startswith("#   ") and current is not None and body:
            current[0][current[1]] += " " + body
        else:
            current = None
            if body and not title and not description:
                notes.append(body)
    if not title and notes:
        title = {"nl": notes[0], "en": notes[0]}
        if len(notes) > 1:
            description = {"nl": " ".join(notes[1:]), "en": " ".join(notes[1:])}
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise InputError(where, None, "a parameter is declared twice")
    check_syntax(text, where)
    return QueryInfo(name, Path(path), title, description, tuple(params), text)


def check_syntax(sparql: str, where: str = "<query>") -> None:
    """Parse *sparql* with pyoxigraph (on an empty store) and raise on errors.

    Raises
    ------
    InputError
        ``where: SPARQL syntax error: ...`` with pyoxigraph's line:column.
    """
    try:
        result = ox.Store().query(sparql, prefixes=dict(PREFIXES))
        if isinstance(result, ox.QuerySolutions):
            list(result)
    except SyntaxError as exc:
        raise InputError(where, None, f"SPARQL syntax error: {exc}") from exc


def list_queries(directory: Path | str | None = None) -> list[QueryInfo]:
    """Parse every ``.rq`` file of the query library, sorted by name.

    Examples
    --------
    >>> "shared-partners" in [q.name for q in list_queries()]
    True
    """
    root = Path(directory or queries_dir())
    return [load_query(path) for path in sorted(root.glob("*.rq"))]


def load_query(name_or_path: str | Path, directory: Path | str | None = None) -> QueryInfo:
    """Load one query by library name (``shared-partners``) or by file path.

    Raises
    ------
    InputError
        If no such query exists, or its file is malformed.

    Examples
    --------
    >>> load_query("municipalities-without-project").title_in("en")
    'Municipalities without a project'
    """
    text_name = str(name_or_path)
    root = Path(directory or queries_dir())
    if isinstance(name_or_path, Path) or text_name.endswith(".rq") or "/" in text_name:
        path = Path(name_or_path)
        if not path.is_file():
            raise InputError(text_name, None, "query file not found")
    else:
        path = root / f"{text_name}.rq"
        if not _NAME_RE.match(text_name) or not path.is_file():
            known = [p.stem for p in root.glob("*.rq")]
            close = difflib.get_close_matches(text_name, known, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else "; `rdzl-graph queries` lists them"
            raise InputError(text_name, None, "unknown query" + hint)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), None, f"cannot read query file: {exc}") from exc
    return parse_query_text(text, path.stem, path)


def adhoc_query(sparql: str) -> QueryInfo:
    """Wrap ad-hoc SPARQL text (``rdzl-graph query -e``) as a parameterless query."""
    return parse_query_text(sparql, "ad-hoc", "<-e query>")


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
        return InputError(f"--param {param.name}", None, f"{value!r} is not {expected}")

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
        raise bad(f"a valid IRI ({exc})") from exc


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
        raise InputError(info.name, None, f"unknown parameter {', '.join(unknown)} (parameters: {expected})")
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


def _check_known(store: ox.Store, info: QueryInfo, bindings: dict[str, Any]) -> None:
    for param in info.params:
        term = bindings.get(param.name)
        if param.type != "iri" or param.kind is None or term is None:
            continue
        if next(iter(store.quads_for_pattern(term, None, None)), None) is not None:
            continue
        base = ID_PREFIXES[param.kind]
        known = sorted({q.subject.value[len(base):] for q in store.quads_for_pattern(None, None, None)
                        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(base)})
        close = difflib.get_close_matches(term.value[len(base):] if term.value.startswith(base) else term.value,
                                          known, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise InputError(f"--param {param.name}", None, f"{param.kind} {term.value} is not in the graph{hint}")


def run_query(store: Any, query: str | Path | QueryInfo, params: dict[str, str] | None = None) -> QueryResult:
    """Run a library query on a pyoxigraph store (or any :class:`PreparedRunner`).

    *query* is a library name, the path of a ``.rq`` file or a
    :class:`QueryInfo`; *params* maps parameter names to user-typed text.
    Raises :class:`InputError` for an unknown query or parameter, a missing
    or ill-typed value, an ``iri(kind)`` value not in the graph, or a
    syntax error.

    Examples
    --------
    >>> from rdzl_graph.store import open_store
    >>> store = open_store("build")  # doctest: +SKIP
    >>> run_query(store, "shared-partners", {"project_a": "vallisveld",
    ...           "project_b": "pottenberg-nazareth"}).rows  # doctest: +SKIP
    [('Envida', ...)]
    """
    prepared = prepare(query, params)
    if hasattr(store, "run_prepared"):
        return store.run_prepared(prepared)
    _check_known(store, prepared.info, prepared.bindings)
    substitutions = {ox.Variable(k): v for k, v in prepared.bindings.items()} or None
    try:
        result = store.query(prepared.info.sparql, use_default_graph_as_union=True,
                             prefixes=dict(PREFIXES), substitutions=substitutions)
    except SyntaxError as exc:
        raise InputError(str(prepared.info.path), None, f"SPARQL syntax error: {exc}") from exc
    except RuntimeError as exc:  # e.g. a parameter missing from the SELECT clause
        raise InputError(str(prepared.info.path), None, f"cannot run the query: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", ["answer"], [(bool(result),)], bool(result))
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        rows = [tuple(to_python(row[c]) for c in columns) for row in result]
        return QueryResult("select", columns, rows)
    rows = [(to_python(t.subject), to_python(t.predicate), to_python(t.object)) for t in result]
    return QueryResult("construct", ["subject", "predicate", "object"], sorted(rows, key=repr))


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
    if text.startswith(_ID):
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


def render(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as ``table`` (aligned, for people), ``csv``, ``tsv`` or ``json``.

    Examples
    --------
    >>> print(render(QueryResult("select", ["name", "n"], [("Envida", 2)]), "csv"), end="")
    name,n
    Envida,2
    """
    if fmt == "json":
        return json.dumps(to_json_data(result), ensure_ascii=False, indent=2) + "\n"
    cells = [[display_value(v) for v in row] for row in result.rows]
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[c.replace("\t", " ").replace("\n", " ") for c in row] if fmt == "tsv" else row
                          for row in cells])
        return out.getvalue()
    if fmt != "table":
        raise InputError("--format", None, f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    cells = [[c.replace("\n", " ") for c in row] for row in cells]
    widths = [min(60, max([len(h)] + [len(r[i]) for r in cells])) for i, h in enumerate(result.columns)]

    def line(values: list[str]) -> str:
        parts = [(v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(values, widths)]
        return "  ".join(parts).rstrip()

    lines = [line(list(result.columns)), "  ".join("-" * w for w in widths)] + [line(r) for r in cells]
    count = len(result.rows)
    lines.append(f"({count} {'rij' if count == 1 else 'rijen'})")
    return "\n".join(lines) + "\n"
