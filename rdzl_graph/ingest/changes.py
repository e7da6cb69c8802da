"""Turn the candidates of each section into the proposed change list of ``changes.json``.

A change is ``{"project", "kind", "old", "new", "source": {"page", "line"}, "confidence"}`` with
``old`` the current graph's value (``None`` when it has none) and ``kind`` one of :data:`KINDS`.
Attention points are summaries in our own words in the graph and sentences in the report, so they
are paired by the words they share (:func:`word_overlap`, at least :data:`ATTENTION_THRESHOLD`):
a report sentence that fits no current point is *added*, a current point that no sentence fits is
*removed*. Milestones are not extracted (``milestone-added`` never appears).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .candidates_model import Candidate
from .known import KnownGraph, KnownProject
from .sections import Section, normalise

KINDS = ("project-added", "status", "amount", "partner-added", "partner-removed", "person-added",
         "attention-point-added", "attention-point-removed", "milestone-added")

ATTENTION_THRESHOLD = 0.3
"""Lowest share of content words (of the shorter text) for a report sentence to fit a current attention point."""

ABSENCE_CONFIDENCE = 0.6
"""Confidence of a change inferred from something the report no longer names."""


@dataclass
class ProjectResult:
    """What the ingest found for one heading."""

    section: Section
    slug: str
    known: KnownProject | None
    candidates: list[Candidate] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Candidate]:
        """The candidates of one kind, in reading order."""
        return [c for c in self.candidates if c.kind == kind]

    def first(self, kind: str) -> Candidate | None:
        """The first candidate of a kind, if any."""
        found = self.of_kind(kind)
        return found[0] if found else None


def slugify(text: str, taken: set[str]) -> str:
    """A new slug from a heading, unique among ``taken`` (which it extends).

    Examples
    --------
    >>> taken = {"groene-wijk"}
    >>> slugify("Groene Wijk", taken), slugify("Zoë's Tuin & Co.", taken)
    ('groene-wijk-2', 'zoe-s-tuin-co')
    """
    words = normalise(text).split()[:8]
    base = "-".join(words) or "project"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def _stems(text: str) -> set[str]:
    return {word[:6] for word in re.findall(r"[a-z]+", normalise(text)) if len(word) >= 5}


def word_overlap(a: str, b: str) -> float:
    """Share of content-word stems (words of 5+ letters, first 6 letters) of the shorter text in the other.

    Examples
    --------
    >>> word_overlap("Vertraging door tekort aan capaciteit.", "Capaciteitstekort geeft vertraging")
    0.666667
    """
    x, y = _stems(a), _stems(b)
    if not x or not y:
        return 0.0
    return round(len(x & y) / min(len(x), len(y)), 6)


def _change(project: str, kind: str, old, new, candidate: Candidate | None, section: Section, confidence: float) -> dict:
    line = candidate.line if candidate is not None else section.heading.first
    return {"project": project, "kind": kind, "old": old, "new": new,
            "source": {"page": line.page, "line": line.number}, "confidence": round(confidence, 2)}


def _heading_confidence(section: Section) -> float:
    heading = section.heading
    return 0.85 if heading.number is not None else 0.75 if heading.level == "sub" else 0.65


def _attention_changes(result: ProjectResult) -> list[dict]:
    sentences = result.of_kind("attention")
    current = sorted(result.known.attention.items()) if result.known else []
    changes = []
    for sentence in sentences:
        best = max((word_overlap(str(sentence.value), label) for _, label in current), default=0.0)
        if best < ATTENTION_THRESHOLD:
            changes.append(_change(result.slug, "attention-point-added", None, sentence.value, sentence, result.section, sentence.confidence))
    for iri, label in current:
        if not any(word_overlap(str(s.value), label) >= ATTENTION_THRESHOLD for s in sentences):
            changes.append(_change(result.slug, "attention-point-removed", label or iri, None, None, result.section, ABSENCE_CONFIDENCE))
    return changes


def project_changes(result: ProjectResult, known: KnownGraph) -> list[dict]:
    """The changes one heading proposes against the current graph."""
    slug, section, project = result.slug, result.section, result.known
    changes = []
    if project is None:
        changes.append(_change(slug, "project-added", None, section.heading.text, None, section, _heading_confidence(section)))
    status = result.first("status")
    if status is not None and (project is None or status.value != project.status):
        changes.append(_change(slug, "status", project.status if project else None, status.value, status, section, status.confidence))
    amount = result.first("amount")
    if amount is not None and (project is None or amount.value != project.amount):
        changes.append(_change(slug, "amount", project.amount if project else None, amount.value, amount, section, amount.confidence))
    elif amount is None and project is not None and project.amount is not None:
        changes.append(_change(slug, "amount", project.amount, None, None, section, ABSENCE_CONFIDENCE))
    partners = project.partners if project else {}
    named = set()
    for org in result.of_kind("organisation"):
        named.add(org.iri)
        if org.iri is None or org.iri not in partners:
            changes.append(_change(slug, "partner-added", None, org.value, org, section, org.confidence))
    for iri, label in sorted(partners.items()):
        if iri not in named:
            changes.append(_change(slug, "partner-removed", label, None, None, section, ABSENCE_CONFIDENCE))
    persons = project.persons if project else {}
    for person in result.of_kind("person"):
        if person.iri is None or person.iri not in persons:
            changes.append(_change(slug, "person-added", None, person.value, person, section, person.confidence))
    return changes + _attention_changes(result)


def change_list(results: Sequence[ProjectResult], known: KnownGraph) -> list[dict]:
    """All changes, in reading order of the headings, then by kind and line."""
    order = {kind: i for i, kind in enumerate(KINDS)}
    out = []
    for position, result in enumerate(results):
        changes = project_changes(result, known)
        changes.sort(key=lambda c: (order[c["kind"]], c["source"]["line"], str(c["old"]), str(c["new"])))
        out.extend(changes)
    return out
