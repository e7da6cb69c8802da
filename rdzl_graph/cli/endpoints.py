"""CLI commands ``serve`` (local read-only SPARQL endpoint) and ``push`` (publish to a store)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any
import getpass
import sys

from ..endpoints.options import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_QUERY_TIMEOUT, PROTOCOLS
from ..core.resources import DEFAULT_BUILD_DIR

if TYPE_CHECKING:  # the client, push and the server are imported by the handlers: other commands need none of them
    from ..endpoints.client import Endpoint
    from ..endpoints.push import PushResult


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--user``, ``--timeout`` and ``--retries`` (shared by push and remote query)."""
    parser.add_argument("--user", default=None,
                        help="user name (default: $RDZL_ENDPOINT_USER); the password comes from "
                             "$RDZL_ENDPOINT_PASSWORD or a prompt")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per HTTP request (default: 30)")
    parser.add_argument("--retries", type=int, default=2,
                        help="retries after a refused or reset connection or an HTTP 500/502/503 answer; "
                             "a timeout is never retried (default: 2)")


def endpoint_from_args(args: argparse.Namespace) -> Endpoint:
    """Build the :class:`Endpoint` from parsed options; ask the password if needed."""
    from ..endpoints.client import credentials_from_env, make_endpoint

    env_user, env_password = credentials_from_env()
    user = getattr(args, "user", None) or env_user
    password = env_password
    if user and password is None:
        password = getpass.getpass(f"password for {user} at {args.endpoint}: ")
    return make_endpoint(
        args.endpoint, getattr(args, "update_endpoint", None), getattr(args, "store_endpoint", None),
        user=user, password=password, timeout=args.timeout, retries=max(0, args.retries),
    )


def render_push(result: PushResult) -> str:
    """Render a push/verify result as a small table: counts, content, staging leftovers."""
    width = max([len(c.graph) for c in result.counts] + [5])
    lines = [f"{'graph':<{width}}  {'local':>7}  {'remote':>7}  content (sha256 of the canonical N-Triples)"]
    for count in result.counts:
        if count.local != count.remote:
            content = "not compared  MISMATCH"
        elif count.ok:
            content = f"same {count.local_sha256[:16]}"
        else:
            content = f"DIFFERENT (local {count.local_sha256[:16]}, remote {str(count.remote_sha256)[:16]})  MISMATCH"
            when, sha = result.recorded.get(count.graph, ("", ""))
            if sha and sha == count.remote_sha256:
                content += f"; the server holds what the push of {when} sent"
        lines.append(f"{count.graph:<{width}}  {count.local:>7}  {count.remote:>7}  {content}")
    for leftover in result.leftovers:
        lines.append(f"leftover staging graph on the server (a failed push; the next push drops it): {leftover}")
    verdict = "all graphs complete, same content" if result.ok else "NOT complete: counts or content differ"
    lines.append(f"{result.protocol}: {verdict} ({result.seconds:.2f} s)")
    return "\n".join(lines)


def _run_push(args: argparse.Namespace) -> int:
    from ..endpoints.push import push, verify

    endpoint = endpoint_from_args(args)
    if args.verify_only:
        result = verify(endpoint, args.build, args.graph or ())
    else:
        def progress(event: str, graph: str, triples: int) -> None:
            if event == "staged":
                print(f"staged {graph}: {triples} triples verified", file=sys.stderr)

        result = push(endpoint, args.build, graphs=args.graph or (), protocol=args.store_protocol,
                      chunk_size=args.chunk_size, progress=progress)
    print(render_push(result))
    return 0 if result.ok else 2


def _run_serve(args: argparse.Namespace) -> int:
    from ..endpoints.serve import is_loopback, serve

    if not is_loopback(args.host):
        print(f"warning: listening on {args.host}: other machines can query the graph", file=sys.stderr)

    def ready(url: str) -> None:
        print(f"SPARQL endpoint: {url}  (read-only; Ctrl-C stops)", flush=True)

    if args.allow_service:
        print("warning: --allow-service: queries can make the server fetch any address (SERVICE)", file=sys.stderr)
    return serve(args.build, args.host, args.port, args.query_timeout, on_ready=ready, allow_service=args.allow_service)


def register(subparsers: Any) -> None:  # what ArgumentParser.add_subparsers() returns (its class is private)
    """Add the ``serve`` and ``push`` subcommands to the CLI."""
    parser = subparsers.add_parser("serve", help="serve the built graph as a local read-only SPARQL endpoint")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port; 0 = any free port (default: {DEFAULT_PORT})")
    parser.add_argument("--build", default=str(DEFAULT_BUILD_DIR), help="build directory (default: build)")
    parser.add_argument("--query-timeout", type=int, default=DEFAULT_QUERY_TIMEOUT,
                        help=f"seconds before a query is aborted (default: {DEFAULT_QUERY_TIMEOUT})")
    parser.add_argument("--allow-service", action="store_true",
                        help="allow federated queries (SERVICE <url>), which make the server fetch other "
                             "addresses (default: refused)")
    parser.set_defaults(handler=_run_serve)

    parser = subparsers.add_parser("push", help="upload the built graph to a SPARQL 1.1 store and verify it")
    parser.add_argument("--endpoint", required=True, help="SPARQL query endpoint URL (used for the checks)")
    parser.add_argument("--update-endpoint", default=None,
                        help="SPARQL Update URL (default: guessed: .../query -> .../update, .../sparql -> .../sparql-auth)")
    parser.add_argument("--store-endpoint", default=None,
                        help="Graph Store URL (default: guessed: .../query -> .../store, "
                             ".../sparql -> .../sparql-graph-crud-auth)")
    parser.add_argument("--graph", action="append", metavar="IRI",
                        help="push only this named graph (repeatable; default: all graphs of the build)")
    parser.add_argument("--store-protocol", choices=PROTOCOLS, default="gsp",
                        help="gsp: HTTP PUT per graph (default); update: SPARQL INSERT DATA in chunks")
    parser.add_argument("--chunk-size", type=int, default=2000, help="triples per INSERT DATA (update protocol)")
    parser.add_argument("--verify-only", action="store_true", help="only compare the graphs on the server with the build (triple counts and content)")
    parser.add_argument("--build", default=str(DEFAULT_BUILD_DIR), help="build directory (default: build)")
    add_connection_options(parser)
    parser.set_defaults(handler=_run_push)
