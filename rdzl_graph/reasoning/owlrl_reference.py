"""OWL 2 RL reasoning with owlrl (the reference; ``--reasoner owlrl``), returning only meaningful
new triples: owlrl's closure minus what was asserted, filtered by the same junk filter as the fast
reasoner (:func:`rdzl_graph.reasoning.graphs.drop_junk`)."""

from __future__ import annotations

import owlrl
import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from ..core.errors import ValidationError
from ..core.sources import LoadedGraphs
from .graphs import INFERRED, drop_junk, graphs_to_store, inferred_graph
from .inconsistency import inconsistency

# owlrl records inconsistencies (e.g. a resource in two disjoint classes) as triples
# ``[] <ERR#error> "message"`` in the closure.
OWLRL_ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


def closure(graph: Graph) -> Graph:
    """Return the OWL 2 RL deductive closure of a copy of *graph*.

    Parameters
    ----------
    graph : rdflib.Graph
        Asserted triples (ontology and data); not modified.

    Returns
    -------
    rdflib.Graph
        A new graph holding the asserted and all owlrl-derived triples.
    """
    work = Graph()
    work += graph
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(work)
    return work


def reason(*graphs: Graph, loaded: LoadedGraphs | None = None) -> Graph:
    """Infer the meaningful new triples entailed by the given graphs.

    Parameters
    ----------
    *graphs : rdflib.Graph
        The asserted graphs (typically ontology and data).
    loaded : LoadedGraphs, optional
        The parsed inputs, used to name the file and line of a resource in an
        inconsistency message.

    Returns
    -------
    rdflib.Graph
        Only the new triples (closure minus asserted), without owlrl junk.

    Raises
    ------
    ValidationError
        If owlrl finds the graphs inconsistent (for example a resource typed
        with two disjoint classes); one violation per inconsistency.
    """
    asserted = Graph()
    for graph in graphs:
        asserted += graph
    expanded = closure(asserted)
    errors = sorted({str(message) for message in expanded.objects(None, OWLRL_ERROR)})
    if errors:
        raise ValidationError([inconsistency(error, loaded) for error in errors])
    derived = Graph()
    for triple in expanded:
        if not isinstance(triple[0], Literal):  # N-Triples cannot carry it; drop_junk drops it anyway
            derived.add(triple)
    store = graphs_to_store(asserted)
    store.load(derived.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=INFERRED)
    drop_junk(store)
    return inferred_graph(store)
