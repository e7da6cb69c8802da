"""Build pipeline: load -> validate -> reason -> write, atomically.

A build either replaces ``<out_dir>/graph/`` completely or leaves it as it
was: all outputs are written to a temporary directory inside ``out_dir``
which is swapped in only when everything succeeded.

The pipeline works on one pyoxigraph store (:func:`rdzl_graph.loading.load_sources`):
Oxigraph parses the files, the fast reasoner runs in the store, and the
outputs are written from sorted N-Triples lines (:mod:`rdzl_graph.export`).
rdflib is used where pySHACL and owlrl need it: for the part of the graph
that is validated, and for ``--reasoner owlrl``.

Validation (``validation=``):

- ``changed`` (default): compare with the previous build in the same
  ``out_dir`` (its ``build-info.json`` lists every source file's sha256).
  Without a previous (fully validated) build, or if the ontology, the
  shapes, rdzl-graph, pySHACL or pyshacl-turbo changed, everything is validated. If no
  data file changed, nothing is. Otherwise the data graph is compared with
  the previous build's, and only the nodes whose checks the changed triples
  can alter are validated (:func:`rdzl_graph.validate.affected_nodes`);
  shapes for which that is not sound are validated in full.
- ``all``: everything.
- ``none``: nothing (recorded, so the next ``changed`` build validates all).

The checking itself (``validator=``) is done by default (``fast``) by
pyshacl-turbo, a SHACL engine in Rust, on a store of the asserted graph;
``pyshacl`` runs pySHACL (the reference; the tests hold both to the same
results). See :func:`rdzl_graph.validate.validate_sources`.

``build-info.json`` records what was validated under ``validation``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from . import __version__
from . import fastreason
from .errors import ValidationError, Violation
from .export import canonical_lines, graph_lines, join_trig, serialize_lines, trig_block, union_lines
from .loading import ASSERTED, SourceSet, find_line, load_sources
from .namespaces import DATA_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
from .stats import class_counts
from .store import GRAPH_DIR_NAME, TRIG_NAME
from .validate import ENGINES, ValidationRun, affected_nodes, blocking, validate_sources

NT_NAME = "rdzl-graph.nt"
REASONED_TTL_NAME = "rdzl-graph-reasoned.ttl"
INFO_NAME = "build-info.json"
REASONERS = ("fast", "owlrl")
VALIDATION_MODES = ("changed", "all", "none")


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
        Stage name -> seconds (``load``, ``validate``, ``reason``,
        ``reason_wait``, ``write``, ``total``). The fast reasoner runs while
        the data is validated: ``reason`` is its own time, ``reason_wait``
        how long the build still waited for it afterwards.
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


def to_store(graphs: dict[str, Graph]) -> ox.Store:
    """Put rdflib graphs into a new pyoxigraph store, one named graph each.

    Parameters
    ----------
    graphs : dict
        Named-graph IRI -> rdflib graph.

    Returns
    -------
    pyoxigraph.Store
    """
    store = ox.Store()
    for iri, graph in graphs.items():
        nt = graph.serialize(format="nt", encoding="utf-8")
        store.load(nt, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(iri)))
    return store


def swap_in(new_dir: Path, target: Path) -> None:
    """Replace *target* by *new_dir* with renames, keeping the old one on failure.

    Parameters
    ----------
    new_dir : pathlib.Path
        Fully written directory, on the same file system as *target*.
    target : pathlib.Path
        Directory to replace (may not exist yet).
    """
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{uuid.uuid4().hex[:8]}")
        os.rename(target, old)
    try:
        os.rename(new_dir, target)
    except BaseException:
        if old is not None:
            os.rename(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --- what to validate ------------------------------------------------------------------------------


def _engine_versions() -> dict[str, str]:
    """The installed versions of the SHACL engines (a new version validates everything again)."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for key, package in (("pyshacl", "pyshacl"), ("pyshacl_turbo", "pyshacl-turbo")):
        try:
            found[key] = version(package)
        except PackageNotFoundError:  # pragma: no cover - a dependency
            found[key] = "unknown"
    return found


