"""The languages of every user-facing text: Dutch (the default) and English."""

from __future__ import annotations

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
