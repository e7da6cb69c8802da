"""Serve the built graph as a local, read-only SPARQL endpoint (Oxigraph server behind a front).

The built TriG file and every analysis graph beside it (:func:`served_files`) are loaded into a fresh Oxigraph data directory (a temporary folder named for
this process, removed afterwards; one a killed ``serve`` left is removed by the next) with
``oxigraph load``; then ``oxigraph serve-read-only --union-default-graph --timeout-s N`` answers
SPARQL queries on a loopback port of its own. Users talk to the front
(:mod:`rdzl_graph.endpoints.gate`) at ``http://HOST:PORT/query``, which refuses federated
queries (``SERVICE``) unless asked to allow them and turns a cancelled or endless answer into a
clear error. The default graph is the union of the named graphs, as in the embedded store; a query
with its own ``FROM`` / ``FROM NAMED`` gets just those graphs (the front passes them on as the
protocol's ``default-graph-uri`` / ``named-graph-uri``, which the server's union does not override).

Faults handled: the port is bound by the front before anything starts, so a port already in use
(for example by a server an earlier ``serve`` left) is an error at once, never an endpoint that
"is up" but answers from someone else; the Oxigraph server is asked to die with ``serve``
(Linux ``PR_SET_PDEATHSIG``: ``kill -9`` of ``serve`` ends it too); on Linux, ``serve`` checks in
``/proc`` that the socket answering its probe belongs to its own child. Platform limits: on other
systems there is no parent-death signal, so after a ``kill -9`` of ``serve`` the Oxigraph server
keeps running on its private port (not on the published one) until stopped by hand, and the
ownership check is skipped (the child must still be alive and answering).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import EndpointError
from ..core.resources import ANALYSIS_DIR_NAME, DEFAULT_BUILD_DIR, default_trig_path
from .gate import GateOptions, GateServer
from .options import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_QUERY_TIMEOUT  # noqa: F401 - also serve's public names


@dataclass(frozen=True)
class RunningServer:
    """A started Oxigraph server.

    Attributes
    ----------
    url : str
        The SPARQL query endpoint, ``http://HOST:PORT/query`` (the front).
    process : subprocess.Popen
        The Oxigraph server process.
    upstream_url : str
        The Oxigraph server's own query URL (loopback, private port).
    """

    url: str
    process: subprocess.Popen
    upstream_url: str = ""


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


_SCRATCH = "rdzl-oxigraph-"
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes the child die when this process dies (Linux), else ``None``.

    The signal follows the *thread* that started the child: start it from a thread that lives as
    long as the server should (``serve`` uses the main thread).
    """
    if not sys.platform.startswith("linux"):
        return None
    parent = os.getpid()

    def preexec() -> None:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the prctl call
            os._exit(1)

    return preexec


