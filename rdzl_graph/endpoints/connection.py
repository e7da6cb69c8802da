"""Where a SPARQL service is and how to talk HTTP to it: the :class:`Endpoint`, credentials,
bounded retries, Graph Store uploads and SPARQL Update requests.

Updates and Graph Store Protocol uploads use :mod:`urllib` with an opener of their own (basic
or digest authentication, negotiated with the server; no global state). Errors become an
:class:`EndpointError` whose message never contains the password.

What is retried (a bounded number of times, exponential backoff): only failures where the
request most likely never reached a working server: a refused or reset connection, and the
answers 500, 502 and 503. Not retried, reported once: a timeout (no answer within
``Endpoint.timeout``: the server may still be busy with it, and asking again only multiplies the
wait), a 504, an answer that breaks off, and every 4xx.
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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pyoxigraph as ox

from ..core.errors import EndpointError

USER_ENV = "RDZL_ENDPOINT_USER"
PASSWORD_ENV = "RDZL_ENDPOINT_PASSWORD"
#: HTTP answers worth asking again (the server had a passing problem); 504 is a timeout.
RETRIED_STATUS = frozenset({500, 502, 503})

_T = TypeVar("_T")


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
        Extra attempts after a refused or reset connection or a 500/502/503 answer (never after
        a timeout or a broken answer).
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


def printable(text: str, limit: int = 300) -> str:
    """Collapse whitespace, replace control characters by ``?`` and cut *text* (for error messages).

    >>> printable("a\\x1b[31m  b\\x07\\nc")
    'a?[31m b? c'
    """
    cleaned = " ".join("".join(c if c.isprintable() or c.isspace() else "?" for c in text).split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def with_retries(action: Callable[[], _T], endpoint: Endpoint, what: str, url: str) -> _T:
    """Run *action*, retrying refused or reset connections and 500/502/503 answers.

    Raises
    ------
    EndpointError
        After the last attempt; at once for a timeout (``no answer within N s``), a 504, an
        answer that broke off, and 4xx answers (401/403 say that the credentials were refused;
        the password is never shown).
    """
    url = safe_url(url).split("?")[0]
    delay = endpoint.backoff
    attempts = endpoint.retries + 1
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except urllib.error.HTTPError as exc:
            problem = _refused(exc, endpoint, what, url)
        except (TimeoutError, socket.timeout):
            raise _timed_out(endpoint, what, url) from None
        except http.client.IncompleteRead as exc:
            raise EndpointError(f"{what}: the answer of {url} broke off after {len(exc.partial)} bytes; "
                                "not retried") from None
        except (urllib.error.URLError, ConnectionError, http.client.HTTPException, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise _timed_out(endpoint, what, url) from None
            problem = f"cannot connect ({printable(str(reason))})"
        if attempt < attempts:
            time.sleep(delay)
            delay *= 2
    raise EndpointError(f"{what}: {url} failed after {attempts} attempt(s): {problem}")


def _timed_out(endpoint: Endpoint, what: str, url: str) -> EndpointError:
    return EndpointError(f"{what}: no answer within {endpoint.timeout:g} s from {url}; not retried (the server "
                         "may still be working on it): ask a lighter question or allow more time (--timeout)")


def _refused(exc: urllib.error.HTTPError, endpoint: Endpoint, what: str, url: str) -> str:
    """Raise the error of an HTTP answer that is not retried; return the problem of one that is."""
    status, detail = exc.code, _error_body(exc)
    if status in (401, 403):
        who = f"user {endpoint.user!r}" if endpoint.user else "no credentials"
        raise EndpointError(
            f"{what}: {url} refused access (HTTP {status}, {who}); "
            f"check ${USER_ENV} / ${PASSWORD_ENV} and the user's write permission"
        ) from None
    if status not in RETRIED_STATUS:
        raise EndpointError(f"{what}: {url} answered HTTP {status}: {detail}") from None
    return f"HTTP {status}: {detail}"


def _error_body(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - the body is only a hint
        body = ""
    return printable(re.sub(r"<[^>]+>", " ", body) or str(exc.reason))


class _DigestRemembered(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that, once challenged, signs later requests of the same opener up front.

    Without it every request goes out unsigned first; a server that answers a large unsigned
    upload with 401 closes the connection mid-body, which the client sees only as "Broken pipe"
    (Virtuoso's Graph Store endpoint did, for the data graph)."""

    challenge: dict[str, str] | None = None

    def retry_http_digest_auth(self, req: urllib.request.Request, auth: str) -> Any:
        _token, challenge = auth.split(" ", 1)
        self.challenge = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(challenge)))
        return super().retry_http_digest_auth(req, auth)

    def http_request(self, req: urllib.request.Request) -> urllib.request.Request:
        if self.challenge and not req.has_header(self.auth_header):
            signed = self.get_authorization(req, self.challenge)
            if signed:
                req.add_unredirected_header(self.auth_header, f"Digest {signed}")
        return req

    https_request = http_request


def _opener(endpoint: Endpoint, url: str) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if endpoint.user:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, endpoint.user, endpoint.password or "")
        handlers += [_DigestRemembered(manager), urllib.request.HTTPBasicAuthHandler(manager)]
    return urllib.request.build_opener(*handlers)


def http_request(endpoint: Endpoint, url: str, method: str, body: bytes, content_type: str, what: str,
                 opener: urllib.request.OpenerDirector | None = None) -> bytes:
    """Send one HTTP request (with retries) and return the answer body; *opener* to share
    authentication between requests."""
    opener = opener or _opener(endpoint, url)

    def send() -> bytes:
        request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type})
        with opener.open(request, timeout=endpoint.timeout) as response:
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
    opener = _opener(endpoint, url)
    if endpoint.user and turtle:
        # An empty PUT first: a server that refuses the credentials answers it with 401 at once, while
        # refusing a large body mid-upload shows only as a broken connection ("Broken pipe"); the same
        # opener then signs the real upload up front (digest).
        http_request(endpoint, url, "PUT", b"", "application/n-triples", f"upload of graph <{graph}>", opener)
    http_request(endpoint, url, "PUT", turtle, "application/n-triples", f"upload of graph <{graph}>", opener)


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
