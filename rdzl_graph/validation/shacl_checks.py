"""Fast SHACL checks: the shapes' constraints evaluated directly on the build's Oxigraph store.

:func:`compile_shape` turns a shape into a :class:`Spec`, or raises
:class:`Unsupported` naming the SHACL feature it does not implement (that
shape then goes to pySHACL). :class:`FastChecks` evaluates compiled shapes
on the store with pySHACL's semantics (its helpers are called for literal
tests), about 10x faster than pySHACL. The tests hold it to the reference,
:func:`rdzl_graph.validation.validate.validate`.

Also here, as the lowest of the validation modules (used by
:mod:`rdzl_graph.validation.validation_scope` and :mod:`rdzl_graph.validation.validate`):
rendering of SHACL terms and property paths in results (:func:`render_path`,
:func:`render_message`), the test for one-step paths, and the conversion of
pyoxigraph terms to rdflib (:class:`RdflibTerms`, :func:`to_rdflib`, about
twice as fast as parsing Turtle with rdflib).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, XSD
from rdflib.term import Node

from ..core.errors import Violation
from ..core.sources import ASSERTED, SourceSet, find_line
from ..core.namespaces import bind_prefixes, short_name

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
_XSD_STRING = str(XSD.string)
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


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


def _simple_path(shapes: Graph, path: Node) -> bool:
    if isinstance(path, URIRef):
        return True
    inverse = shapes.value(path, SH.inversePath)
    return isinstance(inverse, URIRef) and len(set(shapes.predicate_objects(path))) == 1



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
        Working store (graph :data:`rdzl_graph.core.sources.ASSERTED`).
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
        """Turn results into ``(focus IRI, Violation)`` records, as :func:`rdzl_graph.validation.validate.result_records` does."""
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
