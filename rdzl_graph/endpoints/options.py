"""The defaults and choices of ``rdzl-graph serve`` and ``push``, apart from the server and the
client, so that the command line lists them without loading either."""

from __future__ import annotations

#: Where ``serve`` listens by default: this machine only.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
#: Seconds before ``serve`` aborts a query.
DEFAULT_QUERY_TIMEOUT = 30
#: How ``push`` stores a graph: HTTP PUT per graph (Graph Store Protocol) or SPARQL INSERT DATA in chunks.
PROTOCOLS = ("gsp", "update")
