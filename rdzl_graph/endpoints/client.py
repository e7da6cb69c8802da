"""Talk to remote SPARQL 1.1 endpoints: queries, updates and Graph Store uploads.

Queries go through SPARQLWrapper (POST, JSON results, a timeout); the results
are converted to the same plain Python values as the embedded store returns
(:func:`rdzl_graph.core.sparql.to_python`), so rows compare equal. Updates and Graph
Store Protocol uploads use :mod:`urllib` with an opener of their own (basic
or digest authentication, negotiated with the server; no global state).

Every network call is retried a bounded number of times with exponential
backoff when the endpoint is unreachable, too slow or answers 5xx; errors
become an :class:`EndpointError` whose message never contains the password.

The SPARQL texts live in ``queries/`` (``endpoint-*.rq`` and ``.ru``
templates); parameters are injected as serialized RDF terms only.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pyoxigraph as ox

from ..core.errors import EndpointError
from ..core.namespaces import GRAPH_BASE
from ..query.named import PreparedQuery, QueryResult, query_result, with_prefixes
from ..query.sparql_values import inject_values
from ..core.sparql import json_rows, plain_triples, query_dataset
from .templates import template_text, values_clause

#: The named graphs the library queries read (their union is the default graph).
DEFAULT_GRAPHS: tuple[str, ...] = tuple(GRAPH_BASE + name for name in ("ontology", "data", "inferred", "analysis"))

USER_ENV = "RDZL_ENDPOINT_USER"
PASSWORD_ENV = "RDZL_ENDPOINT_PASSWORD"

_T = TypeVar("_T")
# SPARQLWrapper exception class -> the HTTP status it stands for.
_WRAPPER_STATUS = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404, "URITooLong": 414,
                   "EndPointInternalError": 500}


@dataclass(frozen=True)
class Endpoint:
    """Where and how to reach a SPARQL service.

    Parameters
    ----------
    query_url : str
        SPARQL query endpoint (e.g. ``http://127.0.0.1:7878/query``).
    update_url : str or None
        SPARQL Update endpoint (Oxigraph ``/update``, Virtuoso
        ``/sparql-auth``, Fuseki ``/<ds>/update``).
    store_url : str or None
        Graph Store Protocol endpoint (Oxigraph ``/store``, Virtuoso
        ``/sparql-graph-crud-auth``, Fuseki ``/<ds>/data``).
    user, password : str or None
        Credentials (basic or digest, as the server asks). Never printed.
    timeout : float
        Seconds to wait for one HTTP answer.
    retries : int
        Extra attempts after a connection failure, timeout or 5xx answer.
    backoff : float
        Seconds before the first retry; doubled for each further retry.
    """

    query_url: str
    update_url: str | None = None
    store_url: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    retries: int = 2
    backoff: float = 0.5

    def __post_init__(self) -> None:
        for url in (self.query_url, self.update_url, self.store_url):
            if url is not None:
                check_url(url)


def check_url(url: str) -> str:
    """Return *url* if it is an http(s) URL without credentials, else raise.

    >>> check_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/query'
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"not an http(s) endpoint URL: {safe_url(url)!r}")
    if parts.username or parts.password:
        raise EndpointError(
            f"put credentials in ${USER_ENV} / ${PASSWORD_ENV}, not in the URL ({safe_url(url)})"
        )
    return url


def safe_url(url: str) -> str:
    """Return *url* with any ``user:password@`` part removed (for messages).

    >>> safe_url("http://dba:secret@host:8890/sparql")
    'http://host:8890/sparql'
    """
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def credentials_from_env(environ: Mapping[str, str] | None = None) -> tuple[str | None, str | None]:
    """Read ``(user, password)`` from ``RDZL_ENDPOINT_USER`` / ``RDZL_ENDPOINT_PASSWORD``.

    >>> credentials_from_env({"RDZL_ENDPOINT_USER": "dba"})
    ('dba', None)
    """
    env = os.environ if environ is None else environ
    return env.get(USER_ENV) or None, env.get(PASSWORD_ENV) or None


def with_retries(action: Callable[[], _T], endpoint: Endpoint, what: str, url: str) -> _T:
    """Run *action*, retrying connection failures, timeouts and 5xx answers.

    Raises
    ------
    EndpointError
        After the last attempt, or at once for 4xx answers (401/403 say
        that the credentials were refused; the password is never shown).
    """
    url = safe_url(url).split("?")[0]
    delay = endpoint.backoff
    attempts = endpoint.retries + 1
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except urllib.error.HTTPError as exc:
            status = exc.code
            detail = _error_body(exc)
            if status in (401, 403):
                who = f"user {endpoint.user!r}" if endpoint.user else "no credentials"
                raise EndpointError(
                    f"{what}: {safe_url(url)} refused access (HTTP {status}, {who}); "
                    f"check ${USER_ENV} / ${PASSWORD_ENV} and the user's write permission"
                ) from None
            if status < 500:
                raise EndpointError(f"{what}: {safe_url(url)} answered HTTP {status}: {detail}") from None
            problem = f"HTTP {status}: {detail}"
        except (TimeoutError, socket.timeout):
            problem = f"no answer within {endpoint.timeout:g} s"
        except (urllib.error.URLError, ConnectionError, http.client.HTTPException, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, (TimeoutError, socket.timeout)):
                problem = f"no answer within {endpoint.timeout:g} s"
            else:
                problem = f"cannot connect ({reason})"
        if attempt < attempts:
            time.sleep(delay)
            delay *= 2
    raise EndpointError(f"{what}: {safe_url(url)} failed after {attempts} attempt(s): {problem}")


