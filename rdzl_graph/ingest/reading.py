"""Read a progress report (PDF or text extracted from one) into numbered lines on pages.

A report is a sequence of :class:`Line` records, each with its line number in the whole text
(1-based, as an editor shows it) and its page (1-based). For a PDF the pages are the PDF's pages
(text extracted by pypdf in layout mode, which keeps blank lines and indentation). For a text file
a page ends at a form feed, or, where the extraction wrote none, at a run of
:data:`PAGE_BREAK_BLANKS` or more blank lines (the way ``pdftotext``-like tools separate pages;
paragraphs inside a page are separated by one blank line, columns by two at most).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError

PAGE_BREAK_BLANKS = 3
"""A run of at least this many blank lines in a text file is a page break."""


@dataclass(frozen=True)
class Line:
    """One line of the report.

    Attributes
    ----------
    number : int
        Line number in the whole text (1-based).
    page : int
        Page number (1-based).
    text : str
        The line, without its newline (form feeds removed).
    """

    number: int
    page: int
    text: str

    @property
    def blank(self) -> bool:
        """True when the line holds only white space."""
        return not self.text.strip()


@dataclass(frozen=True)
class Report:
    """A report as lines on pages.

    Attributes
    ----------
    source : str
        The file name as given.
    kind : str
        ``"pdf"`` or ``"text"``.
    lines : tuple of Line
    """

    source: str
    kind: str
    lines: tuple[Line, ...]

    @property
    def pages(self) -> int:
        """The number of pages."""
        return self.lines[-1].page if self.lines else 0


def text_lines(text: str) -> list[Line]:
    """Number the lines of a report text and assign them to pages.

    Parameters
    ----------
    text : str
        The text, with form feeds or blank-line runs between pages.

    Returns
    -------
    list of Line

    Examples
    --------
    >>> [(l.number, l.page, l.text) for l in text_lines("a\\n\\nb\\n\\n\\n\\nc\\n\\fd")]
    [(1, 1, 'a'), (2, 1, ''), (3, 1, 'b'), (4, 1, ''), (5, 1, ''), (6, 1, ''), (7, 2, 'c'), (8, 3, 'd')]
    >>> [l.page for l in text_lines("\\n\\n\\n\\ntitel\\n")]
    [1, 1, 1, 1, 1]
    """
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    lines: list[Line] = []
    page, blanks, started = 1, 0, False
    for number, content in enumerate(raw, start=1):
        if "\f" in content:
            if started and content.startswith("\f"):
                page += 1
            pending = content.rstrip().endswith("\f") and not content.startswith("\f")
            content = content.replace("\f", "")
            lines.append(Line(number, page, content))
            blanks, started = 0, started or bool(content.strip())
            page += 1 if pending and started else 0
            continue
        if content.strip() and blanks >= PAGE_BREAK_BLANKS and started:
            page += 1
        blanks = blanks + 1 if not content.strip() else 0
        started = started or bool(content.strip())
        lines.append(Line(number, page, content))
    return lines


def _pdf_text(data: bytes, display: str) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise InputError(display, None, f"reading a PDF needs pypdf ({exc})") from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(display, None, f"this PDF cannot be read ({exc})") from exc
    return "\n\f".join(_trim_layout(page) for page in pages)


def _trim_layout(page: str) -> str:
    """Remove the left margin common to all lines of a layout-mode page and trailing blanks."""
    rows = [row.rstrip() for row in page.split("\n")]
    while rows and not rows[-1]:
        rows.pop()
    while rows and not rows[0]:
        rows.pop(0)
    margin = min((len(row) - len(row.lstrip(" ")) for row in rows if row.strip()), default=0)
    return "\n".join(row[margin:] for row in rows)


def printable(text: str) -> str:
    """``text`` with control characters escaped, safe to print on a terminal.

    Examples
    --------
    >>> printable("rapport\x1b[31m.pdf")
    'rapport\\\\x1b[31m.pdf'
    """
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def read_report(path: Path | str) -> Report:
    """Read a report from a PDF or a UTF-8 text file.

    Parameters
    ----------
    path : pathlib.Path or str
        The report.

    Returns
    -------
    Report

    Raises
    ------
    InputError
        When the file is missing, empty, neither a PDF nor UTF-8 text, an unreadable PDF, or
        holds no text.
    """
    display = printable(str(path))
    path = Path(path)
    if not path.is_file():
        raise InputError(display, None, "the report file does not exist" if not path.exists() else "the report is not a file")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(display, None, "the report file is empty")
    if data.lstrip()[:5] == b"%PDF-":
        kind, text = "pdf", _pdf_text(data, display)
    else:
        if b"\x00" in data:
            raise InputError(display, None, "the report is neither a PDF nor a text file (it holds binary data)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(display, line, "the report is neither a PDF nor UTF-8 text (bad byte in this line)") from exc
        kind = "text"
    lines = text_lines(text)
    if not any(line.text.strip() for line in lines):
        raise InputError(display, None, "the report holds no text (a scanned PDF needs OCR first)")
    return Report(display, kind, tuple(lines))
