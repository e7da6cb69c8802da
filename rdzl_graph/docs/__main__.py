"""``python -m rdzl_graph.docs cli|queries``: print ``docs/cli.md`` or ``docs/queries.md``."""

from __future__ import annotations

import sys

from .catalogue import catalogue_markdown
from .cli_reference import cli_markdown

GENERATORS = {"cli": cli_markdown, "queries": catalogue_markdown}


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
