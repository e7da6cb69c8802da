"""Text that is safe for the tools the output reaches: spreadsheets and terminals.

Labels come from the data (and, one day, from an ingested report); a label may
hold anything. Three places would act on it instead of showing it:

* **spreadsheets** (CSV, TSV, XLSX) read a cell starting with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return as a formula (``=HYPERLINK(...)``,
  ``@SUM(...)``): :func:`neutralise` puts a ``'`` in front of such *text*
  (the OWASP advice on CSV injection), :func:`unneutralise` takes it off again
  when a spreadsheet is read back. Numbers written as numbers are never
  touched, so ``-3`` stays the number -3;
* **terminals** obey control characters (ESC starts colour codes, cursor moves
  and window titles, BEL rings, CR overwrites the line) and bidi format
  characters reorder what is shown: :func:`clean` turns every control and
  format character into a space, :func:`clean_lines` does the same but keeps
  the line breaks of a table;
* **error messages** echo what a user typed: :func:`shorten` shows control
  characters as visible escapes (``\\x1b``) and cuts a long value to
  :data:`SHORT_LIMIT` characters with its length.

Formats read by programs (JSON, GraphML, GEXF, RDF) keep the exact text; JSON
written for a terminal goes through :func:`json_text`, which escapes the
control characters that :func:`json.dumps` leaves raw.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Spreadsheets skip these before looking at the first character.
_LEADING = " \n\r\t"
#: Unicode categories that a terminal may obey: control (C0, DEL, C1) and format (bidi overrides, ...).
_UNSAFE_CATEGORIES = ("Cc", "Cf")
#: Characters of a value echoed in an error message.
SHORT_LIMIT = 80


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could read *text* as a formula.

    Leading spaces and line breaks are skipped first, as some spreadsheets do.

    Examples
    --------
    >>> is_formula_like("=1+1"), is_formula_like("  @SUM(A1)"), is_formula_like("'t Hoogveld")
    (True, True, False)
    """
    return text.startswith(FORMULA_START) or text.lstrip(_LEADING).startswith(FORMULA_START)


def neutralise(value: Any) -> Any:
    """A cell value that no spreadsheet reads as a formula.

    Text that :func:`is_formula_like` gets a leading ``'``; other values
    (numbers, booleans, ``None``) are returned unchanged, so that a number
    stays a number.

    Examples
    --------
    >>> neutralise('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    >>> neutralise("-1+2"), neutralise(-1), neutralise("Goede Morgen")
    ("'-1+2", -1, 'Goede Morgen')
    """
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise` (a ``'`` followed by formula-like text); other text is unchanged.

    Examples
    --------
    >>> unneutralise(neutralise("-5 banen")), unneutralise("'t Hoogveld")
    ('-5 banen', "'t Hoogveld")
    """
    return text[1:] if text.startswith("'") and is_formula_like(text[1:]) else text


def _unsafe(char: str) -> bool:
    return unicodedata.category(char) in _UNSAFE_CATEGORIES


def clean(text: Any, strip: bool = True) -> str:
    """Text safe for a terminal: control and format characters become spaces; ends stripped unless not *strip*.

    Examples
    --------
    >>> clean("Vallis\\x1b[31mveld\\x07\\n")
    'Vallis [31mveld'
    >>> clean("a\\u202eb"), clean(None)
    ('a b', '')
    """
    if text is None:
        return ""
    out = "".join(" " if _unsafe(c) else c for c in str(text))
    return out.strip() if strip else out


def clean_lines(text: str) -> str:
    """:func:`clean` for a whole table: every line cleaned, the line breaks kept.

    A carriage return (which would overwrite a line) becomes a space too; the
    layout (indentation, trailing spaces) is kept.

    Examples
    --------
    >>> clean_lines("naam\\n  Envida\\x1b[2J\\rX\\n")
    'naam\\n  Envida [2J X\\n'
    """
    return "\n".join(clean(line, strip=False) for line in text.split("\n"))


def escape(text: Any) -> str:
    """Text with every control and format character shown as a visible escape (``\\x1b``, ``\\u202e``).

    Examples
    --------
    >>> escape("rapport\\x1b[31m.pdf\\x9b")
    'rapport\\\\x1b[31m.pdf\\\\x9b'
    """
    out = []
    for char in str(text):
        if not _unsafe(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(f"\\u{ord(char):04x}")
    return "".join(out)


def shorten(text: Any, limit: int = SHORT_LIMIT) -> str:
    """A user-typed value for an error message: escaped (:func:`escape`) and at most *limit* characters.

    A longer value is cut with ``…`` and its length in characters.

    Examples
    --------
    >>> shorten("vallisveld")
    'vallisveld'
    >>> shorten("x" * 100_000, 10)
    'xxxxxxxxx… (100000 characters)'
    """
    raw = str(text)
    shown = escape(raw)
    if len(shown) <= limit:
        return shown
    return shown[: limit - 1] + f"… ({len(raw)} characters)"


def json_text(data: Any, **options: Any) -> str:
    """:func:`json.dumps` with ``ensure_ascii=False`` whose output a terminal shows as it is.

    :func:`json.dumps` escapes C0 control characters but writes C1 controls
    (``\\x9b`` is a terminal's CSI), DEL and format characters raw; here they
    are written as ``\\uXXXX`` escapes, which every JSON reader turns back
    into the exact text. *options* go to :func:`json.dumps`.

    Examples
    --------
    >>> json_text({"label": "a\\x9b31mb\\u202e"})
    '{"label": "a\\\\u009b31mb\\\\u202e"}'
    >>> json.loads(json_text(["a\\x1b\\x9b"])) == ["a\\x1b\\x9b"]
    True
    """
    text = json.dumps(data, ensure_ascii=False, **options)
    return "".join(f"\\u{ord(c):04x}" if _unsafe(c) and c not in "\n" else c for c in text)


def _xml_allowed(char: str) -> bool:
    code = ord(char)
    return (code >= 0x20 or char in "\t\n\r") and not 0xD800 <= code <= 0xDFFF and code not in (0xFFFE, 0xFFFF)


def xml_safe(text: str) -> str:
    """*text* with the characters XML 1.0 cannot hold (C0 controls but tab and line breaks, U+FFFE/U+FFFF,
    lone surrogates) replaced by U+FFFD; everything else, formula-like text included, is kept exactly.

    GraphML and GEXF are XML: an ESC or BEL in a label would make the file unreadable (Gephi and
    networkx refuse it), and no escape can carry it.

    Examples
    --------
    >>> xml_safe("x\\x1b[31m\\x07y\\tz"), xml_safe("=HYPERLINK(1)")
    ('x\\ufffd[31m\\ufffdy\\tz', '=HYPERLINK(1)')
    """
    return "".join(c if _xml_allowed(c) else "\ufffd" for c in text)


#: Characters of one line of an error message (a guard: values are cut to :data:`SHORT_LIMIT` where they are echoed).
MESSAGE_LINE_LIMIT = 2000


def message(text: Any, limit: int = MESSAGE_LINE_LIMIT) -> str:
    """An error message for a terminal: each line escaped (:func:`escape`) and cut (:func:`shorten`) to *limit*.

    The last guard of the command line: whatever an error echoes (a path, a
    name, a value), it reaches the terminal without control characters and
    without 100 KB of it.

    Examples
    --------
    >>> print(message("unknown project 'a\\x1bb'\\n  " + "y" * 1000, 30))
    unknown project 'a\\x1bb'
      yyyyyyyyyyyyyyyyyyyyyyyyyyy… (1002 characters)
    """
    return "\n".join(shorten(line, limit) for line in str(text).split("\n"))
