"""``rdzl-graph diff``: what changed per project between two editions of the report."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import Any

from ..text import LANGUAGES


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _run(args: argparse.Namespace) -> int:
    from ..editions import diff  # imported when the command runs: --help stays light
    from ..text.editions import render_diff

    result = diff(args.from_edition, args.to_edition, data_dir=args.data)
    if args.format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False, default=_plain))
    else:
        print(render_diff(result, args.lang), end="")
    return 0


def register(subparsers: Any) -> None:  # what ArgumentParser.add_subparsers() returns (its class is private)
    """Add the ``diff`` subcommand to the CLI."""
    parser = subparsers.add_parser(
        "diff", help="what changed per project between two editions of the report (status, amounts, partners, ...)")
    parser.add_argument("--from", dest="from_edition", required=True, metavar="EDITION",
                        help="the older edition: its slug (e.g. voortgangsrapportage-4e-tranche) or 'latest'")
    parser.add_argument("--to", dest="to_edition", default="latest", metavar="EDITION",
                        help="the newer edition (default: latest)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--data", help="data directory (default: the bundled data/)")
    parser.add_argument("--lang", choices=LANGUAGES, default="nl", help="language of the table (default: nl)")
    parser.set_defaults(handler=_run)
