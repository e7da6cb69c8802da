"""``rdzl-graph build``: validate the data, reason, and write the graph."""

from __future__ import annotations

import argparse
from typing import Any

from ..build.options import REASONERS, VALIDATION_MODES
from ..text.safety import message
from ..validation.engines import ENGINES


def _run(args: argparse.Namespace) -> int:
    from ..build.pipeline import build  # here, not at the top: other commands need not load rdflib and pySHACL
    from ..build.validation_plan import describe_validation

    result = build(args.out, args.data, args.ontology, reasoner=args.reasoner, validation=args.validate,
                   validator=args.validator)
    for warning in result.warnings:
        print(f"warning: {message(warning)}")
    print(describe_validation(result.validation))
    t = result.triples
    print(
        f"built {result.graph_dir}: {t['data']} data + {t['ontology']} ontology + "
        f"{t['inferred']} inferred triples ({t['total']} total) in {result.timings['total']:.2f}s"
    )
    return 0


def register(subparsers: Any) -> None:  # what ArgumentParser.add_subparsers() returns (its class is private)
    """Add the ``build`` subcommand to the CLI."""
    parser = subparsers.add_parser("build", help="validate the data, reason, and write the graph")
    parser.add_argument("--out", default="build", help="build directory (default: build)")
    parser.add_argument("--data", default=None, help="data directory (default: packaged data/)")
    parser.add_argument("--ontology", default=None, help="ontology directory (default: packaged ontology/)")
    parser.add_argument("--reasoner", choices=REASONERS, default="fast",
                        help="fast (default: the ontology's rules in Oxigraph) or owlrl (the reference, slower)")
    parser.add_argument("--validate", choices=VALIDATION_MODES, default="changed",
                        help="changed (default: what changed since the previous build in --out; everything "
                             "if there is none), all, or none")
    parser.add_argument("--validator", choices=ENGINES, default="fast",
                        help="fast (default: pyshacl-turbo, a SHACL engine in Rust, on the Oxigraph store) "
                             "or pyshacl (the reference, slower; same results)")
    parser.set_defaults(handler=_run)
