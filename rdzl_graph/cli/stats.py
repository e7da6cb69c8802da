"""``rdzl-graph stats``: triples per graph, instances per class and the key figures."""

from __future__ import annotations

import argparse
from typing import Any
import json

from ..core.resources import DEFAULT_BUILD_DIR
from ..query.stats import render_table, stats
from ..query.store import open_store


def _run(args: argparse.Namespace) -> int:
    data = stats(open_store(args.build))
    if args.format == "json":
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(render_table(data))
    return 0


def register(subparsers: Any) -> None:  # what ArgumentParser.add_subparsers() returns (its class is private)
    """Add the ``stats`` subcommand to the CLI."""
    parser = subparsers.add_parser("stats", help="show triples per graph, instances per class and the key figures (query key-figures)")
    parser.add_argument("--build", default=str(DEFAULT_BUILD_DIR), help="build directory (default: build)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(handler=_run)
