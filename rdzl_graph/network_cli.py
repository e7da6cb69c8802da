"""CLI commands of the network analysis: ``overlap``, ``communities``, ``centrality``, ``network-export``.

Each handler parses its arguments, calls one function of
:mod:`rdzl_graph.network.reports` (imported when the command runs, so other
commands do not pay for networkx, numpy and scipy) and renders the result. All commands read
the built graph (``<build>/graph/rdzl-graph.trig``); without it they stop
with "run `rdzl-graph build` first" (exit 2).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from .network.explain import format_number, join_names
from .network.formats import EXPORT_FORMATS
from .core.resources import DEFAULT_BUILD_DIR
from .query.store import open_store


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def render_overlaps(rows: list[dict[str, Any]], lang: str = "nl") -> str:
    """Plain-text table of :func:`overlap_report` output."""
    if not rows:
        return "geen overlap gevonden" if lang == "nl" else "no overlap found"
    header = ("score", "project", "project", "redenen" if lang == "nl" else "reasons")
    lines = ["  ".join(header)]
    for row in rows:
        lines.append(
            f"{format_number(row['score'], lang):>5}  {row['a_label']}  ↔  {row['b_label']}\n"
            f"       {'; '.join(row['reasons'])}"
        )
    return "\n".join(lines)


def render_communities(data: dict[str, Any], lang: str = "nl") -> str:
    """Plain-text rendering of :func:`communities_report` output."""
    nl = lang == "nl"
    lines = [
        f"{'Modulariteit' if nl else 'Modularity'}: {format_number(data['modularity'], lang)}   "
        f"{'stabiliteit' if nl else 'stability'}: {format_number(data['stability'], lang)}   seed: {data['seed']}"
    ]
    pruned = data.get("pruned_features") or []
    if pruned:
        names = join_names([f"'{i['label']}'" if i["component"] == "text" else i["label"] for i in pruned], lang)
        lines.append(
            f"Let op: {len(pruned)} kenmerken komen in zoveel projecten voor dat ze zelf geen overlap aanwijzen: {names}."
            if nl else f"Note: {len(pruned)} features occur in so many projects that they do not point out overlap by themselves: {names}."
        )
    for n, community in enumerate(data["communities"], 1):
        lines.append("")
        lines.append(f"{'Gemeenschap' if nl else 'Community'} {n} ({len(community['projects'])} projecten)"
                     if nl else f"Community {n} ({len(community['projects'])} projects)")
        lines += [f"  - {p}" for p in community["projects"]]
        lines += [f"  * {r}" for r in community["reasons"]]
        linking = community["linking"]["organisations"] + community["linking"]["persons"]
        if linking:
            lines.append(f"  {'Verbinders' if nl else 'Connectors'}: {', '.join(linking)}")
        lines.append(f"  {community['rationale']}")
    return "\n".join(lines)


def render_centrality(rows: list[dict[str, Any]], lang: str = "nl") -> str:
    """Plain-text table of :func:`centrality_report` output."""
    key = "label_en" if lang == "en" else "label"
    width = max([len(r[key]) for r in rows] + [4])
    kind_word = {"organisation": "organisatie", "person": "persoon"} if lang == "nl" else {}
    lines = [f"{'naam' if lang == 'nl' else 'name':<{width}}  {'soort' if lang == 'nl' else 'kind':<12}  "
             f"{'betweenness':>11}  {'graad' if lang == 'nl' else 'degree':>6}  {'projecten' if lang == 'nl' else 'projects':>9}"]
    for row in rows:
        lines.append(
            f"{row[key]:<{width}}  {kind_word.get(row['kind'], row['kind']):<12}  "
            f"{format_number(row['betweenness'], lang):>11}  {row['degree']:>6}  {len(row['projects']):>9}"
        )
    return "\n".join(lines)


def _overlap(args: argparse.Namespace) -> int:
    from .network.reports import overlap_report

    rows = overlap_report(open_store(args.build), args.project, top=args.top, seed=args.seed, lang=args.lang)
    _print_json(rows) if args.format == "json" else print(render_overlaps(rows, args.lang))
    return 0


def _communities(args: argparse.Namespace) -> int:
    from .network.reports import communities_report

    data = communities_report(open_store(args.build), seed=args.seed, lang=args.lang)
    _print_json(data["communities"]) if args.format == "json" else print(render_communities(data, args.lang))
    return 0


def _centrality(args: argparse.Namespace) -> int:
    from .network.reports import centrality_report

    rows = centrality_report(open_store(args.build), seed=args.seed)
    _print_json(rows) if args.format == "json" else print(render_centrality(rows, args.lang))
    return 0


def _export(args: argparse.Namespace) -> int:
    from .network.reports import export_report

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


def register(subparsers: argparse._SubParsersAction) -> None:
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
