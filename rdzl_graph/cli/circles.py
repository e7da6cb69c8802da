"""CLI commands of the knowledge-exchange circles: ``circles``, ``circles import``, ``learn-from``.

Each handler parses its arguments, calls one library function of
:mod:`rdzl_graph.circles` (imported when the command runs, so ``--help`` stays
fast) and renders the result. Terminal tables strip control characters from
labels; files are written to a temporary name beside the target and renamed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.atomic import replace_file
from ..core.errors import InputError
from ..core.resources import DEFAULT_BUILD_DIR, DEFAULT_DECISIONS
from ..query.store import open_store
from ..text.circles import render_circles, render_learn_from
from ..text.safety import json_text

FORMATS = ("table", "json", "csv", "xlsx", "trig")


def _json_bytes(data: Any) -> bytes:
    return (json_text(data, indent=2) + "\n").encode("utf-8")


def _emit(data: bytes, output: str | None) -> None:
    if output:
        print(replace_file(output, data))
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _circles(args: argparse.Namespace) -> int:
    from ..circles import circles_report

    store = open_store(args.build, analysis=False)  # the built graph only: no earlier circles as input
    if args.format == "trig":
        from ..circles.rdf import circles_trig

        _emit(circles_trig(store, seed=args.seed, decisions=args.decisions), args.output)
        return 0
    if args.format in ("csv", "xlsx") and not args.output:
        raise InputError("--output", None, f"--format {args.format} writes a file: give -o FILE")
    report = circles_report(store, seed=args.seed, lang=args.lang, decisions=args.decisions)
    if args.format == "csv":
        from ..circles.sheets import write_circles_csv

        print(write_circles_csv(report, args.output))
    elif args.format == "xlsx":
        from ..circles.sheets import write_circles_xlsx

        print(write_circles_xlsx(report, args.output))
    elif args.format == "json":
        _emit(_json_bytes(report), args.output)
    else:
        _emit((render_circles(report, args.lang) + "\n").encode("utf-8"), args.output)
    return 0


def _import(args: argparse.Namespace) -> int:
    from ..circles.decisions import import_decisions

    summary = import_decisions(open_store(args.build, analysis=False), args.file, args.decisions, who=args.who)
    print(json_text(summary, indent=2, default=str))
    return 0


def _learn_from(args: argparse.Namespace) -> int:
    from ..circles import learn_from_report

    data = learn_from_report(open_store(args.build, analysis=False), args.project, lang=args.lang)
    if args.format == "json":
        _emit(_json_bytes(data), None)
    else:
        print(render_learn_from(data, args.lang))
    return 0


def register(subparsers: Any) -> None:  # what ArgumentParser.add_subparsers() returns (its class is private)
    """Add ``circles`` (with ``circles import``) and ``learn-from`` to the CLI."""
    build = {"default": str(DEFAULT_BUILD_DIR), "help": "build directory (default: build)"}
    parser = subparsers.add_parser(
        "circles", help="knowledge-exchange circles: overlapping groups around a shared task or problem",
        description="Propose knowledge-exchange circles (see rdzl_graph.circles.select for the algorithm), "
                    "or import a trainee's decisions with `circles import FILE`.")
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="table (terminal), json, csv/xlsx (the decision spreadsheet), trig (the circles graph)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of the terminal")
    parser.add_argument("--decisions", default=str(DEFAULT_DECISIONS), metavar="PATH",
                        help=f"decisions TriG written by `circles import` (default: {DEFAULT_DECISIONS})")
    parser.add_argument("--seed", type=int, default=0, help="seed of the communities (families) (default: 0)")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of names and texts")
    parser.add_argument("--build", **build)
    parser.set_defaults(handler=_circles)
    sub = parser.add_subparsers(dest="circles_command", metavar="{import}")
    imp = sub.add_parser("import", help="write the decisions of an edited circles spreadsheet into the graph",
                         description="Read an edited circles spreadsheet (XLSX or CSV) and write its decisions "
                                     "into the decisions TriG (a named graph with provenance), validated by SHACL.")
    imp.add_argument("file", metavar="FILE", help="the edited spreadsheet (.xlsx or .csv)")
    imp.add_argument("--decisions", default=str(DEFAULT_DECISIONS), metavar="PATH",
                     help=f"decisions TriG to update (default: {DEFAULT_DECISIONS})")
    imp.add_argument("--who", metavar="NAME", help="who made the decisions (recorded as dcterms:creator)")
    imp.add_argument("--build", **build)
    imp.set_defaults(handler=_import)

    parser = subparsers.add_parser(
        "learn-from", help="which projects have experience with a project's attention points and tasks")
    parser.add_argument("project", metavar="PROJECT", help="project IRI, project:slug, slug or exact name")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of names")
    parser.add_argument("--build", **build)
    parser.set_defaults(handler=_learn_from)
