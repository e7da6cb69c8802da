"""File formats of the network exports (kept apart so the CLI can list them without importing networkx)."""

from __future__ import annotations

# networks written by :func:`rdzl_graph.network.exports.export_networks`
NETWORK_FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv")
# everything ``rdzl-graph network-export --format`` accepts: the networks, plus the results as RDF or JSON
EXPORT_FORMATS: tuple[str, ...] = NETWORK_FORMATS + ("trig", "json")
