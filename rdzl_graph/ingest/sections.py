"""Find the sections of known projects in a report, and the headings the graph does not know.

Each heading found by :func:`~rdzl_graph.ingest.layout.find_headings` is compared with every name
(label and alternative label, any language) of every project of the current graph. Names and
headings are compared after normalising (lower case, accents removed, punctuation to spaces), as a
whole (``difflib`` ratio) and as a prefix (a heading may add a place: ``… in Sittard-Geleen``,
scored a little lower the more it adds). A heading matches a project when the best score reaches
:data:`MATCH_THRESHOLD`; headings and projects are paired one to one, best score first. A heading
without a match is a candidate new project (``new_headings``); a project without a heading is
``projects_missing``.

A section is the body of a heading: the lines up to the next heading or programme-line title,
without page-end block lines.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from .known import KnownGraph, KnownProject
from .layout import Heading, block_tokens
from .reading import Line

MATCH_THRESHOLD = 0.8
"""Lowest similarity (0-1) at which a heading is taken for a known project."""

LINE_TITLE_THRESHOLD = 0.85
"""Lowest similarity at which a stand-alone line is taken for a known programme-line title."""


@dataclass
class Section:
    """A heading of the report with its body and the project it matches (if any)."""

    heading: Heading
    body: list[Line] = field(default_factory=list)
    match: KnownProject | None = None
    score: float = 0.0
    parent: int | None = None
    line: str | None = None
    is_parent: bool = False


def normalise(text: str) -> str:
    """Lower case, accents removed, punctuation to single spaces.

    Examples
    --------
    >>> normalise("Circulaire  Économie: één-twee")
    'circulaire economie een twee'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def similarity(name: str, heading: str) -> float:
    """How well a project name fits a heading (0-1): whole, or as the heading's beginning.

    Examples
    --------
    >>> round(similarity("Circular Chemelot", "Circular Chemelot"), 2)
    1.0
    >>> similarity("Glanerbrook & Burgemeester Damenpark", "Glanerbrook & Burgemeester Damenpark in Sittard-Geleen") > 0.9
    True
    >>> similarity("Vallisveld", "Watervalderbeekdal") < 0.8
    True
    """
    return _similarity(normalise(name), normalise(heading))


def _ratio(a: str, b: str, floor: float) -> float:
    """difflib's ratio, or 0 when its cheap upper bounds are already below ``floor``."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


def _similarity(a: str, b: str, floor: float = 0.5) -> float:
    if not a or not b:
        return 0.0
    whole = _ratio(a, b, floor)
    prefix = 0.0
    if len(b) > len(a):
        prefix = _ratio(a, b[: len(a)], floor) * (0.8 + 0.2 * len(a) / len(b))
    return max(whole, prefix)


def _line_title(line: Line, line_names: Sequence[tuple[str, str]]) -> str | None:
    text = normalise(line.text)
    if not text or len(text) > 80 or line.text.strip().startswith(("•", "-", "*")):
        return None
    words = set(text.split())
    for iri, name in line_names:
        if len(text) < 0.6 * len(name) or len(text) > 1.6 * len(name):
            continue
        name_words = name.split()
        if 2 * sum(word in words for word in name_words) < len(name_words):
            continue
        if max(_similarity(name, text, LINE_TITLE_THRESHOLD), _similarity(text, name, LINE_TITLE_THRESHOLD)) >= LINE_TITLE_THRESHOLD:
            return iri
    return None


def _pairs(headings: Sequence[Heading], known: KnownGraph) -> list[tuple[float, int, str]]:
    pairs = []
    names = {iri: [normalise(name) for name in (project.names or [project.label])] for iri, project in known.projects.items()}
    for index, heading in enumerate(headings):
        text = normalise(heading.text)
        for iri, project in known.projects.items():
            score = max(_similarity(name, text, MATCH_THRESHOLD - 0.1) for name in names[iri])
            if (heading.level == "sub") == (project.parent is not None):
                score = min(1.0, score + 0.02)
            if score >= MATCH_THRESHOLD:
                pairs.append((score, index, iri))
    pairs.sort(key=lambda item: (-item[0], item[1], item[2]))
    return pairs


def find_sections(lines: Sequence[Line], headings: Sequence[Heading], known: KnownGraph,
                  labels: Sequence[str]) -> list[Section]:
    """The sections of a report, matched to the known projects.

    Parameters
    ----------
    lines : sequence of Line
    headings : sequence of Heading
        In reading order.
    known : KnownGraph
    labels : sequence of str
        Status labels (to recognise page-end block lines).

    Returns
    -------
    list of Section
        One per heading, in reading order.
    """
    sections = [Section(heading) for heading in headings]
    used_headings: set[int] = set()
    used_projects: set[str] = set()
    for score, index, iri in _pairs(headings, known):
        if index in used_headings or iri in used_projects:
            continue
        sections[index].match, sections[index].score = known.projects[iri], score
        used_headings.add(index)
        used_projects.add(iri)
    starts = {heading.first.number: i for i, heading in enumerate(headings)}
    heading_lines = {line.number for heading in headings for line in heading.lines}
    line_names = [(iri, normalise(name)) for iri, names in sorted(known.lines.items()) for name in names]
    current: int | None = None
    programme_line: str | None = None
    parent: int | None = None
    for line in lines:
        if line.number in starts:
            current = starts[line.number]
            if headings[current].level == "project":
                parent = current
            elif parent is not None:
                sections[current].parent = parent
                sections[parent].is_parent = True
            sections[current].line = programme_line
            continue
        if line.number in heading_lines:
            continue
        title = _line_title(line, line_names)
        if title is not None:
            programme_line, current = title, None
            continue
        if current is None or block_tokens(line, labels) is not None:
            continue
        sections[current].body.append(line)
    return sections


def missing_projects(sections: Sequence[Section], known: KnownGraph) -> list[KnownProject]:
    """Known projects that no heading matched, sorted by IRI."""
    found = {section.match.iri for section in sections if section.match is not None}
    return [project for iri, project in sorted(known.projects.items()) if iri not in found]
