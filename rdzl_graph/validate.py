"""Check the data against the SHACL data contract (ontology/rdzl-shapes.ttl).

The data graph is the ontology mixed with the data, without inference. Entry points:

- :func:`validate`: the reference, pySHACL on the rdflib graphs of
  :func:`rdzl_graph.loading.load`.
- :func:`validate_sources`: the build's, on the Oxigraph store of
  :func:`rdzl_graph.loading.load_sources`, everything (``focus=None``) or
  only given focus nodes. Engine ``fast`` (default): :class:`FastChecks`
  evaluates the shapes' constraints on the store, with pySHACL's semantics
  (its helpers are called for literal tests), about 10x faster than pySHACL;
  a shape using a feature it does not implement (:func:`compile_shape`
  says which) goes to pySHACL. Engine ``pyshacl``: pySHACL for all, on an
  rdflib graph built term by term from the store (about twice as fast as
  parsing Turtle with rdflib). The tests hold both to the reference.

Focused checks and their soundness. :func:`shape_plan` accepts a shape for
them only if every check stays within one step of the focus node: property
paths are a predicate or an inverse predicate from the focus node; nested
shapes (``sh:or``, ``sh:qualifiedValueShape`` ...) on the values only test
the value term itself (datatype, language, pattern ...) or its ``rdf:type``
(``sh:class``). Such a result depends only on the focus node's own triples
(both directions), the ``rdf:type`` triples of its neighbours and
``rdfs:subClassOf``; :func:`context_graph` holds exactly these (pySHACL runs
on it, each shape targeting exactly its focus nodes, :func:`targeted_shapes`).
A change can alter the result only if a changed triple has the focus node as
subject or object, or changes the type of a neighbour: :func:`affected_nodes`
collects these nodes, and gives up (validate all) on a changed
``rdfs:subClassOf`` triple or a blank node. Shapes that fail the test are
validated in full.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, XSD
from rdflib.term import Node

from .errors import InputError, Violation
from .loading import ASSERTED, LoadedGraphs, SourceSet, find_line, parse_turtle
from .namespaces import bind_prefixes, short_name
from .resources import shapes_file

PYSHACL_OPTIONS: dict[str, Any] = {
    "inference": "none",
    "advanced": False,
    "abort_on_first": False,
    "allow_warnings": True,
    "inplace": True,
}
_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
_XSD_STRING = str(XSD.string)
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
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

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


def render_path(results: Graph, path: Node | None) -> str:
    """Render a SHACL property path in SPARQL-like compact syntax.

    Parameters
    ----------
    results : rdflib.Graph
        The graph holding the path's blank nodes.
    path : rdflib.term.Node or None
        The ``sh:resultPath`` value.

    Returns
    -------
    str
        E.g. ``rdzl:programmeLine`` or ``^rdzl:hasFunding``; empty if None.
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


def render_message(messages: list[Literal]) -> str:
    """Join the result messages, Dutch first, then English, then the rest."""
    order = {"nl": 0, "en": 1}
    ranked = sorted(set(messages), key=lambda m: (order.get(m.language or "", 2), str(m)))
    return " / ".join(str(m) for m in ranked)


def _render_value(value: Node | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, Literal):
        text = '"' + str(value) + '"'
        if value.language:
            return f"{text}@{value.language}"
        if value.datatype is not None:
            return f"{text}^^{short_name(value.datatype)}"
        return text
    if isinstance(value, BNode):
        return "[]"
    return short_name(value)


def sort_violations(violations: list[Violation]) -> list[Violation]:
    """Return the records sorted by severity, file, line, focus node, path and message."""
    return sorted(
        violations,
        key=lambda v: (_SEVERITY_ORDER.get(v.severity, 3), v.file or "", v.line or 0, v.focus, v.path, v.message,
                       v.value or ""),
    )


def results_to_violations(results: Graph, loaded: LoadedGraphs | SourceSet | None = None) -> list[Violation]:
    """Turn a SHACL validation report graph into plain-language records.

    Parameters
    ----------
    results : rdflib.Graph
        The ``sh:ValidationReport`` graph produced by pySHACL.
    loaded : LoadedGraphs or SourceSet, optional
        Used to name the file (and best-effort line) defining each focus node.

    Returns
    -------
    list of Violation
        Sorted by file, line, focus node and message.
    """
    return sort_violations([violation for _focus, violation in result_records(results, loaded)])


