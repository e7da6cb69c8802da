"""The layout conventions of a progress report: page-end blocks, headings, running text.

* Page-end blocks: lines made only of amounts (``€ 1.000.000``), the caption ``Regio Deal
  middelen`` and status labels (``Op schema``, ``Aandachtspunten``), printed at the end of a page
  in the order of the projects on it (:func:`block_tokens`).
* Headings (:func:`find_headings`): a numbered heading (``2. Goede Morgen: de …``, possibly
  over several lines), an indented sub-project heading (four spaces or more), or a short
  stand-alone title whose words open the paragraph after it (``Welcome to … / Welcome to …
  richt zich``).
* Running text (:func:`join_lines`): lines joined with hyphenation at line ends undone
  (``Burge-`` + ``meester`` → ``Burgemeester``; ``Zuid-`` + ``Limburg`` keeps its hyphen).

Nothing here names a project, a page or a line of a particular report.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .reading import Line

CAPTION = "Regio Deal middelen"
DEFAULT_STATUS_LABELS = ("Op schema", "Aandachtspunten")
AMOUNT = r"€\s*\d{1,3}(?:\.\d{3})+(?:,\d{2})?|€\s*\d+(?:,\d{2})?"
_NUMBERED = re.compile(r"^\s{0,3}(\d{1,2})\.\s+(\S.*)$")
_SUB_INDENT = 4
_MAX_HEADING_LINES = 4
_MAX_HEADING_CHARS = 120
_MAX_TITLE_LINE = 45


@dataclass(frozen=True)
class Token:
    """One element of a page-end block: ``amount`` (value in whole euros), ``caption`` or ``status``."""

    kind: str
    value: str | int
    line: Line


@dataclass(frozen=True)
class Heading:
    """A heading of the report.

    Attributes
    ----------
    text : str
        The heading, lines joined, hyphenation undone, number removed.
    number : int or None
        The printed number (``2.``), if any.
    level : str
        ``"project"`` or ``"sub"`` (indented sub-project heading).
    lines : tuple of Line
        The lines the heading stands on.
    """

    text: str
    number: int | None
    level: str
    lines: tuple[Line, ...]

    @property
    def first(self) -> Line:
        """The heading's first line."""
        return self.lines[0]


def parse_amount(text: str) -> int:
    """The whole euros of an amount as printed.

    Examples
    --------
    >>> parse_amount("€ 2.500.000"), parse_amount("€34.500"), parse_amount("€ 800,00")
    (2500000, 34500, 800)
    """
    digits = text.replace("€", "").strip().split(",")[0]
    return int(digits.replace(".", ""))


@functools.lru_cache(maxsize=32)
def _token_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    words = [re.escape(CAPTION)] + [re.escape(label) for label in sorted(labels, key=len, reverse=True)]
    return re.compile(rf"\s*(?:(?P<amount>{AMOUNT})|(?P<word>{'|'.join(words)}))\s*")


def block_tokens(line: Line, labels: Sequence[str] = DEFAULT_STATUS_LABELS) -> list[Token] | None:
    """The block tokens of a line, or None when the line is not a page-end block line.

    Examples
    --------
    >>> [(t.kind, t.value) for t in block_tokens(Line(1, 1, "Regio Deal middelen€ 2.150.000 "))]
    [('caption', 'Regio Deal middelen'), ('amount', 2150000)]
    >>> block_tokens(Line(1, 1, "Aandachtspunten: vertraging")) is None
    True
    """
    text = line.text
    if not text.strip():
        return None
    pattern = _token_pattern(tuple(labels))
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        match = pattern.match(text, position)
        if match is None or match.end() == position:
            return None
        if match.group("amount"):
            tokens.append(Token("amount", parse_amount(match.group("amount")), line))
        elif match.group("word") == CAPTION:
            tokens.append(Token("caption", CAPTION, line))
        else:
            tokens.append(Token("status", match.group("word"), line))
        position = match.end()
    return tokens or None


def join_lines(texts: Sequence[str]) -> str:
    """Join lines into running text, undoing hyphenation at line ends.

    Examples
    --------
    >>> join_lines(["1. Glanerbrook & Burge-", "meester Damenpark in ", "Sittard-Geleen"])
    '1. Glanerbrook & Burgemeester Damenpark in Sittard-Geleen'
    >>> join_lines(["afstemming tussen Regio Deal Zuid-", "Limburg projecten"])
    'afstemming tussen Regio Deal Zuid-Limburg projecten'
    """
    out = ""
    for raw in texts:
        piece = raw.strip()
        if not piece:
            continue
        if not out:
            out = piece
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and piece[0].islower():
            out = out[:-1] + piece
        elif out.endswith(("-", "/")):
            out += piece
        else:
            out += " " + piece
    return out


