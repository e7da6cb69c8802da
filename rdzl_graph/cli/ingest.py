"""``rdzl-graph ingest``: propose the change a new progress report brings, for review."""

from __future__ import annotations

import argparse
from typing import Any

from ..text import LANGUAGES


def _run(args: argparse.Namespace) -> int:
    from ..ingest import ingest  # imported when the command runs: --help stays light
    from ..ingest.reading import printable

    result = ingest(args.report, args.edition, date=args.date, out_dir=args.out, data_dir=args.data, lang=args.lang)
    document = result.document
    unsure = sum(1 for change in result.changes if change["confidence"] < 0.5)
    out = printable(str(result.out_dir))
    print(f"wrote {out}: {len(document['projects_found'])} projects found, "
          f"{len(document['projects_missing'])} missing, {len(document['new_headings'])} new headings, "
          f"{len(result.changes)} proposed changes ({unsure} unsure); review {out}/review.html")
    return 0


def register(subparsers: Any) -> None:  # what ArgumentParser.add_subparsers() returns (its class is private)
    """Add the ``ingest`` subcommand to the CLI."""
    parser = subparsers.add_parser(
        "ingest", help="read a new progress report (PDF or text) and propose the change for review; nothing reaches data/")
    parser.add_argument("report", metavar="REPORT", help="the new report: a PDF or the text extracted from one (UTF-8)")
    parser.add_argument("--edition", required=True, help="slug of the new edition, e.g. voortgang-2026 (becomes report:<slug>)")
    parser.add_argument("--date", help="date of the report, YYYY-MM-DD")
    parser.add_argument("-o", "--out", help="output directory (default: build/ingest/<edition>); replaced as a whole")
    parser.add_argument("--data", help="data directory of the current graph (default: the bundled data/)")
    parser.add_argument("--lang", choices=LANGUAGES, default="nl", help="language of review.html (default: nl)")
    parser.set_defaults(handler=_run)
