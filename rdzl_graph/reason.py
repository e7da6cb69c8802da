"""OWL 2 RL reasoning with owlrl, returning only meaningful new triples."""

from __future__ import annotations

import re

import owlrl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from .core.errors import ValidationError, Violation
from .core.loading import LoadedGraphs, find_line
from .core.namespaces import bind_prefixes

# owlrl records inconsistencies (e.g. a resource in two disjoint classes) as triples
# ``[] <ERR#error> "message"`` in the closure.
OWLRL_ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")

_BUILTIN_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))

# predicates whose inferred use carries no information about our resources
_JUNK_PREDICATES = {
    OWL.differentFrom,
    OWL.distinctMembers,
    OWL.members,
    OWL.disjointWith,
    OWL.propertyDisjointWith,
}
_JUNK_TYPES = {
    OWL.Thing,
    RDFS.Resource,
    OWL.AllDifferent,
    OWL.AllDisjointClasses,
    OWL.AllDisjointProperties,
    RDFS.Datatype,
}
_REFLEXIVE_JUNK = {
    OWL.sameAs,
    RDFS.subClassOf,
    OWL.equivalentClass,
    RDFS.subPropertyOf,
    OWL.equivalentProperty,
}
_TOP_TERMS = {OWL.Thing, RDFS.Resource, OWL.topObjectProperty, OWL.topDataProperty}


def is_meaningful(triple: tuple) -> bool:
    """Decide whether an inferred triple is a meaningful entailment.

    Dropped: literal or blank-node subjects or objects, subjects in the
    rdf/rdfs/owl/xsd namespaces, reflexive ``owl:sameAs`` /
    ``rdfs:subClassOf`` / ``owl:equivalentClass`` / ``rdfs:subPropertyOf`` /
    ``owl:equivalentProperty``, typing as ``owl:Thing``, ``rdfs:Resource``
    and other bookkeeping classes, subclass/subproperty links to the top
    class or property, and ``owl:differentFrom``-style statements.

    Parameters
    ----------
    triple : tuple
        ``(subject, predicate, object)`` rdflib terms.

    Returns
    -------
    bool
        True if the triple should be kept.
    """
    s, p, o = triple
    if isinstance(s, (Literal, BNode)) or isinstance(o, BNode):
        return False
    if str(s).startswith(_BUILTIN_NAMESPACES):
        return False
    if p in _JUNK_PREDICATES:
        return False
    if p in _REFLEXIVE_JUNK and s == o:
        return False
    if p == RDF.type and o in _JUNK_TYPES:
        return False
    if p in (RDFS.subClassOf, RDFS.subPropertyOf) and o in _TOP_TERMS:
        return False
    if p in (RDFS.domain, RDFS.range) and o in _TOP_TERMS:
        return False
    if isinstance(o, Literal) and p in (RDF.type, RDFS.subClassOf, RDFS.subPropertyOf, OWL.sameAs):
        return False
    return True


def inconsistency(message: str, loaded: LoadedGraphs | None = None) -> Violation:
    """Turn an owlrl inconsistency message into a violation naming the resource and its file.

    Examples
    --------
    >>> v = inconsistency("Disjoint classes A and B have a common individual https://x.org/a")
    >>> v.focus
    'https://x.org/a'
    """
    iris = re.findall(r"https?://[^\s>]+", message)
    focus = iris[-1] if iris else "(graaf)"
    file = line = None
    if loaded is not None and iris:
        file = loaded.file_for(URIRef(focus))
        path = loaded.path_for(file) if file else None
        line = find_line(path, focus) if path else None
    return Violation(
        focus=focus,
        path="owl",
        message=f"De graaf is inconsistent / the graph is inconsistent: {message}",
        file=file,
        line=line,
    )


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
    inferred = bind_prefixes(Graph())
    for triple in expanded:
        if triple not in asserted and is_meaningful(triple):
            inferred.add(triple)
    return inferred


