"""Plain-language reasons (Dutch and English) for overlaps and communities.

Only renders text from plain data; no analysis happens here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

LANGS = ("nl", "en")

_PHRASES: Mapping[str, Mapping[str, str]] = {
    "nl": {
        "partners": "beide werken met {}",
        "problems": "beide melden {}",
        "themes": "beide werken aan {}",
        "municipalities": "beide in de gemeente {}",
        "places": "beide in of bij {}",
        "text": "vergelijkbare omschrijving (tekstovereenkomst {})",
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
        "text": "similar descriptions (text similarity {})",
        "sibling": "both are sub-projects of {}",
        "and": "and",
        "none": "no shared features",
    },
}
_LOWERCASE = {"problems", "themes"}


def _check(lang: str) -> Mapping[str, str]:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    return _PHRASES[lang]


def join_names(names: Sequence[str], lang: str = "nl", limit: int = 5) -> str:
    """Join names as ``a, b en c`` (Dutch) or ``a, b and c`` (English).

    Examples
    --------
    >>> join_names(["Envida", "Provincie Limburg"])
    'Envida en Provincie Limburg'
    >>> join_names(["a", "b", "c"], "en")
    'a, b and c'
    """
    word = _check(lang)["and"]
    names = list(names)
    if len(names) > limit:
        names = names[:limit] + [f"{len(names) - limit} {'meer' if lang == 'nl' else 'more'}"]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text


def format_number(value: float, lang: str = "nl") -> str:
    """Format a score with two decimals and the decimal separator of ``lang``.

    Examples
    --------
    >>> format_number(0.315, "nl"), format_number(0.315, "en")
    ('0,32', '0.32')
    """
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "nl" else text


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
    phrases = _check(lang)
    reasons = []
    for name in ("partners", "problems", "themes", "places", "municipalities"):
        names = [label(f, lang) for f in shared.get(name, ())]
        if names:
            if name in _LOWERCASE:
                names = [_lower_first(n) for n in names]
            reasons.append(phrases[name].format(join_names(names, lang)))
    text = components.get("text", 0.0)
    if text >= text_floor:
        reasons.append(phrases["text"].format(format_number(text, lang)))
    if sibling_of:
        reasons.append(phrases["sibling"].format(label(sibling_of, lang)))
    return reasons or [phrases["none"]]


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
    _check(lang)
    names = {k: [label(f, lang) for f in v] for k, v in binding.items()}
    parts = []
    if lang == "nl":
        if names.get("partners"):
            parts.append(f"werken met {join_names(names['partners'][:3], lang)}")
        if names.get("themes"):
            parts.append(f"werken aan {join_names([_lower_first(t) for t in names['themes'][:3]], lang)}")
        if names.get("problems"):
            parts.append(f"kampen met {join_names([_lower_first(t) for t in names['problems'][:3]], lang)}")
        places = names.get("places", [])[:2] + names.get("municipalities", [])[:2]
        if places:
            parts.append(f"liggen in of bij {join_names(places, lang)}")
        if n_projects == 1:
            text = "Dit project heeft (nog) weinig overlap met andere projecten."
        else:
            body = join_names(parts, lang) if parts else "lijken op elkaar in hun omschrijving"
            text = f"Deze {n_projects} projecten {body}."
        if linking:
            verb = "kan" if len(linking) == 1 else "kunnen"
            text += f" {join_names([label(x, lang) for x in linking[:3]], lang)} {verb} ze verbinden."
        return text
    if names.get("partners"):
        parts.append(f"work with {join_names(names['partners'][:3], lang)}")
    if names.get("themes"):
        parts.append(f"work on {join_names([_lower_first(t) for t in names['themes'][:3]], lang)}")
    if names.get("problems"):
        parts.append(f"face {join_names([_lower_first(t) for t in names['problems'][:3]], lang)}")
    places = names.get("places", [])[:2] + names.get("municipalities", [])[:2]
    if places:
        parts.append(f"are located in or near {join_names(places, lang)}")
    if n_projects == 1:
        text = "This project has little overlap with other projects (yet)."
    else:
        body = join_names(parts, lang) if parts else "have similar descriptions"
        text = f"These {n_projects} projects {body}."
    if linking:
        text += f" {join_names([label(x, lang) for x in linking[:3]], lang)} can connect them."
    return text


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
    _check(lang)
    return [
        _BINDING[lang][name].format(join_names([label(f, lang) for f in binding[name]], lang))
        for name in ("partners", "themes", "problems", "places", "municipalities")
        if binding.get(name)
    ]
