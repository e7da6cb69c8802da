"""The words of the documentation pages (``rdzl-graph docs``), one table per page and language."""

from __future__ import annotations

from .languages import DEFAULT_LANGUAGE, LANGUAGES, check_language

#: Page -> key -> (Dutch, English): each phrase beside its translation.
_PAGES: dict[str, dict[str, tuple[str, str]]] = {
    "index": {
        "title": ("Documentatie",
                  "Documentation"),
        "back": ("terug naar de site",
                 "back to the site"),
        "ontology": ("Ontologie",
                     "Ontology"),
        "ontology_what": ("klassen en eigenschappen van rdzl: (pyLODE)",
                          "classes and properties of rdzl: (pyLODE)"),
        "queries": ("Vragencatalogus",
                    "Query catalogue"),
        "queries_what": ("alle benoemde SPARQL-vragen met parameters en voorbeeld",
                         "every named SPARQL question with parameters and an example"),
        "cli": ("Opdrachtregel",
                "Command line"),
        "cli_what": ("de hulp bij elke opdracht van rdzl-graph",
                     "the help of every rdzl-graph command"),
    },
    "cli": {
        "title": ("Opdrachtregel: naslag",
                  "Command-line reference"),
        "back": ("terug naar de site",
                 "back to the site"),
    },
    "catalogue": {
        "title": ("Vragencatalogus",
                  "Query catalogue"),
        "intro": ("Alle benoemde SPARQL-vragen van rdzl-graph, uit de koppen van de bestanden in "
                  "queries/. Draai een vraag met rdzl-graph query NAAM, of in Python met "
                  "rdzl_graph.query.run_query(store, NAAM, params).",
                  "Every named SPARQL question of rdzl-graph, from the headers of the files in "
                  "queries/. Run one with rdzl-graph query NAME, or in Python with "
                  "rdzl_graph.query.run_query(store, NAME, params)."),
        "params": ("Parameters",
                   "Parameters"),
        "none": ("geen",
                 "none"),
        "example": ("Voorbeeld",
                    "Example"),
        "name": ("naam",
                 "name"),
        "type": ("type",
                 "type"),
        "value": ("waarde",
                  "value"),
        "description": ("omschrijving",
                        "description"),
        "required": ("verplicht",
                     "required"),
        "optional": ("optioneel (niet gebonden)",
                     "optional (unbound)"),
        "default": ("standaard",
                    "default"),
        "back": ("terug naar de site",
                 "back to the site"),
        "group_questions": ("Vragen",
                            "Questions"),
        "group_checks": ("Kwaliteitscontroles (geen rijen = in orde)",
                         "Quality checks (no rows = OK)"),
        "group_internal": ("Intern (gebruikt door build, analyse, site en eindpunt)",
                           "Internal (used by the build, analysis, site and endpoint)"),
    },
    "ontology": {
        "fallback_note": ("Deze pagina is zonder pyLODE gemaakt ({reason}); installeer pyLODE (<code>pip "
                          "install -e '.[notebooks]'</code>) voor de volledige documentatie.",
                          "This page was made without pyLODE ({reason}); install pyLODE (<code>pip install "
                          "-e '.[notebooks]'</code>) for the full documentation."),
        "classes": ("Klassen",
                    "Classes"),
        "properties": ("Eigenschappen",
                       "Properties"),
        "label": ("label",
                  "label"),
        "definition": ("definitie",
                       "definition"),
        "iri": ("IRI",
                "IRI"),
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
    >>> all(nl and en for words in _PAGES.values() for nl, en in words.values())
    True
    """
    column = LANGUAGES.index(check_language(lang))
    return {key: pair[column] for key, pair in _PAGES[page].items()}
