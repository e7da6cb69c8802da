"""Build pipeline: load -> validate -> reason -> write, atomically.

A build either replaces ``<out_dir>/graph/`` completely or leaves it as it
was: all outputs are written to a temporary directory inside ``out_dir``
which is swapped in only when everything succeeded.

The pipeline works on one pyoxigraph store (:func:`rdzl_graph.core.loading.load_sources`):
Oxigraph parses the files, the fast reasoner runs in the store, and the
outputs are written from sorted N-Triples lines (:mod:`rdzl_graph.query.export`).
rdflib is used where pySHACL and owlrl need it: for ``--validator pyshacl``
and for ``--reasoner owlrl``.

Validation (``validation=``):

- ``changed`` (default): compare with the previous build in the same
  ``out_dir`` (its ``build-info.json`` lists every source file's sha256).
  Without a previous (fully validated) build, or if the ontology, the
  shapes, rdzl-graph, pySHACL or pyshacl-turbo changed, everything is validated. If no
  data file changed, nothing is. Otherwise the data graph is compared with
  the previous build's, and only the nodes whose checks the changed triples
  can alter are validated (:func:`rdzl_graph.validation.validate.affected_nodes`);
  shapes for which that is not sound are validated in full.
- ``all``: everything.
- ``none``: nothing (recorded, so the next ``changed`` build validates all).

The checking itself (``validator=``) is done by default (``fast``) by
pyshacl-turbo, a SHACL engine in Rust, on a store of the asserted graph;
``pyshacl`` runs pySHACL (the reference; the tests hold both to the same
results). See :func:`rdzl_graph.validation.validate.validate_sources`.

``build-info.json`` records what was validated under ``validation``.

Two threads share the work (Oxigraph and pyshacl-turbo let go of the GIL): the fast reasoner
starts as soon as the files are loaded, while this thread checks the files, validates and makes
the ontology and data outputs; the quality checks (``queries/*-violation.rq``, which need the
inferred triples) and the class counts start when the reasoner is done and run while the outputs
are written into the temporary directory, which replaces ``graph/`` only if the checks find
nothing. A failed build waits for both threads before it returns.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from ..core.atomic import recover, replacing_dir
from ..core.errors import ValidationError, Violation
from ..core.loading import load_sources
from ..core.namespaces import DATA_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
from ..core.resources import GRAPH_DIR_NAME, INFO_NAME, NT_NAME, REASONED_TTL_NAME, TRIG_NAME
from ..core.serialisation import canonical_lines, graph_lines, join_trig, serialize_lines, trig_block, union_lines
from ..core.sources import SourceSet
from ..reasoning import fast as fastreason
from ..reasoning.graphs import INFERRED
from ..validation.validate import ENGINES, blocking
from .info import build_info, class_counts
from .options import REASONERS, VALIDATION_MODES
from .quality import check_quality, defined_twice, thousands_points
from .validation_plan import plan_validation, previous_info, run_validation



@dataclass
class BuildResult:
    """What a build produced.

    Attributes
    ----------
    out_dir : pathlib.Path
        The build directory.
    graph_dir : pathlib.Path
        ``<out_dir>/graph``, holding the outputs.
    outputs : dict
        Output name (``trig``, ``nt``, ``ttl``, ``info``) -> path.
    triples : dict
        Triples per named graph (``ontology``, ``data``, ``inferred``) and
        ``total`` (distinct triples in the union).
    class_counts : dict
        Prefixed ``rdzl:`` class name -> number of instances (reasoned).
    timings : dict
        Stage name -> seconds (``load``, ``validate``, ``quality``, ``reason``,
        ``reason_wait``, ``write``, ``total``). The fast reasoner runs from the
        end of loading while the files are checked and the data is validated:
        ``reason`` is its own time, ``reason_wait`` how long the build still
        waited for it afterwards. The quality checks and the class counts run
        while the outputs are written: ``quality`` is their own time.
    warnings : list of Violation
        Non-blocking SHACL results (severity Warning or Info).
    validation : dict
        What was validated (the ``validation`` entry of ``build-info.json``).
    """

    out_dir: Path
    graph_dir: Path
    outputs: dict[str, Path] = field(default_factory=dict)
    triples: dict[str, int] = field(default_factory=dict)
    class_counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[Violation] = field(default_factory=list)
    validation: dict[str, Any] = field(default_factory=dict)

    @property
    def trig(self) -> Path:
        """Path of the built TriG file."""
        return self.outputs["trig"]


# --- the build ---------------------------------------------------------------------------------------


#: Name of the thread the fast reasoner runs in during a build.
REASONER_THREAD = "rdzl-graph-reasoner"
#: Name of the thread the quality checks (and the class counts) run in while the outputs are written.
QUALITY_THREAD = "rdzl-graph-quality"


class _Worker(threading.Thread):
    """``function(*args)`` in a thread of its own; keeps the result, the error (if any) and the seconds it took."""

    def __init__(self, name: str, function: Callable[..., Any], *args: Any) -> None:
        super().__init__(name=name)
        self.function, self.args = function, args
        self.result: Any = None
        self.error: BaseException | None = None
        self.seconds = 0.0

    def run(self) -> None:
        start = time.perf_counter()
        try:
            self.result = self.function(*self.args)
        except BaseException as exc:  # handed to the building thread
            self.error = exc
        self.seconds = time.perf_counter() - start


def reason_into(sources: SourceSet, reasoner: str = "fast") -> None:
    """Reason over the asserted graph of the store into :data:`rdzl_graph.reasoning.fast.INFERRED`.

    Raises
    ------
    ValidationError
        The graph is inconsistent (file and line of the resource).
    ReasoningError
        The fast reasoner cannot guarantee owlrl's result.
    """
    store = sources.store
    if reasoner == "fast":
        fastreason.materialise(store, sources)
        return
    from ..reasoning.owlrl_reference import reason
    from ..validation.validate import quiet_ill_typed_literals, to_rdflib

    with quiet_ill_typed_literals():  # the validation reports them
        ontology = to_rdflib(q for g in sources.ontology_graphs for q in store.quads_for_pattern(None, None, None, g))
        data = to_rdflib(q for g in sources.data_graphs for q in store.quads_for_pattern(None, None, None, g))
        inferred = reason(ontology, data, loaded=sources)
    if len(inferred):
        store.load(inferred.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                   to_graph=INFERRED)


def _check_options(reasoner: str, validation: str, validator: str) -> None:
    if reasoner not in REASONERS:
        raise ValueError(f"unknown reasoner {reasoner!r}; expected one of {REASONERS}")
    if validation not in VALIDATION_MODES:
        raise ValueError(f"unknown validation mode {validation!r}; expected one of {VALIDATION_MODES}")
    if validator not in ENGINES:
        raise ValueError(f"unknown validator {validator!r}; expected one of {ENGINES}")


def _output_graphs(store: ox.Store, asserted: dict[str, list[bytes]], early: dict[str, list[bytes]],
                   blocks: dict[str, bytes]) -> tuple[dict[str, list[bytes]], dict[str, bytes], list[bytes]]:
    """The three output graphs as canonical sorted lines, their TriG blocks and their union.

    ``early`` (and its ``blocks``) are the ontology and data graphs made while the reasoner ran;
    they are kept unless the inferred graph holds blank nodes (the reasoners drop them), whose
    canonical labels depend on the whole dataset: then everything is labelled again.
    """
    inferred = graph_lines(store, [INFERRED])
    if any(b"_:" in line for line in inferred):
        graphs = canonical_lines({**asserted, str(INFERRED_GRAPH): inferred})
        blocks = {}
    else:
        graphs = {**early, str(INFERRED_GRAPH): inferred}
    blocks = {iri: blocks.get(iri) or trig_block(iri, lines) for iri, lines in graphs.items()}
    return graphs, blocks, union_lines(graphs)


def _validate_while_reasoning(sources: SourceSet, graph_dir: Path, reasoner: str, validation: str,
                              validator: str, timings: dict[str, float]) -> tuple:
    """Check the files, validate and make the ontology and data outputs while the fast reasoner fills the inferred graph.

    Returns ``(records, summary, asserted, early, blocks, write_seconds)``; raises
    :class:`ValidationError` for a file check, a violation or an inconsistency, after the reasoner
    has stopped.
    """
    store = sources.store
    # the fast reasoner runs in Oxigraph, which lets go of the GIL: it works in a thread from the
    # moment the files are loaded, while this thread checks the files and validates (these read
    # the per-file graphs and the asserted graph, the reasoner writes its own graph)
    reasoning = _Worker(REASONER_THREAD, reason_into, sources, reasoner)
    if reasoner == "fast":
        reasoning.start()
    try:
        if validation != "none":
            _check_files(sources)
        t = time.perf_counter()
        data_lines = graph_lines(store, sources.data_graphs)
        asserted = {str(ONTOLOGY_GRAPH): graph_lines(store, sources.ontology_graphs), str(DATA_GRAPH): data_lines}
        timings["load"] += time.perf_counter() - t
        t = time.perf_counter()
        previous = previous_info(graph_dir)
        plan = plan_validation(sources, previous, validation, validator)
        records, summary = run_validation(sources, plan, graph_dir, data_lines, previous, validator,
                                          ontology_lines=asserted[str(ONTOLOGY_GRAPH)])
        summary["mode"] = validation
        timings["validate"] = time.perf_counter() - t
        violations = blocking([v for _f, v in records])
        if violations:
            raise ValidationError(violations)

        # while the reasoner works: the outputs of the ontology and the data
        t = time.perf_counter()
        early = canonical_lines(asserted)
        blocks = {iri: trig_block(iri, lines) for iri, lines in early.items()}
        write_seconds = time.perf_counter() - t

        t = time.perf_counter()
        if reasoner == "fast":
            reasoning.join()
        else:
            reasoning.run()
    finally:
        # a failed build (violations, Ctrl-C, any error) leaves no reasoner running behind it:
        # Oxigraph cannot cancel an update, so the thread is waited for
        if reasoning.is_alive():
            reasoning.join()
    if reasoning.error is not None:
        raise reasoning.error
    timings["reason"] = reasoning.seconds
    timings["reason_wait"] = time.perf_counter() - t
    return records, summary, asserted, early, blocks, write_seconds


def _check_files(sources: SourceSet) -> None:
    """What the shapes and queries cannot see, the files themselves: a resource defined in two
    files, an amount written with a thousands point."""
    found = defined_twice(sources) + thousands_points(sources)
    if found:
        raise ValidationError(found)


def _checks_and_counts(store: ox.Store, sources: SourceSet, check: bool) -> tuple[list[Violation], dict[str, int]]:
    """What the quality thread does after reasoning (read-only queries that need the inferred triples):
    the quality checks ``queries/*-violation.rq`` if *check*, and the class counts of ``build-info.json``."""
    return (check_quality(store, sources) if check else []), class_counts(store)


def _quality_checked(quality: _Worker, timings: dict[str, float]) -> dict[str, int]:
    """Wait for *quality* (:func:`_checks_and_counts`); raise what the checks found, else return the class counts."""
    quality.join()
    if quality.error is not None:
        raise quality.error
    timings["quality"] = quality.seconds
    failed, counts = quality.result
    if failed:
        raise ValidationError(failed)
    return counts


def build(
    out_dir: Path | str = "build",
    data_dir: Path | str | None = None,
    ontology_dir: Path | str | None = None,
    reasoner: str = "fast",
    validation: str = "changed",
    validator: str = "fast",
) -> BuildResult:
    """Build the knowledge graph.

    Parameters
    ----------
    out_dir : path-like
        Build directory; outputs go to ``<out_dir>/graph/``.
    data_dir : path-like, optional
        Data root (default: the packaged/checkout ``data/``).
    ontology_dir : path-like, optional
        Ontology root (default: the packaged/checkout ``ontology/``).
    reasoner : {"fast", "owlrl"}
        ``fast`` (default): the ontology's rules in Oxigraph
        (:mod:`rdzl_graph.reasoning.fast`); ``owlrl``: the reference, same result.
    validation : {"changed", "all", "none"}
        What to validate (see the module notes).
    validator : {"fast", "pyshacl"}
        ``fast`` (default): pyshacl-turbo, a SHACL engine in Rust, on a store
        of the asserted graph; ``pyshacl``: pySHACL, the reference, same result.

    Returns
    -------
    BuildResult
        Output paths, counts, per-stage timings and what was validated.

    Raises
    ------
    InputError
        A file is missing or has a syntax error. Nothing is written.
    ValidationError
        The data breaks the SHACL contract or a quality check, is inconsistent, or defines a
        resource in two files. Nothing is written.
    ValueError
        For an unknown *reasoner* or *validation*.
    """
    _check_options(reasoner, validation, validator)
    out = Path(out_dir)
    graph_dir = out / GRAPH_DIR_NAME
    recover(graph_dir)  # a run killed mid-swap: its previous output back before anything reads it
    timings: dict[str, float] = {}
    start = time.perf_counter()

    t = time.perf_counter()
    sources = load_sources(data_dir, ontology_dir)
    timings["load"] = time.perf_counter() - t

    records, summary, asserted, early, blocks, write_seconds = _validate_while_reasoning(
        sources, graph_dir, reasoner, validation, validator, timings)
    store = sources.store
    result = BuildResult(out_dir=out, graph_dir=graph_dir,
                         warnings=[v for _f, v in records if v.severity != "Violation"], validation=summary)
    # the quality checks read the store while this thread writes the outputs (Oxigraph lets go of
    # the GIL in queries); they are waited for before the outputs replace the previous ones
    quality = _Worker(QUALITY_THREAD, _checks_and_counts, store, sources, validation != "none")
    quality.start()
    try:
        t = time.perf_counter()
        graphs, blocks, union = _output_graphs(store, asserted, early, blocks)
        del asserted, early
        result.triples = {
            "ontology": len(graphs[str(ONTOLOGY_GRAPH)]),
            "data": len(graphs[str(DATA_GRAPH)]),
            "inferred": len(graphs[str(INFERRED_GRAPH)]),
            "total": len(union),
        }
        sizes = {iri: len(lines) for iri, lines in sorted(graphs.items()) if lines}
        with replacing_dir(graph_dir) as tmp:
            (tmp / TRIG_NAME).write_bytes(join_trig(blocks))
            del blocks
            for key, name in (("nt", NT_NAME), ("ttl", REASONED_TTL_NAME)):
                (tmp / name).write_bytes(serialize_lines(graphs, key, union=union))
            for key, name in (("trig", TRIG_NAME), ("nt", NT_NAME), ("ttl", REASONED_TTL_NAME), ("info", INFO_NAME)):
                result.outputs[key] = graph_dir / name
            result.class_counts = _quality_checked(quality, timings)  # raises (nothing replaced) if a check found a row
            timings["write"] = write_seconds + time.perf_counter() - t
            timings["total"] = time.perf_counter() - start
            result.timings = timings
            info = build_info(sources, result, sizes)
            (tmp / INFO_NAME).write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    finally:
        if quality.is_alive():  # a failed build leaves no query running
            quality.join()
    return result
