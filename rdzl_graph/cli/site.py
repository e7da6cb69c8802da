"""``rdzl-graph site``: write the static site (overview, network, project and community pages)."""

from __future__ import annotations

import argparse
from typing import Any
from pathlib import Path

from ..text.languages import DEFAULT_LANGUAGE, LANGUAGES
from ..core.resources import DEFAULT_BUILD_DIR
from ..query.store import open_store


def _run(args: argparse.Namespace) -> int:
    from ..site import build_site  # here, not at the top: other commands need not import networkx

    result = build_site(open_store(args.build), args.out, lang=args.lang, seed=args.seed)
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
    parser.set_defaults(handler=_run)