def result_records(results: Graph, loaded: LoadedGraphs | SourceSet | None = None) -> list[tuple[str, Violation]]:
    """Like :func:`results_to_violations`, unsorted, each with the focus node's IRI (or blank-node label)."""
    records = []
    line_cache: dict[tuple[str, str], int | None] = {}
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        severity = results.value(result, SH.resultSeverity)
        value = results.value(result, SH.value)
        messages = [m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)]
        file_name = line = None
        if loaded is not None and focus is not None:
            file_name = loaded.file_for(focus)
            if file_name is not None and not isinstance(focus, BNode):
                key = (file_name, str(focus))
                if key not in line_cache:
                    path = loaded.path_for(file_name)
                    line_cache[key] = find_line(path, str(focus)) if path else None
                line = line_cache[key]
        records.append((str(focus), Violation(
            focus=_render_value(focus) or "",
            path=render_path(results, results.value(result, SH.resultPath)),
            message=render_message(messages) or short_name(results.value(result, SH.sourceConstraintComponent)),
            severity=short_name(severity).split(":")[-1] if severity is not None else "Violation",
            file=file_name,
            line=line,
            value=None if value == focus else _render_value(value),
        )))
    return records


def validate(
    loaded: LoadedGraphs | Graph,
    shapes: Graph | Path | str | None = None,
    ontology: Graph | None = None,
) -> list[Violation]:
    """Validate the loaded data against the SHACL shapes.

    The ontology is mixed into the data graph so that ``sh:targetClass``
    follows ``rdfs:subClassOf`` (a ``rdzl:SubProject`` is checked as a
    ``rdzl:Project``). No inference is run: an IRI that is not typed in the
    data stays untyped, which is how a reference to an unknown resource is
    caught.

    Parameters
    ----------
    loaded : LoadedGraphs or rdflib.Graph
        The ontology and data from :func:`rdzl_graph.loading.load` (whose
        subject -> file map names files and lines in the records), or a bare
        data graph.
    shapes : rdflib.Graph or path-like, optional
        Shapes to use; defaults to ``loaded.shapes``, else the packaged
        ``ontology/rdzl-shapes.ttl``.
    ontology : rdflib.Graph, optional
        Ontology to mix in when *loaded* is a bare data graph.

    Returns
    -------
    list of Violation
        Every result, of any severity; empty when the data conforms.

    Raises
    ------
    InputError
        If no shapes are available.
    """
    if isinstance(loaded, Graph):
        loaded = LoadedGraphs(ontology=ontology if ontology is not None else Graph(), data=loaded, shapes=None)
    if shapes is None:
        shapes = loaded.shapes if loaded.shapes is not None else shapes_file()
    if isinstance(shapes, Graph):
        shapes_graph = shapes
    else:
        path = Path(shapes)
        if not path.is_file():
            raise InputError(str(path), None, "SHACL shapes file not found")
        shapes_graph, _raw = parse_turtle(path, str(path))
    data_graph = Graph()
    data_graph += loaded.ontology
    data_graph += loaded.data
    return results_to_violations(run_pyshacl(data_graph, shapes_graph), loaded)


def run_pyshacl(data_graph: Graph, shapes: Graph, use_shapes: list[str] | None = None,
                focus: list[str] | None = None) -> Graph:
    """Run pySHACL with the project's options (:data:`PYSHACL_OPTIONS`) and return the report graph.

    Parameters
    ----------
    data_graph : rdflib.Graph
        Ontology + data; not modified (no inference, no advanced features).
    shapes : rdflib.Graph
        The shapes.
    use_shapes : list of str, optional
        Only these shapes (IRIs).
    focus : list of str, optional
        With *use_shapes*: check exactly these nodes against each of the shapes,
        whether the shapes target them or not.
    """
    from pyshacl import validate as shacl_validate  # imported when needed: it takes 0.1-0.3 s

    _conforms, results, _text = shacl_validate(
        data_graph, shacl_graph=shapes, use_shapes=use_shapes, focus_nodes=focus, **PYSHACL_OPTIONS
    )
    return results


def blocking(violations: list[Violation]) -> list[Violation]:
    """Return only the records with severity ``Violation`` (they fail a build)."""
    return [v for v in violations if v.severity == "Violation"]


# --- validation of the build's Oxigraph store ------------------------------------------------------


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


def _simple_path(shapes: Graph, path: Node) -> bool:
    if isinstance(path, URIRef):
        return True
    inverse = shapes.value(path, SH.inversePath)
    return isinstance(inverse, URIRef) and len(set(shapes.predicate_objects(path))) == 1


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
    >>> from rdzl_graph.resources import shapes_file
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


class RdflibTerms:
    """Convert pyoxigraph terms to rdflib terms, each distinct term once (a cache)."""

    def __init__(self) -> None:
        self._cache: dict[Any, Node] = {}

    def __call__(self, node: Any) -> Node:
        converted = self._cache.get(node)
        if converted is None:
            if isinstance(node, ox.NamedNode):
                converted = URIRef(node.value)
            elif isinstance(node, ox.BlankNode):
                converted = BNode(node.value)
            elif node.language:
                converted = Literal(node.value, lang=node.language)
            elif node.datatype.value == _XSD_STRING:
                converted = Literal(node.value)
            else:
                converted = Literal(node.value, datatype=URIRef(node.datatype.value))
            self._cache[node] = converted
        return converted


def to_rdflib(triples, terms: RdflibTerms | None = None) -> Graph:
    """Build an rdflib graph from pyoxigraph triples or quads (graph names ignored).

    Terms are converted once each (a cache), which with rdflib's own
    ``add`` is about twice as fast as parsing the same triples as N-Triples.
    """
    term = terms or RdflibTerms()
    graph = bind_prefixes(Graph())  # as the reference loader: pySHACL's own messages use them
    add = graph.add
    for triple in triples:
        add((term(triple.subject), term(triple.predicate), term(triple.object)))
    return graph


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
        Working store (graph :data:`rdzl_graph.loading.ASSERTED`).
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


def context_graph(store: ox.Store, nodes: set) -> Graph:
    """The part of the asserted graph that one-step checks on *nodes* can read.

    The nodes' triples in both directions, the ``rdf:type`` triples of their
    neighbours and every ``rdfs:subClassOf`` triple (see the module notes).
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
    return to_rdflib(triples)


def affected_nodes(store: ox.Store, added: list[bytes], removed: list[bytes]) -> set | None:
    """The nodes whose one-step checks a change of the data can alter (see the module notes).

    Parameters
    ----------
    store : pyoxigraph.Store
        Working store after the change (graph :data:`rdzl_graph.loading.ASSERTED`).
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


# --- fast checks: the shapes' constraints evaluated on the store ---------------------------------


class Unsupported(Exception):
    """A shape uses a SHACL feature the fast checks do not implement (pySHACL checks it)."""


_COMPONENTS_BY_PARAMETER = {
    SH.minInclusive: "MinInclusive", SH.maxInclusive: "MaxInclusive",
    SH.minExclusive: "MinExclusive", SH.maxExclusive: "MaxExclusive",
}
_RANGE_TESTS = {
    "MinInclusive": lambda c: c >= 0, "MaxInclusive": lambda c: c <= 0,
    "MinExclusive": lambda c: c > 0, "MaxExclusive": lambda c: c < 0,
}
_NODE_KINDS = {
    SH.IRI: (ox.NamedNode,), SH.BlankNode: (ox.BlankNode,), SH.Literal: (ox.Literal,),
    SH.BlankNodeOrIRI: (ox.BlankNode, ox.NamedNode), SH.BlankNodeOrLiteral: (ox.BlankNode, ox.Literal),
    SH.IRIOrLiteral: (ox.NamedNode, ox.Literal),
}
_ANNOTATIONS = {RDF.type, RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, SKOS.definition,
                OWL.imports, SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.target}


