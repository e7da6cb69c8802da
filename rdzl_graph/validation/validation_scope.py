"""The scope of changed-only validation: which shapes can be checked on which focus nodes only.

Focused checks and their soundness. :func:`shape_plan` accepts a shape for
them only if every check stays within one step of the focus node: property
paths are a predicate or an inverse predicate from the focus node; nested
shapes (``sh:or``, ``sh:qualifiedValueShape`` ...) on the values only test
the value term itself (datatype, language, pattern ...) or its ``rdf:type``
(``sh:class``). Such a result depends only on the focus node's own triples
(both directions), the ``rdf:type`` triples of its neighbours and
``rdfs:subClassOf``; :func:`context_graph` holds exactly these (the SHACL engine runs
on it, each shape targeting exactly its focus nodes, :func:`targeted_shapes`).
A change can alter the result only if a changed triple has the focus node as
subject or object, or changes the type of a neighbour: :func:`affected_nodes`
collects these nodes, and gives up (validate all) on a changed
``rdfs:subClassOf`` triple or a blank node. Shapes that fail the test are
validated in full. :func:`targets` finds a shape's focus nodes on the store.
:func:`rdzl_graph.validation.validate.validate_sources` puts these together (a full
validation reads a copy of the asserted graph,
:func:`rdzl_graph.validation.projection.projected_store`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from ..core.sources import ASSERTED
from ..core.namespaces import short_name

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def render_path(results: Graph, path: Node | None) -> str:
    """Render a SHACL property path in SPARQL-like compact syntax.

    Parameters
    ----------
    results : rdflib.Graph
        The graph holding the path's blank nodes (a report or the shapes).
    path : rdflib.term.Node or None
        The ``sh:resultPath`` (or ``sh:path``) value.

    Returns
    -------
    str
        E.g. ``rdzl:programmeLine`` or ``^rdzl:hasFunding``; empty if None.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> render_path(Graph(), URIRef("https://w3id.org/rdzl-graph/ont#programmeLine"))
    'rdzl:programmeLine'
    """
    if path is None:
        return ""
    if not isinstance(path, BNode):
        return short_name(path)
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + render_path(results, inverse)
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = results.value(path, predicate)
        if inner is not None:
            return render_path(results, inner) + suffix
    alternative = results.value(path, SH.alternativePath)
    if alternative is not None:
        return "(" + "|".join(render_path(results, p) for p in Collection(results, alternative)) + ")"
    if results.value(path, RDF.first) is not None:
        return "/".join(render_path(results, p) for p in Collection(results, path))
    return str(path)


def _simple_path(shapes: Graph, path: Node) -> bool:
    if isinstance(path, URIRef):
        return True
    inverse = shapes.value(path, SH.inversePath)
    return isinstance(inverse, URIRef) and len(set(shapes.predicate_objects(path))) == 1

# parameters that do not test anything, or that pySHACL ignores without advanced mode
_PASSIVE = {RDF.type, RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, SKOS.definition, OWL.imports,
            SH.message, SH.severity, SH.deactivated, SH.name, SH.description, SH.order, SH.group,
            SH.defaultValue, SH.target, SH.path, *_TARGETS}
# parameters that test the value term alone, without reading the graph
_TERM_TESTS = {SH.datatype, SH.nodeKind, SH.pattern, SH.flags, SH.minInclusive, SH.maxInclusive,
               SH.minExclusive, SH.maxExclusive, SH.minLength, SH.maxLength, SH.languageIn, SH["in"],
               SH.hasValue}
# parameters that count or compare the values of a property shape's path
_VALUE_COUNTS = {SH.minCount, SH.maxCount, SH.uniqueLang, SH.qualifiedMinCount, SH.qualifiedMaxCount}


@dataclass(frozen=True)
class ShapeInfo:
    """A shape with targets, and whether it can be checked on focus nodes only.

    Attributes
    ----------
    shape : rdflib.term.Node
        The shape (an IRI, or a blank node).
    classes, nodes, subjects_of, objects_of : tuple of str
        Its ``sh:targetClass``, ``sh:targetNode``, ``sh:targetSubjectsOf`` and
        ``sh:targetObjectsOf`` IRIs.
    full_reason : str or None
        Why the shape must be validated in full; None if focused checks are sound.
    """

    shape: Node
    classes: tuple[str, ...] = ()
    nodes: tuple[str, ...] = ()
    subjects_of: tuple[str, ...] = ()
    objects_of: tuple[str, ...] = ()
    full_reason: str | None = None

    @property
    def name(self) -> str:
        """The shape as a prefixed name (or its IRI)."""
        return _shape_name(self.shape)


def _shape_name(shape: Node) -> str:
    text = short_name(shape)
    return text.replace("https://w3id.org/rdzl-graph/shapes#", "rdzlsh:")


def _locality(shapes: Graph, shape: Node, depth: int, seen: frozenset) -> str | None:
    """Why checking *shape* on a node *depth* steps from the focus node reads beyond the context, or None."""
    if shape in seen:
        return "it is recursive"
    seen = seen | {shape}
    path = shapes.value(shape, SH.path)
    value_depth = depth
    if path is not None:
        if depth > 0:
            return f"a property path ({render_path(shapes, path)}) starts from a value, two steps from the focus node"
        if not _simple_path(shapes, path):
            return f"its path {render_path(shapes, path)} is not a predicate or an inverse predicate"
        value_depth = depth + 1
    for parameter, value in shapes.predicate_objects(shape):
        if parameter in _PASSIVE or parameter in _TERM_TESTS:
            continue
        if parameter in _VALUE_COUNTS and path is not None:
            continue
        if parameter == SH["class"]:
            if value_depth > 1:
                return "sh:class tests a node two steps from the focus node"
            continue
        if parameter == SH.qualifiedValueShapesDisjoint:
            return "sh:qualifiedValueShapesDisjoint reads sibling shapes"
        nested: list[Node] = []
        if parameter in (SH.node, SH["not"], SH.qualifiedValueShape, SH.property):
            nested = [value]
        elif parameter in (SH["and"], SH["or"], SH.xone):
            nested = list(Collection(shapes, value))
        else:
            return f"{short_name(parameter)} is not checked on focus nodes"
        for member in nested:
            reason = _locality(shapes, member, value_depth, seen)
            if reason is not None:
                return reason
    return None


def shape_plan(shapes: Graph) -> list[ShapeInfo]:
    """List the shapes that have targets, with their targets and whether focused checks are sound.

    Parameters
    ----------
    shapes : rdflib.Graph
        The shapes graph.

    Returns
    -------
    list of ShapeInfo
        Sorted by shape name.

    Examples
    --------
    >>> from rdzl_graph.core.resources import shapes_file
    >>> plan = shape_plan(Graph().parse(shapes_file()))
    >>> [s.full_reason for s in plan if s.name == "rdzlsh:ProjectShape"]
    [None]
    """
    class_types = {RDFS.Class, *shapes.subjects(RDFS.subClassOf, RDFS.Class)}
    top = {subject for predicate in _TARGETS for subject in shapes.subjects(predicate, None)}
    top |= {shape for shape in shapes.subjects(RDF.type, None)
            if set(shapes.objects(shape, RDF.type)) & class_types
            and set(shapes.objects(shape, RDF.type)) & {SH.NodeShape, SH.PropertyShape}}
    plan = []
    for shape in top:
        def iris(predicate: URIRef) -> tuple[str, ...]:
            return tuple(sorted(str(o) for o in shapes.objects(shape, predicate)))
        classes = iris(SH.targetClass)
        if set(shapes.objects(shape, RDF.type)) & class_types and isinstance(shape, URIRef):
            classes = tuple(sorted({*classes, str(shape)}))  # implicit class target
        reason = None
        if any(not isinstance(o, URIRef) for p in _TARGETS for o in shapes.objects(shape, p)):
            reason = "a target is not an IRI"
        else:
            reason = _locality(shapes, shape, 0, frozenset())
        plan.append(ShapeInfo(shape, classes, iris(SH.targetNode), iris(SH.targetSubjectsOf),
                              iris(SH.targetObjectsOf), reason))
    return sorted(plan, key=lambda s: s.name)



def _class_closure(store: ox.Store, classes: tuple[str, ...]) -> set[ox.NamedNode]:
    """The classes and their sub-classes (``rdfs:subClassOf*`` in the asserted graph)."""
    found: set = set()
    todo = [ox.NamedNode(c) for c in classes]
    while todo:
        cls = todo.pop()
        if cls in found:
            continue
        found.add(cls)
        todo.extend(q.subject for q in store.quads_for_pattern(None, _SUBCLASS, cls, ASSERTED))
    return found


def targets(store: ox.Store, info: ShapeInfo, candidates: set | None = None) -> set:
    """The focus nodes of a shape in the asserted graph, as pySHACL finds them without advanced mode.

    Parameters
    ----------
    store : pyoxigraph.Store
        Working store (graph :data:`rdzl_graph.core.sources.ASSERTED`).
    info : ShapeInfo
        The shape's targets.
    candidates : set, optional
        If given, only these nodes are considered (and the result is a subset).

    Returns
    -------
    set of pyoxigraph.NamedNode or pyoxigraph.BlankNode
    """
    classes = _class_closure(store, info.classes)
    found: set = set()
    if candidates is None:
        for cls in classes:
            found.update(q.subject for q in store.quads_for_pattern(None, _RDF_TYPE, cls, ASSERTED))
        found.update(ox.NamedNode(n) for n in info.nodes)
        for predicate in info.subjects_of:
            found.update(q.subject for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, ASSERTED))
        for predicate in info.objects_of:
            found.update(q.object for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, ASSERTED))
        return found
    nodes = {ox.NamedNode(n) for n in info.nodes}
    for node in candidates:
        if node in nodes or any(q.object in classes for q in store.quads_for_pattern(node, _RDF_TYPE, None, ASSERTED)):
            found.add(node)
            continue
        for predicate in info.subjects_of:
            if next(store.quads_for_pattern(node, ox.NamedNode(predicate), None, ASSERTED), None) is not None:
                found.add(node)
        for predicate in info.objects_of:
            if next(store.quads_for_pattern(None, ox.NamedNode(predicate), node, ASSERTED), None) is not None:
                found.add(node)
    return found


def context_graph(store: ox.Store, nodes: set) -> ox.Store:
    """The part of the asserted graph that one-step checks on *nodes* can read, as a store of its own.

    The nodes' triples in both directions, the ``rdf:type`` triples of their
    neighbours and every ``rdfs:subClassOf`` triple (see the module notes), in
    the default graph of a new in-memory store.
    """
    triples: set = set()
    neighbours: set = set()
    for node in nodes:
        for quad in store.quads_for_pattern(node, None, None, ASSERTED):
            triples.add(quad.triple)
            if not isinstance(quad.object, ox.Literal):
                neighbours.add(quad.object)
        for quad in store.quads_for_pattern(None, None, node, ASSERTED):
            triples.add(quad.triple)
            neighbours.add(quad.subject)
    for node in neighbours - nodes:
        triples.update(q.triple for q in store.quads_for_pattern(node, _RDF_TYPE, None, ASSERTED))
    triples.update(q.triple for q in store.quads_for_pattern(None, _SUBCLASS, None, ASSERTED))
    context = ox.Store()
    context.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return context


def affected_nodes(store: ox.Store, added: list[bytes], removed: list[bytes]) -> set | None:
    """The nodes whose one-step checks a change of the data can alter (see the module notes).

    Parameters
    ----------
    store : pyoxigraph.Store
        Working store after the change (graph :data:`rdzl_graph.core.sources.ASSERTED`).
    added, removed : list of bytes
        N-Triples lines of the data graph that are new / gone since the previous build.

    Returns
    -------
    set or None
        Subjects and objects of changed triples, and the neighbours of nodes
        whose ``rdf:type`` changed; None if a changed triple has a blank node
        or is an ``rdfs:subClassOf`` triple (then everything must be validated).
    """
    nodes: set = set()
    typed: set = set()
    lines = b"\n".join([*added, *removed])
    for triple in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES) if lines else ():
        if triple.predicate == _SUBCLASS:
            return None
        if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
            return None
        nodes.add(triple.subject)
        if isinstance(triple.object, ox.NamedNode):
            nodes.add(triple.object)
        if triple.predicate == _RDF_TYPE:
            typed.add(triple.subject)
    for node in typed:
        for quad in store.quads_for_pattern(node, None, None, ASSERTED):
            if not isinstance(quad.object, ox.Literal):
                nodes.add(quad.object)
        nodes.update(q.subject for q in store.quads_for_pattern(None, None, node, ASSERTED))
    return nodes



def targeted_shapes(shapes: Graph, plan: list[ShapeInfo], focus: dict[ShapeInfo, set],
                    keep: list[ShapeInfo] = ()) -> Graph:
    """A copy of *shapes* in which each planned shape targets exactly the given nodes.

    The target declarations of every shape in *plan* but those in *keep* are removed, and each
    shape in *focus* gets one ``sh:targetNode`` per node: the engine then checks
    those nodes with its normal machinery, nested and referenced shapes
    included (pySHACL's ``focus_nodes``/``use_shapes`` options would either filter
    in quadratic time or drop referenced shapes such as ``rdzlsh:DutchLiteral``;
    pyshacl-turbo's ``use_shapes`` took seconds per shape at 10x).
    """
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in shapes.namespaces():  # pySHACL's own messages use the shapes' prefixes
        graph.bind(prefix, namespace, override=True, replace=True)
    for triple in shapes:
        graph.add(triple)
    class_types = {RDFS.Class, *shapes.subjects(RDFS.subClassOf, RDFS.Class)}
    for info in plan:
        if info in keep:
            continue
        for predicate in _TARGETS:
            graph.remove((info.shape, predicate, None))
        for kind in class_types:  # no implicit class target either
            graph.remove((info.shape, RDF.type, kind))
    for info, nodes in focus.items():
        for node in nodes:
            graph.add((info.shape, SH.targetNode, URIRef(node.value) if isinstance(node, ox.NamedNode) else BNode(node.value)))
    return graph
