"""The query side: the embedded store, the named questions with typed parameters, export and
statistics of a built graph.

For analysts, the names to start with::

    from rdzl_graph.query import open_store, run_query, list_queries
"""

from ..core.query_files import list_queries

from .named import run_query
from .store import load_store, open_store

__all__ = ["list_queries", "load_store", "open_store", "run_query"]
