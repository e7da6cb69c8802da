"""Test-only helpers of the build: a store made of rdflib graphs (one named graph each)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph


def to_store(graphs: dict[str, Graph]) -> ox.Store:
    """Put rdflib graphs into a new pyoxigraph store, one named graph each.

    Parameters
    ----------
    graphs : dict
        Named-graph IRI -> rdflib graph.

    Returns
    -------
    pyoxigraph.Store
    """
    store = ox.Store()
    for iri, graph in graphs.items():
        nt = graph.serialize(format="nt", encoding="utf-8")
        store.load(nt, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(iri)))
    return store
