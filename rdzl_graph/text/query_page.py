"""The words of the site's query page (``query.html``): one table, each word once in Dutch and English.

The page's script (``site/static/query.js``) gets them as JSON; the template
uses the same table. Question titles and descriptions come from the query
headers in the chosen language.
"""

from __future__ import annotations

from .formatting import format_count, format_decimal
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


#: The note of a page that leaves the network-analysis results out (:func:`analysis_left_out_note`).
#: Apart from :data:`_WORDS`, which the page's script gets as JSON: only the page shows it.
_LEFT_OUT: dict[str, tuple[str, str]] = {
    "heading": ("Zonder de resultaten van de netwerkanalyse.",
        "Without the results of the network analysis."),
    "note": ("Deze pagina laat de resultaten van de netwerkanalyse weg: {overlaps} paren van overlappende projecten, {communities} en de verbinders ({quads} triples, ongeveer {size} MB). Met die resultaten erbij zou de pagina meer dan {budget} MB aan gegevens laden en traag openen. De vaste vragen werken gewoon (ze gebruiken alleen de graaf zelf); een eigen vraag over de graaf van de analyse vindt hier niets. Alle resultaten geven rdzl-graph overlap, rdzl-graph communities en rdzl-graph centrality. Om ze met SPARQL te bevragen: rdzl-graph network-export --format trig -o build/analysis, daarna rdzl-graph query -e '…' of rdzl-graph serve.",
        "This page leaves out the results of the network analysis: {overlaps} pairs of overlapping projects, {communities} and the connectors ({quads} triples, about {size} MB). With them the page would load more than {budget} MB of data and open slowly. The named questions work as usual (they use only the graph itself); a query of your own over the analysis graph finds nothing here. rdzl-graph overlap, rdzl-graph communities and rdzl-graph centrality give every result. To query them with SPARQL: rdzl-graph network-export --format trig -o build/analysis, then rdzl-graph query -e '…' or rdzl-graph serve."),
    "family": ("familie", "family"),
    "families": ("families", "families"),
}


def analysis_left_out_note(lang: str = DEFAULT_LANGUAGE, *, overlaps: int, communities: int, quads: int,
                           size: int, budget: int) -> tuple[str, str]:
    """The heading and the text of the note on a query page without the network-analysis results.

    Parameters
    ----------
    lang : str
        ``"nl"`` or ``"en"``.
    overlaps, communities, quads : int
        What was left out: pairs of overlapping projects, families (communities), triples.
    size, budget : int
        The estimated size of the left-out results and the budget of the page's data, in bytes.

    Examples
    --------
    >>> heading, note = analysis_left_out_note("en", overlaps=15949, communities=1, quads=300943,
    ...                                        size=18_056_580, budget=5_000_000)
    >>> heading
    'Without the results of the network analysis.'
    >>> note[:109]
    'This page leaves out the results of the network analysis: 15,949 pairs of overlapping projects, 1 family and '
    >>> "about 18.1 MB" in note and "more than 5 MB" in note and "rdzl-graph network-export" in note
    True
    >>> "ongeveer 18 MB" in analysis_left_out_note(overlaps=2, communities=3, quads=4, size=18_000_000, budget=500_000)[1]
    True
    """
    words = in_language(_LEFT_OUT, lang)
    family = words["family"] if communities == 1 else words["families"]
    return words["heading"], words["note"].format(
        overlaps=format_count(overlaps, lang), communities=f"{format_count(communities, lang)} {family}",
        quads=format_count(quads, lang), size=_megabytes(size, lang), budget=_megabytes(budget, lang))


def _megabytes(size: int, lang: str) -> str:
    """Bytes as megabytes with at most one decimal (``18,1``, ``5``, ``0,1``)."""
    return format_decimal(size / 1e6, lang, 1, trim=True)


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
