"""The reasoners' scratch store: the asserted and inferred graphs, the rule files, and the one
junk filter (``rules/finish.ru``) applied to what the fast rules and owlrl derive."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..core.sources import ASSERTED
from ..core.namespaces import PREFIXES, bind_prefixes

#: Named graph of the scratch store holding what the reasoner derived.
INFERRED = ox.NamedNode("urn:rdzl-graph:reasoning:inferred")


def rules_dir() -> Path:
    """Return the directory of the rule files (shipped inside the package)."""
    return Path(__file__).resolve().parent / "rules"


def rule_text(name: str) -> str:
    """Read one rule or query file from :func:`rules_dir` (``name`` with suffix)."""
    return (rules_dir() / name).read_text(encoding="utf-8")


def drop_junk(store: ox.Store) -> None:
    """Keep in :data:`INFERRED` only new, meaningful entailments (``rules/finish.ru``).

    Dropped: what :data:`~rdzl_graph.core.sources.ASSERTED` holds already, literal or blank
    subjects, blank objects, subjects in the rdf/rdfs/owl/xsd namespaces, reflexive
    ``owl:sameAs`` / ``rdfs:subClassOf`` / ``owl:equivalentClass`` / ``rdfs:subPropertyOf`` /
    ``owl:equivalentProperty``, typing as ``owl:Thing``, ``rdfs:Resource`` and other
    bookkeeping classes, links to the top class or property, ``owl:differentFrom``-style
    statements.

    Examples
    --------
    >>> store = ox.Store()
    >>> x, c = ox.NamedNode("urn:x"), ox.NamedNode("urn:C")
    >>> thing = ox.NamedNode("http://www.w3.org/2002/07/owl#Thing")
    >>> typ = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    >>> store.extend([ox.Quad(x, typ, c, INFERRED), ox.Quad(x, typ, thing, INFERRED)])
    >>> drop_junk(store)
    >>> [q.object.value for q in store.quads_for_pattern(None, None, None, INFERRED)]
    ['urn:C']
    """
    store.update(rule_text("finish.ru"), prefixes=dict(PREFIXES))


def graphs_to_store(*graphs: Graph) -> ox.Store:
    """Put rdflib graphs into a new scratch store, as the asserted graph."""
    store = ox.Store()
    for graph in graphs:
        store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ASSERTED)
    return store


def inferred_graph(store: ox.Store) -> Graph:
    """Return the inferred graph of a reasoned scratch store as an rdflib graph."""
    graph = bind_prefixes(Graph())
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=INFERRED)
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph
