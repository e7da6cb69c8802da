"""Check the data against the SHACL data contract (ontology/rdzl-shapes.ttl).

pySHACL does the checking, on rdflib graphs, with the ontology mixed into the
data graph and no inference. Two entry points:

- :func:`validate`: the reference, on the rdflib graphs of
  :func:`rdzl_graph.loading.load`.
- :func:`validate_sources`: the build's, on the Oxigraph store of
  :func:`rdzl_graph.loading.load_sources`. With ``focus=None`` everything is
  validated (the asserted graph is turned into an rdflib graph term by term,
  about twice as fast as parsing Turtle with rdflib). With a set of focus
  nodes (:func:`affected_nodes` of a change) each shape checks only the
  focus nodes it targets, on a small graph holding what those checks can
  see.

Soundness of the focused check. :func:`shape_plan` accepts a shape for it
only if every check stays within one step of the focus node: property paths
are a predicate or an inverse predicate from the focus node; nested shapes
(``sh:node``, ``sh:or``, ``sh:qualifiedValueShape`` ...) on the values only
test the value term itself (datatype, language, pattern ...) or its
``rdf:type`` (``sh:class``). Such a result depends only on the focus node's
own triples (both directions), the ``rdf:type`` triples of its neighbours
and ``rdfs:subClassOf``; :func:`context_graph` holds exactly these. A change
can alter it only if a changed triple has the focus node as subject or
object, or changes the type of a neighbour, which is what
:func:`affected_nodes` collects; a changed ``rdfs:subClassOf`` triple or a
blank node makes it give up (validate all). Shapes that fail the test (or
have implicit class targets, or are blank nodes) are validated in full.
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
from .loading import ASSERTED, LoadedGraphs, SourceSet, find_line, parse_turtle, to_ox_node
from .namespaces import short_name
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
        reason = None
        if not isinstance(shape, URIRef):
            reason = "it is a blank node"
        elif set(shapes.objects(shape, RDF.type)) & class_types:
            reason = "it has implicit class targets"
        elif any(not isinstance(o, URIRef) for p in _TARGETS for o in shapes.objects(shape, p)):
            reason = "a target is not an IRI"
        else:
            reason = _locality(shapes, shape, 0, frozenset())
        plan.append(ShapeInfo(shape, iris(SH.targetClass), iris(SH.targetNode), iris(SH.targetSubjectsOf),
                              iris(SH.targetObjectsOf), reason))
    return sorted(plan, key=lambda s: s.name)


def to_rdflib(triples) -> Graph:
    """Build an rdflib graph from pyoxigraph triples or quads (graph names ignored).

    Terms are converted once each (a cache), which with rdflib's own
    ``add`` is about twice as fast as parsing the same triples as N-Triples.
    """
    cache: dict[Any, Node] = {}

    def term(node: Any) -> Node:
        converted = cache.get(node)
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
            cache[node] = converted
        return converted

    graph = Graph()
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
    timings : dict
        ``graph`` (building rdflib graphs) and ``pyshacl`` seconds.
    """

    records: list[tuple[str, Violation]] = field(default_factory=list)
    scope: str = "all"
    focus_nodes: int = 0
    shapes: dict[str, int] = field(default_factory=dict)
    full_shapes: dict[str, str] = field(default_factory=dict)
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
    graph = Graph()
    for triple in shapes:
        graph.add(triple)
    for info in plan:
        if info in keep:
            continue
        for predicate in _TARGETS:
            graph.remove((info.shape, predicate, None))
    for info, nodes in focus.items():
        for node in nodes:
            graph.add((info.shape, SH.targetNode, URIRef(node.value) if isinstance(node, ox.NamedNode) else BNode(node.value)))
    return graph


def validate_sources(sources: SourceSet, focus: set | None = None) -> ValidationRun:
    """Validate the build's store: everything, or only what *focus* nodes' checks see.

    Parameters
    ----------
    sources : SourceSet
        The loaded inputs (graph :data:`rdzl_graph.loading.ASSERTED` = ontology + data).
    focus : set of pyoxigraph nodes, optional
        Validate only these nodes (see :func:`affected_nodes`); shapes for
        which that is not sound (:func:`shape_plan`) are validated in full.
        None: validate everything, as :func:`validate` does.

    Returns
    -------
    ValidationRun
        The results (records name the file and line of each focus node) and what was checked.
    """
    import time

    store, shapes = sources.store, sources.shapes
    run = ValidationRun(scope="all" if focus is None else "focus")
    plan = shape_plan(shapes)
    full = [info for info in plan if focus is None or info.full_reason is not None]
    if focus is not None:
        run.full_shapes = {info.name: info.full_reason for info in full}
    chosen = {info: targets(store, info, focus) for info in plan if info not in full}
    checked: set = set()
    for info in full:
        nodes = targets(store, info)
        run.shapes[info.name] = len(nodes)
        checked |= nodes
    for info, nodes in chosen.items():
        run.shapes[info.name] = len(nodes)
        checked |= nodes
    run.focus_nodes = len(checked)
    records: list[tuple[str, Violation]] = []
    start = time.perf_counter()
    if full:
        graph = to_rdflib(store.quads_for_pattern(None, None, None, ASSERTED))
        _timed(run, "graph", start)
        start = time.perf_counter()
        if focus is None:
            records += result_records(run_pyshacl(graph, shapes), sources)
        else:
            records += result_records(run_pyshacl(graph, targeted_shapes(shapes, plan, chosen, keep=full)), sources)
            chosen = {}
        _timed(run, "pyshacl", start)
    chosen = {info: nodes for info, nodes in chosen.items() if nodes}
    if chosen:
        start = time.perf_counter()
        graph = context_graph(store, set().union(*chosen.values()))
        _timed(run, "graph", start)
        start = time.perf_counter()
        records += result_records(run_pyshacl(graph, targeted_shapes(shapes, plan, chosen)), sources)
        _timed(run, "pyshacl", start)
    run.records = _sorted_records(records)
    return run


def _sorted_records(records: list[tuple[str, Violation]]) -> list[tuple[str, Violation]]:
    order = {id(v): i for i, v in enumerate(sort_violations([v for _f, v in records]))}
    return sorted(records, key=lambda r: order[id(r[1])])
