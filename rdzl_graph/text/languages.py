"""The languages of every user-facing text: Dutch (the default) and English."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

#: Supported languages, the default first.
LANGUAGES = ("nl", "en")
#: Pages, reports and command output speak Dutch unless asked otherwise.
DEFAULT_LANGUAGE = "nl"


def check_language(lang: str) -> str:
    """Return *lang* if it is supported, else raise :class:`ValueError`.

    Examples
    --------
    >>> check_language("en")
    'en'
    >>> check_language("de")
    Traceback (most recent call last):
    ...
    ValueError: unsupported language 'de'; choose one of nl, en
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang


def other_language(lang: str) -> str:
    """The other supported language (for texts shown in both).

    Examples
    --------
    >>> other_language("nl"), other_language("en")
    ('en', 'nl')
    """
    return "en" if check_language(lang) == "nl" else "nl"


def in_language(table: Mapping[str, Sequence[str]], lang: str) -> dict[str, str]:
    """The words of *lang* from a table that holds each word once, in every language.

    Parameters
    ----------
    table : mapping
        Key -> the texts in the order of :data:`LANGUAGES` (Dutch, English).
    lang : str
        ``"nl"`` or ``"en"``.

    Returns
    -------
    dict
        A fresh dict: key -> text in *lang*.

    Raises
    ------
    ValueError
        If *lang* is not supported, or a row of *table* does not have one text per language.

    Examples
    --------
    >>> in_language({"yes": ("ja", "yes")}, "nl")
    {'yes': 'ja'}
    >>> in_language({"yes": ("ja",)}, "en")
    Traceback (most recent call last):
    ...
    ValueError: word 'yes' has 1 text(s), one per language (nl, en) expected
    """
    index = LANGUAGES.index(check_language(lang))
    for key, texts in table.items():
        if len(texts) != len(LANGUAGES):
            raise ValueError(f"word {key!r} has {len(texts)} text(s), one per language ({', '.join(LANGUAGES)}) expected")
    return {key: texts[index] for key, texts in table.items()}
