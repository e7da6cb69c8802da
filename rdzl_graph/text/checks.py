"""The words of the build's own checks that no SHACL shape or query header carries (Dutch and English)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .languages import check_language

_DEFINED_TWICE: Mapping[str, str] = {
    "nl": "gedefinieerd (getypeerd of benoemd) in meer dan één bestand, ook in {}",
    "en": "defined (typed or labelled) in more than one file, also in {}",
}
_LINE: Mapping[str, str] = {"nl": "{}, regel {}", "en": "{}, line {}"}


def defined_twice(others: Sequence[tuple[str, int | None]], lang: str = "nl") -> str:
    """Say that a resource is defined in more than one file, naming the other files (and lines).

    Examples
    --------
    >>> defined_twice([("data/projects/b.ttl", 7)], "en")
    'defined (typed or labelled) in more than one file, also in data/projects/b.ttl, line 7'
    >>> defined_twice([("data/b.ttl", None), ("data/c.ttl", 3)])
    'gedefinieerd (getypeerd of benoemd) in meer dan één bestand, ook in data/b.ttl; data/c.ttl, regel 3'
    """
    check_language(lang)
    places = [file if line is None else _LINE[lang].format(file, line) for file, line in others]
    return _DEFINED_TWICE[lang].format("; ".join(places))


_THOUSANDS_POINT: Mapping[str, str] = {
    "nl": "Bedrag met drie cijfers achter de punt ({} is {} euro): is de punt een duizendtalscheiding? "
          "Schrijf het zonder punt, bijvoorbeeld 700000",
    "en": "amount with three digits after the point ({} is {} euro): is the point a thousands separator? "
          "Write it without the point, for example 700000",
}


def thousands_point(lexical: str, lang: str = "nl") -> str:
    """Say that an amount written as ``700.000`` reads as 700 euro, not 700,000.

    Examples
    --------
    >>> thousands_point("700.000", "en")
    'amount with three digits after the point (700.000 is 700 euro): is the point a thousands separator? Write it without the point, for example 700000'
    """
    check_language(lang)
    return _THOUSANDS_POINT[lang].format(lexical, lexical.split(".")[0])
