"""The assisted ingest: a new report in, a reviewed-change proposal out (nothing reaches data/).

:func:`analyse` is pure (a report and what the graph knows in, plain results out);
:func:`ingest` reads the files, runs it and writes the output directory atomically.
"""

from __future__ import annotations

import datetime as _dt
import re
import time
from dataclasses import dataclass
from pathlib import Path

from ..core.atomic import replacing_dir
from ..core.errors import InputError
from ..text import DEFAULT_LANGUAGE
from .blocks import page_candidates
from .changes import ProjectResult, change_list, slugify
from .extract import section_candidates
from .known import KnownGraph, KnownProject, read_known, store_from_data
from .layout import DEFAULT_STATUS_LABELS, find_headings
from .outputs import candidates_document, changes_document, review_html, to_json
from .reading import Report, read_report
from .sections import find_sections, missing_projects
from .staging import new_resources, project_files, report_file

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class IngestResult:
    """What :func:`ingest` found and wrote."""

    edition: str
    date: str | None
    report: Report
    results: list[ProjectResult]
    missing: list[KnownProject]
    changes: list[dict]
    document: dict
    out_dir: Path | None = None
    seconds: float = 0.0


def check_edition(edition: str) -> str:
    """An edition slug: lower-case letters, digits and single hyphens.

    Examples
    --------
    >>> check_edition("voortgangsrapportage-2026")
    'voortgangsrapportage-2026'
    """
    if not _SLUG.match(edition or ""):
        raise InputError("--edition", None, f"{edition!r} is not a slug (lower-case letters, digits and hyphens, e.g. voortgang-2026)")
    return edition


def check_date(date: str | None) -> str | None:
    """A report date as YYYY-MM-DD (or None).

    Examples
    --------
    >>> check_date("2026-03-31")
    '2026-03-31'
    """
    if date is None:
        return None
    try:
        if not _DATE.match(date):
            raise ValueError(date)
        _dt.date.fromisoformat(date)
    except ValueError:
        raise InputError("--date", None, f"{date!r} is not a date in the form YYYY-MM-DD (e.g. 2026-03-31)") from None
    return date


def analyse(report: Report, known: KnownGraph, edition: str) -> tuple[list[ProjectResult], list[KnownProject], list[dict]]:
    """Find sections, candidates and changes of a report against what the graph knows.

    Returns
    -------
    (results, missing, changes)
        One :class:`ProjectResult` per heading in reading order, the known projects not found,
        and the change list of ``changes.json``.
    """
    labels = tuple(sorted(set(DEFAULT_STATUS_LABELS) | set(known.statuses)))
    headings = find_headings(report.lines, labels)
    sections = find_sections(report.lines, headings, known, labels)
    blocks = page_candidates(report.lines, sections, labels)
    taken = {project.slug for project in known.projects.values()}
    results = []
    for index, section in enumerate(sections):
        slug = section.match.slug if section.match else slugify(section.heading.text, taken)
        candidates = blocks.get(index, []) + section_candidates(section.body, known)
        results.append(ProjectResult(section, slug, section.match, candidates))
    missing = missing_projects(sections, known)
    return results, missing, change_list(results, known)


def ingest(report_path: Path | str, edition: str, *, date: str | None = None, out_dir: Path | str | None = None,
           data_dir: Path | str | None = None, known: KnownGraph | None = None, lang: str = DEFAULT_LANGUAGE,
           write: bool = True) -> IngestResult:
    """Read a report, propose the change against the current graph and write DIR atomically.

    Parameters
    ----------
    report_path : path-like
        The new report (PDF or text).
    edition : str
        The edition's slug (``report:<edition>``).
    date : str, optional
        The report's date, YYYY-MM-DD.
    out_dir : path-like, optional
        Output directory (default ``build/ingest/<edition>``); replaced as a whole.
    data_dir : path-like, optional
        The current data (default: the packaged/checkout ``data/``); ignored when ``known`` is given.
    known : KnownGraph, optional
        What the graph knows (``KnownGraph.empty()`` for an empty graph).
    lang : str
        Language of ``review.html``.
    write : bool
        False to only analyse.

    Returns
    -------
    IngestResult
    """
    started = time.perf_counter()
    check_edition(edition)
    check_date(date)
    report = read_report(report_path)
    if known is None:
        known = read_known(store_from_data(data_dir))
    results, missing, changes = analyse(report, known, edition)
    document = changes_document(edition, results, missing, changes)
    target = Path(out_dir) if out_dir is not None else Path("build") / "ingest" / edition
    outcome = IngestResult(edition, date, report, results, missing, changes, document)
    if write:
        source_name = Path(report.source).name
        files = {"changes.json": to_json(document),
                 "candidates.json": to_json(candidates_document(edition, report, results)),
                 "review.html": review_html(document, report, date, lang),
                 "report.ttl": report_file(edition, date, source_name)}
        files.update(project_files(results, edition, source_name))
        files.update(new_resources(results, known, edition))
        with replacing_dir(target) as tmp:
            for name, text in sorted(files.items()):
                path = tmp / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        outcome.out_dir = target
    outcome.seconds = time.perf_counter() - started
    return outcome
