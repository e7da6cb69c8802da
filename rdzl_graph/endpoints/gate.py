"""The HTTP front of ``rdzl-graph serve``: it stands between the users and the Oxigraph server.

The Oxigraph server (0.5.x) has no option to turn off federated queries: a ``SERVICE <http://…>``
pattern makes it fetch that address and use the answer, so a read-only local endpoint would be a
proxy into the network it runs in (a web page in the user's browser can send it such a query).
Nor does it stop a query that keeps streaming rows at its ``--timeout-s`` (it ran for minutes and
wrote gigabytes), and a query it does cancel has already been answered "200 OK" and ends in the
middle of the result with "The SPARQL operation has been cancelled". The front:

* refuses (HTTP 400, a plain message) every request whose query or update text holds a
  ``SERVICE`` pattern, unless ``allow_service`` (``serve --allow-service``). Text that does not
  contain the word "service" at all (after ``\\uXXXX`` escapes are decoded) passes at once;
  text that does is parsed with rdflib's SPARQL parser and refused if it has a
  ``ServiceGraphPattern``, or if it cannot be parsed (it could not be checked);
* reads the whole answer of the Oxigraph server before it answers, within a deadline (the query
  timeout plus a margin) and a size limit; a cancelled, too slow or too large answer becomes an
  error status with a plain message (504 timeout, 507 too large) instead of a broken "200 OK";
* forwards everything else unchanged (method, path, ``Accept``, ``Content-Type``, body).

What it cannot do: the Oxigraph server listens on a loopback port of its own, so a program on
the same machine that finds that port can bypass the front (as it could run any program).
"""

from __future__ import annotations

import contextlib
import http.client
import http.server
import re
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass

from ..core.sparql import query_dataset

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: What the Oxigraph server writes into a "200 OK" result when it cancels the query.
CANCELLED = b"The SPARQL operation has been cancelled"
MAX_REQUEST_BYTES = 10 * 2**20
_FORWARDED_HEADERS = ("Accept", "Content-Type")


def decode_codepoints(text: str) -> str:
    r"""Decode SPARQL ``\uXXXX`` / ``\UXXXXXXXX`` escapes (the grammar allows them anywhere).

    >>> decode_codepoints(r"\u0053ERVICE")
    'SERVICE'
    """
    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _CODEPOINT.sub(char, text)


def federated(text: str) -> bool:
    """Tell whether SPARQL *text* may hold a ``SERVICE`` pattern (True when unsure).

    >>> federated('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
    True
    >>> federated('SELECT * { ?s ?p "customer service" }'), federated('ASK {}')
    (False, False)
    >>> federated('SELECT * { FILTER(1<2)SERVICE#>\\n<http://example.org/>{ ?s ?p ?o } }')
    True
    """
    text = decode_codepoints(text)
    if "service" not in text.lower():
        return False
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        tree = parseQuery(text)
    except Exception:  # noqa: BLE001 - any parse failure: it could not be checked
        return True
    todo: list[object] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            todo.extend(node.values())
        elif isinstance(node, (list, tuple)) or hasattr(node, "asList"):
            todo.extend(node)
    return False


def request_texts(query_string: str, content_type: str, body: bytes) -> list[str]:
    """Every SPARQL text a request carries: ``query``/``update`` of the URL and of a form body, or the
    whole body of any other POST (``application/sparql-query`` and whatever the server might read).

    >>> request_texts("query=ASK%7B%7D", "", b"")
    ['ASK{}']
    >>> request_texts("", "application/sparql-query", b"ASK {}")
    ['ASK {}']
    """
    texts = [v for k, values in urllib.parse.parse_qs(query_string, keep_blank_values=True).items()
             if k in ("query", "update") for v in values]
    if body:
        if content_type.split(";")[0].strip().lower() == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            texts += [v for k, values in form.items() if k in ("query", "update") for v in values]
        else:
            texts.append(body.decode("utf-8", "replace"))
    return texts


def with_dataset(path: str, texts: list[str], form: bytes = b"") -> str:
    """The request path with a query's own dataset clause as protocol parameters.

    ``oxigraph serve --union-default-graph`` answers every query over the union, ``FROM`` or not;
    the protocol's ``default-graph-uri`` / ``named-graph-uri`` it does honour. So a query that names
    its graphs (:func:`rdzl_graph.core.sparql.query_dataset`) gets them as parameters, unless the
    request already sets them (in the URL or in the *form* body). Text that is no valid query is passed on as it is (the server says
    what is wrong).

    >>> with_dataset("/query", ["SELECT * FROM <urn:x:a> FROM NAMED <urn:x:b> { ?s ?p ?o }"])
    '/query?default-graph-uri=urn%3Ax%3Aa&named-graph-uri=urn%3Ax%3Ab'
    >>> with_dataset("/query?query=ASK%7B%7D", ["ASK {}"])
    '/query?query=ASK%7B%7D'
    """
    parts = urllib.parse.urlsplit(path)
    given = {**urllib.parse.parse_qs(parts.query), **urllib.parse.parse_qs(form.decode("utf-8", "replace"))}
    if len(texts) != 1 or "default-graph-uri" in given or "named-graph-uri" in given:
        return path
    try:
        dataset = query_dataset(texts[0])
    except (SyntaxError, RuntimeError, ValueError):
        return path
    if dataset is None:
        return path
    defaults, named = dataset
    extra = urllib.parse.urlencode([("default-graph-uri", g) for g in defaults] + [("named-graph-uri", g) for g in named])
    return urllib.parse.urlunsplit(parts._replace(query=f"{parts.query}&{extra}" if parts.query else extra))


