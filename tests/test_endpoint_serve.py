"""`rdzl-graph serve`: a real read-only Oxigraph server on a free loopback port."""

from __future__ import annotations

import queue
import signal
import subprocess
import threading
import urllib.error
import urllib.request

import pytest

from rdzl_graph.endpoints.client import run_remote

from rdzl_graph.core.errors import EndpointError
from rdzl_graph.endpoints.serve import is_loopback
from rdzl_graph.query.named import run_query
from rdzl_graph.endpoints.client import RemoteRunner, Endpoint


def first_line(stream, seconds: float) -> str:
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True).start()
    return lines.get(timeout=seconds)


def test_serve_answers_like_the_embedded_store_and_stops_on_ctrl_c(python_exe, cli_env, built, store):
    server = subprocess.Popen([python_exe, "-m", "rdzl_graph", "serve", "--port", "0", "--build", str(built.out_dir)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env)
    try:
        line = first_line(server.stdout, 60)
        assert line.startswith("SPARQL endpoint: http://127.0.0.1:")
        url = line.split()[2]
        # union default graph without default-graph-uri, as the embedded store
        for name in ("funding-per-programme-line", "stats-class-counts", "site-projects"):
            local = run_query(store, name)
            assert run_query(RemoteRunner(Endpoint(url), default_graphs=None), name) == local
        assert run_remote(url, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", default_graphs=None) == [{"n": len(store)}]
        # read-only: updates are refused
        request = urllib.request.Request(url.replace("/query", "/update"), data=b"update=CLEAR%20ALL",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(request, timeout=10)
    finally:
        server.send_signal(signal.SIGINT)
        code = server.wait(timeout=30)
        stderr = server.stderr.read()
    assert code == 0, stderr
    with pytest.raises(EndpointError, match="cannot connect"):
        run_remote(Endpoint(url, timeout=2, retries=0), "ASK {}")


def test_serve_without_a_build_is_a_clear_error(python_exe, cli_env, tmp_path):
    done = subprocess.run([python_exe, "-m", "rdzl_graph", "serve", "--port", "0", "--build", str(tmp_path)],
                          capture_output=True, text=True, env=cli_env, timeout=60)
    assert done.returncode == 2
    assert "built graph not found" in done.stderr


def test_only_loopback_counts_as_local():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")


def test_serve_stops_on_ctrl_c_even_when_started_with_sigint_ignored(python_exe, cli_env, built):
    """Regression: started from a background job (SIGINT ignored), ``serve`` never stopped on Ctrl-C,
    because Python installs its Ctrl-C handler only when SIGINT is not ignored at start."""
    server = subprocess.Popen([python_exe, "-m", "rdzl_graph", "serve", "--port", "0", "--build", str(built.out_dir)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env,
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert first_line(server.stdout, 60).startswith("SPARQL endpoint: http://127.0.0.1:")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            code = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            raise
    assert code == 0


# --- issue 14: kill -9, a busy port, federated queries (real serve, real processes) ---

import http.server  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from rdzl_graph.endpoints.serve import listening_pids  # noqa: E402


def _start_serve(python_exe, cli_env, built, *extra):
    server = subprocess.Popen([python_exe, "-m", "rdzl_graph", "serve", "--port", "0", "--build", str(built.out_dir),
                               *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env)
    line = first_line(server.stdout, 60)
    assert line.startswith("SPARQL endpoint: http://127.0.0.1:"), server.stderr.read() if server.poll() else line
    return server, line.split()[2]


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")  # a zombie no longer serves (its reaper may be slow)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux only")
def test_kill_9_of_serve_takes_the_oxigraph_server_with_it(python_exe, cli_env, built):
    """Regression (issue 14): kill -9 of serve left the Oxigraph child serving, orphaned."""
    server, url = _start_serve(python_exe, cli_env, built)
    children = _children(server.pid)
    assert len(children) == 1 and "oxigraph" in Path(f"/proc/{children[0]}/cmdline").read_text()
    server.kill()
    server.wait(timeout=10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not _gone(children[0]):
        time.sleep(0.05)
    assert _gone(children[0])
    with pytest.raises(EndpointError, match="cannot connect"):
        run_remote(Endpoint(url, timeout=2, retries=0), "ASK {}")


def test_serve_on_a_port_another_program_holds_is_a_clear_error(python_exe, cli_env, built):
    """Regression (issue 14): a new serve on a port an orphaned server held said it was up."""
    holder = subprocess.Popen([sys.executable, "-c", "import http.server as h; s = h.HTTPServer(('127.0.0.1', 0), "
                               "h.BaseHTTPRequestHandler); print(s.server_address[1], flush=True); s.serve_forever()"],
                              stdout=subprocess.PIPE, text=True)
    try:
        port = first_line(holder.stdout, 20).strip()
        start = time.monotonic()
        done = subprocess.run([python_exe, "-m", "rdzl_graph", "serve", "--port", port, "--build", str(built.out_dir)],
                              capture_output=True, text=True, env=cli_env, timeout=60)
        seconds = time.monotonic() - start
        assert listening_pids(int(port)) in ({holder.pid}, None)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 2 and done.stdout == ""
    assert f"port {port} on 127.0.0.1 is already in use by another program" in done.stderr
    assert "Traceback" not in done.stderr and seconds < 15


class _Echo(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        self.hits.append(self.path)
        body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"FETCHED"}}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture()
def echo():
    """A real HTTP server on loopback that records every request and answers one SPARQL row."""
    handler = type("Echo", (_Echo,), {"hits": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", handler.hits
    server.shutdown()
    server.server_close()


FEDERATED = [
    "SELECT ?x { SERVICE <{url}> { ?x ?p ?o } }",
    "select ?x { service silent <{url}> { ?x ?p ?o } }",
    "SELECT ?x { FILTER(1<2)SERVICE#>\n<{url}>{ ?x ?p ?o } }",  # a '<' that is no IRI, a comment
    "SELECT ?x { \\u0053ERVICE <{url}> { ?x ?p ?o } }",
]


def _ask(url: str, text: str, method: str = "POST") -> tuple[int, str]:
    data = urllib.parse.urlencode({"query": text}).encode()
    request = (urllib.request.Request(url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded"})
               if method == "POST" else urllib.request.Request(url + "?" + data.decode()))
    request.add_header("Accept", "application/sparql-results+json")
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_serve_refuses_federated_queries_unless_allowed(python_exe, cli_env, built, echo):
    """Regression (issue 14): serve fetched any SERVICE <http://...> address and echoed the answer."""
    target, hits = echo
    server, url = _start_serve(python_exe, cli_env, built)
    try:
        for text in FEDERATED:
            for method in ("POST", "GET"):
                status, body = _ask(url, text.replace("{url}", target), method)
                assert status == 400 and "SERVICE" in body and "--allow-service" in body, (text, body)
        raw = urllib.request.Request(url, data=f"SELECT * {{ SERVICE <{target}> {{ ?x ?p ?o }} }}".encode(),
                                     headers={"Content-Type": "application/sparql-query"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(raw, timeout=20)
        assert refused.value.code == 400
        assert hits == []  # nothing was fetched
        # the word in a literal or an IRI is no federated query
        status, body = _ask(url, 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o FILTER(?o = "service" || ?s = <urn:service>) }')
        assert status == 200 and '"n"' in body
        with pytest.raises(EndpointError, match=r"HTTP 400: .*federated queries \(SERVICE\) are turned off"):
            run_remote(Endpoint(url, retries=0), f"SELECT ?x {{ SERVICE <{target}> {{ ?x ?p ?o }} }}")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    server, url = _start_serve(python_exe, cli_env, built, "--allow-service")
    try:
        rows = run_remote(Endpoint(url, retries=0), f"SELECT ?x {{ SERVICE <{target}> {{ ?x ?p ?o }} }}",
                          default_graphs=None)
        assert rows == [{"x": "FETCHED"}] and hits  # fetched (the server may ask more than once)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
