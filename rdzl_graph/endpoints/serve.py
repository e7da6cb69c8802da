"""Serve the built graph as a local, read-only SPARQL endpoint (Oxigraph server).

The built TriG file is loaded into a fresh Oxigraph data directory (a
temporary folder, removed afterwards) with ``oxigraph load``; then
``oxigraph serve-read-only --union-default-graph --timeout-s N`` answers
SPARQL queries at ``http://HOST:PORT/query``. The default graph is the union
of the named graphs, as in the embedded store.
"""

from __future__ import annotations

import contextlib
import ipaddress
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import EndpointError
from ..core.resources import DEFAULT_BUILD_DIR, default_trig_path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_QUERY_TIMEOUT = 30


@dataclass(frozen=True)
class RunningServer:
    """A started Oxigraph server.

    Attributes
    ----------
    url : str
        The SPARQL query endpoint, ``http://HOST:PORT/query``.
    process : subprocess.Popen
        The server process.
    """

    url: str
    process: subprocess.Popen


def oxigraph_executable() -> str:
    """Find the ``oxigraph`` server executable (next to the Python interpreter, else on PATH).

    Raises
    ------
    EndpointError
        If it is not installed (``pip install oxigraph``).
    """
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise EndpointError("the Oxigraph server is not installed; run `pip install oxigraph`")
    return found


def is_loopback(host: str) -> bool:
    """Tell whether *host* only listens on this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def free_port(host: str = DEFAULT_HOST) -> int:
    """Return a TCP port that is free on *host* right now."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def load_into(store_dir: Path, trig: Path) -> None:
    """Load a TriG file into an Oxigraph data directory (``oxigraph load``)."""
    if not trig.is_file():
        raise EndpointError(f"{trig}: built graph not found; run `rdzl-graph build` first")
    done = subprocess.run(
        [oxigraph_executable(), "load", "--location", str(store_dir), "--file", str(trig)],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise EndpointError(f"oxigraph load failed: {done.stderr.strip()[-500:]}")


def wait_ready(url: str, process: subprocess.Popen, seconds: float = 20.0) -> None:
    """Wait until ``ASK {}`` succeeds at *url* (bounded), else raise."""
    deadline = time.monotonic() + seconds
    probe = url + "?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EndpointError(f"the Oxigraph server stopped at start (exit code {process.returncode})")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return
        time.sleep(0.1)
    raise EndpointError(f"the Oxigraph server did not answer at {url} within {seconds:g} s")


@contextlib.contextmanager
def local_endpoint(
    build_dir: Path | str = DEFAULT_BUILD_DIR,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    query_timeout: int = DEFAULT_QUERY_TIMEOUT,
) -> Iterator[RunningServer]:
    """Start a read-only Oxigraph server with the built graph; stop it on exit.

    Parameters
    ----------
    build_dir : pathlib.Path or str
        Build directory holding ``graph/rdzl-graph.trig``.
    host : str
        Address to listen on (loopback by default).
    port : int
        TCP port; 0 picks a free one.
    query_timeout : int
        Seconds after which the server aborts a query.

    Yields
    ------
    RunningServer
        Its query URL and process.

    Examples
    --------
    >>> with local_endpoint("build", port=0) as server:  # doctest: +SKIP
    ...     print(server.url)
    http://127.0.0.1:40123/query
    """
    port = port or free_port(host)
    with tempfile.TemporaryDirectory(prefix="rdzl-oxigraph-") as tmp:
        store_dir = Path(tmp) / "store"
        load_into(store_dir, default_trig_path(build_dir))
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        command = [
            oxigraph_executable(), "serve-read-only", "--location", str(store_dir), "--bind", bind,
            "--union-default-graph", "--timeout-s", str(query_timeout),
        ]
        log = (Path(tmp) / "server.log").open("wb")
        # Own session: a terminal's Ctrl-C reaches only us; we stop the server.
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
        try:
            url = f"http://{bind}/query"
            wait_ready(url, process)
            yield RunningServer(url, process)
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            log.close()


def serve(
    build_dir: Path | str = DEFAULT_BUILD_DIR,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    query_timeout: int = DEFAULT_QUERY_TIMEOUT,
    on_ready: Callable[[str], None] | None = None,
) -> int:
    """Serve the built graph until Ctrl-C (SIGINT) or SIGTERM; return 0.

    Parameters
    ----------
    build_dir, host, port, query_timeout
        As for :func:`local_endpoint`.
    on_ready : callable, optional
        Called with the query URL once the server answers.

    Returns
    -------
    int
        0 after a clean stop; :class:`EndpointError` if the server dies.
    """
    # Both signals stop the server cleanly, also when this process was started with SIGINT ignored
    # (as a shell does for background jobs; Python then installs no Ctrl-C handler of its own).
    previous = {sig: signal.signal(sig, signal.default_int_handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with local_endpoint(build_dir, host, port, query_timeout) as server:
            if on_ready:
                on_ready(server.url)
            code = server.process.wait()
            raise EndpointError(f"the Oxigraph server stopped unexpectedly (exit code {code})")
    except KeyboardInterrupt:
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
