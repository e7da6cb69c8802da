"""CLI commands of the network analysis: ``overlap``, ``communities``, ``centrality``, ``network-export``.

Each handler parses its arguments, calls one function of
:mod:`rdzl_graph.network.reports` (imported when the command runs, so other
commands do not pay for networkx, numpy and scipy) and renders the result
(:mod:`rdzl_graph.text.reports`). All commands read
the built graph (``<build>/graph/rdzl-graph.trig``); without it they stop
with "run `rdzl-graph build` first" (exit 2).
"""

from __future__ import annotations

import argparse
from typing import Any

from ..network.formats import EXPORT_FORMATS
from ..core.resources import DEFAULT_BUILD_DIR
from ..query.store import open_store
from ..text.reports import render_centrality, render_communities, render_overlaps
from ..text.safety import json_text


def _print_json(data: Any) -> None:
    print(json_text(data, indent=2, default=str))


def _overlap(args: argparse.Namespace) -> int:
    from ..network.reports import overlap_report

    rows = overlap_report(open_store(args.build), args.project, top=args.top, seed=args.seed, lang=args.lang)
    _print_json(rows) if args.format == "json" else print(render_overlaps(rows, args.lang))
    return 0


def _communities(args: argparse.Namespace) -> int:
    from ..network.reports import communities_report

    data = communities_report(open_store(args.build), seed=args.seed, lang=args.lang)
    _print_json(data["communities"]) if args.format == "json" else print(render_communities(data, args.lang))
    return 0


def _centrality(args: argparse.Namespace) -> int:
    from ..network.reports import centrality_report

    rows = centrality_report(open_store(args.build), seed=args.seed)
    _print_json(rows) if args.format == "json" else print(render_centrality(rows, args.lang))
    return 0


def _export(args: argparse.Namespace) -> int:
    from ..network.reports import export_report

    for path in export_report(open_store(args.build), args.format, args.output, seed=args.seed):
        print(path)
    return 0


def _common(parser: argparse.ArgumentParser, formats: bool = True) -> None:
    parser.add_argument("--build", default=str(DEFAULT_BUILD_DIR), help="build directory (default: build)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the community detection (default: 0)")
    if formats:
        parser.add_argument("--format", choices=("table", "json"), default="table")
        parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of names and reasons")


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (all) or more")
    return value


def register(subparsers: Any) -> None:  # what ArgumentParser.add_subparsers() returns (its class is private)
    """Add the network-analysis subcommands to the CLI."""
    parser = subparsers.add_parser("overlap", help="which projects overlap, and why")
    parser.add_argument("project", nargs="?", metavar="PROJECT", help="project IRI, project:slug or slug (default: all pairs)")
    parser.add_argument("--top", type=_positive, default=10, help="number of overlaps to show (0: all; default 10)")
    _common(parser)
    parser.set_defaults(handler=_overlap)

    parser = subparsers.add_parser("communities", help="proposed knowledge-exchange communities of projects")
    _common(parser)
    parser.set_defaults(handler=_communities)

    parser = subparsers.add_parser("centrality", help="organisations and persons that link projects (brokers)")
    _common(parser)
    parser.set_defaults(handler=_centrality)

    parser = subparsers.add_parser("network-export", help="export the networks (GraphML, GEXF, CSV) or results (TriG, JSON)")
    parser.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="output directory")
    _common(parser, formats=False)
    parser.set_defaults(handler=_export)
