"""Check the data against the SHACL data contract (ontology/rdzl-shapes.ttl): the public API.

The data graph is the ontology mixed with the data, without inference. Entry points:

- :func:`validate`: the reference, pySHACL on the rdflib graphs of
  :func:`rdzl_graph.core.loading.load`.
- :func:`validate_sources`: the build's, on the Oxigraph store of
  :func:`rdzl_graph.core.loading.load_sources`, everything (``focus=None``) or
  only given focus nodes. Engine ``fast`` (default): pyshacl-turbo, a SHACL
  engine in Rust with pySHACL's API and results, reading a pyoxigraph store
  (:func:`run_turbo`); engine ``pyshacl``: pySHACL, on an rdflib graph built
  term by term from the store (:func:`to_rdflib`, about twice as fast as
  parsing Turtle with rdflib). The tests hold both to the reference; the
  measured figures are in ``bench/results/shacl-engines.md``.

The work is split over four modules: this one (the API above, the engines and
their input, :class:`ValidationRun`), :mod:`rdzl_graph.validation.rendering` (the
report graph in plain words: :func:`results_to_violations`, :func:`blocking`),
:mod:`rdzl_graph.validation.validation_scope` (the scope of changed-only validation
and why focused checks are sound: :func:`shape_plan`, :func:`affected_nodes`,
:func:`context_graph`, :func:`targeted_shapes`), and :mod:`rdzl_graph.validation.projection` (what the fast
engine reads of a full validation: only the predicates the shapes can read); the names
callers use are re-exported here.

rdflib logs a warning with a traceback for each literal whose text does not fit
its datatype (``"700.000,00"^^xsd:decimal``); the shapes report such a value in plain
words, so the engines run under :func:`quiet_ill_typed_literals`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..core.errors import InputError, Violation
from ..core.loading import parse_turtle
from ..core.namespaces import bind_prefixes
from ..core.resources import shapes_file
from ..core.sources import ASSERTED, LoadedGraphs, SourceSet
from .engines import ENGINES
from .projection import projected_store, read_predicates
from .rendering import blocking, render_message, result_records, results_to_violations, sort_violations
from .validation_scope import (
    ShapeInfo,
    affected_nodes,
    context_graph,
    render_path,
    shape_plan,
    targeted_shapes,
    targets,
)

__all__ = [
    # this module
    "ENGINES", "PYSHACL_OPTIONS", "RdflibTerms", "ValidationRun", "quiet_ill_typed_literals", "run_pyshacl",
    "run_turbo", "to_rdflib", "validate", "validate_sources",
    # re-exported from rdzl_graph.validation.rendering
    "blocking", "render_message", "result_records", "results_to_violations", "sort_violations",
    # re-exported from rdzl_graph.validation.validation_scope
    "ShapeInfo", "affected_nodes", "context_graph", "render_path", "shape_plan",
    "targeted_shapes", "targets",
]

PYSHACL_OPTIONS: dict[str, Any] = {
    "inference": "none",
    "advanced": False,
    "abort_on_first": False,
    "allow_warnings": True,
    "inplace": True,
}

_XSD_STRING = str(XSD.string)
_ILL_TYPED = "Failed to convert Literal lexical form to value"


class _IllTypedLiterals(logging.Filter):
    """Drops rdflib's warning (and traceback) for a literal whose text does not fit its datatype."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_ILL_TYPED)