def _is_block(line: Line, labels: Sequence[str]) -> bool:
    return block_tokens(line, labels) is not None


def _indent(line: Line) -> int:
    return len(line.text.expandtabs(4)) - len(line.text.expandtabs(4).lstrip())


def _starts_upper(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def _collect(lines: Sequence[Line], start: int, labels: Sequence[str], indented: bool) -> list[Line] | None:
    """The lines of a heading block starting at ``start``, ending before a blank line."""
    block = [lines[start]]
    index = start + 1
    while index < len(lines) and not lines[index].blank and not _is_block(lines[index], labels):
        if indented and _indent(lines[index]) < _SUB_INDENT:
            return None
        if _NUMBERED.match(lines[index].text) and not indented:
            break
        block.append(lines[index])
        index += 1
        if len(block) > _MAX_HEADING_LINES:
            return None
    return block


def _next_paragraph(lines: Sequence[Line], index: int, labels: Sequence[str]) -> str:
    while index < len(lines) and lines[index].blank:
        index += 1
    texts = []
    while index < len(lines) and not lines[index].blank and not _is_block(lines[index], labels):
        texts.append(lines[index].text)
        index += 1
    return join_lines(texts)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _heading_at(lines: Sequence[Line], i: int, labels: Sequence[str]) -> Heading | None:
    line = lines[i]
    before_ok = i == 0 or lines[i - 1].blank or _is_block(lines[i - 1], labels) or lines[i - 1].page != line.page
    if not before_ok or line.blank or _is_block(line, labels):
        return None
    numbered = _NUMBERED.match(line.text)
    if numbered and _starts_upper(numbered.group(2)):
        block = _collect(lines, i, labels, indented=False)
        if block and all(len(row.text.strip()) <= 60 for row in block):
            text = join_lines([numbered.group(2)] + [row.text for row in block[1:]])
            if len(text) <= _MAX_HEADING_CHARS and not text.endswith((".", ":", ";")):
                return Heading(text.strip(), int(numbered.group(1)), "project", tuple(block))
        return None
    stripped = line.text.strip()
    if _indent(line) >= _SUB_INDENT and _starts_upper(stripped) and not stripped.startswith("•"):
        block = _collect(lines, i, labels, indented=True)
        if block:
            text = join_lines([row.text for row in block])
            if len(text) <= _MAX_HEADING_CHARS and not text.endswith((".", ":", ";")):
                return Heading(text, None, "sub", tuple(block))
        return None
    block = _collect(lines, i, labels, indented=False)
    if not block or len(block) > 3 or any(len(row.text.strip()) > _MAX_TITLE_LINE for row in block):
        return None
    text = join_lines([row.text for row in block])
    if len(text.split()) < 2 or text.endswith((".", ":", ";", ",")) or not _starts_upper(text):
        return None
    following = _next_paragraph(lines, i + len(block), labels)
    if following != text and _norm(following).startswith(_norm(text) + " "):
        return Heading(text, None, "project", tuple(block))
    return None


def find_headings(lines: Sequence[Line], labels: Sequence[str] = DEFAULT_STATUS_LABELS) -> list[Heading]:
    """Every project or sub-project heading of a report, in reading order.

    Parameters
    ----------
    lines : sequence of Line
    labels : sequence of str
        Status labels that may stand in page-end blocks.

    Returns
    -------
    list of Heading

    Examples
    --------
    >>> from .reading import text_lines
    >>> rows = text_lines("intro\\n\\n1. Groene Wijk in \\nHeerlen\\n\\nTekst.\\n\\n    Deel A\\n\\nMeer.")
    >>> [(h.text, h.number, h.level) for h in find_headings(rows)]
    [('Groene Wijk in Heerlen', 1, 'project'), ('Deel A', None, 'sub')]
    """
    headings: list[Heading] = []
    i = 0
    while i < len(lines):
        heading = _heading_at(lines, i, labels)
        if heading is None:
            i += 1
            continue
        headings.append(heading)
        i += len(heading.lines)
    return headings