@dataclass(eq=False)
class Spec:
    """A shape compiled for :class:`FastChecks` (only the constraints it implements)."""

    node: Node
    path: Node | None = None
    predicate: ox.NamedNode | None = None
    inverse: bool = False
    min_count: int | None = None
    max_count: int | None = None
    classes: list[ox.NamedNode] = field(default_factory=list)
    datatype: URIRef | None = None
    node_kind: tuple | None = None
    pattern: Any = None
    ranges: list[tuple[str, Literal]] = field(default_factory=list)
    languages: set[str] | None = None
    unique_lang: bool = False
    qualified: "Spec | None" = None
    qualified_min: int | None = None
    qualified_max: int | None = None
    any_of: list[list["Spec"]] = field(default_factory=list)
    all_of: list[list["Spec"]] = field(default_factory=list)
    none_of: list["Spec"] = field(default_factory=list)
    conform_to: list["Spec"] = field(default_factory=list)
    properties: list["Spec"] = field(default_factory=list)
    messages: list[Literal] = field(default_factory=list)
    severity: str = "Violation"
    deactivated: bool = False


def _one(shapes: Graph, shape: Node, parameter: URIRef) -> Node:
    values = list(shapes.objects(shape, parameter))
    if len(values) != 1:
        raise Unsupported(f"{short_name(parameter)} with {len(values)} values")
    return values[0]


def _int(value: Node, parameter: URIRef) -> int:
    if not isinstance(value, Literal) or not isinstance(value.value, int):
        raise Unsupported(f"{short_name(parameter)} is not an integer")
    return int(value.value)


def compile_shape(shapes: Graph, shape: Node, reports: bool = True, stack: tuple = ()) -> Spec:
    """Compile a shape for :class:`FastChecks`, or raise :class:`Unsupported`.

    Parameters
    ----------
    shapes : rdflib.Graph
        The shapes graph.
    shape : rdflib.term.Node
        The shape.
    reports : bool
        Whether the shape's results are reported (a target shape and its
        ``sh:property`` shapes) or only decide conformance (nested shapes).
    """
    import re

    if shape in stack:
        raise Unsupported("a recursive shape")
    stack = (*stack, shape)
    spec = Spec(shape)
    tests = False  # constraints whose results carry this shape's message
    for parameter, value in shapes.predicate_objects(shape):
        if parameter in _ANNOTATIONS or parameter in _TARGETS:
            continue
        if parameter == SH.path:
            if not _simple_path(shapes, value):
                raise Unsupported(f"path {render_path(shapes, value)}")
            spec.path = value
            inverse = shapes.value(value, SH.inversePath) if isinstance(value, BNode) else None
            spec.predicate = ox.NamedNode(str(inverse if inverse is not None else value))
            spec.inverse = inverse is not None
        elif parameter == SH.message:
            spec.messages.append(value)
        elif parameter == SH.severity:
            if not reports:
                raise Unsupported("sh:severity on a nested shape")
            spec.severity = short_name(value).split(":")[-1]
        elif parameter == SH.deactivated:
            spec.deactivated = isinstance(value, Literal) and value.value is True
        elif parameter == SH.minCount:
            spec.min_count, tests = _int(value, parameter), True
        elif parameter == SH.maxCount:
            spec.max_count, tests = _int(value, parameter), True
        elif parameter == SH["class"]:
            if not isinstance(value, URIRef):
                raise Unsupported("sh:class is not an IRI")
            spec.classes.append(ox.NamedNode(str(value)))
            tests = True
        elif parameter == SH.datatype:
            spec.datatype, tests = _one(shapes, shape, parameter), True
        elif parameter == SH.nodeKind:
            kind = _one(shapes, shape, parameter)
            if kind not in _NODE_KINDS:
                raise Unsupported(f"sh:nodeKind {short_name(kind)}")
            spec.node_kind, tests = _NODE_KINDS[kind], True
        elif parameter == SH.pattern:
            if shapes.value(shape, SH.flags) is not None:
                raise Unsupported("sh:flags")
            pattern = _one(shapes, shape, parameter)
            text = str(pattern.value) if isinstance(pattern, Literal) and pattern.value is not None \
                and len(pattern.value) > 1 else str(pattern)
            spec.pattern, tests = re.compile(text), True
        elif parameter in _COMPONENTS_BY_PARAMETER:
            bound = _one(shapes, shape, parameter)
            if not isinstance(bound, Literal):
                raise Unsupported(f"{short_name(parameter)} is not a literal")
            spec.ranges.append((_COMPONENTS_BY_PARAMETER[parameter], bound))
            tests = True
        elif parameter == SH.languageIn:
            languages = list(Collection(shapes, _one(shapes, shape, parameter)))
            if not all(isinstance(lang, Literal) and isinstance(lang.value, str) for lang in languages):
                raise Unsupported("sh:languageIn with a non-string member")
            spec.languages, tests = {str(lang.value).lower() for lang in languages}, True
        elif parameter == SH.uniqueLang:
            spec.unique_lang = isinstance(value, Literal) and value.value is True
            tests = True
        elif parameter == SH.qualifiedValueShape:
            if (shapes.value(shape, SH.qualifiedValueShapesDisjoint) or Literal(False)).value is True:
                raise Unsupported("sh:qualifiedValueShapesDisjoint")
            spec.qualified = compile_shape(shapes, _one(shapes, shape, parameter), False, stack)
            tests = True
        elif parameter == SH.qualifiedMinCount:
            spec.qualified_min = _int(value, parameter)
        elif parameter == SH.qualifiedMaxCount:
            spec.qualified_max = _int(value, parameter)
        elif parameter == SH.qualifiedValueShapesDisjoint:
            continue
        elif parameter in (SH["or"], SH["and"]):
            members = [compile_shape(shapes, m, False, stack) for m in Collection(shapes, value)]
            (spec.any_of if parameter == SH["or"] else spec.all_of).append(members)
            tests = True
        elif parameter == SH["not"]:
            spec.none_of.append(compile_shape(shapes, value, False, stack))
            tests = True
        elif parameter == SH.node:
            if reports:  # pySHACL reports the nested shape's results too (sh:detail)
                raise Unsupported("sh:node on a reported shape")
            spec.conform_to.append(compile_shape(shapes, value, False, stack))
            tests = True
        elif parameter == SH.property:
            spec.properties.append(compile_shape(shapes, value, reports, stack))
        else:
            raise Unsupported(f"{short_name(parameter)}")
    if spec.path is None and (spec.min_count is not None or spec.max_count is not None or spec.unique_lang
                              or spec.qualified is not None):
        raise Unsupported("a count on a node shape")
    if (spec.qualified is None) != (spec.qualified_min is None and spec.qualified_max is None):
        raise Unsupported("an incomplete qualified value shape")
    if reports and tests and not spec.deactivated and not spec.messages:
        raise Unsupported("a reported constraint without sh:message")
    return spec


