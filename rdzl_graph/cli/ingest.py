"""``rdzl-graph ingest``: propose the change a new progress report brings, for review; and
``rdzl-graph ingest accept DIR``: move the reviewed proposal into data/ as the new edition."""

from __future__ import annotations

import argparse
from typing import Any

from ..core.errors import InputError
from ..text import LANGUAGES


def _accept(args: argparse.Namespace) -> int:
    from ..editions.accept import accept
    from ..text.editions import printable

    if not args.dir:
        raise InputError("ingest accept", None, "give the directory of a reviewed ingest: rdzl-graph ingest accept DIR")
    only = [item.strip() for item in args.only.split(",") if item.strip()] if args.only else None
    result = accept(args.dir, data_dir=args.data, only=only)
    print(f"accepted edition {printable(result.edition)} after {printable(result.previous)}: {len(result.applied)} changes, "
          f"{len(result.files)} files written")
    for rel in result.files:
        print(f"  {printable(rel)}")
    return 0


def _run(args: argparse.Namespace) -> int:
    if args.report == "accept":
        return _accept(args)
    from ..ingest import ingest  # imported when the command runs: --help stays light
    from ..ingest.reading import printable

    if args.dir or args.only:
        raise InputError("ingest", None, "one REPORT only (DIR and --only belong to `rdzl-graph ingest accept DIR`)")
    if not args.edition:
        raise InputError("--edition", None, "required: the slug of the new edition, e.g. --edition voortgang-2026")
    result = ingest(args.report, args.edition, date=args.date, out_dir=args.out, data_dir=args.data, lang=args.lang)
    document = result.document
    unsure = sum(1 for change in result.changes if change["confidence"] < 0.5)
    out = printable(str(result.out_dir))
    print(f"wrote {out}: {len(document['projects_found'])} projects found, "
          f"{len(document['projects_missing'])} missing, {len(document['new_headings'])} new headings, "
          f"{len(result.changes)} proposed changes ({unsure} unsure); review {out}/review.html")
    return 0


def register(subparsers: Any) -> None:  # what ArgumentParser.add_subparsers() returns (its class is private)
    """Add the ``ingest`` subcommand (and ``ingest accept DIR``) to the CLI."""
    parser = subparsers.add_parser(
        "ingest", help="read a new progress report (PDF or text) and propose the change for review; "
                       "'ingest accept DIR' moves a reviewed proposal into data/ as the new edition")
    parser.add_argument("report", metavar="REPORT", help="the new report: a PDF or the text extracted from one (UTF-8); "
                        "or 'accept' followed by DIR (a file named accept: ./accept)")
    parser.add_argument("dir", metavar="DIR", nargs="?", help="with 'accept': the reviewed output of an ingest")
    parser.add_argument("--edition", help="slug of the new edition, e.g. voortgang-2026 (becomes report:<slug>); required to ingest")
    parser.add_argument("--date", help="date of the report, YYYY-MM-DD")
    parser.add_argument("-o", "--out", help="output directory (default: build/ingest/<edition>); replaced as a whole")
    parser.add_argument("--data", help="data directory of the current graph (default: the bundled data/); accept replaces it")
    parser.add_argument("--only", help="with 'accept': comma-separated change kinds and/or project slugs to accept (default: all)")
    parser.add_argument("--lang", choices=LANGUAGES, default="nl", help="language of review.html (default: nl)")
    parser.set_defaults(handler=_run)
