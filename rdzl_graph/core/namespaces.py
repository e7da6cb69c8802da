"""Namespaces and named-graph IRIs of rdzl-graph."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, SH

RDZL = Namespace("https://w3id.org/rdzl-graph/ont#")
RD = Namespace("https://w3id.org/rdzl-graph/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
EURIO = Namespace("http://data.europa.eu/s66#")
VANN = Namespace("http://purl.org/vocab/vann/")

SHAPES = Namespace("https://w3id.org/rdzl-graph/shapes#")

#: Base of every resource IRI; each kind of resource has a folder below it and a Turtle prefix.
ID_BASE = str(RD)
_ID_FOLDERS = {"partic": "participation", "orgs": "org", "gm": "municipality", "mstate": "milestone-state",
               "tassign": "task-assignment"}
#: Turtle prefix -> IRI folder of every kind of resource (the table of data/README.md, in its order;
#: ``org:`` is accepted beside ``orgs:``).
ID_PREFIXES: dict[str, str] = {
    prefix: ID_BASE + _ID_FOLDERS.get(prefix, prefix) + "/"
    for prefix in ("programme tranche line report figure project partic funding milestone attention quote "
                   "orgs org person gm place country theme risk role status certainty mstate "
                   "task tassign circle decision").split()
}

GRAPH_BASE = "https://w3id.org/rdzl-graph/graph/"
ONTOLOGY_GRAPH = URIRef(GRAPH_BASE + "ontology")
DATA_GRAPH = URIRef(GRAPH_BASE + "data")
INFERRED_GRAPH = URIRef(GRAPH_BASE + "inferred")

PREFIXES: dict[str, str] = {
    "rdzl": str(RDZL),
    "rd": str(RD),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "prov": str(PROV),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "eurio": str(EURIO),
    "vann": str(VANN),
    "sh": str(SH),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project prefixes on a graph (or dataset) and return it.

    Parameters
    ----------
    graph : rdflib.Graph
        Graph or Dataset to bind on; modified in place.

    Returns
    -------
    rdflib.Graph
        The same graph, for chaining.
    """
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def short_name(term: object) -> str:
    """Render an IRI as a prefixed name where a project prefix applies.

    Parameters
    ----------
    term : object
        An rdflib term (or anything with a string form).

    Returns
    -------
    str
        ``rd:project/x`` style name, or the full string if no prefix fits.
    """
    text = str(term)
    best = ""
    for prefix, iri in PREFIXES.items():
        if text.startswith(iri) and len(iri) > len(best):
            best = iri
            name = f"{prefix}:{text[len(iri):]}"
    return name if best else text
