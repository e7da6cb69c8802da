"""The words of the site's query page (``query.html``): one table, each word once in Dutch and English.

The page's script (``site/static/query.js``) gets them as JSON; the template
uses the same table. Question titles and descriptions come from the query
headers in the chosen language.
"""

from __future__ import annotations

from .languages import DEFAULT_LANGUAGE, in_language

#: Each word once: key -> (Dutch, English), in the order of :data:`~rdzl_graph.text.languages.LANGUAGES`.
_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Vragen aan de graaf",
        "Questions to the graph"),
    "intro": ("Stel hier vragen aan de gegevens van de rapportage, zonder iets te installeren en zonder internet. Kies een vraag, vul in waar het over gaat en klik op Beantwoorden. Het antwoord kun je als spreadsheet (CSV) opslaan.",
        "Ask questions of the report's data here, with nothing to install and no internet. Choose a question, fill in what it is about and click Answer. You can save the answer as a spreadsheet (CSV)."),
    "loading": ("De gegevens worden geladen…",
        "Loading the data…"),
    "ready": ("Klaar: {n} triples geladen, {ms} ms na het openen van de pagina.",
        "Ready: {n} triples loaded, {ms} ms after the page was opened."),
    "load_failed": ("De zoekmachine kon niet starten: {error}",
        "The query engine could not start: {error}"),
    "questions_heading": ("Vaste vragen",
        "Named questions"),
    "question": ("Vraag",
        "Question"),
    "group_questions": ("Vragen",
        "Questions"),
    "group_internal": ("Vragen die de site en de analyse gebruiken",
        "Questions used by the site and the analysis"),
    "run": ("Beantwoorden",
        "Answer"),
    "all": ("— alle —",
        "— all —"),
    "choose": ("— kies —",
        "— choose —"),
    "answer": ("Antwoord",
        "Answer"),
    "rows": ("{n} rijen",
        "{n} rows"),
    "one_row": ("1 rij",
        "1 row"),
    "no_rows": ("Geen antwoorden.",
        "No answers."),
    "yes": ("ja",
        "yes"),
    "no": ("nee",
        "no"),
    "download_csv": ("Opslaan als CSV",
        "Save as CSV"),
    "show_sparql": ("De SPARQL van deze vraag",
        "The SPARQL of this question"),
    "editor_heading": ("Eigen vraag in SPARQL",
        "Your own question in SPARQL"),
    "editor_intro": ("Voor wie SPARQL kent: SELECT, ASK en CONSTRUCT over de hele graaf (ontologie, gegevens, afgeleide feiten en de resultaten van de netwerkanalyse). De voorvoegsels van het project (rdzl:, rdfs:, skos:, …) zijn al bekend; Ctrl+spatie vult ze aan. Ctrl+Enter voert de vraag uit.",
        "For those who know SPARQL: SELECT, ASK and CONSTRUCT over the whole graph (ontology, data, inferred facts and the results of the network analysis). The project's prefixes (rdzl:, rdfs:, skos:, …) are predeclared; Ctrl+Space completes them. Ctrl+Enter runs the query."),
    "editor_label": ("SPARQL-vraag",
        "SPARQL query"),
    "run_editor": ("Uitvoeren",
        "Run"),
    "error": ("Fout",
        "Error"),
    "bad_value": ("{name}: {value} is geen {expected}",
        "{name}: {value} is not {expected}"),
    "expected_integer": ("heel getal",
        "a whole number"),
    "expected_decimal": ("getal",
        "a number"),
    "expected_boolean": ("ja of nee",
        "yes or no"),
    "expected_iri": ("IRI (een volledige https://-IRI of een korte vorm zoals project:vallisveld)",
        "an IRI (a full https:// IRI or a short form like project:vallisveld)"),
    "missing": ("{name} ontbreekt",
        "{name} is missing"),
    "not_in_graph": ("{name}: {value} staat niet in de graaf",
        "{name}: {value} is not in the graph"),
    "elapsed": ("{ms} ms",
        "{ms} ms"),
    "licences": ("De zoekmachine is Oxigraph (WebAssembly), de editor YASQE; licenties:",
        "The query engine is Oxigraph (WebAssembly), the editor YASQE; licences:"),
    "subject": ("onderwerp",
        "subject"),
    "predicate": ("eigenschap",
        "predicate"),
    "object": ("waarde",
        "object"),
}


def query_page_strings(lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Return the words of the query page in *lang* (a fresh dict; :class:`ValueError` for another language).

    Examples
    --------
    >>> query_page_strings("en")["run"], query_page_strings()["run"]
    ('Answer', 'Beantwoorden')
    >>> query_page_strings("en")["all"]
    '— all —'
    """
    return in_language(_WORDS, lang)
