"""Run queries on remote SPARQL 1.1 endpoints.

Queries go through SPARQLWrapper (POST, JSON results, a timeout); the results
are converted to the same plain Python values as the embedded store returns
(:func:`rdzl_graph.core.sparql.to_python`), so rows compare equal. The
connection (:class:`Endpoint`, credentials, which failures are retried,
updates and Graph Store uploads) is :mod:`rdzl_graph.endpoints.connection`;
its names are re-exported here. An answer that is not a complete result (a
server that stopped the query at its time limit and says so in a "200 OK"
body, as the Oxigraph server does) is an error, reported once.

The SPARQL texts live in ``queries/`` (``endpoint-*.rq`` and ``.ru``
templates); parameters are injected as serialized RDF terms only.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from ..core.errors import EndpointError
from ..core.namespaces import GRAPH_BASE
from ..core.sparql import json_rows, plain_triples, query_dataset
from ..query.named import PreparedQuery, QueryResult, query_result, with_prefixes
from ..query.sparql_values import inject_values
from .connection import (  # noqa: F401 - re-exported: the client's public names
    PASSWORD_ENV, USER_ENV, Endpoint, check_url, credentials_from_env, http_request, make_endpoint, printable,
    put_graph, run_update, safe_url, with_retries,
)
from .templates import template_text, values_clause

#: The named graphs the library queries read (their union is the default graph).
DEFAULT_GRAPHS: tuple[str, ...] = tuple(GRAPH_BASE + name for name in ("ontology", "data", "inferred", "analysis"))

# SPARQLWrapper exception class -> the HTTP status it stands for.
_WRAPPER_STATUS = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404, "URITooLong": 414,
                   "EndPointInternalError": 500}


def query_form(query_text: str) -> str:
    """Return ``SELECT``, ``ASK`` or ``CONSTRUCT`` (also for DESCRIBE) by parsing the query.

    >>> query_form("# upload\\nASK { ?s ?p ?o }")
    'ASK'
    """
    try:
        result = ox.Store().query(query_text)
    except SyntaxError as exc:
        raise EndpointError(f"SPARQL syntax error: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        return "ASK"
    return "SELECT" if isinstance(result, ox.QuerySolutions) else "CONSTRUCT"


def remote_query(
    endpoint: Endpoint, query_text: str, default_graphs: Sequence[str] | None = DEFAULT_GRAPHS
) -> QueryResult:
    """Run any query on a remote endpoint with SPARQLWrapper; see :func:`run_remote`.

    Returns
    -------
    rdzl_graph.query.named.QueryResult
        ``select`` rows as tuples in column order, an ``ask`` answer, or
        ``construct`` triples (sorted, as the embedded library does).
    """
    text = with_prefixes(query_text)
    # SPARQLWrapper guesses the query form with regexes (a comment saying
    # "upload" makes it an update); ask the SPARQL parser instead.
    form = query_form(text)
    body = _fetch(endpoint, text, form, default_graphs)
    return _decode(body, form == "CONSTRUCT", safe_url(endpoint.query_url))


def remote_triples(endpoint: Endpoint, query_text: str) -> list[ox.Triple]:
    """Run a ``CONSTRUCT`` on the server's own dataset and return its triples as RDF terms (unconverted,
    blank nodes as the server labels them).

    >>> remote_triples(Endpoint("http://127.0.0.1:7878/query"), "CONSTRUCT WHERE { ?s ?p ?o }")  # doctest: +SKIP
    [<Triple subject=...>, ...]
    """
    body = _fetch(endpoint, query_text, "CONSTRUCT", None)
    try:
        return list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError) as exc:
        raise broken_answer(safe_url(endpoint.query_url), body, f"not Turtle: {printable(str(exc), 120)}") from None


def _fetch(endpoint: Endpoint, text: str, form: str, default_graphs: Sequence[str] | None) -> bytes:
    """POST one query (with retries) and return the answer body."""
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    wrapper = _wrapper(endpoint, text, form, default_graphs)

    def ask() -> bytes:
        try:
            return wrapper.query().response.read()
        except SPARQLWrapperException as exc:
            status = _WRAPPER_STATUS.get(type(exc).__name__, 400)
            raise urllib.error.HTTPError(endpoint.query_url, status, printable(str(exc)), http.client.HTTPMessage(),
                                         None) from None

    return with_retries(ask, endpoint, "query", endpoint.query_url)


def _wrapper(endpoint: Endpoint, text: str, form: str, default_graphs: Sequence[str] | None) -> Any:
    """A SPARQLWrapper for one query: POST, the timeout, the graphs, the credentials."""
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

    wrapper = SPARQLWrapper(endpoint.query_url)
    wrapper.setMethod(POST)
    wrapper.setTimeout(max(1, round(endpoint.timeout)))
    wrapper.setQuery(text)
    wrapper.queryType = form
    wrapper.setReturnFormat(TURTLE if form == "CONSTRUCT" else JSON)
    try:  # a query naming its own graphs (FROM / FROM NAMED) gets just those, whatever the server's default
        defaults, named = query_dataset(text) or (default_graphs or (), default_graphs or ())
    except RuntimeError as exc:
        raise EndpointError(str(exc)) from None
    for graph in defaults:
        wrapper.addDefaultGraph(graph)
    for graph in named:
        wrapper.addNamedGraph(graph)
    if endpoint.user:
        wrapper.setCredentials(endpoint.user, endpoint.password or "")
    return wrapper


def _decode(body: bytes, graph_query: bool, where: str) -> QueryResult:
    """Turn an answer body into a :class:`QueryResult`; an incomplete or foreign body is an error."""
    if graph_query:
        try:
            return query_result(plain_triples(ox.parse(body, format=ox.RdfFormat.TURTLE)))
        except (SyntaxError, ValueError) as exc:
            raise broken_answer(where, body, f"not Turtle: {printable(str(exc), 120)}") from None
    try:
        answer = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise broken_answer(where, body, f"not SPARQL JSON results: {printable(str(exc), 120)}") from None
    if not isinstance(answer, dict):
        raise broken_answer(where, body, "not SPARQL JSON results")
    rows = json_rows(answer)
    if isinstance(rows, bool):
        return query_result(rows)
    columns = list(answer.get("head", {}).get("vars", []))
    return query_result((columns, [tuple(row[c] for c in columns) for row in rows]))


def broken_answer(where: str, body: bytes, problem: str) -> EndpointError:
    """The error for an answer that is not a complete result (a server cancelling a query at its time
    limit still says "200 OK", then ends the result with its message; Oxigraph does).

    >>> str(broken_answer("http://h/query", b'{"head":{"vars":["n"]},"results":{"bindings":['
    ...                   b'The SPARQL operation has been cancelled', "not SPARQL JSON results"))[:72]
    'query: http://h/query stopped the query before it was done (most likely '
    """
    tail = printable(body[-160:].decode("utf-8", "replace"), 120)
    if "cancel" in tail.lower() or "timeout" in tail.lower() or "timed out" in tail.lower():
        return EndpointError(f"query: {where} stopped the query before it was done (most likely at its time limit); "
                             f"its answer ends with {tail!r}; not retried: ask a lighter question")
    return EndpointError(f"query: the answer of {where} is not a complete result ({problem}; "
                         f"{len(body)} bytes ending with {tail!r}); not retried")


def run_remote(
    endpoint_url: str | Endpoint,
    query_text: str,
    *,
    default_graphs: Sequence[str] | None = DEFAULT_GRAPHS,
    timeout: float = 30.0,
    user: str | None = None,
    password: str | None = None,
) -> list[dict[str, Any]] | bool | list[tuple[Any, Any, Any]]:
    """Run a query on a remote SPARQL endpoint (SPARQLWrapper, POST, JSON).

    Parameters
    ----------
    endpoint_url : str or Endpoint
        The query endpoint (an :class:`Endpoint` brings its own timeout,
        retries and credentials).
    query_text : str
        The query, parameters already injected (e.g. by
        :meth:`rdzl_graph.query.named.PreparedQuery.remote_text`); the project
        prefixes are added if the text does not declare them.
    default_graphs : sequence of str or None
        Sent as ``default-graph-uri`` and ``named-graph-uri``: the default
        graph is their merge, like the embedded store's union default graph,
        ``GRAPH ?g`` sees just them, and nothing else the server holds
        (system or staging graphs) leaks in. ``None`` or empty: the
        server's own dataset. A query with its own ``FROM`` / ``FROM NAMED``
        sends those graphs instead (so that a server's union default graph
        cannot override them).
    timeout : float
        Seconds to wait for the answer (when *endpoint_url* is a str).
    user, password : str, optional
        Credentials (when *endpoint_url* is a str; HTTP basic).

    Returns
    -------
    list of dict, bool or list of tuple
        As :func:`rdzl_graph.core.sparql.query`: SELECT rows (variable -> plain
        value, converted by :func:`rdzl_graph.core.sparql.to_python`), an ASK
        answer, or CONSTRUCT ``(s, p, o)`` tuples.

    Examples
    --------
    >>> run_remote("http://127.0.0.1:7878/query", "ASK { ?s a rdzl:Project }")  # doctest: +SKIP
    True
    """
    endpoint = endpoint_url if isinstance(endpoint_url, Endpoint) else Endpoint(
        endpoint_url, timeout=timeout, user=user, password=password
    )
    result = remote_query(endpoint, query_text, default_graphs)
    if result.kind == "ask":
        return bool(result.boolean)
    if result.kind == "construct":
        return list(result.rows)
    return [dict(zip(result.columns, row)) for row in result.rows]


@dataclass(frozen=True)
class RemoteRunner:
    """Runs library queries on a remote endpoint (a :class:`rdzl_graph.query.named.PreparedRunner`).

    >>> from rdzl_graph.query.named import run_query
    >>> run_query(RemoteRunner(Endpoint("http://127.0.0.1:7878/query")), "risk-overview")  # doctest: +SKIP
    QueryResult(kind='select', ...)
    """

    endpoint: Endpoint
    default_graphs: tuple[str, ...] | None = DEFAULT_GRAPHS

    def run_prepared(self, prepared: PreparedQuery) -> QueryResult:
        """Run a prepared query, its parameters injected by :func:`inject_values`."""
        text = inject_values(prepared.info.sparql, prepared.bindings)
        return remote_query(self.endpoint, text, self.default_graphs)


def count_triples(endpoint: Endpoint, graphs: Sequence[str]) -> dict[str, int]:
    """Count the triples of each named graph on the endpoint (0 if absent).

    Uses ``queries/endpoint-count-triples.rq`` with the graphs as a VALUES block.
    """
    text = template_text("endpoint-count-triples.rq") + "\n" + values_clause("graph", list(graphs))
    rows = run_remote(endpoint, text, default_graphs=None)
    counts = {graph: 0 for graph in graphs}
    for row in rows if isinstance(rows, list) else []:
        counts[str(row["graph"])] = int(row["triples"])
    return counts
