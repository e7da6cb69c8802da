"""The data contract for every edition: an edition's view is built and validated like the current
data (SHACL, OWL consistency, ``queries/*-violation.rq``), and an accept must give what was reviewed."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

from ..build.pipeline import build
from ..core.loading import input_files
from ..core.errors import InputError, ValidationError, Violation
from ..core.namespaces import RDZL
from .dataset import EditionSet, load_editions, view
from .diff import diff_editions

#: Kinds whose old and new values ``diff`` and ``changes.json`` give alike (the others: attention
#: points are our own summaries in data/, sentences in the report; names may be alternative labels).
_VALUED = ("status", "amount")


def build_edition(data_dir: Path | str | None, edition: str, out_dir: Path | str, ontology_dir: Path | str | None = None,
                  validation: str = "all"):
    """Build one edition like the current data (``rdzl-graph build``), into ``out_dir``.

    The latest edition is the data itself; an older one is its view (data/README.md, "Editions")
    written as one file ``<edition>/view.ttl``. Then ``rdzl-graph query``, ``site`` ... ``--build
    out_dir`` ask that edition. A broken contract raises :class:`ValidationError` whose messages
    name the edition.

    Returns
    -------
    BuildResult
    """
    editions = load_editions(data_dir, ontology_dir)
    chosen = editions.edition(edition)
    try:
        if chosen.slug == editions.latest.slug:
            return build(out_dir=out_dir, data_dir=data_dir, ontology_dir=ontology_dir, validation=validation)
        with tempfile.TemporaryDirectory(prefix="rdzl-edition-") as scratch:
            root = Path(scratch) / chosen.slug
            write_view_layout(editions, chosen.slug, root, _vocabulary_subjects(data_dir, ontology_dir))
            return build(out_dir=out_dir, data_dir=root, ontology_dir=ontology_dir, validation=validation)
    except ValidationError as error:
        raise ValidationError([Violation(v.focus, v.path, f"editie/edition {chosen.slug}: {v.message}", v.severity, v.file, v.line, v.value)
                               for v in error.violations]) from None


def check_edition(data_dir: Path | str | None, edition: str, build_dir: Path | str, ontology_dir: Path | str | None = None) -> None:
    """Validate one edition fully (:func:`build_edition` with ``validation="all"``)."""
    build_edition(data_dir, edition, build_dir, ontology_dir)


def write_view_layout(editions: EditionSet, edition: str, root: Path, vocabulary: set) -> None:
    """Write an edition's view in the data layout (``REQUIRED_DATA_DIRS``): the triples about the
    current vocabularies' resources in ``vocabularies/view.ttl``, the rest in ``projects/view.ttl``.

    Each resource is described in one file, so the build's check for resources defined in two
    files holds for an edition's view as for the data.
    """
    triples = sorted(view(editions, edition) - editions.ontology, key=str)
    parts = {"vocabularies": [t for t in triples if t[0] in vocabulary],
             "projects": [t for t in triples if t[0] not in vocabulary]}
    for folder, part in parts.items():
        (root / folder).mkdir(parents=True)
        (root / folder / "view.ttl").write_bytes(
            ox.serialize([ox.Triple(*t) for t in part], format=ox.RdfFormat.N_TRIPLES))


def _vocabulary_subjects(data_dir: Path | str | None, ontology_dir: Path | str | None) -> set:
    """The subjects of the current ``vocabularies/`` files."""
    _, data_root, _, _ = input_files(data_dir, ontology_dir)
    return {triple.subject for path in sorted((Path(data_root) / "vocabularies").glob("*.ttl"))
            for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}


def lost_projects(editions: EditionSet) -> list[Violation]:
    """Projects an edition no longer has that it does not say have ended (``rdzl:reportsEnded``).

    The current data's own case (a project still in ``data/`` that the latest edition does not cite)
    is ``queries/edition-lost-project-violation.rq``; this is the case of every later edition.
    """
    type_, ended_by = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(str(RDZL.reportsEnded))
    classes = {ox.NamedNode(str(RDZL.Project)), ox.NamedNode(str(RDZL.SubProject))}
    projects = {e.slug: {s for s, p, o in view(editions, e.slug) if p == type_ and o in classes} for e in editions.editions}
    found = []
    for older, newer in zip(editions.editions, editions.editions[1:]):
        said = {o for s, p, o in editions.current if p == ended_by and s == ox.NamedNode(newer.iri)}
        for project in sorted(projects[older.slug] - projects[newer.slug] - said, key=str):
            found.append(Violation(project.value, "rdzl:reportsEnded",
                                   f"editie/edition {newer.slug}: het project staat niet meer in deze editie en zij zegt niet dat het is "
                                   f"afgelopen / the project is no longer in this edition and it does not say it ended (report:{newer.slug} rdzl:reportsEnded)",
                                   file=f"data/editions/{newer.slug}/edition.ttl"))
    return found


def check_all(data_dir: Path | str | None = None, ontology_dir: Path | str | None = None) -> list[str]:
    """Validate every edition; return the slugs checked (a broken one raises :class:`ValidationError`)."""
    editions = load_editions(data_dir, ontology_dir)
    lost = lost_projects(editions)
    if lost:
        raise ValidationError(lost)
    with tempfile.TemporaryDirectory(prefix="rdzl-editions-") as scratch:
        for edition in editions.editions:
            check_edition(data_dir, edition.slug, Path(scratch) / edition.slug, ontology_dir)
    return [e.slug for e in editions.editions]


def _key(change: dict) -> tuple:
    if change["kind"] in _VALUED:
        return change["project"], change["kind"], change["old"], change["new"]
    return change["project"], change["kind"]


def compare_with_diff(editions: EditionSet, previous: str, edition: str, accepted: list[dict], ended: set[str] = frozenset()) -> None:
    """``diff`` from the previous to the new edition must give exactly the accepted changes.

    A new project's own facts count as part of ``project-added``; a project the new edition says
    ended gives ``project-ended``.
    """
    found = diff_editions(editions, previous, edition)["changes"]
    new = {c["project"] for c in accepted if c["kind"] == "project-added"}
    expected = Counter(_key(c) for c in accepted if c["project"] not in new or c["kind"] == "project-added")
    expected.update((slug, "project-ended") for slug in ended)
    got = Counter(_key(c) for c in found if c["project"] not in new or c["kind"] == "project-added")
    if expected != got:
        missing, extra = expected - got, got - expected
        raise InputError("ingest accept", None, "the result would not say what was reviewed: "
                         f"not applied {sorted(missing.elements(), key=str)}; unexpected {sorted(extra.elements(), key=str)}")
