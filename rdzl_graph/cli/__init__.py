"""The ``rdzl-graph`` command line: one module per command (``build.py``, ``query.py``, ...),
each a thin call into the library; :mod:`.app` builds the parser from them and maps errors to
exit codes. The library never imports this package."""

from .app import main, make_parser

__all__ = ["main", "make_parser"]