def _scratch_dir() -> Path:
    """A fresh temporary folder for the store, named for this process; removes those of dead ``serve``s."""
    base = Path(tempfile.gettempdir())
    for old in base.glob(_SCRATCH + "*"):
        pid = old.name[len(_SCRATCH):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{_SCRATCH}{os.getpid()}-", dir=base))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def load_into(store_dir: Path, trig: Path) -> None:
    """Load a TriG file into an Oxigraph data directory (``oxigraph load``)."""
    if not trig.is_file():
        raise EndpointError(f"{trig}: built graph not found; run `rdzl-graph build` first")
    done = subprocess.run(
        [oxigraph_executable(), "load", "--location", str(store_dir), "--file", str(trig)],
        capture_output=True, text=True, check=False, preexec_fn=_die_with_parent(),
    )
    if done.returncode != 0:
        raise EndpointError(f"oxigraph load failed: {done.stderr.strip()[-500:]}")


def listening_pids(port: int) -> set[int] | None:
    """The processes with a socket listening on TCP *port* (Linux ``/proc``); ``None`` elsewhere."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if len(fields) > 9 and fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{fields[9]}]")
    if not Path("/proc/self/fd").is_dir():
        return None
    owners = set()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            with contextlib.suppress(OSError):
                if any(os.readlink(fd) in inodes for fd in (proc / "fd").iterdir()):
                    owners.add(int(proc.name))
    return owners


def wait_ready(url: str, process: subprocess.Popen, seconds: float = 20.0) -> None:
    """Wait until ``ASK {}`` succeeds at *url* (bounded) and comes from *process*, else raise."""
    deadline = time.monotonic() + seconds
    probe = url + "?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EndpointError(f"the Oxigraph server stopped at start (exit code {process.returncode})")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    break
        time.sleep(0.1)
    else:
        raise EndpointError(f"the Oxigraph server did not answer at {url} within {seconds:g} s")
    owners = listening_pids(int(urllib.parse.urlsplit(url).port or 80))
    if process.poll() is not None or (owners is not None and process.pid not in owners):
        raise EndpointError(f"another program answers at {url}, not the Oxigraph server serve started")


def _start_oxigraph(store_dir: Path, port: int, query_timeout: int, log: Path) -> subprocess.Popen:
    command = [
        oxigraph_executable(), "serve-read-only", "--location", str(store_dir), "--bind", f"127.0.0.1:{port}",
        "--union-default-graph", "--timeout-s", str(query_timeout),
    ]
    with log.open("wb") as out:
        # Own session: a terminal's Ctrl-C reaches only us; we stop the server. It dies with us (Linux).
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=out, start_new_session=True,
                                preexec_fn=_die_with_parent())


@contextlib.contextmanager
def _bound_front(host: str, port: int, options: GateOptions) -> Iterator[GateServer]:
    """Bind the front on (*host*, *port*) before anything starts; stop and close it at the end."""
    try:
        gate = GateServer((host, port), options)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise EndpointError(
                f"port {port} on {host} is already in use by another program (perhaps an earlier "
                "`rdzl-graph serve` that is still running); stop it or choose another --port") from None
        raise EndpointError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        yield gate
    finally:
        gate.stop()


@contextlib.contextmanager
def local_endpoint(
    build_dir: Path | str = DEFAULT_BUILD_DIR,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    query_timeout: int = DEFAULT_QUERY_TIMEOUT,
    allow_service: bool = False,
) -> Iterator[RunningServer]:
    """Start a read-only Oxigraph server with the built graph behind the front; stop both on exit.

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
    allow_service : bool
        Let queries use ``SERVICE`` (federated queries fetch other addresses).

    Yields
    ------
    RunningServer
        Its query URL and the Oxigraph process.

    Raises
    ------
    EndpointError
        If the port is in use, the build is missing, or the server does not start.

    Examples
    --------
    >>> with local_endpoint("build", port=0) as server:  # doctest: +SKIP
    ...     print(server.url)
    http://127.0.0.1:40123/query
    """
    upstream = free_port("127.0.0.1")
    options = GateOptions(upstream, query_timeout, allow_service)
    with _bound_front(host, port, options) as gate, contextlib.ExitStack() as stack:
        tmp = _scratch_dir()
        stack.callback(shutil.rmtree, tmp, True)
        for trig in served_files(build_dir):
            load_into(tmp / "store", trig)
        process = _start_oxigraph(tmp / "store", upstream, query_timeout, tmp / "server.log")
        stack.callback(_stop, process)
        upstream_url = f"http://127.0.0.1:{upstream}/query"
        wait_ready(upstream_url, process)
        gate.start()
        bound = gate.server_address[1]
        yield RunningServer(f"http://{f'[{host}]' if ':' in host else host}:{bound}/query", process, upstream_url)


def served_files(build_dir: Path | str) -> list[Path]:
    """What ``serve`` loads: the built graph and every analysis graph beside it
    (``<build_dir>/analysis/*.trig``, such as the circles), as the embedded store does
    (:func:`rdzl_graph.query.store.open_store`), so that both answer alike."""
    return [default_trig_path(build_dir), *sorted((Path(build_dir) / ANALYSIS_DIR_NAME).glob("*.trig"))]


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(
    build_dir: Path | str = DEFAULT_BUILD_DIR,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    query_timeout: int = DEFAULT_QUERY_TIMEOUT,
    on_ready: Callable[[str], None] | None = None,
    allow_service: bool = False,
) -> int:
    """Serve the built graph until Ctrl-C (SIGINT) or SIGTERM; return 0.

    Parameters
    ----------
    build_dir, host, port, query_timeout, allow_service
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
        with local_endpoint(build_dir, host, port, query_timeout, allow_service) as server:
            if on_ready:
                on_ready(server.url)
            code = server.process.wait()
            raise EndpointError(f"the Oxigraph server stopped unexpectedly (exit code {code})")
    except KeyboardInterrupt:
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
