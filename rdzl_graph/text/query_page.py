"""The words of the site's query page (``query.html``), one table per language.

The page's script (``site/static/query.js``) gets them as JSON; the template
uses the same table. Question titles and descriptions come from the query
headers in the chosen language.
"""

from __future__ import annotations

from .languages import DEFAULT_LANGUAGE, check_language

_NL = {
    "title": "Vragen aan de graaf",
    "intro": "Stel hier vragen aan de gegevens van de rapportage, zonder iets te installeren en zonder internet. Kies een vraag, vul in waar het over gaat en klik op Beantwoorden. Het antwoord kun je als spreadsheet (CSV) opslaan.",
    "loading": "De gegevens worden geladen…",
    "ready": "Klaar: {n} triples geladen, {ms} ms na het openen van de pagina.",
    "load_failed": "De zoekmachine kon niet starten: {error}",
    "questions_heading": "Vaste vragen",
    "question": "Vraag",
    "group_questions": "Vragen",
    "group_internal": "Vragen die de site en de analyse gebruiken",
    "run": "Beantwoorden",
    "all": "— alle —",
    "choose": "— kies —",
    "answer": "Antwoord",
    "rows": "{n} rijen",
    "one_row": "1 rij",
    "no_rows": "Geen antwoorden.",
    "yes": "ja",
    "no": "nee",
    "download_csv": "Opslaan als CSV",
    "show_sparql": "De SPARQL van deze vraag",
    "editor_heading": "Eigen vraag in SPARQL",
    "editor_intro": "Voor wie SPARQL kent: SELECT, ASK en CONSTRUCT over de hele graaf (ontologie, gegevens, afgeleide feiten en de resultaten van de netwerkanalyse). De voorvoegsels van het project (rdzl:, rdfs:, skos:, …) zijn al bekend; Ctrl+spatie vult ze aan. Ctrl+Enter voert de vraag uit.",
    "editor_label": "SPARQL-vraag",
    "run_editor": "Uitvoeren",
    "error": "Fout",
    "bad_value": "{name}: {value} is geen {expected}",
    "expected_integer": "heel getal",
    "expected_decimal": "getal",
    "expected_boolean": "ja of nee",
    "expected_iri": "IRI (een volledige https://-IRI of een korte vorm zoals project:vallisveld)",
    "missing": "{name} ontbreekt",
    "not_in_graph": "{name}: {value} staat niet in de graaf",
    "elapsed": "{ms} ms",
    "licences": "De zoekmachine is Oxigraph (WebAssembly), de editor YASQE; licenties:",
    "subject": "onderwerp",
    "predicate": "eigenschap",
    "object": "waarde",
}

_EN = {
    "title": "Questions to the graph",
    "intro": "Ask questions of the report's data here, with nothing to install and no internet. Choose a question, fill in what it is about and click Answer. You can save the answer as a spreadsheet (CSV).",
    "loading": "Loading the data…",
    "ready": "Ready: {n} triples loaded, {ms} ms after the page was opened.",
    "load_failed": "The query engine could not start: {error}",
    "questions_heading": "Named questions",
    "question": "Question",
    "group_questions": "Questions",
    "group_internal": "Questions used by the site and the analysis",
    "run": "Answer",
    "all": "— all —",
    "choose": "— choose —",
    "answer": "Answer",
    "rows": "{n} rows",
    "one_row": "1 row",
    "no_rows": "No answers.",
    "yes": "yes",
    "no": "no",
    "download_csv": "Save as CSV",
    "show_sparql": "The SPARQL of this question",
    "editor_heading": "Your own question in SPARQL",
    "editor_intro": "For those who know SPARQL: SELECT, ASK and CONSTRUCT over the whole graph (ontology, data, inferred facts and the results of the network analysis). The project's prefixes (rdzl:, rdfs:, skos:, …) are predeclared; Ctrl+Space completes them. Ctrl+Enter runs the query.",
    "editor_label": "SPARQL query",
    "run_editor": "Run",
    "error": "Error",
    "bad_value": "{name}: {value} is not {expected}",
    "expected_integer": "a whole number",
    "expected_decimal": "a number",
    "expected_boolean": "yes or no",
    "expected_iri": "an IRI (a full https:// IRI or a short form like project:vallisveld)",
    "missing": "{name} is missing",
    "not_in_graph": "{name}: {value} is not in the graph",
    "elapsed": "{ms} ms",
    "licences": "The query engine is Oxigraph (WebAssembly), the editor YASQE; licences:",
    "subject": "subject",
    "predicate": "predicate",
    "object": "object",
}

_STRINGS = {"nl": _NL, "en": _EN}


def query_page_strings(lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Return the words of the query page in *lang* (a fresh copy).

    Raises
    ------
    ValueError
        If *lang* is not a supported language.

    Examples
    --------
    >>> query_page_strings("en")["run"], query_page_strings()["run"]
    ('Answer', 'Beantwoorden')
    >>> sorted(query_page_strings("nl")) == sorted(query_page_strings("en"))
    True
    """
    return dict(_STRINGS[check_language(lang)])
