"""The build's validation policy: what to validate this time, carrying it out, and saying what was done.

``rdzl-graph build --validate changed`` (the default) compares with the previous build in the
same ``--out`` (its ``build-info.json``): :func:`plan_validation` decides from the file digests
(everything if the ontology, the shapes, rdzl-graph, pySHACL or pyshacl-turbo changed, nothing if
no data file did), :func:`run_validation` compares the data graph with the previous one and validates only the
nodes the changed triples can affect (:func:`rdzl_graph.validation.validate.affected_nodes`),
and :func:`describe_validation` is the line the build prints. The checking itself is
:mod:`rdzl_graph.validation`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .. import __version__
from ..core.errors import Violation
from ..core.sources import SourceSet
from ..core.namespaces import DATA_GRAPH
from ..core.resources import INFO_NAME, TRIG_NAME
from ..validation.validate import ValidationRun, affected_nodes, validate_sources


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
    for source in sources.ontology_sources:
        ontology.update(f"{source.display}\t{source.sha256}\n".encode("utf-8"))
    return {"ontology_sha256": ontology.hexdigest(), "shapes_sha256": sources.shapes_source.sha256}


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
    new = {s.display: s.sha256 for s in sources.data_sources}
    for display in [s.display for s in sources.ontology_sources] + [sources.shapes_source.display]:
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
        file, line = sources.locate(focus)
        record.update(file=file, line=line)
        kept.append((focus, Violation(**record)))
    return kept


def run_validation(sources: SourceSet, plan: ValidationPlan, graph_dir: Path, data_lines: list[bytes],
                   previous: dict[str, Any] | None, engine: str = "fast",
                   ontology_lines: list[bytes] | None = None) -> tuple[list[tuple[str, Violation]], dict[str, Any]]:
    """Carry out a :class:`ValidationPlan` with the given engine (see :func:`rdzl_graph.validation.validate.validate_sources`).

    *data_lines* (and *ontology_lines*, if given) are the N-Triples lines of the data (and
    ontology) graph of the store: with both, the engine's input is made from them.

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
    lines = None if ontology_lines is None else data_lines + ontology_lines
    if plan.scope == "all":
        run = validate_sources(sources, engine=engine, lines=lines)
    elif plan.scope == "changed" and plan.files:
        old = previous_data_lines(graph_dir, ((previous or {}).get("triples") or {}).get("data"))
        if old is None:
            summary.update(scope="all", reason=f"{plan.reason}; the previous graph cannot be read")
            run = validate_sources(sources, engine=engine, lines=lines)
        else:
            old_set, new_set = set(old), set(data_lines)
            added, removed = sorted(new_set - old_set), sorted(old_set - new_set)
            summary.update(triples_added=len(added), triples_removed=len(removed))
            focus = affected_nodes(sources.store, added, removed)
            if focus is None:
                summary.update(scope="all", reason=f"{plan.reason}; a change involves rdfs:subClassOf or a blank node")
            run = validate_sources(sources, focus=focus, engine=engine, lines=lines)
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
