"""CLI commands ``rdzl-graph queries`` and ``rdzl-graph query`` (see :mod:`rdzl_graph.query.named`).

``queries`` lists the question library; ``query NAME --param key=value``
runs one question (or any ``.rq`` file, or ``-e 'SPARQL'``) on the embedded
store built by ``rdzl-graph build``, or with ``--endpoint URL`` on a remote
SPARQL endpoint (through :class:`rdzl_graph.endpoints.client.RemoteRunner`).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..core.errors import InputError
from ..core.query_files import QueryInfo, adhoc_query, list_queries
from ..query.named import FORMATS, render, run_query
from ..core.resources import DEFAULT_BUILD_DIR
from ..query.store import open_store
from ..text.safety import json_text, shorten


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    """Turn ``["key=value", ...]`` into a dict; a pair without ``=`` is an error.

    Examples
    --------
    >>> parse_params(["project=vallisveld", "text=a=b"])
    {'project': 'vallisveld', 'text': 'a=b'}
    """
    params: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError("--param", None, f"'{shorten(pair)}' is not key=value")
        params[key.strip()] = value
    return params


def catalogue(infos: list[QueryInfo], lang: str = "nl") -> list[dict[str, Any]]:
    """Plain-data description of the library for listing (one dict per query)."""
    return [
        {
            "name": info.name,
            "title": info.title_in(lang),
            "description": info.description_in(lang),
            "params": [
                {"name": p.name, "type": p.type + (f"({p.kind})" if p.kind else ""),
                 "required": p.required, "default": p.default, "description": p.description}
                for p in info.params
            ],
        }
        for info in infos
    ]


def render_catalogue(entries: list[dict[str, Any]], lang: str = "nl") -> str:
    """Readable listing of :func:`catalogue` entries."""
    lines = []
    for entry in entries:
        lines.append(f"{entry['name']}  —  {entry['title']}")
        if entry["description"]:
            lines.append(f"    {entry['description']}")
        for p in entry["params"]:
            if p["required"]:
                need = "verplicht" if lang == "nl" else "required"
            elif p["default"] is not None:
                need = f"standaard {p['default']}" if lang == "nl" else f"default {p['default']}"
            else:
                need = "optioneel" if lang == "nl" else "optional"
            lines.append(f"    --param {p['name']}=…  ({p['type']}, {need}) {p['description']}".rstrip())
        lines.append("")
    return "\n".join(lines)


def _runner(args: argparse.Namespace) -> Any:
    if getattr(args, "endpoint", None):
        from ..endpoints.client import Endpoint, RemoteRunner  # only needed for remote runs

        return RemoteRunner(Endpoint(args.endpoint))
    return open_store(args.build)


def _run_list(args: argparse.Namespace) -> int:
    entries = catalogue(list_queries(), args.lang)
    text = json_text(entries, indent=2) + "\n" if args.format == "json" \
        else render_catalogue(entries, args.lang)
    sys.stdout.write(text)
    return 0


def _run_query(args: argparse.Namespace) -> int:
    if (args.name is None) == (args.expression is None):
        raise InputError("query", None, "give a query NAME (or path to a .rq file) or -e 'SPARQL', not both")
    params = parse_params(args.param)
    query = adhoc_query(args.expression) if args.expression is not None else args.name
    text = render(run_query(_runner(args), query, params), args.format)
    sys.stdout.write(text)
    return 0


def register(subparsers: Any) -> None:  # what ArgumentParser.add_subparsers() returns (its class is private)
    """Add the ``queries`` and ``query`` subcommands to the CLI."""
    lister = subparsers.add_parser("queries", help="list the named SPARQL questions (Dutch; --lang en)")
    lister.add_argument("--format", choices=("table", "json"), default="table")
    lister.add_argument("--lang", choices=("nl", "en"), default="nl")
    lister.set_defaults(handler=_run_list)

    runner = subparsers.add_parser("query", help="run a named SPARQL question, a .rq file or -e 'SPARQL'")
    runner.add_argument("name", nargs="?", help="query name (see `rdzl-graph queries`) or path to a .rq file")
    runner.add_argument("-e", "--expression", metavar="SPARQL", help="run this ad-hoc SPARQL text instead")
    runner.add_argument("--param", "-p", action="append", metavar="KEY=VALUE",
                        help="parameter value, e.g. project=vallisveld (repeatable)")
    runner.add_argument("--format", choices=FORMATS, default="table")
    runner.add_argument("--build", default=str(DEFAULT_BUILD_DIR), help="build directory (default: build)")
    runner.add_argument("--endpoint", metavar="URL", help="run on this remote SPARQL query endpoint instead")
    runner.set_defaults(handler=_run_query)
