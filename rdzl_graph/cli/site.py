"""``rdzl-graph site``: write the static site (overview, network, project and community pages)."""

from __future__ import annotations

import argparse
from typing import Any
from pathlib import Path

from ..core.errors import InputError
from ..text.languages import DEFAULT_LANGUAGE, LANGUAGES
from ..core.resources import DEFAULT_BUILD_DIR, DEFAULT_DECISIONS
from ..query.store import open_store



def _decisions(path: Path | None) -> Path | None:
    if path is None:
        return DEFAULT_DECISIONS if DEFAULT_DECISIONS.is_file() else None
    if not path.is_file():
        raise InputError(str(path), None, "decisions file not found (written by `rdzl-graph circles import`)")
    return path


def _run(args: argparse.Namespace) -> int:
    from ..editions.timeline import load_timeline
    from ..site import build_site  # here, not at the top: other commands need not import networkx

    # the built graph only: the site computes the analysis and the circles from the facts itself
    store = open_store(args.build, analysis=False)
    load_timeline(store, args.build)  # the changes between editions: not computable from the built graph
    result = build_site(store, args.out, lang=args.lang, seed=args.seed, decisions=_decisions(args.decisions))
    print(f"site written: {len(result.pages)} pages in {result.out_dir}")
    print(f"open: {result.index.resolve().as_uri()}")
    return 0


def register(subparsers: Any) -> None:  # what ArgumentParser.add_subparsers() returns (its class is private)
    """Add the ``site`` subcommand to the CLI."""
    parser = subparsers.add_parser(
        "site", help="write the static website (works offline: open build/site/index.html)")
    parser.add_argument("--out", type=Path, default=DEFAULT_BUILD_DIR / "site",
                        help="site directory (default: build/site)")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                        help="language of the pages (default: nl)")
    parser.add_argument("--build", type=Path, default=DEFAULT_BUILD_DIR,
                        help="build directory holding graph/rdzl-graph.trig (default: build)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the analysis and layout (default: 0)")
    parser.add_argument("--decisions", type=Path, default=None, metavar="PATH",
                        help="circle decisions to show (default: decisions/circle-decisions.trig when it exists)")
    parser.set_defaults(handler=_run)
