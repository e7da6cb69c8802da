"""CLI commands of the knowledge-exchange circles: ``circles``, ``circles import``, ``learn-from``.

Each handler parses its arguments, calls one library function of
:mod:`rdzl_graph.circles` (imported when the command runs, so ``--help`` stays
fast) and renders the result. Terminal tables strip control characters from
labels; files are written to a temporary name beside the target and renamed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from .errors import InputError
from .store import DEFAULT_BUILD_DIR, open_store

FORMATS = ("table", "json", "csv", "xlsx", "trig")
DEFAULT_DECISIONS = Path("decisions") / "circle-decisions.trig"


def clean(text: Any) -> str:
    """Text safe for a terminal: control and format characters become spaces.

    Examples
    --------
    >>> clean("Vallis\\x1b[31mveld\\n")
    'Vallis [31mveld'
    """
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf") else c for c in str(text)).strip()


def write_atomically(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same directory (no partial file on failure)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return target


def render_circles(report: dict[str, Any], lang: str = "nl") -> str:
    """Plain-text rendering of :func:`rdzl_graph.circles.circles_report`."""
    nl = lang == "nl"
    lines = []
    for circle in report["circles"]:
        lines.append(f"{clean(circle['label'])}  [{circle['decision']}]  ({circle['size']} "
                     f"{'projecten' if nl else 'projects'}, {len(circle['lines'])} {'lijnen' if nl else 'lines'})")
        for project in circle["projects"]:
            extra = f"  +{len(project['brings'])} / !{len(project['struggles'])}"
            lines.append(f"  - {clean(project['label'])} ({clean(project.get('programme_line_label') or '')}){extra}")
        label = {p["iri"]: p["label"] for p in circle["projects"]}
        for pair in circle["learn_from"]:
            lines.append(f"  {'leert van' if nl else 'learns from'}: {clean(label[pair['to']])} <- "
                         f"{clean(label[pair['from']])} ({clean(pair['about'])})")
        if circle["linking"]:
            lines.append(f"  {'Verbinders' if nl else 'Linking pins'}: {', '.join(clean(p['label']) for p in circle['linking'])}")
        lines.append(f"  {'Gastheer' if nl else 'Host'}: {clean(circle['host']['label'])}: {clean(circle['host']['reason'])}")
        lines += [f"  ? {clean(s)}" for s in circle["starters"]]
        lines.append("")
    if report.get("uncovered"):
        lines.append(("Niet in een kring: " if nl else "In no circle: ")
                     + ", ".join(clean(p["label"]) for p in report["uncovered"]))
    lines.append(f"{len(report['circles'])} {'kringen' if nl else 'circles'}, "
                 f"{len(report.get('learning', []))} {'leerkansen' if nl else 'learning opportunities'}")
    return "\n".join(lines)


def render_learn_from(data: dict[str, Any], lang: str = "nl") -> str:
    """Plain-text rendering of :func:`rdzl_graph.circles.learn_from_report`."""
    nl = lang == "nl"
    lines = [clean(data["label"])]
    if not data["learn_from"] and not data["tasks"]:
        lines.append("  geen projecten met ervaring gevonden" if nl else "  no projects with experience found")
    for pair in data["learn_from"]:
        lines.append(f"  {clean(pair['from_label'])} ({clean(pair['about'])})")
        lines.append(f"    {'bereikt' if nl else 'reached'}: {clean(pair['milestone']['label'])}")
        lines.append(f"    {'aandachtspunt' if nl else 'attention point'}: {clean(pair['attention_point']['label'])}")
    for item in data["tasks"]:
        lines.append(f"  {clean(item['from_label'])} ({'opgave' if nl else 'task'}: {clean(item['task_label'])})")
        lines.append(f"    {'bereikt' if nl else 'reached'}: {clean(item['milestone']['label'])}")
    return "\n".join(lines)


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _emit(data: bytes, output: str | None) -> None:
    if output:
        print(write_atomically(output, data))
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _circles(args: argparse.Namespace) -> int:
    from .circles import circles_report

    store = open_store(args.build, analysis=False)  # the built graph only: no earlier circles as input
    if args.format == "trig":
        from .circles.rdf import circles_trig

        _emit(circles_trig(store, seed=args.seed, decisions=args.decisions), args.output)
        return 0
    if args.format in ("csv", "xlsx") and not args.output:
        raise InputError("--output", None, f"--format {args.format} writes a file: give -o FILE")
    report = circles_report(store, seed=args.seed, lang=args.lang, decisions=args.decisions)
    if args.format == "csv":
        from .circles.sheets import write_circles_csv

        print(write_circles_csv(report, args.output))
    elif args.format == "xlsx":
        from .circles.sheets import write_circles_xlsx

        print(write_circles_xlsx(report, args.output))
    elif args.format == "json":
        _emit(_json_bytes(report), args.output)
    else:
        _emit((render_circles(report, args.lang) + "\n").encode("utf-8"), args.output)
    return 0


def _import(args: argparse.Namespace) -> int:
    from .circles.decisions import import_decisions

    summary = import_decisions(open_store(args.build, analysis=False), args.file, args.decisions, who=args.who)
    print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    return 0


def _learn_from(args: argparse.Namespace) -> int:
    from .circles import learn_from_report

    data = learn_from_report(open_store(args.build, analysis=False), args.project, lang=args.lang)
    if args.format == "json":
        _emit(_json_bytes(data), None)
    else:
        print(render_learn_from(data, args.lang))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
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