def input_digests(sources: SourceSet) -> dict[str, str]:
    """One sha256 over the ontology files and one of the shapes file (they decide what "valid" means)."""
    ontology = hashlib.sha256()
    for source in sources.files[: sources.ontology_files]:
        ontology.update(f"{source.display}\t{source.sha256}\n".encode("utf-8"))
    return {"ontology_sha256": ontology.hexdigest(), "shapes_sha256": sources.files[-1].sha256}


def previous_info(graph_dir: Path) -> dict[str, Any] | None:
    """The ``build-info.json`` of the previous build in *graph_dir*, or None."""
    try:
        info = json.loads((graph_dir / INFO_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


@dataclass
class ValidationPlan:
    """What a build validates, decided before looking at triples.

    Attributes
    ----------
    scope : str
        ``all``, ``changed`` or ``none``.
    reason : str
        Why, in plain words.
    changed_files, added_files, removed_files : list of str
        Data files (display paths) that differ from the previous build.
    """

    scope: str
    reason: str
    changed_files: list[str] = field(default_factory=list)
    added_files: list[str] = field(default_factory=list)
    removed_files: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        """Number of data files that differ from the previous build."""
        return len(self.changed_files) + len(self.added_files) + len(self.removed_files)


def plan_validation(sources: SourceSet, previous: dict[str, Any] | None, mode: str = "changed",
                    engine: str = "fast") -> ValidationPlan:
    """Decide what to validate from the file digests of this and the previous build.

    Parameters
    ----------
    sources : SourceSet
        The loaded inputs.
    previous : dict or None
        The previous build's ``build-info.json`` (see :func:`previous_info`).
    mode : {"changed", "all", "none"}
        The requested mode.
    engine : {"fast", "pyshacl"}
        The validation engine; another one than the previous build's validates all.

    Returns
    -------
    ValidationPlan
    """
    if mode == "none":
        return ValidationPlan("none", "--validate none")
    if mode == "all":
        return ValidationPlan("all", "--validate all")
    if previous is None:
        return ValidationPlan("all", "no previous build")
    before = previous.get("validation") or {}
    if not before.get("complete"):
        return ValidationPlan("all", "the previous build was not fully validated")
    digests = input_digests(sources)
    if before.get("ontology_sha256") != digests["ontology_sha256"]:
        return ValidationPlan("all", "the ontology changed")
    if before.get("shapes_sha256") != digests["shapes_sha256"]:
        return ValidationPlan("all", "the shapes changed")
    versions = _engine_versions()
    if previous.get("rdzl_graph_version") != __version__ or any(before.get(k) != v for k, v in versions.items()):
        return ValidationPlan("all", "another version of rdzl-graph, pySHACL or pyshacl-turbo made the previous "
                                     "build")
    if before.get("engine") != engine:
        return ValidationPlan("all", f"the previous build was validated by {before.get('engine')}")
    old = {s["file"]: s["sha256"] for s in previous.get("sources", []) if isinstance(s, dict)}
    new = {s.display: s.sha256 for s in sources.files[sources.ontology_files:-1]}
    for display in [s.display for s in sources.files[: sources.ontology_files]] + [sources.files[-1].display]:
        old.pop(display, None)
    plan = ValidationPlan(
        "changed", "",
        changed_files=sorted(f for f in new if f in old and old[f] != new[f]),
        added_files=sorted(f for f in new if f not in old),
        removed_files=sorted(f for f in old if f not in new),
    )
    plan.reason = f"{plan.files} data file(s) changed" if plan.files else "no data file changed"
    return plan


def previous_data_lines(graph_dir: Path, expected: int | None = None) -> list[bytes] | None:
    """The data graph of the previous build as N-Triples lines, or None if unreadable.

    The build writes each graph of the TriG file as one block, so reading
    stops after the data graph when it holds the *expected* number of triples
    (build-info.json); otherwise the whole file is read.
    """
    data = ox.NamedNode(str(DATA_GRAPH))
    path = str(graph_dir / TRIG_NAME)
    early = expected is not None

    def data_triples():
        seen = False
        for quad in ox.parse(path=path, format=ox.RdfFormat.TRIG):
            if quad.graph_name == data:
                seen = True
                yield quad.triple
            elif seen and early:
                return

    try:
        text = ox.serialize(data_triples(), format=ox.RdfFormat.N_TRIPLES)
        lines = [line for line in text.split(b"\n") if line]
        if early and len(lines) != expected:
            early = False
            lines = [line for line in ox.serialize(data_triples(), format=ox.RdfFormat.N_TRIPLES).split(b"\n") if line]
    except (OSError, SyntaxError, ValueError):
        return None
    return lines


def _record(focus: str, violation: Violation) -> dict[str, Any]:
    return {"focus_iri": focus, **asdict(violation)}


def _carried_warnings(previous: dict[str, Any] | None, checked: set[str], sources: SourceSet) -> list[tuple[str, Violation]]:
    """Warnings of the previous build about nodes that were not checked again (file and line updated)."""
    kept = []
    for record in ((previous or {}).get("validation") or {}).get("warnings", []):
        record = dict(record)
        focus = record.pop("focus_iri", None)
        if not focus or focus in checked:
            continue
        file = sources.file_for(ox.NamedNode(focus)) if not focus.startswith("_:") else None
        path = sources.path_for(file) if file else None
        record.update(file=file, line=find_line(path, focus) if path else None)
        kept.append((focus, Violation(**record)))
    return kept


def run_validation(sources: SourceSet, plan: ValidationPlan, graph_dir: Path, data_lines: list[bytes],
                   previous: dict[str, Any] | None,
                   engine: str = "fast") -> tuple[list[tuple[str, Violation]], dict[str, Any]]:
    """Carry out a :class:`ValidationPlan` with the given engine (see :func:`rdzl_graph.validate.validate_sources`).

    Returns
    -------
    (list, dict)
        All results as ``(focus IRI, Violation)`` (warnings of nodes not
        checked again carried over from the previous build), and the
        ``validation`` entry of ``build-info.json``.
    """
    summary: dict[str, Any] = {"mode": None, "scope": plan.scope, "reason": plan.reason, "engine": engine}
    if plan.scope == "changed":
        summary.update(changed_files=plan.changed_files, added_files=plan.added_files,
                       removed_files=plan.removed_files)
    run: ValidationRun | None = None
    focus = None
    if plan.scope == "all":
        run = validate_sources(sources, engine=engine)
    elif plan.scope == "changed" and plan.files:
        old = previous_data_lines(graph_dir, ((previous or {}).get("triples") or {}).get("data"))
        if old is None:
            summary.update(scope="all", reason=f"{plan.reason}; the previous graph cannot be read")
            run = validate_sources(sources, engine=engine)
        else:
            old_set, new_set = set(old), set(data_lines)
            added, removed = sorted(new_set - old_set), sorted(old_set - new_set)
            summary.update(triples_added=len(added), triples_removed=len(removed))
            focus = affected_nodes(sources.store, added, removed)
            if focus is None:
                summary.update(scope="all", reason=f"{plan.reason}; a change involves rdfs:subClassOf or a blank node")
            run = validate_sources(sources, focus=focus, engine=engine)
    records: list[tuple[str, Violation]] = []
    if run is not None:
        records = run.records
        summary.update(run.summary())
        summary["scope"] = "all" if run.scope == "all" else "changed"
    else:
        summary.update(focus_nodes=0)
    if summary["scope"] == "changed":
        checked = {node.value for node in focus or ()}
        records = records + _carried_warnings(previous, checked, sources)
    summary.update(complete=plan.scope != "none", **_engine_versions(), **input_digests(sources))
    summary["warnings"] = [_record(f, v) for f, v in records if v.severity != "Violation"]
    return records, summary


def describe_validation(summary: dict[str, Any]) -> str:
    """One line saying what a build validated (from the ``validation`` entry of build-info.json)."""
    scope, reason = summary.get("scope"), summary.get("reason", "")
    if scope == "none":
        return f"validated nothing ({reason})"
    nodes = summary.get("focus_nodes", 0)
    if scope == "all":
        return f"validated everything ({reason}): {nodes} focus nodes"
    files = summary.get("changed_files", []) + summary.get("added_files", []) + summary.get("removed_files", [])
    if not files:
        return f"validated nothing ({reason})"
    shown = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
    text = (f"validated the changes ({reason}: {shown}; {summary.get('triples_added', 0)} triples added, "
            f"{summary.get('triples_removed', 0)} removed): {nodes} focus nodes")
    full = summary.get("full_shapes") or {}
    if full:
        text += "; in full: " + ", ".join(f"{name} ({why})" for name, why in sorted(full.items()))
    return text


# --- the build ---------------------------------------------------------------------------------------


class _Reasoning(threading.Thread):
    """Reasoning into the store's inferred graph; keeps the error (if any) and the seconds it took."""

    def __init__(self, sources: SourceSet, reasoner: str) -> None:
        super().__init__(name="rdzl-graph-reasoner", daemon=True)
        self.sources, self.reasoner = sources, reasoner
        self.error: BaseException | None = None
        self.seconds = 0.0

    def run(self) -> None:
        start = time.perf_counter()
        try:
            reason_into(self.sources, self.reasoner)
        except BaseException as exc:  # handed to the building thread
            self.error = exc
        self.seconds = time.perf_counter() - start


def reason_into(sources: SourceSet, reasoner: str = "fast") -> None:
    """Reason over the asserted graph of the store into :data:`rdzl_graph.fastreason.INFERRED`.

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
    from .reason import reason
    from .validate import to_rdflib

    ontology = to_rdflib(q for g in sources.ontology_graphs for q in store.quads_for_pattern(None, None, None, g))
    data = to_rdflib(q for g in sources.data_graphs for q in store.quads_for_pattern(None, None, None, g))
    inferred = reason(ontology, data, loaded=sources)
    if len(inferred):
        store.load(inferred.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                   to_graph=fastreason.INFERRED)


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
        (:mod:`rdzl_graph.fastreason`); ``owlrl``: the reference, same result.
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
        The data breaks the SHACL contract, or is inconsistent. Nothing is written.
    ValueError
        For an unknown *reasoner* or *validation*.
    """
    if reasoner not in REASONERS:
        raise ValueError(f"unknown reasoner {reasoner!r}; expected one of {REASONERS}")
    if validation not in VALIDATION_MODES:
        raise ValueError(f"unknown validation mode {validation!r}; expected one of {VALIDATION_MODES}")
    if validator not in ENGINES:
        raise ValueError(f"unknown validator {validator!r}; expected one of {ENGINES}")
    out = Path(out_dir)
    graph_dir = out / GRAPH_DIR_NAME
    timings: dict[str, float] = {}
    start = time.perf_counter()

    t = time.perf_counter()
    sources = load_sources(data_dir, ontology_dir)
    store = sources.store
    data_lines = graph_lines(store, sources.data_graphs)
    timings["load"] = time.perf_counter() - t

    # the fast reasoner runs in Oxigraph, which lets go of the GIL: it works in a thread while this
    # thread validates (validation reads the asserted graph, the reasoner writes its own graph)
    reasoning = _Reasoning(sources, reasoner)
    if reasoner == "fast":
        reasoning.start()
    t = time.perf_counter()
    previous = previous_info(graph_dir)
    plan = plan_validation(sources, previous, validation, validator)
    records, summary = run_validation(sources, plan, graph_dir, data_lines, previous, validator)
    summary["mode"] = validation
    timings["validate"] = time.perf_counter() - t
    violations = blocking([v for _f, v in records])
    if violations:
        raise ValidationError(violations)  # a running reasoner thread is a daemon: it is not waited for

    # while the reasoner works: the outputs of the ontology and the data
    t = time.perf_counter()
    asserted = {str(ONTOLOGY_GRAPH): graph_lines(store, sources.ontology_graphs), str(DATA_GRAPH): data_lines}
    early = canonical_lines(asserted)
    blocks = {iri: trig_block(iri, lines) for iri, lines in early.items()}
    write_seconds = time.perf_counter() - t

    t = time.perf_counter()
    if reasoner == "fast":
        reasoning.join()
    else:
        reasoning.run()
    if reasoning.error is not None:
        raise reasoning.error
    timings["reason"] = reasoning.seconds
    timings["reason_wait"] = time.perf_counter() - t

    t = time.perf_counter()
    result = BuildResult(out_dir=out, graph_dir=graph_dir,
                         warnings=[v for _f, v in records if v.severity != "Violation"], validation=summary)
    inferred = graph_lines(store, [fastreason.INFERRED])
    if any(b"_:" in line for line in inferred):  # (the reasoners drop blank nodes) labels may change: redo all
        graphs = canonical_lines({**asserted, str(INFERRED_GRAPH): inferred})
        blocks = {}
    else:
        graphs = {**early, str(INFERRED_GRAPH): inferred}
    del asserted, early, data_lines
    blocks = {iri: blocks.get(iri) or trig_block(iri, lines) for iri, lines in graphs.items()}
    union = union_lines(graphs)
    result.triples = {
        "ontology": len(graphs[str(ONTOLOGY_GRAPH)]),
        "data": len(graphs[str(DATA_GRAPH)]),
        "inferred": len(graphs[str(INFERRED_GRAPH)]),
        "total": len(union),
    }
    sizes = {iri: len(lines) for iri, lines in sorted(graphs.items()) if lines}
    store.remove_graph(ASSERTED)
    result.class_counts = class_counts(store)

    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{GRAPH_DIR_NAME}-new-", dir=out))
    try:
        (tmp / TRIG_NAME).write_bytes(join_trig(blocks))
        del blocks
        for key, name in (("nt", NT_NAME), ("ttl", REASONED_TTL_NAME)):
            (tmp / name).write_bytes(serialize_lines(graphs, key, union=union))
        for key, name in (("trig", TRIG_NAME), ("nt", NT_NAME), ("ttl", REASONED_TTL_NAME), ("info", INFO_NAME)):
            result.outputs[key] = graph_dir / name
        timings["write"] = write_seconds + time.perf_counter() - t
        timings["total"] = time.perf_counter() - start
        result.timings = timings
        info = build_info(sources, result, sizes)
        (tmp / INFO_NAME).write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        swap_in(tmp, graph_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return result


def build_info(sources: SourceSet, result: BuildResult, sizes: dict[str, int]) -> dict[str, Any]:
    """Assemble the content of ``build-info.json`` as plain data."""
    return {
        "rdzl_graph_version": __version__,
        "built_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "triples": result.triples,
        "graphs": sizes,
        "class_counts": result.class_counts,
        "timings_seconds": {k: round(v, 4) for k, v in result.timings.items()},
        "validation": result.validation,
        "sources": [{"file": f.display, "sha256": f.sha256, "triples": f.triples} for f in sources.files],
        "warnings": [str(w) for w in result.warnings],
    }


def _run(args: argparse.Namespace) -> int:
    result = build(args.out, args.data, args.ontology, reasoner=args.reasoner, validation=args.validate,
                   validator=args.validator)
    for warning in result.warnings:
        print(f"warning: {warning}")
    print(describe_validation(result.validation))
    t = result.triples
    print(
        f"built {result.graph_dir}: {t['data']} data + {t['ontology']} ontology + "
        f"{t['inferred']} inferred triples ({t['total']} total) in {result.timings['total']:.2f}s"
    )
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``build`` subcommand to the CLI."""
    parser = subparsers.add_parser("build", help="validate the data, reason, and write the graph")
    parser.add_argument("--out", default="build", help="build directory (default: build)")
    parser.add_argument("--data", default=None, help="data directory (default: packaged data/)")
    parser.add_argument("--ontology", default=None, help="ontology directory (default: packaged ontology/)")
    parser.add_argument("--reasoner", choices=REASONERS, default="fast",
                        help="fast (default: the ontology's rules in Oxigraph) or owlrl (the reference, slower)")
    parser.add_argument("--validate", choices=VALIDATION_MODES, default="changed",
                        help="changed (default: what changed since the previous build in --out; everything "
                             "if there is none), all, or none")
    parser.add_argument("--validator", choices=ENGINES, default="fast",
                        help="fast (default: pyshacl-turbo, a SHACL engine in Rust, on the Oxigraph store) "
                             "or pyshacl (the reference, slower; same results)")
    parser.set_defaults(handler=_run)
