"""``python -m rdzl_graph.docs cli|queries``: print ``docs/cli.md`` or ``docs/queries.md``.

This is a program (an entry point, like ``rdzl-graph`` itself), not a library module: it is the
one module of ``docs/`` that imports the command line, to hand its parser to
:func:`~rdzl_graph.docs.cli_reference.cli_markdown`. No library module imports the CLI.
"""

from __future__ import annotations

import sys

from ..cli import make_parser
from .catalogue import catalogue_markdown
from .cli_reference import cli_markdown

GENERATORS = {"cli": lambda: cli_markdown(make_parser()), "queries": catalogue_markdown}


def main(argv: list[str] | None = None) -> int:
    """Write one generated Markdown document to stdout; return the exit code."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] not in GENERATORS:
        print(f"usage: python -m rdzl_graph.docs {{{','.join(GENERATORS)}}} > docs/FILE.md", file=sys.stderr)
        return 2
    sys.stdout.write(GENERATORS[args[0]]())
    return 0


if __name__ == "__main__":
    sys.exit(main())
