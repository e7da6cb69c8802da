"""The words of the documentation pages (``rdzl-graph docs``), one table per page and language."""

from __future__ import annotations

from .languages import DEFAULT_LANGUAGE, check_language

_PAGES: dict[str, dict[str, dict[str, str]]] = {
    "index": {
        "nl": {
            "title": "Documentatie", "back": "terug naar de site",
            "ontology": "Ontologie", "ontology_what": "klassen en eigenschappen van rdzl: (pyLODE)",
            "queries": "Vragencatalogus", "queries_what": "alle benoemde SPARQL-vragen met parameters en voorbeeld",
            "cli": "Opdrachtregel", "cli_what": "de hulp bij elke opdracht van rdzl-graph",
        },
        "en": {
            "title": "Documentation", "back": "back to the site",
            "ontology": "Ontology", "ontology_what": "classes and properties of rdzl: (pyLODE)",
            "queries": "Query catalogue", "queries_what": "every named SPARQL question with parameters and an example",
            "cli": "Command line", "cli_what": "the help of every rdzl-graph command",
        },
    },
    "cli": {
        "nl": {"title": "Opdrachtregel: naslag", "back": "terug naar de site"},
        "en": {"title": "Command-line reference", "back": "back to the site"},
    },
    "catalogue": {
        "nl": {
            "title": "Vragencatalogus",
            "intro": "Alle benoemde SPARQL-vragen van rdzl-graph, uit de koppen van de bestanden in "
                     "queries/. Draai een vraag met rdzl-graph query NAAM, of in Python met "
                     "rdzl_graph.query.run_query(store, NAAM, params).",
            "params": "Parameters", "none": "geen", "example": "Voorbeeld", "name": "naam", "type": "type",
            "value": "waarde", "description": "omschrijving", "required": "verplicht",
            "optional": "optioneel (niet gebonden)", "default": "standaard", "back": "terug naar de site",
            "group_questions": "Vragen", "group_checks": "Kwaliteitscontroles (geen rijen = in orde)",
            "group_internal": "Intern (gebruikt door build, analyse, site en eindpunt)",
        },
        "en": {
            "title": "Query catalogue",
            "intro": "Every named SPARQL question of rdzl-graph, from the headers of the files in queries/. "
                     "Run one with rdzl-graph query NAME, or in Python with "
                     "rdzl_graph.query.run_query(store, NAME, params).",
            "params": "Parameters", "none": "none", "example": "Example", "name": "name", "type": "type",
            "value": "value", "description": "description", "required": "required",
            "optional": "optional (unbound)", "default": "default", "back": "back to the site",
            "group_questions": "Questions", "group_checks": "Quality checks (no rows = OK)",
            "group_internal": "Internal (used by the build, analysis, site and endpoint)",
        },
    },
    "ontology": {
        "nl": {
            "fallback_note": "Deze pagina is zonder pyLODE gemaakt ({reason}); installeer pyLODE "
                             "(<code>pip install -e '.[notebooks]'</code>) voor de volledige documentatie.",
            "classes": "Klassen", "properties": "Eigenschappen", "label": "label", "definition": "definitie",
            "iri": "IRI",
        },
        "en": {
            "fallback_note": "This page was made without pyLODE ({reason}); install pyLODE "
                             "(<code>pip install -e '.[notebooks]'</code>) for the full documentation.",
            "classes": "Classes", "properties": "Properties", "label": "label", "definition": "definition",
            "iri": "IRI",
        },
    },
}


def docs_strings(page: str, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """The words of one documentation page (``index``, ``cli``, ``catalogue``, ``ontology``) in *lang*.

    Raises
    ------
    ValueError
        For an unsupported language.
    KeyError
        For an unknown page.

    Examples
    --------
    >>> docs_strings("catalogue", "en")["title"], docs_strings("index")["title"]
    ('Query catalogue', 'Documentatie')
    >>> all(sorted(t["nl"]) == sorted(t["en"]) for t in _PAGES.values())
    True
    """
    return dict(_PAGES[page][check_language(lang)])
