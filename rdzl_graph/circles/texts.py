"""Dutch and English phrases of the circles: labels, host reasons, conversation starters.

Only fills templates with names and labels from the graph; nothing here adds
content of its own. Joining names reuses :func:`rdzl_graph.text.formatting.join_names`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..text.formatting import join_names
from ..text.languages import LANGUAGES as LANGS

KIND_WORDS = {
    "nl": {"task": "Opgave", "problem": "Knelpunt", "theme": "Thema", "partner": "Partner"},
    "en": {"task": "Task", "problem": "Problem", "theme": "Theme", "partner": "Partner"},
}

_PHRASES = {
    "nl": {
        "host_brings": "{host} heeft de meeste bereikte mijlpalen op dit gebied ({n})",
        "host_pins": "{host} heeft evenveel bereikte mijlpalen als een ander lid ({n}) en de meeste verbindende partners of personen ({k})",
        "host_pins_only": "geen lid heeft op dit gebied al een mijlpaal bereikt; {host} heeft de meeste verbindende partners of personen ({k})",
        "host_tie": "{host} heeft evenveel bereikte mijlpalen op dit gebied ({n}) en verbindende partners of personen ({k}) als een ander lid, en staat eerst op naam",
        "host_none": "geen lid heeft op dit gebied al een mijlpaal bereikt of verbindende partners; {host} staat eerst op naam",
        "learn": "{a} heeft bereikt: ‘{milestone}’. {b} meldt: ‘{point}’. Wat heeft {a} daarbij geholpen, en wat kan {b} ervan overnemen?",
        "struggle": "{names} melden allebei een aandachtspunt over {basis}: {points}. Hoe gaan jullie daarmee om?",
        "brings": "{a} heeft ‘{milestone}’ bereikt. Hoe is dat gelukt, en wat zou {a} de anderen aanraden?",
        "pin": "{pin} is al betrokken bij {names}. Kan {pin} helpen een eerste bijeenkomst te organiseren?",
        "basis": "Alle {n} projecten {verb} {basis}. Waar staat ieder project nu, en wat is de volgende stap?",
        "basis_two": "Beide projecten {verb} {basis}. Waar staat ieder project nu, en wat is de volgende stap?",
        "pair": "Wat kunnen {names} van elkaar leren over {basis}?",
        "verb": {"task": "werken aan de opgave", "problem": "melden", "theme": "werken aan het thema", "partner": "werken met"},
    },
    "en": {
        "host_brings": "{host} has the most reached milestones in this area ({n})",
        "host_pins": "{host} has as many reached milestones as another member ({n}) and the most linking partners or persons ({k})",
        "host_pins_only": "no member has reached a milestone in this area yet; {host} has the most linking partners or persons ({k})",
        "host_tie": "{host} has as many reached milestones in this area ({n}) and linking partners or persons ({k}) as another member, and comes first by its Dutch name",
        "host_none": "no member has reached a milestone in this area yet or has linking partners; {host} comes first by its Dutch name",
        "learn": "{a} has reached: ‘{milestone}’. {b} reports: ‘{point}’. What helped {a}, and what can {b} take from it?",
        "struggle": "{names} both report an attention point about {basis}: {points}. How do you deal with it?",
        "brings": "{a} has reached ‘{milestone}’. How did that work, and what would {a} advise the others?",
        "pin": "{pin} already takes part in {names}. Could {pin} help organise a first meeting?",
        "basis": "All {n} projects {verb} {basis}. Where does each project stand now, and what is the next step?",
        "basis_two": "Both projects {verb} {basis}. Where does each project stand now, and what is the next step?",
        "pair": "What can {names} learn from each other about {basis}?",
        "verb": {"task": "work on the task", "problem": "report", "theme": "work on the theme", "partner": "work with"},
    },
}


def phrase(name: str, lang: str = "nl", **values: object) -> str:
    """Fill the template ``name`` in ``lang``.

    Examples
    --------
    >>> phrase("pair", "en", names="A and B", basis="water")
    'What can A and B learn from each other about water?'
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    return _PHRASES[lang][name].format(**values)


def verb(kind: str, lang: str = "nl") -> str:
    """How the members relate to the basis of a circle of ``kind`` ("werken aan de opgave", ...)."""
    return _PHRASES[lang]["verb"][kind]


def quoted(text: str) -> str:
    """A label as it is quoted inside a sentence: without its final full stop.

    Examples
    --------
    >>> quoted("Werkplaats geopend.")
    'Werkplaats geopend'
    """
    return text.strip().rstrip(".").strip()


def circle_label(kind: str, basis_label: str, lang: str = "nl") -> str:
    """The name of a circle: its kind and basis in plain words.

    Examples
    --------
    >>> circle_label("problem", "Capaciteitsgebrek")
    'Knelpunt: capaciteitsgebrek'
    >>> circle_label("partner", "Envida", "en")
    'Partner: Envida'
    """
    name = basis_label if kind == "partner" else lower_first(basis_label)
    return f"{KIND_WORDS[lang][kind]}: {name}"


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the word looks like a name or acronym (``TIM``).

    Examples
    --------
    >>> lower_first("Water en beekdalen"), lower_first("EU-subsidie")
    ('water en beekdalen', 'EU-subsidie')
    """
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def names(items: Sequence[str], lang: str = "nl", limit: int = 5) -> str:
    """Names joined as ``a, b en c``."""
    return join_names(list(items), lang, limit)
