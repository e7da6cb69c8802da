"""Numbers, amounts and lists of names written the way each language writes them.

Dutch groups thousands with a dot and writes a decimal comma (``1.234.567,50``,
``€ 20.332.459``); English the other way round (``1,234,567.50``,
``€20,332,459``). Every number a page, a report or a spreadsheet shows goes
through :func:`format_decimal` (or :func:`format_count` for whole counts and
:func:`format_eur` for amounts), so the separators are decided in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from .languages import DEFAULT_LANGUAGE, check_language

_SWAP_SEPARATORS = str.maketrans({",": ".", ".": ","})
_AND = {"nl": "en", "en": "and"}
_MORE = {"nl": "meer", "en": "more"}


def _localise(text: str, lang: str) -> str:
    """Python writes ``1,234.5``; Dutch swaps the two separators."""
    return text.translate(_SWAP_SEPARATORS) if check_language(lang) == "nl" else text


def format_decimal(value: float | Decimal | int, lang: str = DEFAULT_LANGUAGE, decimals: int = 2, *,
                   grouping: bool = True, trim: bool = False) -> str:
    """Write a number with *decimals* decimals and the separators of *lang*.

    Parameters
    ----------
    value : float, Decimal or int
    lang : {"nl", "en"}
    decimals : int
        Digits after the decimal separator.
    grouping : bool
        Group thousands (off for spreadsheet cells, which must parse as numbers).
    trim : bool
        Drop trailing zeros after the decimal separator (and the separator itself).

    Examples
    --------
    >>> format_decimal(1234567.5, "nl"), format_decimal(1234567.5, "en")
    ('1.234.567,50', '1,234,567.50')
    >>> format_decimal(0.5, "nl", 6, grouping=False, trim=True), format_decimal(12.0, "nl", 6, trim=True)
    ('0,5', '12')
    """
    text = f"{value:{',' if grouping else ''}.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return _localise(text, lang)


def format_number(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """A score or measure with two decimals (:func:`format_decimal`).

    Examples
    --------
    >>> format_number(0.315, "nl"), format_number(0.315, "en")
    ('0,32', '0.32')
    >>> format_number(1234567.5, "nl")
    '1.234.567,50'
    """
    return format_decimal(value, lang, 2)


def format_count(n: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """Write a whole number with the thousands separator of *lang*.

    Examples
    --------
    >>> format_count(45312), format_count(45312, "en"), format_count(7)
    ('45.312', '45,312', '7')
    """
    return _localise(f"{int(n):,}", lang)


#: Counted nouns: name -> language -> (singular, plural).
NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "project": {"nl": ("project", "projecten"), "en": ("project", "projects")},
    "line": {"nl": ("lijn", "lijnen"), "en": ("line", "lines")},
    "circle": {"nl": ("kring", "kringen"), "en": ("circle", "circles")},
    "learning": {"nl": ("leerkans", "leerkansen"), "en": ("learning opportunity", "learning opportunities")},
}


def count_noun(n: int, noun: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A count with its noun, singular for exactly one (:data:`NOUNS`; the number as :func:`format_count`).

    Examples
    --------
    >>> count_noun(1, "line"), count_noun(2, "line"), count_noun(0, "line", "en")
    ('1 lijn', '2 lijnen', '0 lines')
    >>> count_noun(1, "learning", "en"), count_noun(1200, "project")
    ('1 learning opportunity', '1.200 projecten')
    """
    singular, plural = NOUNS[noun][check_language(lang)]
    return f"{format_count(n, lang)} {singular if n == 1 else plural}"


def format_eur(amount: Decimal | float | int | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """An amount in euros rounded to whole euros (``""`` for no amount).

    Examples
    --------
    >>> format_eur(20332459), format_eur(1500000, "en"), format_eur(None)
    ('€ 20.332.459', '€1,500,000', '')
    >>> format_eur(Decimal("2.5")), format_eur(3.5, "en")
    ('€ 2', '€4')
    """
    if amount is None:
        return ""
    whole = format_count(int(round(Decimal(str(amount)))), lang)
    return f"€ {whole}" if lang == "nl" else f"€{whole}"


def join_names(names: Sequence[str], lang: str = DEFAULT_LANGUAGE, limit: int = 5) -> str:
    """Join names as ``a, b en c`` (Dutch) or ``a, b and c`` (English); past *limit*, say how many more.

    Examples
    --------
    >>> join_names(["Envida", "Provincie Limburg"])
    'Envida en Provincie Limburg'
    >>> join_names(["a", "b", "c"], "en")
    'a, b and c'
    >>> join_names(list("abcdefg"), "nl")
    'a, b, c, d, e en 2 meer'
    """
    word = _AND[check_language(lang)]
    names = list(names)
    if len(names) > limit:
        names = names[:limit] + [f"{len(names) - limit} {_MORE[lang]}"]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def lower_first(text: str) -> str:
    """Lower-case the first letter of a name used inside a sentence, unless it is an acronym.

    Examples
    --------
    >>> lower_first("Circulaire economie"), lower_first("MKB"), lower_first("X")
    ('circulaire economie', 'MKB', 'x')
    """
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text


def capitalise_first(text: str) -> str:
    """Upper-case the first letter, keep the rest (``str.capitalize`` lowers it).

    Examples
    --------
    >>> capitalise_first("kennisinstelling MKB"), capitalise_first("")
    ('Kennisinstelling MKB', '')
    """
    return str(text)[:1].upper() + str(text)[1:] if text else text