Hit = tuple  # (focus node, Spec that reports, value node or None)


class FastChecks:
    """The shapes' constraints evaluated directly on the build's store, like pySHACL would.

    Every constraint mirrors pySHACL's own test (the literal tests call
    pySHACL's helpers on the rdflib form of the value, as pySHACL sees it on
    the graph :func:`to_rdflib` builds); a shape using anything else raises
    :class:`Unsupported` in :func:`compile_shape` and is left to pySHACL.
    The tests compare both on data breaking every rule.

    Parameters
    ----------
    store : pyoxigraph.Store
        Working store (graph :data:`rdzl_graph.loading.ASSERTED`).
    bulk : bool
        Read each predicate once for all subjects (many focus nodes) instead
        of looking values up node by node (few focus nodes).
    """

    def __init__(self, store: ox.Store, bulk: bool = False) -> None:
        self.store = store
        self.bulk = bulk
        self.terms = RdflibTerms()
        self._tables: dict[tuple, dict] = {}
        self._memo: dict[tuple, tuple] = {}
        self._superclasses: dict[ox.NamedNode, set] = {}

    # graph access ------------------------------------------------------------------------------------

    def _index(self, predicate: ox.NamedNode, inverse: bool) -> dict:
        """Subject -> objects (or, *inverse*, object -> subjects) of *predicate*, read once."""
        table = {}
        quads = self.store.quads_for_pattern(None, predicate, None, ASSERTED)
        if inverse:
            for quad in quads:
                table.setdefault(quad.object, []).append(quad.subject)
        else:
            for quad in quads:
                table.setdefault(quad.subject, []).append(quad.object)
        self._tables[(predicate, inverse)] = table
        return table

    def values(self, node: Any, predicate: ox.NamedNode, inverse: bool = False) -> tuple | list:
        """Distinct objects (or, *inverse*, subjects) of *predicate* for *node* (a graph has no duplicates)."""
        if isinstance(node, ox.Literal) and not inverse:
            return ()
        if self.bulk:
            table = self._tables.get((predicate, inverse))
            if table is None:
                table = self._index(predicate, inverse)
            return table.get(node, ())
        key = (node, predicate, inverse)
        found = self._memo.get(key)
        if found is None:
            quads = (self.store.quads_for_pattern(None, predicate, node, ASSERTED) if inverse
                     else self.store.quads_for_pattern(node, predicate, None, ASSERTED))
            found = tuple(q.subject if inverse else q.object for q in quads)
            self._memo[key] = found
        return found

    def _is_instance(self, node: Any, cls: ox.NamedNode) -> bool:
        if isinstance(node, ox.Literal):
            return False
        for kind in self.values(node, _RDF_TYPE):
            supers = self._superclasses.get(kind)
            if supers is None:
                supers, todo = set(), [kind]
                while todo:
                    current = todo.pop()
                    if current not in supers:
                        supers.add(current)
                        todo.extend(self.values(current, _SUBCLASS))
                self._superclasses[kind] = supers
            if cls in supers:
                return True
        return False

    # constraint tests (as pySHACL's components) ----------------------------------------------------

    def _datatype_ok(self, node: Any, rule: URIRef) -> bool:
        from pyshacl.constraints.core.value_constraints import DatatypeConstraintComponent as Datatype

        if not isinstance(node, ox.Literal):
            return False
        value = self.terms(node)
        if value.datatype == rule:
            return getattr(value, "ill_typed", None) is not True and Datatype._assert_actual_datatype(None, value, rule)
        if rule == RDFS.Literal:
            return True
        if rule == RDFS.Datatype and value.datatype:
            return True
        if value.datatype is None and value.language is None and rule == XSD.string:
            return Datatype._assert_actual_datatype(None, value, rule)
        if rule == RDF.langString and value.language:
            return Datatype._assert_actual_datatype(None, value, rule)
        return False

    def _pattern_ok(self, node: Any, pattern: Any) -> bool:
        from pyshacl.constraints.core.string_based_constraints import StringBasedConstraintBase

        if isinstance(node, ox.BlankNode):
            return False
        text = StringBasedConstraintBase.value_node_to_string(self.terms(node))
        return bool(pattern.match(text) or pattern.search(text))

    def _range_ok(self, node: Any, component: str, bound: Literal) -> bool:
        from pyshacl.rdfutil.compare import compare_literal

        if not isinstance(node, ox.Literal):
            return False
        value = self.terms(node)
        if isinstance(bound.value, str) != isinstance(value.value, str):
            return False
        try:
            return _RANGE_TESTS[component](compare_literal(value, bound))
        except (TypeError, NotImplementedError):
            return False

    def _language_ok(self, node: Any, languages: set[str]) -> bool:
        if not isinstance(node, ox.Literal) or not node.language:
            return False
        lang = node.language.lower()
        return "*" in languages or lang in languages or lang.split("-")[0] in languages

    # shapes --------------------------------------------------------------------------------------------

    def conforms(self, spec: Spec, node: Any) -> bool:
        """Whether *node* conforms to a (nested) shape."""
        return not self.hits(spec, node, first=True)

    def hits(self, spec: Spec, focus: Any, first: bool = False) -> list[Hit]:
        """The results of checking *focus* against *spec* (with *first*: stop at the first)."""
        if spec.deactivated:
            return []
        if spec.path is None:
            values: tuple = (focus,)
        else:
            values = self.values(focus, spec.predicate, spec.inverse)
        found: list[Hit] = []

        def hit(value: Any) -> bool:
            found.append((focus, spec, value))
            return first

        if spec.min_count is not None and spec.min_count > 0 and len(values) < spec.min_count and hit(None):
            return found
        if spec.max_count is not None and len(values) > spec.max_count and hit(None):
            return found
        for cls in spec.classes:
            for value in values:
                if not self._is_instance(value, cls) and hit(value):
                    return found
        for value in values:
            if spec.datatype is not None and not self._datatype_ok(value, spec.datatype) and hit(value):
                return found
            if spec.node_kind is not None and not isinstance(value, spec.node_kind) and hit(value):
                return found
            if spec.pattern is not None and not self._pattern_ok(value, spec.pattern) and hit(value):
                return found
            for component, bound in spec.ranges:
                if not self._range_ok(value, component, bound) and hit(value):
                    return found
            if spec.languages is not None and not self._language_ok(value, spec.languages) and hit(value):
                return found
        if spec.unique_lang:
            seen: set[str] = set()
            duplicated: list[str] = []
            for value in values:
                if isinstance(value, ox.Literal) and value.language:
                    lang = value.language.lower()
                    if lang in seen and lang not in duplicated:
                        duplicated.append(lang)
                    seen.add(lang)
            for _lang in duplicated:
                if hit(None):
                    return found
        if spec.qualified is not None:
            count = sum(1 for value in values if self.conforms(spec.qualified, value))
            if spec.qualified_max is not None and count > spec.qualified_max and hit(None):
                return found
            if spec.qualified_min is not None and count < spec.qualified_min and hit(None):
                return found
        for members in spec.any_of:
            for value in values:
                if not any(self.conforms(m, value) for m in members) and hit(value):
                    return found
        for members in spec.all_of:
            for value in values:
                if not all(self.conforms(m, value) for m in members) and hit(value):
                    return found
        for other in spec.none_of:
            for value in values:
                if self.conforms(other, value) and hit(value):
                    return found
        for other in spec.conform_to:
            for value in values:
                if not self.conforms(other, value) and hit(value):
                    return found
        for prop in spec.properties:
            for value in values:
                found.extend(self.hits(prop, value, first))
                if first and found:
                    return found
        return found

    def records(self, shapes: Graph, hits: list[Hit], sources: SourceSet | None) -> list[tuple[str, Violation]]:
        """Turn results into ``(focus IRI, Violation)`` records, as :func:`result_records` does."""
        records = []
        places: dict[Any, tuple[str | None, int | None]] = {}
        for focus, spec, value in hits:
            node = self.terms(focus)
            if focus not in places:
                file_name = line = None
                if sources is not None:
                    file_name = sources.file_for(focus)
                    if file_name is not None and not isinstance(focus, ox.BlankNode):
                        path = sources.path_for(file_name)
                        line = find_line(path, focus.value) if path else None
                places[focus] = (file_name, line)
            file_name, line = places[focus]
            records.append((str(node), Violation(
                focus=_render_value(node) or "",
                path=render_path(shapes, spec.path),
                message=render_message(spec.messages),
                severity=spec.severity,
                file=file_name,
                line=line,
                value=None if value is None or value == focus else _render_value(self.terms(value)),
            )))
        return records


