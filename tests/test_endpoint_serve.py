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
