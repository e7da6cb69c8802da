"""``rdzl-graph editions``: the editions of the report in the data; validate them all, or build one."""

from __future__ import annotations

import argparse
from typing import Any


def _run(args: argparse.Namespace) -> int:
    from ..editions import load_editions  # imported when the command runs: --help stays light
    from ..editions.checks import build_edition, check_all
    from ..text.editions import printable, render_editions

    if args.build_edition:
        out = args.out or f"build/editions/{args.build_edition}"
        result = build_edition(args.data, args.build_edition, out)
        print(f"built edition {printable(args.build_edition)} in {printable(str(out))} ({sum(result.triples.values())} triples); "
              f"ask it with --build {printable(str(out))}")
        return 0
    if args.timeline:
        from ..core.atomic import replace_file
        from ..editions.timeline import timeline_trig

        out = args.out or "build/analysis/editions.trig"
        replace_file(out, timeline_trig(load_editions(args.data)))
        print(printable(str(out)))
        return 0
    if args.check:
        checked = check_all(args.data)
        print(f"{len(checked)} edition(s) valid: {printable(', '.join(checked))}")
        return 0
    print(render_editions(load_editions(args.data).editions, args.lang), end="")
    return 0


def register(subparsers: Any) -> None:  # what ArgumentParser.add_subparsers() returns (its class is private)
    """Add the ``editions`` subcommand to the CLI."""
    parser = subparsers.add_parser("editions", help="list the editions of the report; --check validates each, --build one")
    parser.add_argument("--check", action="store_true", help="build every edition with full validation (SHACL, OWL, quality checks)")
    parser.add_argument("--build", dest="build_edition", metavar="EDITION",
                        help="build one edition (its slug or 'latest') as `rdzl-graph build` does, into --out")
    parser.add_argument("--timeline", action="store_true",
                        help="write the changes between consecutive editions as an analysis graph for the site (to --out)")
    parser.add_argument("--out", help="with --build: build directory (default: build/editions/<edition>); "
                        "with --timeline: the TriG file (default: build/analysis/editions.trig)")
    parser.add_argument("--data", help="data directory (default: the bundled data/)")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    parser.set_defaults(handler=_run)