@dataclass
class ValidationRun:
    """What :func:`validate_sources` checked and found.

    Attributes
    ----------
    records : list of (str, Violation)
        Every result with the focus node's IRI, sorted like :func:`sort_violations`.
    scope : str
        ``all`` or ``focus``.
    focus_nodes : int
        Focus nodes checked (all targets for ``all``).
    shapes : dict
        Shape name -> focus nodes it checked.
    full_shapes : dict
        Shape name -> why it was validated in full (``focus`` scope only).
    engine : str
        ``fast`` or ``pyshacl`` (see :func:`validate_sources`).
    pyshacl_shapes : dict
        Shape name -> why pySHACL checked it (the fast checks do not implement something it uses).
    timings : dict
        ``fast`` (the fast checks), ``graph`` (building rdflib graphs) and ``pyshacl`` seconds.
    """

    records: list[tuple[str, Violation]] = field(default_factory=list)
    scope: str = "all"
    focus_nodes: int = 0
    shapes: dict[str, int] = field(default_factory=dict)
    full_shapes: dict[str, str] = field(default_factory=dict)
    engine: str = "fast"
    pyshacl_shapes: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def violations(self) -> list[Violation]:
        """The records without the IRIs."""
        return [violation for _focus, violation in self.records]

    def summary(self) -> dict[str, Any]:
        """Plain data for ``build-info.json``."""
        data = asdict(self)
        del data["records"]
        data["timings"] = {k: round(v, 4) for k, v in self.timings.items()}
        return data


