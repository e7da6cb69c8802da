"""Command-line interface: ``rdzl-graph <command> ...``.

The CLI is thin: each subcommand is registered by a feature module that
defines ``register(subparsers)``; the handler it installs (``handler``
default on the subparser) takes the parsed arguments, calls one library
function and returns an exit code. Add a feature by appending its module
name to :data:`COMMAND_MODULES`.

Exit codes (as pySHACL): 0 success, 1 data-contract violations, 2 errors
(bad syntax, missing files, ...).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from . import __version__
from .core.errors import InputError, RdzlError, ValidationError

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2

# (module, register function name); order is the order in --help.
COMMAND_MODULES: list[tuple[str, str]] = [
    ("rdzl_graph.build", "register"),
    ("rdzl_graph.query.stats", "register"),
    ("rdzl_graph.query.export", "register"),
    ("rdzl_graph.synth_cli", "register"),
    ("rdzl_graph.endpoint_cli", "register"),
    ("rdzl_graph.network_cli", "register"),
    ("rdzl_graph.site_cli", "register"),
    ("rdzl_graph.query_cli", "register"),
    ("rdzl_graph.docs_cli", "register"),
    ("rdzl_graph.ingest_cli", "register"),
]


def make_parser(modules: Sequence[tuple[str, str]] = tuple(COMMAND_MODULES)) -> argparse.ArgumentParser:
    """Create the argument parser with every registered subcommand.

    Parameters
    ----------
    modules : sequence of (str, str)
        ``(module name, register function name)`` pairs.

    Returns
    -------
    argparse.ArgumentParser
    """
    parser = argparse.ArgumentParser(
        prog="rdzl-graph",
        description="Knowledge graph of the Regio Deal Zuid-Limburg projects.",
    )
    parser.add_argument("--version", action="version", version=f"rdzl-graph {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name, function_name in modules:
        register = getattr(importlib.import_module(module_name), function_name)
        register(subparsers)
    return parser


def report_violations(error: ValidationError) -> None:
    """Print each violation in plain words to stderr."""
    count = len(error.violations)
    print(f"build failed: {count} violation(s) of the data contract (ontology/rdzl-shapes.ttl, OWL consistency):", file=sys.stderr)
    for violation in error.violations:
        print(f"  {violation}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).
    """
    parser = make_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return int(handler(args) or EXIT_OK)
    except ValidationError as error:
        report_violations(error)
        return EXIT_VIOLATIONS
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except RdzlError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