def _error_body(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - the body is only a hint
        body = ""
    text = " ".join(re.sub(r"<[^>]+>", " ", body).split())
    return (text or str(exc.reason))[:300]


def _opener(endpoint: Endpoint, url: str) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if endpoint.user:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, endpoint.user, endpoint.password or "")
        handlers += [urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)]
    return urllib.request.build_opener(*handlers)


def http_request(endpoint: Endpoint, url: str, method: str, body: bytes, content_type: str, what: str) -> bytes:
    """Send one HTTP request (with retries) and return the answer body."""

    def send() -> bytes:
        request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type})
        with _opener(endpoint, url).open(request, timeout=endpoint.timeout) as response:
            return response.read()

    return with_retries(send, endpoint, what, url)


def run_update(endpoint: Endpoint, update_text: str, what: str = "SPARQL update") -> None:
    """POST a SPARQL Update request (``application/x-www-form-urlencoded``)."""
    if not endpoint.update_url:
        raise EndpointError("no SPARQL Update endpoint given (--update-endpoint)")
    body = urllib.parse.urlencode({"update": update_text}).encode("utf-8")
    http_request(endpoint, endpoint.update_url, "POST", body, "application/x-www-form-urlencoded", what)


def put_graph(endpoint: Endpoint, graph: str, turtle: bytes) -> None:
    """Replace one graph by a Graph Store Protocol ``PUT ?graph=IRI`` (N-Triples body)."""
    if not endpoint.store_url:
        raise EndpointError("no Graph Store endpoint given (--store-endpoint)")
    separator = "&" if "?" in endpoint.store_url else "?"
    url = endpoint.store_url + separator + urllib.parse.urlencode({"graph": ox.NamedNode(graph).value})
    if endpoint.user and turtle:
        # An empty PUT first: a server that refuses the credentials answers it with 401 at once, while
        # refusing a large body mid-upload shows only as a broken connection ("Broken pipe").
        http_request(endpoint, url, "PUT", b"", "application/n-triples", f"upload of graph <{graph}>")
    http_request(endpoint, url, "PUT", turtle, "application/n-triples", f"upload of graph <{graph}>")


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
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    wrapper = SPARQLWrapper(endpoint.query_url)
    wrapper.setMethod(POST)
    wrapper.setTimeout(max(1, round(endpoint.timeout)))
    text = with_prefixes(query_text)
    wrapper.setQuery(text)
    # SPARQLWrapper guesses the query form with regexes (a comment saying
    # "upload" makes it an update); ask the SPARQL parser instead.
    wrapper.queryType = query_form(text)
    graph_query = wrapper.queryType == "CONSTRUCT"
    wrapper.setReturnFormat(TURTLE if graph_query else JSON)
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

    def ask() -> Any:
        try:
            return wrapper.query().convert()
        except SPARQLWrapperException as exc:
            text = " ".join(str(exc).split())[:300]
            status = _WRAPPER_STATUS.get(type(exc).__name__, 400)
            raise urllib.error.HTTPError(endpoint.query_url, status, text, http.client.HTTPMessage(), None) from None

    answer = with_retries(ask, endpoint, "query", endpoint.query_url)
    where = safe_url(endpoint.query_url)
    if graph_query:
        try:
            triples = ox.parse(answer if isinstance(answer, bytes) else str(answer).encode(), format=ox.RdfFormat.TURTLE)
            rows = plain_triples(triples)
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(f"{where} did not answer with Turtle: {exc}") from None
        return query_result(rows)
    if not isinstance(answer, dict):
        raise EndpointError(f"{where} did not answer with SPARQL JSON results")
    rows = json_rows(answer)
    if isinstance(rows, bool):
        return query_result(rows)
    columns = list(answer.get("head", {}).get("vars", []))
    return query_result((columns, [tuple(row[c] for c in columns) for row in rows]))


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


def make_endpoint(
    query_url: str,
    update_url: str | None = None,
    store_url: str | None = None,
    **options: Any,
) -> Endpoint:
    """Build an :class:`Endpoint`, guessing the update and Graph Store URLs.

    ``.../query`` (Oxigraph, Fuseki) gives ``.../update`` and ``.../store``
    (Fuseki uses ``.../data``: give it explicitly); ``.../sparql``
    (Virtuoso) gives ``.../sparql-auth`` and ``.../sparql-graph-crud-auth``.
    Other URLs are used for all three. *options* go to :class:`Endpoint`.

    >>> ep = make_endpoint("http://127.0.0.1:8890/sparql")
    >>> ep.update_url, ep.store_url
    ('http://127.0.0.1:8890/sparql-auth', 'http://127.0.0.1:8890/sparql-graph-crud-auth')
    """
    check_url(query_url)
    base, _, last = query_url.rstrip("/").rpartition("/")
    guessed = {
        "query": (base + "/update", base + "/store"),
        "sparql": (base + "/sparql-auth", base + "/sparql-graph-crud-auth"),
    }.get(last, (query_url, query_url))
    return Endpoint(query_url, update_url or guessed[0], store_url or guessed[1], **options)