@contextmanager
def quiet_ill_typed_literals() -> Iterator[None]:
    """Within the block, rdflib does not log ill-typed literals (the data contract reports them).

    Only that one warning of the ``rdflib.term`` logger is held back, and only while the block runs.

    Examples
    --------
    >>> with quiet_ill_typed_literals():
    ...     Literal("700.000,00", datatype=XSD.decimal).value is None
    True
    """
    logger = logging.getLogger("rdflib.term")
    quiet = _IllTypedLiterals()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


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
        The ontology and data from :func:`rdzl_graph.core.loading.load` (whose
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
    with quiet_ill_typed_literals():
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


def run_turbo(data: ox.Store, shapes: Graph) -> Graph:
    """Run pyshacl-turbo with pySHACL's options of :func:`run_pyshacl` and return the report graph.

    Parameters
    ----------
    data : pyoxigraph.Store
        Ontology + data; the engine validates the union of the store's graphs
        (so it gets a store of the asserted graph alone), and reads it without
        changing it.
    shapes : rdflib.Graph
        The shapes.
    """
    from pyshacl_turbo import compile_shapes  # imported when needed, as pySHACL

    # the compiled shapes read the store once; pyshacl_turbo.validate dumps it twice (the second
    # copy is for an inplace commit, which is never asked for; measured in bench/results/house.md)
    program = compile_shapes(shapes, advanced=PYSHACL_OPTIONS["advanced"])
    _conforms, results, _text = program.validate(
        data, inference=None, allow_warnings=PYSHACL_OPTIONS["allow_warnings"],
        abort_on_first=PYSHACL_OPTIONS["abort_on_first"])
    return results


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
    unprojected : str or None
        Engine ``fast``: why it read every triple of the asserted graph (the shapes can read any
        predicate: ``sh:closed``, ``sh:sparql``, a parameter not known; see
        :func:`rdzl_graph.validation.projection.read_predicates`); None if it read only the
        predicates the shapes can read. Left out of :meth:`summary` when None.
    timings : dict
        ``graph`` (preparing the engine's input) and ``shacl`` (the engine) seconds.
    """

    records: list[tuple[str, Violation]] = field(default_factory=list)
    scope: str = "all"
    focus_nodes: int = 0
    shapes: dict[str, int] = field(default_factory=dict)
    full_shapes: dict[str, str] = field(default_factory=dict)
    engine: str = "fast"
    unprojected: str | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def violations(self) -> list[Violation]:
        """The records without the IRIs."""
        return [violation for _focus, violation in self.records]

    def summary(self) -> dict[str, Any]:
        """Plain data for ``build-info.json``."""
        data = asdict(self)
        del data["records"]
        if data["unprojected"] is None:
            del data["unprojected"]
        data["timings"] = {k: round(v, 4) for k, v in self.timings.items()}
        return data


def _check(run: ValidationRun, data: ox.Store, shapes: Graph, graph: ox.NamedNode | ox.DefaultGraph,
           lines: Iterable[bytes] | None = None) -> Graph:
    """Validate *graph* of *data* against *shapes* with the run's engine; the report graph.

    The fast engine gets a store of the asserted graph with only the predicates *shapes* can read
    (made from *lines*, the asserted graph's N-Triples lines, if given).
    """
    import time

    start = time.perf_counter()
    if run.engine == "fast":
        if graph != ox.DefaultGraph():
            projection = read_predicates(shapes)
            run.unprojected = projection.reason
            data = projected_store(data, projection, lines)
        checked = time.perf_counter()
        report = run_turbo(data, shapes)
    else:
        rdf = to_rdflib(data.quads_for_pattern(None, None, None, graph))
        checked = time.perf_counter()
        report = run_pyshacl(rdf, shapes)
    run.timings["graph"] = run.timings.get("graph", 0.0) + checked - start
    run.timings["shacl"] = run.timings.get("shacl", 0.0) + time.perf_counter() - checked
    return report


def validate_sources(sources: SourceSet, focus: set | None = None, engine: str = "fast",
                     lines: Iterable[bytes] | None = None) -> ValidationRun:
    """Validate the build's store: everything, or only what *focus* nodes' checks see.

    Parameters
    ----------
    sources : SourceSet
        The loaded inputs (graph :data:`rdzl_graph.core.sources.ASSERTED` = ontology + data).
    focus : set of pyoxigraph nodes, optional
        Validate only these nodes (see :func:`affected_nodes`): each shape
        checks its focus nodes among them on :func:`context_graph`; shapes
        for which that is not sound (:func:`shape_plan`) are validated in full,
        on the whole asserted graph. None: validate everything, as
        :func:`validate` does.
    engine : {"fast", "pyshacl"}
        ``fast``: pyshacl-turbo on a store of the asserted graph
        (:func:`run_turbo`); ``pyshacl``: pySHACL on an rdflib graph of it
        (:func:`run_pyshacl`, the reference). Both give pySHACL's results. The fast engine
        reads only the predicates the shapes can read
        (:func:`rdzl_graph.validation.projection.read_predicates`).
    lines : iterable of bytes, optional
        The asserted graph as N-Triples lines, if at hand (the build has them: this saves
        dumping it); they must be the store's own (blank nodes as labelled there).

    Returns
    -------
    ValidationRun
        The results (records name the file and line of each focus node) and what was checked.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r}; expected one of {ENGINES}")
    with quiet_ill_typed_literals():
        return _validate_sources(sources, focus, engine, lines)


def _validate_sources(sources: SourceSet, focus: set | None, engine: str,
                      lines: Iterable[bytes] | None) -> ValidationRun:
    store, shapes = sources.store, sources.shapes
    run = ValidationRun(scope="all" if focus is None else "focus", engine=engine)
    plan = shape_plan(shapes)
    full = [info for info in plan if focus is None or info.full_reason is not None]
    if focus is not None:
        run.full_shapes = {info.name: info.full_reason for info in full}
    nodes = {info: targets(store, info) if info in full else targets(store, info, focus) for info in plan}
    run.shapes = {info.name: len(found) for info, found in nodes.items()}
    run.focus_nodes = len(set().union(*nodes.values())) if nodes else 0

    focused = {info: nodes[info] for info in plan if info not in full and nodes[info]}
    if focus is None:
        report = _check(run, store, shapes, ASSERTED, lines)
    elif full:  # the whole graph, with the focused shapes restricted to their nodes
        report = _check(run, store, targeted_shapes(shapes, plan, focused, keep=full), ASSERTED, lines)
    elif focused:
        context = context_graph(store, set().union(*focused.values()))
        report = _check(run, context, targeted_shapes(shapes, plan, focused), ox.DefaultGraph())
    else:
        report = Graph()
    run.records = _sorted_records(result_records(report, sources))
    return run


def _sorted_records(records: list[tuple[str, Violation]]) -> list[tuple[str, Violation]]:
    order = {id(v): i for i, v in enumerate(sort_violations([v for _f, v in records]))}
    return sorted(records, key=lambda r: order[id(r[1])])
