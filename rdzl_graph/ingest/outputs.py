"""The documents the ingest writes: ``changes.json``, ``candidates.json`` and ``review.html``.

``changes.json`` has exactly the shape of the issue::

    {"edition", "projects_found", "projects_missing", "new_headings",
     "changes": [{"project", "kind", "old", "new", "source": {"page", "line"}, "confidence"}]}

``new_headings`` lists ``{"heading", "project", "page", "line"}`` (``project`` is the proposed
slug). A change is unsure when its confidence is below
:data:`~rdzl_graph.ingest.candidates_model.UNSURE_BELOW`; ``candidates.json`` carries every
candidate with its certainty, note and an explicit ``unsure`` flag.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..text import DEFAULT_LANGUAGE
from ..text.html import html_environment
from ..text.ingest import ingest_strings
from .candidates_model import UNSURE_BELOW
from .changes import ProjectResult
from .known import KnownProject
from .reading import Report

CONTEXT_LINES = 3
"""Report lines shown before and after the source line of a change in review.html."""


def changes_document(edition: str, results: Sequence[ProjectResult], missing: Sequence[KnownProject],
                     changes: Sequence[dict]) -> dict:
    """The content of ``changes.json``."""
    return {
        "edition": edition,
        "projects_found": [r.slug for r in results if r.known is not None],
        "projects_missing": [p.slug for p in missing],
        "new_headings": [
            {"heading": r.section.heading.text, "project": r.slug,
             "page": r.section.heading.first.page, "line": r.section.heading.first.number}
            for r in results if r.known is None
        ],
        "changes": list(changes),
    }


def candidates_document(edition: str, report: Report, results: Sequence[ProjectResult]) -> dict:
    """Every candidate per heading, with page, line, confidence, certainty and the unsure flag."""
    projects = []
    for result in results:
        heading = result.section.heading
        projects.append({
            "project": result.slug,
            "known": result.known is not None,
            "heading": heading.text,
            "heading_number": heading.number,
            "level": heading.level,
            "parent": None if result.section.parent is None else results[result.section.parent].slug,
            "match_score": round(result.section.score, 3),
            "source": {"page": heading.first.page, "line": heading.first.number},
            "candidates": [
                {"kind": c.kind, "value": c.value, "source": {"page": c.line.page, "line": c.line.number},
                 "confidence": round(c.confidence, 2), "certainty": c.certainty, "unsure": c.unsure,
                 "note": c.note, "iri": c.iri, "detail": c.detail}
                for c in result.candidates
            ],
        })
    return {"edition": edition, "report": Path(report.source).name, "kind": report.kind,
            "pages": report.pages, "lines": len(report.lines), "projects": projects}


def to_json(document: dict) -> str:
    """JSON as written: UTF-8, indented, keys in their given order, newline at the end."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _context(report: Report, line_number: int) -> list[dict]:
    index = {line.number: i for i, line in enumerate(report.lines)}.get(line_number)
    if index is None:
        return []
    rows = report.lines[max(0, index - CONTEXT_LINES): index + CONTEXT_LINES + 1]
    return [{"number": row.number, "text": row.text, "here": row.number == line_number} for row in rows]


def review_html(document: dict, report: Report, date: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """``review.html``: each proposed change beside the report lines around its source (offline, escaped)."""
    t = ingest_strings(lang)
    changes = []
    for change in document["changes"]:
        shown = dict(change)
        shown["unsure"] = change["confidence"] < UNSURE_BELOW
        shown["confidence_text"] = f"{change['confidence']:.2f}".replace(".", "," if lang == "nl" else ".")
        shown["context"] = _context(report, change["source"]["line"])
        changes.append(shown)
    env = html_environment(Path(__file__).resolve().parent / "templates")
    return env.get_template("review.html.j2").render(
        t=t, lang=lang, edition=document["edition"], source=Path(report.source).name, date=date,
        found=document["projects_found"], missing=document["projects_missing"],
        new_headings=document["new_headings"], changes=changes,
    )
