"""Accept a reviewed ingest into ``data/`` as the new edition (``rdzl-graph ingest accept DIR``).

The accepted changes of ``DIR/changes.json`` (all, or those ``only`` selects) are applied as the rule
of data/README.md ("Editions") says: the current files get the new edition's facts (from the staged
Turtle the maintainer reviewed and completed), the replaced facts move unchanged into the graph of
the edition before (``data/editions/<previous>/**/*.trig``), every project the new edition reports
cites it, and the new edition's description goes to ``data/editions/<edition>/edition.ttl``.

Nothing is half-written: the result is written to a copy of ``data/``, built there with full
validation (SHACL, OWL consistency, the quality checks), the previous edition's view is built too,
and ``diff`` between the two editions must say exactly the accepted changes; only then is ``data/``
replaced as a whole (:func:`~rdzl_graph.core.atomic.replacing_dir`).
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..core.atomic import replacing_dir
from ..core.errors import InputError, ValidationError, Violation
from ..core.loading import input_files
from .apply import Work, apply_project, end_project
from .checks import check_edition, compare_with_diff
from .dataset import load_editions

_CHANGE_KINDS = ("project-added", "status", "amount", "partner-added", "partner-removed", "person-added",
                 "attention-point-added", "attention-point-removed", "milestone-added")


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class AcceptResult:
    """What :func:`accept` wrote: the edition, the changes applied, the files written."""

    edition: str
    previous: str
    applied: list[dict]
    files: list[str]


def read_changes(staged: Path) -> dict:
    """``DIR/changes.json`` as plain data (a clear error with line and column when it is not JSON)."""
    path = staged / "changes.json"
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), None, "not found: DIR must be the output of `rdzl-graph ingest`") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(path), exc.lineno, f"column {exc.colno}: not valid JSON ({exc.msg})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), None, f"cannot read file ({exc})") from None
    if not isinstance(document, dict) or not isinstance(document.get("changes"), list) or not isinstance(document.get("edition"), str):
        raise InputError(str(path), None, "not a changes.json of `rdzl-graph ingest` (edition and changes missing)")
    slugs = [document["edition"]] + [str(c.get("project")) for c in document["changes"] if isinstance(c, dict)]
    slugs += [str(s) for key in ("projects_found", "projects_missing") for s in document.get(key, [])]
    for slug in slugs:
        if not _SLUG.match(slug):  # they become IRIs in Turtle: nothing else may reach the data files
            raise InputError(str(path), None, f"{slug!r} is not a slug (lower-case letters, digits and hyphens)")
    if not all(isinstance(c, dict) and c.get("kind") in _CHANGE_KINDS for c in document["changes"]):
        raise InputError(str(path), None, f"every change needs a kind, one of {', '.join(_CHANGE_KINDS)}")
    return document


def read_staged(staged: Path) -> tuple[ox.Store, dict[str, str]]:
    """The staged Turtle of DIR: a store of all of it, and each file's text by relative path."""
    store, texts = ox.Store(), {}
    for path in sorted(staged.rglob("*.ttl")):
        rel = path.relative_to(staged).as_posix()
        try:
            texts[rel] = path.read_text(encoding="utf-8")
            store.load(texts[rel], format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
        except SyntaxError as exc:
            raise InputError(str(path), getattr(exc, "lineno", None), f"not valid Turtle: {exc.msg or exc}") from None
        except UnicodeDecodeError as exc:
            raise InputError(str(path), None, f"file is not valid UTF-8 ({exc.reason})") from None
    if "report.ttl" not in texts:
        raise InputError(str(staged / "report.ttl"), None, "not found: DIR must be the output of `rdzl-graph ingest`")
    return store, texts


def select(changes: list[dict], only: list[str] | None) -> list[dict]:
    """The changes ``only`` selects: entries that are change kinds filter by kind, other entries by
    project slug; a change is taken when it passes both filters (a missing filter passes all).

    Examples
    --------
    >>> changes = [{"project": "a", "kind": "status"}, {"project": "b", "kind": "amount"}]
    >>> [c["project"] for c in select(changes, ["amount"])], len(select(changes, None))
    (['b'], 2)
    """
    if not only:
        return list(changes)
    kinds = {o for o in only if o in _CHANGE_KINDS}
    projects = {o for o in only if o not in _CHANGE_KINDS}
    return [c for c in changes if (not kinds or c["kind"] in kinds) and (not projects or c["project"] in projects)]


def _ended(store: ox.Store, edition: str) -> set[str]:
    report = ox.NamedNode(f"https://w3id.org/rdzl-graph/id/report/{edition}")
    ended = ox.NamedNode("https://w3id.org/rdzl-graph/ont#reportsEnded")
    return {q.object.value.rsplit("/", 1)[-1] for q in store.quads_for_pattern(report, ended, None) if isinstance(q.object, ox.NamedNode)}


def _refuse_lost(missing: list[str], ended: set[str], staged: Path, edition: str) -> None:
    lost = [slug for slug in missing if slug not in ended]
    if lost:
        raise ValidationError([Violation(
            f"project:{slug}", "rdzl:reportsEnded",
            f"de nieuwe editie noemt dit project niet; zeg in report.ttl dat het is afgelopen (report:{edition} rdzl:reportsEnded project:{slug}) "
            f"of neem het op in de staged bestanden / the new edition does not name this project: state that it ended "
            f"(report:{edition} rdzl:reportsEnded project:{slug}) in report.ttl", file=str(staged / "report.ttl")) for slug in lost])


def plan(staged: Path, data_root: Path, previous: str, document: dict, changes: list[dict]) -> Work:
    """The edits of the data files (in memory): see the module docstring."""
    store, texts = read_staged(staged)
    edition = document["edition"]
    ended = _ended(store, edition)
    _refuse_lost(list(document.get("projects_missing", [])), ended, staged, edition)
    work = Work(data_root, previous, edition, store, texts)
    work.ended = ended & set(document.get("projects_missing", []))
    adding = {c["project"] for c in changes if c["kind"] == "project-added"}
    # a new project's own facts come only with the project (its project-added change)
    work.applied = [c for c in changes if f"project:{c['project']}" in work.index or c["project"] in adding]
    by_project: dict[str, list[dict]] = {}
    for change in work.applied:
        by_project.setdefault(change["project"], []).append(change)
    reported = set(document.get("projects_found", [])) | set(by_project)
    for slug in sorted(reported):
        apply_project(work, slug, by_project.get(slug, []))
    for slug in sorted(work.ended):
        end_project(work, slug)
    work.add_edition_file(texts["report.ttl"])
    work.move_orphaned_organisations()
    return work


def accept(staged_dir: Path | str, data_dir: Path | str | None = None, only: list[str] | None = None,
           ontology_dir: Path | str | None = None) -> AcceptResult:
    """Move the reviewed facts of an ingest into ``data/`` as the new edition.

    Parameters
    ----------
    staged_dir : path-like
        The output of ``rdzl-graph ingest`` after review (staged Turtle completed by the maintainer).
    data_dir : path-like, optional
        The data to change (default: the bundled ``data/``); replaced as a whole, or not at all.
    only : list of str, optional
        Change kinds and/or project slugs to accept (default: every change).

    Raises
    ------
    InputError
        Bad input (file, line and what is wrong), an edition that is already in the data, or a
        data file whose layout cannot be edited safely.
    ValidationError
        The result would break the data contract (nothing is written).
    """
    staged = Path(staged_dir)
    document = read_changes(staged)
    _, data_root, _, _ = input_files(data_dir, ontology_dir)
    editions = load_editions(data_root, ontology_dir)
    edition = document["edition"]
    if any(e.slug == edition for e in editions.editions):
        raise InputError(str(staged / "changes.json"), None, f"edition {edition!r} is already in {data_root}; nothing to accept")
    changes = select(document["changes"], only)
    work = plan(staged, data_root, editions.latest.slug, document, changes)
    scratch = Path(tempfile.mkdtemp(prefix="rdzl-accept-"))
    try:
        copy = scratch / data_root.name
        shutil.copytree(data_root, copy)
        written = work.write(copy)
        check_edition(copy, edition, scratch / "build-new", ontology_dir)
        check_edition(copy, editions.latest.slug, scratch / "build-previous", ontology_dir)
        compare_with_diff(load_editions(copy, ontology_dir), editions.latest.slug, edition, work.applied, work.ended)
        with replacing_dir(data_root) as target:
            shutil.copytree(copy, target, dirs_exist_ok=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return AcceptResult(edition, editions.latest.slug, work.applied, written)
