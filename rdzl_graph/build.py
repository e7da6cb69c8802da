"""Build pipeline: load -> validate -> reason -> write, atomically.

A build either replaces ``<out_dir>/graph/`` completely or leaves it as it
was: all outputs are written to a temporary directory inside ``out_dir``
which is swapped in only when everything succeeded.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from . import __version__
from .errors import ValidationError, Violation
from .export import canonical_quads, serialize_quads
from .loading import LoadedGraphs, load
from .namespaces import DATA_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
from .reason import reason
from . import fastreason
from .stats import stats
from .store import GRAPH_DIR_NAME, TRIG_NAME
from .validate import blocking, validate

NT_NAME = "rdzl-graph.nt"
REASONED_TTL_NAME = "rdzl-graph-reasoned.ttl"
INFO_NAME = "build-info.json"


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
        ``write``, ``total``).
    warnings : list of Violation
        Non-blocking SHACL results (severity Warning or Info).
    """

    out_dir: Path
    graph_dir: Path
    outputs: dict[str, Path] = field(default_factory=dict)
    triples: dict[str, int] = field(default_factory=dict)
    class_counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[Violation] = field(default_factory=list)

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


def build_info(loaded: LoadedGraphs, result: BuildResult, summary: dict[str, Any]) -> dict[str, Any]:
    """Assemble the content of ``build-info.json`` as plain data."""
    return {
        "rdzl_graph_version": __version__,
        "built_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "triples": result.triples,
        "graphs": summary["graphs"],
        "class_counts": result.class_counts,
        "timings_seconds": {k: round(v, 4) for k, v in result.timings.items()},
        "sources": [
            {"file": f.display, "sha256": f.sha256, "triples": f.triples} for f in loaded.files
        ],
        "warnings": [str(w) for w in result.warnings],
    }


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


def build(
    out_dir: Path | str = "build",
    data_dir: Path | str | None = None,
    ontology_dir: Path | str | None = None,
    reasoner: str = "owlrl",
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
    reasoner : {"owlrl", "fast"}
        ``owlrl`` (the reference) or ``fast``: the same entailments from the
        ontology's rules in Oxigraph (:mod:`rdzl_graph.fastreason`).

    Returns
    -------
    BuildResult
        Output paths, counts and per-stage timings.

    Raises
    ------
    InputError
        A file is missing or has a syntax error. Nothing is written.
    ValidationError
        The data breaks the SHACL contract. Nothing is written.
    """
    out = Path(out_dir)
    timings: dict[str, float] = {}
    start = time.perf_counter()

    t = time.perf_counter()
    loaded = load(data_dir, ontology_dir)
    timings["load"] = time.perf_counter() - t

    t = time.perf_counter()
    results = validate(loaded)
    timings["validate"] = time.perf_counter() - t
    violations = blocking(results)
    if violations:
        raise ValidationError(violations)

    t = time.perf_counter()
    reason_function = fastreason.reason if reasoner == "fast" else reason
    inferred = reason_function(loaded.ontology, loaded.data, loaded=loaded)
    timings["reason"] = time.perf_counter() - t

    t = time.perf_counter()
    graph_dir = out / GRAPH_DIR_NAME
    result = BuildResult(out_dir=out, graph_dir=graph_dir, warnings=[r for r in results if r not in violations])
    store = to_store({ONTOLOGY_GRAPH: loaded.ontology, DATA_GRAPH: loaded.data, INFERRED_GRAPH: inferred})
    summary = stats(store)
    result.class_counts = summary["classes"]
    sizes = summary["graphs"]
    result.triples = {
        "ontology": sizes.get(str(ONTOLOGY_GRAPH), 0),
        "data": sizes.get(str(DATA_GRAPH), 0),
        "inferred": sizes.get(str(INFERRED_GRAPH), 0),
        "total": len({quad.triple for quad in store}),
    }

    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{GRAPH_DIR_NAME}-new-", dir=out))
    try:
        quads = canonical_quads(store)
        outputs = {
            "trig": (TRIG_NAME, serialize_quads(quads, "trig")),
            "nt": (NT_NAME, serialize_quads(quads, "nt")),
            "ttl": (REASONED_TTL_NAME, serialize_quads(quads, "ttl")),
        }
        for key, (name, content) in outputs.items():
            (tmp / name).write_bytes(content)
            result.outputs[key] = graph_dir / name
        result.outputs["info"] = graph_dir / INFO_NAME
        timings["write"] = time.perf_counter() - t
        timings["total"] = time.perf_counter() - start
        result.timings = timings
        info = build_info(loaded, result, summary)
        (tmp / INFO_NAME).write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        swap_in(tmp, graph_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return result


def _run(args: argparse.Namespace) -> int:
    result = build(args.out, args.data, args.ontology, reasoner=args.reasoner)
    for warning in result.warnings:
        print(f"warning: {warning}")
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
    parser.add_argument("--reasoner", choices=("owlrl", "fast"), default="owlrl",
                        help="owlrl (reference, default) or fast (same result via SPARQL rules in Oxigraph)")
    parser.set_defaults(handler=_run)
