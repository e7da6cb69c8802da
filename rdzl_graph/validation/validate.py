"""Check the data against the SHACL data contract (ontology/rdzl-shapes.ttl): the public API.

The data graph is the ontology mixed with the data, without inference. Entry points:

- :func:`validate`: the reference, pySHACL on the rdflib graphs of
  :func:`rdzl_graph.core.loading.load`.
- :func:`validate_sources`: the build's, on the Oxigraph store of
  :func:`rdzl_graph.core.loading.load_sources`, everything (``focus=None``) or
  only given focus nodes. Engine ``fast`` (default): :class:`FastChecks`
  evaluates the shapes' constraints on the store, with pySHACL's semantics
  (its helpers are called for literal tests), about 10x faster than pySHACL;
  a shape using a feature it does not implement (:func:`compile_shape`
  says which) goes to pySHACL. Engine ``pyshacl``: pySHACL for all, on an
  rdflib graph built term by term from the store (about twice as fast as
  parsing Turtle with rdflib). The tests hold both to the reference.

The work is split over three modules:

- this one: the API above, the pySHACL reference (:func:`run_pyshacl`),
  result rendering (:func:`results_to_violations`, :func:`blocking`) and
  :class:`ValidationRun`;
- :mod:`rdzl_graph.validation.shacl_checks`: the fast checks (:func:`compile_shape`,
  :class:`FastChecks`) and the term conversion to rdflib (:func:`to_rdflib`);
- :mod:`rdzl_graph.validation.validation_scope`: the scope of changed-only validation
  and why focused checks are sound (:func:`shape_plan`,
  :func:`affected_nodes`, :func:`context_graph`, :func:`targeted_shapes`).

The names of the other two that callers use are re-exported here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH

from ..core.errors import InputError, Violation
from ..core.loading import parse_turtle
from ..core.sources import ASSERTED, LoadedGraphs, SourceSet, find_line
from ..core.namespaces import short_name
from ..core.resources import shapes_file
from .shacl_checks import (
    FastChecks,
    Hit,
    RdflibTerms,
    Spec,
    Unsupported,
    _render_value,
    compile_shape,
    render_message,
    render_path,
    to_rdflib,
)
from .validation_scope import ShapeInfo, affected_nodes, context_graph, shape_plan, targeted_shapes, targets

__all__ = [
    # this module
    "BULK_FOCUS", "ENGINES", "PYSHACL_OPTIONS", "ValidationRun", "blocking", "result_records",
    "results_to_violations", "run_pyshacl", "sort_violations", "validate", "validate_sources",
    # re-exported from rdzl_graph.validation.shacl_checks
    "FastChecks", "Hit", "RdflibTerms", "Spec", "Unsupported", "compile_shape", "render_message", "render_path",
    "to_rdflib",
    # re-exported from rdzl_graph.validation.validation_scope
    "ShapeInfo", "affected_nodes", "context_graph", "shape_plan", "targeted_shapes", "targets",
]

PYSHACL_OPTIONS: dict[str, Any] = {
    "inference": "none",
    "advanced": False,
    "abort_on_first": False,
    "allow_warnings": True,
    "inplace": True,
}

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


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


ENGINES = ("fast", "pyshacl")
BULK_FOCUS = 2000  # from this many focus nodes on, FastChecks reads whole predicates at once


def validate_sources(sources: SourceSet, focus: set | None = None, engine: str = "fast") -> ValidationRun:
    """Validate the build's store: everything, or only what *focus* nodes' checks see.

    Parameters
    ----------
    sources : SourceSet
        The loaded inputs (graph :data:`rdzl_graph.core.sources.ASSERTED` = ontology + data).
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