def _timed(run: ValidationRun, key: str, start: float) -> None:
    import time
    run.timings[key] = run.timings.get(key, 0.0) + time.perf_counter() - start


def targeted_shapes(shapes: Graph, plan: list[ShapeInfo], focus: dict[ShapeInfo, set],
                    keep: list[ShapeInfo] = ()) -> Graph:
    """A copy of *shapes* in which each planned shape targets exactly the given nodes.

    The target declarations of every shape in *plan* but those in *keep* are removed, and each
    shape in *focus* gets one ``sh:targetNode`` per node: pySHACL then checks
    those nodes with its normal machinery, nested and referenced shapes
    included (its ``focus_nodes``/``use_shapes`` options would either filter
    in quadratic time or drop referenced shapes such as ``rdzlsh:DutchLiteral``).
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


ENGINES = ("fast", "pyshacl")
BULK_FOCUS = 2000  # from this many focus nodes on, FastChecks reads whole predicates at once


def validate_sources(sources: SourceSet, focus: set | None = None, engine: str = "fast") -> ValidationRun:
    """Validate the build's store: everything, or only what *focus* nodes' checks see.

    Parameters
    ----------
    sources : SourceSet
        The loaded inputs (graph :data:`rdzl_graph.loading.ASSERTED` = ontology + data).
    focus : set of pyoxigraph nodes, optional
        Validate only these nodes (see :func:`affected_nodes`); shapes for
        which that is not sound (:func:`shape_plan`) are validated in full.
        None: validate everything, as :func:`validate` does.
    engine : {"fast", "pyshacl"}
        ``fast``: :class:`FastChecks` for every shape it implements, pySHACL
        for the others; ``pyshacl``: pySHACL for all (the reference).

    Returns
    -------
    ValidationRun
        The results (records name the file and line of each focus node) and what was checked.
    """
    import time

    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r}; expected one of {ENGINES}")
    store, shapes = sources.store, sources.shapes
    run = ValidationRun(scope="all" if focus is None else "focus", engine=engine)
    plan = shape_plan(shapes)
    full = [info for info in plan if focus is None or info.full_reason is not None]
    if focus is not None:
        run.full_shapes = {info.name: info.full_reason for info in full}
    nodes = {info: targets(store, info) if info in full else targets(store, info, focus) for info in plan}
    run.shapes = {info.name: len(found) for info, found in nodes.items()}
    run.focus_nodes = len(set().union(*nodes.values())) if nodes else 0

    fast: dict[ShapeInfo, Spec] = {}
    if engine == "fast":
        for info in plan:
            try:
                fast[info] = compile_shape(shapes, info.shape)
            except Unsupported as exc:
                run.pyshacl_shapes[info.name] = str(exc)
    else:
        run.pyshacl_shapes = {info.name: "--validator pyshacl" for info in plan}
    records: list[tuple[str, Violation]] = []
    if fast:
        start = time.perf_counter()
        checks = FastChecks(store, bulk=sum(len(nodes[info]) for info in fast) >= BULK_FOCUS)
        hits = [hit for info, spec in fast.items() for node in nodes[info] for hit in checks.hits(spec, node)]
        records += checks.records(shapes, hits, sources)
        _timed(run, "fast", start)

    slow = [info for info in plan if info not in fast]
    slow_full = [info for info in slow if info in full]
    slow_focus = {info: nodes[info] for info in slow if info not in full and nodes[info]}
    if slow_full:
        start = time.perf_counter()
        graph = to_rdflib(store.quads_for_pattern(None, None, None, ASSERTED))
        _timed(run, "graph", start)
        start = time.perf_counter()
        if focus is None and not fast:
            records += result_records(run_pyshacl(graph, shapes), sources)
        else:
            targeted = targeted_shapes(shapes, plan, slow_focus, keep=slow_full)
            records += result_records(run_pyshacl(graph, targeted), sources)
            slow_focus = {}
        _timed(run, "pyshacl", start)
    if slow_focus:
        start = time.perf_counter()
        graph = context_graph(store, set().union(*slow_focus.values()))
        _timed(run, "graph", start)
        start = time.perf_counter()
        records += result_records(run_pyshacl(graph, targeted_shapes(shapes, plan, slow_focus)), sources)
        _timed(run, "pyshacl", start)
    run.records = _sorted_records(records)
    return run


def _sorted_records(records: list[tuple[str, Violation]]) -> list[tuple[str, Violation]]:
    order = {id(v): i for i, v in enumerate(sort_violations([v for _f, v in records]))}
    return sorted(records, key=lambda r: order[id(r[1])])