@dataclass(frozen=True)
class GateOptions:
    """What the front forwards to and how strictly.

    Attributes
    ----------
    upstream_port : int
        The loopback port of the Oxigraph server.
    query_timeout : float
        The server's query timeout in seconds; an answer not complete within it plus ``margin``
        is abandoned.
    allow_service : bool
        Forward ``SERVICE`` (federated) queries.
    max_answer_bytes : int
        Larger answers are abandoned (HTTP 507).
    margin : float
        Seconds added to ``query_timeout``.
    """

    upstream_port: int
    query_timeout: float
    allow_service: bool = False
    max_answer_bytes: int = 256 * 2**20
    margin: float = 5.0


class GateServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server with the front's options (``options``); IPv6 when the host is."""

    daemon_threads = True
    request_queue_size = 1024

    def __init__(self, address: tuple[str, int], options: GateOptions) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.options = options
        self._thread: threading.Thread | None = None
        super().__init__(address, _Handler)

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self.serve_forever, name="rdzl-serve-gate", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving (if started) and close the socket."""
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout=10)
        self.server_close()


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: GateServer

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._handle()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_GET

    def log_message(self, *args: object) -> None:  # no access log on the terminal
        pass

    def _handle(self) -> None:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self._plain(411, "send the request with a Content-Length")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BYTES:
            self._plain(413, f"the request is larger than {MAX_REQUEST_BYTES // 2**20} MB")
            return
        body = self.rfile.read(length) if length else b""
        options = self.server.options
        parts = urllib.parse.urlsplit(self.path)
        texts = request_texts(parts.query, self.headers.get("Content-Type", ""), body)
        if not options.allow_service and any(federated(t) for t in texts):
            self._plain(400, "federated queries (SERVICE) are turned off on this endpoint: they would make "
                             "the server fetch other addresses; start `rdzl-graph serve --allow-service` to allow them")
            return
        is_form = self.headers.get("Content-Type", "").split(";")[0].strip().lower() == "application/x-www-form-urlencoded"
        path = with_dataset(self.path, texts, body if is_form else b"") if self.command in ("GET", "POST") else self.path
        self._forward(body, options, path)

    def _forward(self, body: bytes, options: GateOptions, path: str) -> None:
        deadline = time.monotonic() + options.query_timeout + options.margin
        headers = {name: self.headers[name] for name in _FORWARDED_HEADERS if self.headers.get(name)}
        upstream = http.client.HTTPConnection("127.0.0.1", options.upstream_port,
                                              timeout=options.query_timeout + options.margin)
        try:
            upstream.request(self.command, path, body=body or None, headers=headers)
            answer = upstream.getresponse()
            data, problem = _read_within(answer, deadline, options.max_answer_bytes)
        except (TimeoutError, socket.timeout):
            data, problem = b"", "timeout"
        except (OSError, http.client.HTTPException) as exc:
            self._plain(502, f"the Oxigraph server did not answer properly ({type(exc).__name__})")
            return
        finally:
            upstream.close()  # an abandoned answer: the server stops writing it
        if problem == "timeout" or data.rstrip().endswith(CANCELLED):
            self._plain(504, f"the query did not finish within the time limit of {options.query_timeout:g} s "
                             "(serve --query-timeout); ask a lighter question")
        elif problem == "large":
            self._plain(507, f"the answer is larger than {options.max_answer_bytes // 2**20} MB; "
                             "ask for fewer rows (LIMIT) or columns")
        else:
            self._relay(answer, data)

    def _relay(self, answer: http.client.HTTPResponse, data: bytes) -> None:
        self.send_response(answer.status, answer.reason)
        for name in ("Content-Type", "Content-Disposition", "Location", "Allow"):
            if answer.getheader(name):
                self.send_header(name, answer.getheader(name))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _plain(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        with contextlib.suppress(OSError):
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)


def _read_within(answer: http.client.HTTPResponse, deadline: float, limit: int) -> tuple[bytes, str | None]:
    """The whole body and ``None``, or what stopped the reading: ``"timeout"`` past *deadline*,
    ``"large"`` past *limit* bytes."""
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            return b"", "timeout"
        chunk = answer.read1(1 << 16)
        if not chunk:
            return b"".join(chunks), None
        size += len(chunk)
        if size > limit:
            return b"", "large"
        chunks.append(chunk)
