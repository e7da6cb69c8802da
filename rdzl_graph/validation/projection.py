"""What the SHACL engine reads: the predicates the shapes can look at, and a store of those triples only.

SHACL Core reads the data graph only through the targets (``rdf:type`` and
``rdfs:subClassOf``; the predicates of ``sh:targetSubjectsOf`` and
``sh:targetObjectsOf``), the property paths (every IRI inside ``sh:path``:
inverse, sequence, alternative, ``sh:zeroOrMorePath`` ... paths), ``sh:class``
(``rdf:type`` and ``rdfs:subClassOf`` of the values) and the property pairs
(``sh:equals``, ``sh:disjoint``, ``sh:lessThan``, ``sh:lessThanOrEquals``).
Every other Core parameter tests the value terms themselves, counts them, or
combines shapes whose own parameters are in the same shapes graph. So a data
graph cut down to ``rdf:type``, ``rdfs:subClassOf`` and the predicates the
shapes name in these places gives the engine exactly the same results
(:func:`read_predicates`), and pyshacl-turbo, whose time grows with the triples
it reads, gets only those (:func:`projected_store`).

Where that does not hold, nothing is cut: ``sh:closed`` reads every predicate of
a focus node, SPARQL-based constraints and targets (``sh:sparql``,
``sh:target``, a declared constraint component with ``sh:parameter``) can read
anything, and for a parameter this module does not know it cannot say what it
reads. The shapes graph is read whole, every triple, whether its shape is used
or not (a shape that is never applied costs at most a few predicates more).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from ..core.namespaces import short_name
from ..core.sources import ASSERTED

#: Always kept: targets and sh:class read them.
ALWAYS = (str(RDF.type), str(RDFS.subClassOf))

# parameters that read no predicate of the data graph beyond sh:path's (value terms, counts,
# shapes combined or nested, whose own parameters are triples of the same graph), or that read only
# rdf:type and rdfs:subClassOf (sh:targetClass, sh:class), or do not test anything
_NO_PREDICATE = {
    SH.targetClass, SH.targetNode, SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH.flags,
    SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.minLength, SH.maxLength,
    SH.languageIn, SH["in"], SH.hasValue, SH.minCount, SH.maxCount, SH.uniqueLang, SH.qualifiedMinCount,
    SH.qualifiedMaxCount, SH.qualifiedValueShape, SH.qualifiedValueShapesDisjoint, SH.node, SH["not"],
    SH["and"], SH["or"], SH.xone, SH.property, SH.message, SH.severity, SH.deactivated, SH.name,
    SH.description, SH.order, SH.group, SH.defaultValue,
    # the parts of a path, read through sh:path (below)
    SH.inversePath, SH.alternativePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath,
}
# parameters whose value is a predicate the engine reads
_PREDICATE_VALUED = {SH.targetSubjectsOf, SH.targetObjectsOf, SH.equals, SH.disjoint, SH.lessThan,
                     SH.lessThanOrEquals}
# triples of the shapes graph outside SHACL's vocabulary that no Core engine reads as a parameter
_NOT_PARAMETERS = {RDF.type, RDF.first, RDF.rest, RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy,
                   RDFS.subClassOf, OWL.imports, OWL.versionIRI, OWL.versionInfo, SKOS.definition,
                   SKOS.prefLabel, SKOS.note, SKOS.example, DCTERMS.title, DCTERMS.description,
                   DCTERMS.created, DCTERMS.modified, DCTERMS.source, DCTERMS.license, DCTERMS.creator}
# SHACL classes a shape or a part of it may be declared as (others: SPARQL, rules, components ...)
_KNOWN_TYPES = {SH.NodeShape, SH.PropertyShape, SH.Shape}
_PATH_WRAPPERS = (SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath)


@dataclass(frozen=True)
class Projection:
    """The predicates a shapes graph can read in the data graph, or why it can read any.

    Attributes
    ----------
    predicates : frozenset of str or None
        Predicate IRIs (:data:`ALWAYS` included); None: the whole data graph.
    reason : str or None
        Why the whole data graph (None when *predicates* is given).
    """

    predicates: frozenset[str] | None
    reason: str | None = None


class _Unknown(Exception):
    """A part of the shapes graph of which it is not known what it reads (the message says which)."""


def _path_predicates(shapes: Graph, path: Node, found: set[str], seen: frozenset = frozenset()) -> None:
    """Add every IRI of the SHACL property path *path* to *found*; raise :class:`_Unknown` for anything else."""
    if isinstance(path, URIRef):
        found.add(str(path))
        return
    if path in seen:
        raise _Unknown(f"a property path ({path.n3()}) that contains itself")
    seen = seen | {path}
    parts = set(shapes.predicates(path, None))
    wrapper = [p for p in _PATH_WRAPPERS if p in parts]
    if len(parts) == 1 and wrapper:
        _path_predicates(shapes, shapes.value(path, wrapper[0]), found, seen)
    elif parts == {SH.alternativePath}:
        for member in Collection(shapes, shapes.value(path, SH.alternativePath)):
            _path_predicates(shapes, member, found, seen)
    elif parts == {RDF.first, RDF.rest}:  # a sequence path
        for member in Collection(shapes, path):
            _path_predicates(shapes, member, found, seen)
    else:
        raise _Unknown(f"a property path ({path.n3()}) that is not a SHACL path")


def _triple_predicates(shapes: Graph, parameter: Node, value: Node, found: set[str]) -> None:
    """What one triple of the shapes graph adds to *found*; raise :class:`_Unknown` if it can read anything."""
    if parameter == SH.path:
        _path_predicates(shapes, value, found)
    elif parameter in _PREDICATE_VALUED:
        if not isinstance(value, URIRef):
            raise _Unknown(f"{short_name(parameter)} names no predicate")
        found.add(str(value))
    elif parameter == SH.closed:
        raise _Unknown("sh:closed reads every predicate of the focus node")
    elif parameter == RDF.type and str(value).startswith(str(SH)) and value not in _KNOWN_TYPES:
        raise _Unknown(f"{short_name(value)} can read any triple")
    elif parameter not in _NO_PREDICATE and parameter not in _NOT_PARAMETERS:
        raise _Unknown(f"{short_name(parameter)} is not known to read only named predicates")


def read_predicates(shapes: Graph) -> Projection:
    """The predicates of the data graph that validating against *shapes* can read (see the module notes).

    Parameters
    ----------
    shapes : rdflib.Graph
        The shapes graph.

    Returns
    -------
    Projection
        ``rdf:type``, ``rdfs:subClassOf`` and every predicate the shapes name in paths, targets and
        property pairs; or no predicates and the reason, when a parameter can read any triple
        (``sh:closed``, ``sh:sparql`` ...) or is not known.

    Examples
    --------
    >>> shapes = Graph().parse(format="turtle", data='''
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix : <urn:> .
    ...     :S a sh:NodeShape ; sh:targetClass :C ;
    ...        sh:property [ sh:path ( :a [ sh:inversePath :b ] ) ; sh:minCount 1 ] .''')
    >>> sorted(read_predicates(shapes).predicates)[:2]
    ['http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://www.w3.org/2000/01/rdf-schema#subClassOf']
    >>> sorted(read_predicates(shapes).predicates)[2:]
    ['urn:a', 'urn:b']
    >>> shapes.parse(format="turtle", data="<urn:S> <http://www.w3.org/ns/shacl#closed> true .")
    <Graph identifier=... (<class 'rdflib.graph.Graph'>)>
    >>> read_predicates(shapes)
    Projection(predicates=None, reason='sh:closed reads every predicate of the focus node')
    """
    found = set(ALWAYS)
    unknown = set()
    for _shape, parameter, value in shapes:
        try:
            _triple_predicates(shapes, parameter, value, found)
        except _Unknown as reason:
            unknown.add(str(reason))
    if unknown:
        return Projection(None, "; ".join(sorted(unknown)))
    return Projection(frozenset(found))


def asserted_lines(store: ox.Store) -> list[bytes]:
    """The N-Triples lines of the asserted graph (:data:`~rdzl_graph.core.sources.ASSERTED`) of *store*, unsorted."""
    return [line for line in store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ASSERTED).split(b"\n") if line]


def projected_store(store: ox.Store, projection: Projection | None = None,
                    lines: Iterable[bytes] | None = None) -> ox.Store:
    """A new store holding the asserted graph's triples with the projection's predicates, as its default graph.

    Parameters
    ----------
    store : pyoxigraph.Store
        The build's store (graph :data:`~rdzl_graph.core.sources.ASSERTED`).
    projection : Projection, optional
        The predicates to keep (:func:`read_predicates`); None or no predicates: every triple.
    lines : iterable of bytes, optional
        The asserted graph as N-Triples lines, if at hand (the build has them); otherwise
        :func:`asserted_lines` of *store*. Duplicates do not matter.

    Returns
    -------
    pyoxigraph.Store
        Blank nodes keep their labels (the engine's results name them as the build's store does).

    Examples
    --------
    >>> store = ox.Store()
    >>> store.load(b"<urn:x> a <urn:C> ; <urn:a> _:b1 ; <urn:z> 1 .", format=ox.RdfFormat.TURTLE, to_graph=ASSERTED)
    >>> label = next(store.quads_for_pattern(None, ox.NamedNode("urn:a"), None)).object
    >>> copy = projected_store(store, Projection(frozenset({*ALWAYS, "urn:a"})))
    >>> sorted(q.predicate.value for q in copy)
    ['http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'urn:a']
    >>> next(copy.quads_for_pattern(None, ox.NamedNode("urn:a"), None)).object == label
    True
    """
    lines = asserted_lines(store) if lines is None else lines
    if projection is not None and projection.predicates is not None:
        keep = {f"<{iri}>".encode("utf-8") for iri in projection.predicates}
        # an N-Triples line is "subject predicate object ." and neither an IRI nor a blank node
        # label holds a space: the second field is the predicate
        lines = [line for line in lines if line.split(b" ", 2)[1] in keep]
    plain, blank = [], []
    for line in lines:
        (blank if b"_:" in line else plain).append(line)
    copy = ox.Store()
    # Store.load is the fastest way in but gives blank nodes new labels: the few lines that may
    # hold one are parsed keeping theirs. The lines are Oxigraph's own output of terms it checked
    # when it parsed the files: lenient parsing (no IRI checks) reads the same terms, faster
    copy.load(b"\n".join(plain), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    if blank:
        copy.extend(ox.parse(b"\n".join(blank), format=ox.RdfFormat.N_TRIPLES, rename_blank_nodes=False))
    return copy
