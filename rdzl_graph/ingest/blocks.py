"""Assign the page-end blocks (amounts, status labels) to the projects of their page.

The report prints, at the end of a page, one amount block ("€ … / Regio Deal middelen") per
funded project and status labels, in the order of the projects on the page. A *layout page* is a
page of the report, split further where a run of block lines is followed by more running text
(the text extraction lost a page break there). A heading printed right after the blocks, with
nothing else before the page ends, slipped behind them and belongs to the page; a numbered one
takes its place by its number.

Certainty, as ``data/README.md`` defines it:

* amounts — one project and one block, or identical blocks: ``zeker``; as many blocks as projects
  (parents with sub-projects on the page carry no amount of their own): ``paginavolgorde``;
  otherwise, or when a block shares its line with another block or lacks its caption: ``onzeker``;
* status labels — as many labels as projects: ``zeker`` when they are all the same, else
  ``paginavolgorde``; no label: every project "Niet gerapporteerd", ``zeker``; fewer labels than
  projects: the first label to the first project, the others "Niet gerapporteerd", all ``onzeker``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .candidates_model import Candidate, confidence_of
from .layout import Token, block_tokens
from .reading import Line
from .sections import Section

NOT_REPORTED = "Niet gerapporteerd"


@dataclass
class LayoutPage:
    """The sections (indices) and block tokens of one layout page."""

    sections: list[int] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)


def _runs(page_lines: Sequence[Line], labels: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) indices of runs of block lines (blank lines inside a run included)."""
    runs, start, last = [], None, None
    for i, line in enumerate(page_lines):
        if block_tokens(line, labels) is not None:
            start = i if start is None else start
            last = i
        elif not line.blank and start is not None:
            runs.append((start, last))
            start = last = None
    if start is not None:
        runs.append((start, last))
    return runs


def layout_pages(lines: Sequence[Line], sections: Sequence[Section], labels: Sequence[str]) -> list[LayoutPage]:
    """Split the report into layout pages (see module docstring)."""
    first_line = {section.heading.first.number: i for i, section in enumerate(sections)}
    heading_of = {line.number: i for i, section in enumerate(sections) for line in section.heading.lines}
    pages: list[LayoutPage] = []
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    for _, page_lines in sorted(by_page.items()):
        cuts = []
        for start, end in _runs(page_lines, labels):
            rest = [line for line in page_lines[end + 1:] if not line.blank]
            if not rest or all(line.number in heading_of for line in rest) and len({heading_of[l.number] for l in rest}) == 1:
                continue
            cuts.append(end + 1)
        bounds = [0, *cuts, len(page_lines)]
        for a, b in zip(bounds, bounds[1:]):
            page = LayoutPage()
            for line in page_lines[a:b]:
                if line.number in first_line:
                    page.sections.append(first_line[line.number])
                page.tokens.extend(block_tokens(line, labels) or [])
            page.sections = _order(page.sections, sections, page_lines[a:b], labels)
            pages.append(page)
    return pages


def _order(indices: list[int], sections: Sequence[Section], page_lines: Sequence[Line], labels: Sequence[str]) -> list[int]:
    """Put a heading that slipped behind the blocks after the heading numbered one lower."""
    runs = _runs(page_lines, labels)
    if not runs or len(indices) < 2:
        return indices
    last_block = page_lines[runs[-1][1]].number
    slipped = [i for i in indices if sections[i].heading.first.number > last_block]
    ordered = [i for i in indices if i not in slipped]
    for index in slipped:
        number = sections[index].heading.number
        before = [k for k, other in enumerate(ordered) if number is not None and sections[other].heading.number == number - 1]
        ordered.insert(before[0] + 1 if before else len(ordered), index)
    return ordered


def _amount_blocks(tokens: Sequence[Token]) -> list[dict]:
    blocks: list[dict] = []
    for token in tokens:
        if token.kind == "amount":
            blocks.append({"value": token.value, "line": token.line, "caption": None, "shared": False})
        elif token.kind == "caption" and blocks and blocks[-1]["caption"] is None:
            blocks[-1]["caption"] = token.line
    for previous, block in zip(blocks, blocks[1:]):
        lines_before = {previous["line"].number, previous["caption"].number if previous["caption"] else None}
        if block["line"].number in lines_before:
            previous["shared"] = block["shared"] = True
    return blocks


def _amounts(page: LayoutPage, sections: Sequence[Section]) -> list[tuple[int, Candidate]]:
    blocks = _amount_blocks(page.tokens)
    if not blocks or not page.sections:
        return []
    leaves = [i for i in page.sections if not sections[i].is_parent]
    targets = leaves if len(blocks) == len(leaves) else page.sections if len(blocks) == len(page.sections) else (leaves or page.sections)
    equal = len(blocks) == len(targets)
    same = len({block["value"] for block in blocks}) == 1
    out = []
    for position, (index, block) in enumerate(zip(targets, blocks)):
        if not equal:
            certainty, note = "onzeker", f"{len(blocks)} bedragblokken voor {len(targets)} projecten op de pagina"
        elif block["shared"] or block["caption"] is None:
            certainty = "onzeker"
            note = "blok staat op één regel met een ander blok" if block["shared"] else "blok mist het bijschrift"
        elif len(blocks) == 1 or same:
            certainty, note = "zeker", "één project en één blok op de pagina" if len(blocks) == 1 else "alle blokken gelijk"
        else:
            certainty, note = "paginavolgorde", f"blok {position + 1} van {len(blocks)}, in de volgorde van de projecten"
        out.append((index, Candidate("amount", block["value"], block["line"], confidence_of(certainty), certainty, note)))
    return out


def _statuses(page: LayoutPage) -> list[tuple[int, Candidate]]:
    labels = [token for token in page.tokens if token.kind == "status"]
    projects = page.sections
    if not projects:
        return []
    out = []
    if not labels:
        line = page.tokens[-1].line if page.tokens else None
        if line is None:
            return []
        for index in projects:
            out.append((index, Candidate("status", NOT_REPORTED, line, confidence_of("zeker"), "zeker", "geen statuslabel op de pagina")))
    elif len(labels) == len(projects):
        certainty = "zeker" if len({t.value for t in labels}) == 1 else "paginavolgorde"
        for index, token in zip(projects, labels):
            out.append((index, Candidate("status", token.value, token.line, confidence_of(certainty), certainty,
                                         f"{len(labels)} label(s) voor {len(projects)} project(en)")))
    else:
        note = f"{len(labels)} label(s) voor {len(projects)} projecten op de pagina"
        out.append((projects[0], Candidate("status", labels[0].value, labels[0].line, confidence_of("onzeker"), "onzeker", note)))
        for index in projects[1:]:
            out.append((index, Candidate("status", NOT_REPORTED, labels[0].line, confidence_of("onzeker"), "onzeker", note)))
    return out


def page_candidates(lines: Sequence[Line], sections: Sequence[Section], labels: Sequence[str]) -> dict[int, list[Candidate]]:
    """Status and amount candidates per section index.

    Returns
    -------
    dict
        Section index -> candidates (status first, then amount).
    """
    result: dict[int, list[Candidate]] = {}
    for page in layout_pages(lines, sections, labels):
        for index, candidate in _statuses(page) + _amounts(page, sections):
            result.setdefault(index, []).append(candidate)
    return result
