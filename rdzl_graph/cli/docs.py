"""``rdzl-graph docs``: write the ontology page, query catalogue and CLI reference into the site."""

from __future__ import annotations

import argparse
from typing import Any
from pathlib import Path


def _run(args: argparse.Namespace) -> int:
    from ..docs import write_docs  # here, not at the top: other commands need not import Jinja2
    from .app import make_parser

    result = write_docs(make_parser(), args.out, args.ontology_out, lang=args.lang)
    if result.note:
        print(f"warning: ontology page made without pyLODE: {result.note}")
    for path in result.pages:
        print(f"written: {path}")
    return 0


def register(subparsers: Any) -> None:  # what ArgumentParser.add_subparsers() returns (its class is private)
    """Add the ``docs`` subcommand to the CLI."""
    parser = subparsers.add_parser(
        "docs", help="write the documentation pages (ontology, query catalogue, CLI reference) into the site")
    parser.add_argument("--out", type=Path, default=None,
                        help="directory of the documentation pages (default: build/site/docs)")
    parser.add_argument("--ontology-out", type=Path, default=None,
                        help="directory of the ontology page (default: OUT/../ontology, i.e. build/site/ontology)")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the pages (default: nl)")
    parser.set_defaults(handler=_run)
