"""Command-line interface: ``rdzl-graph <command> ...``.

The CLI is thin: every command lives in a module of this package
(``cli/build.py``, ``cli/query.py``, ...) whose ``register(subparsers)`` adds
its subparser; the handler it installs (``handler`` default on the
subparser) takes the parsed arguments, calls one library function and
returns an exit code. The modules are imported here, explicitly, in the
order of ``--help`` (:data:`COMMANDS`); the library never imports the CLI.
A command module imports heavy libraries (networkx, Jinja2, ...) inside its
handler, so ``rdzl-graph --help`` stays fast.

Exit codes (as pySHACL): 0 success, 1 data-contract violations, 2 errors
(bad syntax, missing files, ...).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from . import build, circles, diff, docs, editions, endpoints, export, ingest, network, query, site, stats, synth
from ..core.errors import InputError, RdzlError, ValidationError
from ..text.safety import message

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2

# order is the order in --help
COMMANDS = (build, stats, export, synth, endpoints, network, circles, site, query, docs, ingest, diff, editions)


def make_parser() -> argparse.ArgumentParser:
    """Create the argument parser with every subcommand (:data:`COMMANDS`).

    Returns
    -------
    argparse.ArgumentParser

    Examples
    --------
    >>> make_parser().parse_args(["stats", "--build", "out"]).build
    'out'
    """
    parser = argparse.ArgumentParser(
        prog="rdzl-graph",
        description="Knowledge graph of the Regio Deal Zuid-Limburg projects.",
    )
    parser.add_argument("--version", action="version", version=f"rdzl-graph {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def report_violations(error: ValidationError) -> None:
    """Print each violation in plain words to stderr."""
    count = len(error.violations)
    print(f"build failed: {count} violation(s) of the data contract (ontology/rdzl-shapes.ttl, OWL consistency, queries/*-violation.rq):", file=sys.stderr)
    for violation in error.violations:
        print(f"  {message(violation)}", file=sys.stderr)


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
        print(f"error: {message(error)}", file=sys.stderr)
        return EXIT_ERROR
    except RdzlError as error:
        print(f"error: {message(error)}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        print(f"error: {message(error)}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
