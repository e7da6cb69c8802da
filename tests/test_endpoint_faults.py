"""Endpoint faults seen from the CLI: nothing listening, too slow (real loopback sockets)."""

from __future__ import annotations

import subprocess
import time

import pytest

from rdzl_graph.endpoints.client import Endpoint, run_remote

from rdzl_graph.core.errors import EndpointError
from rdzl_graph.endpoints.serve import free_port

from servers import slow_http_server, start_oxigraph


def rdzl(python_exe, cli_env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([python_exe, "-m", "rdzl_graph", *args], capture_output=True, text=True,
                          env=cli_env, timeout=120)


def test_push_to_a_server_that_is_not_running(python_exe, cli_env, built):
    url = f"http://127.0.0.1:{free_port()}/query"
    done = rdzl(python_exe, cli_env, "push", "--endpoint", url, "--build", str(built.out_dir), "--retries", "1")
    assert done.returncode == 2
    assert "failed after 2 attempt(s): cannot connect" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_query_on_a_server_that_is_not_running(python_exe, cli_env):
    url = f"http://127.0.0.1:{free_port()}/query"
    done = rdzl(python_exe, cli_env, "query", "risk-overview", "--endpoint", url)
    assert done.returncode == 2
    assert "cannot connect" in done.stderr and done.stdout == ""


def test_slow_server_times_out_once(python_exe, cli_env, built):
    """A timeout is reported once, not retried (issue 14: three attempts made a user wait 92 s)."""
    with slow_http_server(delay=4) as base:
        start = time.monotonic()
        done = rdzl(python_exe, cli_env, "push", "--endpoint", base + "/query", "--build", str(built.out_dir),
                    "--timeout", "1", "--retries", "3")
        seconds = time.monotonic() - start
    assert done.returncode == 2
    assert "no answer within 1 s" in done.stderr and "not retried" in done.stderr
    assert done.stderr.count("no answer") == 1 and "attempt" not in done.stderr
    assert seconds < 1 + 4  # one attempt; four would take at least 4 s of waiting alone


def test_run_remote_timeout_raises_endpoint_error():
    with slow_http_server(delay=3) as base:
        endpoint = Endpoint(base + "/query", timeout=1, retries=0)
        with pytest.raises(EndpointError, match="no answer within 1 s"):
            run_remote(endpoint, "ASK {}")


def test_credentials_in_the_url_are_refused_and_not_echoed(python_exe, cli_env, built):
    done = rdzl(python_exe, cli_env, "push", "--endpoint", "http://dba:s3cr3t-pw@127.0.0.1:9/query",
                "--build", str(built.out_dir))
    assert done.returncode == 2
    assert "RDZL_ENDPOINT_PASSWORD" in done.stderr and "s3cr3t-pw" not in done.stderr + done.stdout


HEAVY = 'SELECT ?a ?d { ?a ?b ?c . ?d ?e ?f . FILTER(CONTAINS(CONCAT(STR(?c), STR(?f)), "zzqq")) }'


def test_query_cancelled_by_the_server_is_one_clear_error(python_exe, cli_env, built):
    """Regression (issue 14): the Oxigraph server cancels a query at its time limit but has already
    answered "200 OK" and ends the JSON with a message; `query --endpoint` then failed on broken JSON
    and retried (92 s). A real `serve` with a 2 s limit and a real heavy query: one clear error (the
    front of `serve` turns the cancelled answer into HTTP 504)."""
    server = subprocess.Popen([python_exe, "-m", "rdzl_graph", "serve", "--port", "0", "--query-timeout", "2",
                               "--build", str(built.out_dir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=cli_env)
    try:
        url = server.stdout.readline().split()[2]
        start = time.monotonic()
        done = rdzl(python_exe, cli_env, "query", "-e", HEAVY, "--endpoint", url)
        seconds = time.monotonic() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert done.returncode == 2, done.stdout
    assert "answered HTTP 504: the query did not finish within the time limit of 2 s" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == "" and done.stderr.count("\n") == 1
    assert seconds < 12  # one attempt of about 2 s, not three


def test_cut_off_answer_of_a_bare_oxigraph_server_is_one_clear_error(python_exe, cli_env, built, tmp_path):
    """The same heavy query on a bare Oxigraph server (no front): its "200 OK" answer ends in the
    middle of the JSON with its cancellation message; the client says so once, no retry."""
    bare = start_oxigraph(tmp_path, trig=built.trig, timeout_s=2)
    try:
        start = time.monotonic()
        done = rdzl(python_exe, cli_env, "query", "-e", HEAVY, "--endpoint", bare.query_url)
        seconds = time.monotonic() - start
    finally:
        bare.stop()
    assert done.returncode == 2, done.stdout
    assert "stopped the query before it was done (most likely at its time limit)" in done.stderr
    assert "The SPARQL operation has been cancelled" in done.stderr and "not retried" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert seconds < 10


def test_answer_that_breaks_off_is_not_retried():
    """An answer cut off mid-body (the server promised 1000 bytes, sent 12, closed): one clear error."""
    import http.server
    import threading

    requests = []

    class Cut(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            requests.append(self.path)
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"head": {},')
            self.wfile.flush()
            self.connection.close()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Cut)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = Endpoint(f"http://127.0.0.1:{server.server_address[1]}/query", timeout=5, retries=2, backoff=0.01)
        with pytest.raises(EndpointError, match=r"broke off after 12 bytes; not retried"):
            run_remote(endpoint, "ASK {}")
    finally:
        server.shutdown()
        server.server_close()
    assert len(requests) == 1
