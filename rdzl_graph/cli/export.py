"""``rdzl-graph export``: the reasoned graph as ttl, nt, trig or jsonld."""

from __future__ import annotations

import argparse
from typing import Any
import sys

from ..core.resources import DEFAULT_BUILD_DIR
from ..core.serialisation import FORMATS
from ..query.export import export


def _run(args: argparse.Namespace) -> int:
    data = export(args.format, args.output, args.build)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def register(subparsers: Any) -> None:  # what ArgumentParser.add_subparsers() returns (its class is private)
    """Add the ``export`` subcommand to the CLI."""
    parser = subparsers.add_parser("export", help="export the reasoned graph as ttl, nt, trig or jsonld")
    parser.add_argument("--format", choices=sorted(FORMATS), required=True)
    parser.add_argument("-o", "--output", default=None, help="output file (default: stdout)")
    parser.add_argument("--build", default=str(DEFAULT_BUILD_DIR), help="build directory (default: build)")
    parser.set_defaults(handler=_run)
