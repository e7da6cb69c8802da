"""Plain-language reasons (Dutch and English) for overlaps and communities.

Only renders text from plain data (the analysis in :mod:`rdzl_graph.network`
calls these functions with what it found); no analysis happens here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .formatting import format_number, join_names, lower_first
from .languages import check_language

_PHRASES: Mapping[str, Mapping[str, str]] = {
    "nl": {
        "partners": "beide werken met {}",
        "problems": "beide melden {}",
        "themes": "beide werken aan {}",
        "municipalities": "beide in de gemeente {}",
        "places": "beide in of bij {}",
        "text": "de omschrijvingen lijken {band} op elkaar (tekstovereenkomst {score} op een schaal van 0 tot 1)",
        "band_low": "enigszins",
        "band_mid": "duidelijk",
        "band_high": "sterk",
        "sibling": "beide zijn deelproject van {}",
        "and": "en",
        "none": "geen gedeelde kenmerken",
    },
    "en": {
        "partners": "both work with {}",
        "problems": "both report {}",
        "themes": "both work on {}",
        "municipalities": "both in the municipality of {}",
        "places": "both in or near {}",
        "text": "the descriptions are {band} alike (text similarity {score} on a scale from 0 to 1)",
        "band_low": "somewhat",
        "band_mid": "clearly",
        "band_high": "strongly",
        "sibling": "both are sub-projects of {}",
        "and": "and",
        "none": "no shared features",
    },
}
_LOWERCASE = {"problems", "themes"}
#: The set components in the order their reasons are given (:func:`overlap_reasons`).
_OVERLAP_ORDER = ("partners", "problems", "themes", "places", "municipalities")
#: Lower bounds of the words for a text similarity (TF-IDF cosine, 0 to 1): below the first the
#: descriptions are not mentioned (``text_floor``), from the last they are "strongly" alike.
TEXT_BANDS = ((0.3, "band_high"), (0.15, "band_mid"), (0.0, "band_low"))


def text_similarity_phrase(score: float, lang: str = "nl") -> str:
    """How alike two descriptions are, in words, with the score in parentheses.

    Examples
    --------
    >>> text_similarity_phrase(0.104)
    'de omschrijvingen lijken enigszins op elkaar (tekstovereenkomst 0,10 op een schaal van 0 tot 1)'
    >>> text_similarity_phrase(0.35, "en")
    'the descriptions are strongly alike (text similarity 0.35 on a scale from 0 to 1)'
    """
    phrases = _PHRASES[check_language(lang)]
    band = next(key for bound, key in TEXT_BANDS if score >= bound)
    return phrases["text"].format(band=phrases[band], score=format_number(score, lang))


def overlap_reasons(
    shared: Mapping[str, Sequence[str]],
    components: Mapping[str, float],
    label: Callable[[str, str], str],
    lang: str = "nl",
    sibling_of: str | None = None,
    text_floor: float = 0.1,
) -> list[str]:
    """Phrase why two projects overlap, strongest evidence first.

    Parameters
    ----------
    shared : mapping
        Component -> shared feature ids (rarest first).
    components : mapping
        Component -> score; the ``text`` score is mentioned when >= ``text_floor``.
    label : callable
        ``label(iri, lang) -> str``.
    lang : {"nl", "en"}
    sibling_of : str, optional
        Parent project when both are sub-projects of it.

    Returns
    -------
    list of str

    Examples
    --------
    >>> overlap_reasons({"partners": ["envida"], "problems": ["cap"]}, {"text": 0.0},
    ...                 lambda iri, lang: {"envida": "Envida", "cap": "Capaciteitsgebrek"}[iri])
    ['beide werken met Envida', 'beide melden capaciteitsgebrek']
    """
    phrases = _PHRASES[check_language(lang)]
    reasons = []
    for name in _OVERLAP_ORDER:
        names = [label(f, lang) for f in shared.get(name, ())]
        if names:
            if name in _LOWERCASE:
                names = [lower_first(n) for n in names]
            reasons.append(phrases[name].format(join_names(names, lang)))
    text = components.get("text", 0.0)
    if text >= text_floor:
        reasons.append(text_similarity_phrase(text, lang))
    if sibling_of:
        reasons.append(phrases["sibling"].format(label(sibling_of, lang)))
    return reasons or [phrases["none"]]


def overlap_reason_count(
    shared: Mapping[str, Sequence[str]],
    components: Mapping[str, float],
    sibling_of: str | None = None,
    text_floor: float = 0.1,
) -> int:
    """How many reasons :func:`overlap_reasons` gives (in either language), without phrasing them.

    Examples
    --------
    >>> overlap_reason_count({"partners": ["envida"], "problems": ["cap"]}, {"text": 0.0})
    2
    >>> overlap_reason_count({"themes": ()}, {"text": 0.2}, sibling_of="parent")
    2
    >>> overlap_reason_count({}, {})
    1
    """
    count = sum(1 for name in _OVERLAP_ORDER if shared.get(name))
    count += components.get("text", 0.0) >= text_floor
    count += bool(sibling_of)
    return count or 1


def community_rationale(
    n_projects: int,
    binding: Mapping[str, Sequence[str]],
    linking: Sequence[str],
    label: Callable[[str, str], str],
    lang: str = "nl",
) -> str:
    """A short plain-language rationale for a proposed community.

    Examples
    --------
    >>> community_rationale(3, {"partners": ["c"], "themes": ["ce"]}, ["c"],
    ...                     lambda iri, lang: {"c": "Chemelot", "ce": "Circulaire economie"}[iri])
    'Deze 3 projecten werken met Chemelot en werken aan circulaire economie. Chemelot kan ze verbinden.'
    """
    check_language(lang)
    words = _RATIONALE[lang]
    names = {k: [label(f, lang) for f in v] for k, v in binding.items()}
    parts = []
    if names.get("partners"):
        parts.append(words["partners"].format(join_names(names["partners"][:3], lang)))
    for kind in ("themes", "problems"):
        if names.get(kind):
            parts.append(words[kind].format(join_names([lower_first(t) for t in names[kind][:3]], lang)))
    places = names.get("places", [])[:2] + names.get("municipalities", [])[:2]
    if places:
        parts.append(words["places"].format(join_names(places, lang)))
    if n_projects == 1:
        text = words["single"]
    else:
        text = words["group"].format(n=n_projects, body=join_names(parts, lang) if parts else words["similar"])
    if linking:
        verb = words["link_one"] if len(linking) == 1 else words["link_many"]
        text += " " + verb.format(join_names([label(x, lang) for x in linking[:3]], lang))
    return text


# Phrases of a community rationale, per language.
_RATIONALE = {
    "nl": {
        "partners": "werken met {}", "themes": "werken aan {}", "problems": "kampen met {}",
        "places": "liggen in of bij {}", "single": "Dit project heeft (nog) weinig overlap met andere projecten.",
        "group": "Deze {n} projecten {body}.", "similar": "lijken op elkaar in hun omschrijving",
        "link_one": "{} kan ze verbinden.", "link_many": "{} kunnen ze verbinden.",
    },
    "en": {
        "partners": "work with {}", "themes": "work on {}", "problems": "face {}",
        "places": "are located in or near {}", "single": "This project has little overlap with other projects (yet).",
        "group": "These {n} projects {body}.", "similar": "have similar descriptions",
        "link_one": "{} can connect them.", "link_many": "{} can connect them.",
    },
}


#: The set components in the order of :func:`binding_reasons`.
_BINDING_ORDER = ("partners", "themes", "problems", "places", "municipalities")
_BINDING = {
    "nl": {"partners": "gedeelde partners: {}", "themes": "gedeelde thema's: {}", "problems": "gedeelde knelpunten: {}",
           "places": "gedeelde plaatsen: {}", "municipalities": "gedeelde gemeenten: {}"},
    "en": {"partners": "shared partners: {}", "themes": "shared themes: {}", "problems": "shared problems: {}",
           "places": "shared places: {}", "municipalities": "shared municipalities: {}"},
}


def binding_reasons(
    binding: Mapping[str, Sequence[str]], label: Callable[[str, str], str], lang: str = "nl"
) -> list[str]:
    """One phrase per component of what binds a community.

    Examples
    --------
    >>> binding_reasons({"themes": ["w"]}, lambda iri, lang: "Water", "en")
    ['shared themes: Water']
    """
    check_language(lang)
    return [
        _BINDING[lang][name].format(join_names([label(f, lang) for f in binding[name]], lang))
        for name in _BINDING_ORDER
        if binding.get(name)
    ]


def binding_reason_count(binding: Mapping[str, Sequence[str]]) -> int:
    """How many phrases :func:`binding_reasons` gives (in either language), without phrasing them.

    Examples
    --------
    >>> binding_reason_count({"themes": ["w"], "partners": [], "places": ["p", "q"]})
    2
    """
    return sum(1 for name in _BINDING_ORDER if binding.get(name))


_HUB = {
    "nl": {
        "reason": "{name} ({count} projecten) komt in meer dan {cap} projecten voor en wijst daarom zelf geen overlap aan: "
                  "paren die alleen zulke veelvoorkomende kenmerken delen staan niet in de lijst; "
                  "bij paren die ook iets anders delen telt het wel mee",
        "text": "het woord '{}' in de omschrijving",
    },
    "en": {
        "reason": "{name} ({count} projects) occurs in more than {cap} projects and so does not point out overlap by itself: "
                  "pairs sharing only such common features are not listed; "
                  "it still counts for pairs that share something else",
        "text": "the word '{}' in the description",
    },
}


def hub_reason(component: str, label: str, count: int, cap: int, lang: str = "nl") -> str:
    """Why a widely held feature (a hub) created no overlaps by itself.

    Examples
    --------
    >>> hub_reason("partners", "Provincie Limburg", 350, 100, "en")[:60]
    'Provincie Limburg (350 projects) occurs in more than 100 pro'
    >>> hub_reason("text", "project", 120, 100)[:40]
    "het woord 'project' in de omschrijving ("
    """
    check_language(lang)
    phrases = _HUB[lang]
    name = phrases["text"].format(label) if component == "text" else label
    return phrases["reason"].format(name=name, count=count, cap=cap)


_RESULT_LABELS = {
    "nl": {"analysis": "Netwerkanalyse (seed {seed})", "community": "Gemeenschap {index}"},
    "en": {"analysis": "Network analysis (seed {seed})", "community": "Community {index}"},
}


def result_label(kind: str, lang: str = "nl", **values: object) -> str:
    """The label of an analysis result in RDF (``analysis`` run or ``community``).

    Examples
    --------
    >>> result_label("analysis", "nl", seed=0), result_label("community", "en", index=2)
    ('Netwerkanalyse (seed 0)', 'Community 2')
    """
    return _RESULT_LABELS[check_language(lang)][kind].format(**values)
