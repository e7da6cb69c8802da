"""``rdzl-graph synth``: write a synthetic programme for scale tests."""

from __future__ import annotations

import argparse
from typing import Any


def _run(args: argparse.Namespace) -> int:
    from ..synth import synth  # here, not at the top: other commands need not load the generator

    summary = synth(args.out, args.projects, seed=args.seed)
    print(
        f"wrote {summary.out_dir}: {summary.projects} synthetic projects ({summary.sub_projects} sub-projects), "
        f"{summary.organisations} organisations, {summary.participations} participations, {summary.files} files"
    )
    return 0


def register(subparsers: Any) -> None:  # what ArgumentParser.add_subparsers() returns (its class is private)
    """Add the ``synth`` subcommand to the CLI."""
    parser = subparsers.add_parser(
        "synth", help="write a synthetic programme (data/ layout) for scale tests; not real facts"
    )
    parser.add_argument("--projects", type=int, required=True, help="number of projects incl. sub-projects (real data: 24)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("-o", "--out", required=True, help="output directory (must not exist or be empty)")
    parser.set_defaults(handler=_run)
