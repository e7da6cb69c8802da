"""Start real SPARQL servers for the tests on free loopback ports (bounded waits).

* :func:`start_oxigraph` — the Oxigraph server from PyPI, read-write, with a
  data directory that survives a restart (for the crash test).
* :func:`start_virtuoso` — Virtuoso 7 from Debian (``virtuoso-t``), with its
  database files and both ports (ODBC and HTTP) in a temporary folder.
* :func:`slow_http_server` — a tiny HTTP server in a thread that sleeps
  before answering (for timeouts).
"""

from __future__ import annotations

import contextlib
import http.server
import shutil
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdzl_graph.endpoints.serve import free_port, oxigraph_executable

HOST = "127.0.0.1"
VIRTUOSO = shutil.which("virtuoso-t")


@dataclass
class Server:
    """A started server process and its URLs."""

    name: str
    query_url: str
    process: subprocess.Popen
    command: list[str]
    ready_url: str
    log: Path

    def stop(self, kill: bool = False) -> None:
        """Stop the process (SIGKILL when *kill*), waiting at most 20 s."""
        if self.process.poll() is None:
            (self.process.kill if kill else self.process.terminate)()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def restart(self, seconds: float = 60) -> None:
        """Start the same command again (same data directory and port)."""
        self.stop()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(self.command, stdout=log, stderr=subprocess.STDOUT)
        wait_for(self, seconds)


def wait_for(server: Server, seconds: float) -> None:
    """Poll ``ASK {}`` until the server answers, at most *seconds*."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited: {server.log.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(server.ready_url, timeout=2) as response:
                if response.status == 200:
                    return
        time.sleep(0.2)
    server.stop(kill=True)
    raise RuntimeError(f"{server.name} did not answer within {seconds} s")


def _start(name: str, command: list[str], query_url: str, log: Path, seconds: float) -> Server:
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    server = Server(name, query_url, process, command, query_url + "?query=ASK%7B%7D", log)
    wait_for(server, seconds)
    return server


def start_oxigraph(folder: Path, trig: Path | None = None, timeout_s: int | None = None) -> Server:
    """Start ``oxigraph serve`` (read-write) on a free loopback port, with *trig* loaded first and
    ``--timeout-s`` when given."""
    port = free_port(HOST)
    if trig is not None:
        subprocess.run([oxigraph_executable(), "load", "--location", str(folder / "store"), "--file", str(trig)],
                       check=True, capture_output=True, timeout=120)
    command = [oxigraph_executable(), "serve", "--location", str(folder / "store"), "--bind", f"{HOST}:{port}"]
    if timeout_s is not None:
        command += ["--union-default-graph", "--timeout-s", str(timeout_s)]
    return _start("oxigraph", command, f"http://{HOST}:{port}/query", folder / "oxigraph.log", 30)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = {host}:{odbc}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = {host}:{http}
ServerRoot = {dir}/vsp
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def start_virtuoso(folder: Path) -> Server:
    """Start Virtuoso 7 in the foreground with everything under *folder*."""
    if VIRTUOSO is None:
        raise RuntimeError("virtuoso-t is not installed (apt-get install virtuoso-opensource)")
    (folder / "vsp").mkdir(parents=True, exist_ok=True)
    odbc, http_port = free_port(HOST), free_port(HOST)
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, host=HOST, odbc=odbc, http=http_port), encoding="utf-8")
    command = [VIRTUOSO, "+foreground", "+configfile", str(ini)]
    return _start("virtuoso", command, f"http://{HOST}:{http_port}/sparql", folder / "console.log", 90)


class _SlowHandler(http.server.BaseHTTPRequestHandler):
    delay = 5.0

    def _slow(self) -> None:
        time.sleep(self.delay)
        with contextlib.suppress(OSError):
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b'{"head": {}, "boolean": true}')

    do_GET = do_POST = do_PUT = _slow

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@contextlib.contextmanager
def slow_http_server(delay: float = 5.0) -> Iterator[str]:
    """Serve on a free loopback port, sleeping *delay* s per request; yield the base URL."""
    handler = type("SlowHandler", (_SlowHandler,), {"delay": delay})
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
