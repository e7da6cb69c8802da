"""The site's query page (``query.html``): the named questions as forms and a SPARQL editor.

Everything runs in the browser, from ``file://`` and offline:

* the engine is Oxigraph compiled to WebAssembly and the editor is YASQE, both
  vendored as one classic script in ``vendor/`` (rebuilt by ``browser/build.sh``;
  nothing here needs node);
* the graph (the built named graphs and the network-analysis results) is written
  next to the page as ``assets/rdzl-graph-data.js``, a script that defines one
  JavaScript string per dataset, since ``file://`` pages may not fetch files;
* that script has a budget, :data:`QUERY_DATA_BUDGET`: the built graph is always
  in it (the named questions run on it), the network-analysis results only while
  the whole script stays within the budget. Whether they fit is estimated from
  their number of quads (:func:`~rdzl_graph.network.results_rdf.analysis_quad_count`,
  :data:`ANALYSIS_BYTES_PER_QUAD`) before they are serialised; when they are left
  out the page says so, how many and where to get them;
* every named question of ``queries/`` except the ``*-violation`` checks is shown
  as a form: one dropdown per ``iri(kind)`` parameter, filled from the graph with
  labels in the page's language, a text field for the other types. The page binds
  the values as RDF terms in a ``VALUES`` block, as the CLI does for a remote
  endpoint (:func:`rdzl_graph.query.sparql_values.inject_values`), in
  ``static/query.js``.

The page also defines ``window.rdzlQuery(sparql)`` (see ``static/query.js``).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..core.namespaces import PREFIXES
from ..core.sparql import query
from ..network import Analysis
from ..network.results_rdf import analysis_quad_count, analysis_trig
from ..query.export import serialize
from ..core.namespaces import ID_PREFIXES
from ..core.query_files import QueryInfo, example_params, group_of, list_queries
from ..query.named import SHORT_FORMS, to_term
from ..text.query_page import analysis_left_out_note, query_page_strings
from .graphview import script_json

PACKAGE_DIR = Path(__file__).resolve().parent
VENDOR_DIR = PACKAGE_DIR / "vendor"
#: The vendored engine and editor (built by browser/build.sh), copied into the site's assets.
VENDOR_FILES = ("rdzl-browser.js", "rdzl-browser.css", "VERSIONS.txt")
QUERY_FILES = ("query.js", "query.css")
DATA_SCRIPT = "rdzl-graph-data.js"
_OPTIONS_QUERY = PACKAGE_DIR / "query_page_options.rq"
#: Groups of questions on the page, in order (see :func:`rdzl_graph.core.query_files.group_of`).
GROUPS = ("questions", "internal")
#: The most bytes of the data script (:data:`DATA_SCRIPT`) that holds the network-analysis results too.
#: The page's goal is under ~8 MB and ready in under 1 s (``bench/results/query-page.md``): the engine,
#: styles and scripts are 2.5 MB and ``query.html`` 0.1-0.3 MB, which leaves about 5 MB for the data;
#: in headless Chromium a 2.5 MB script is ready after 0.7 s, a 7 MB one after 1.05 s.
QUERY_DATA_BUDGET = 5_000_000
#: What one quad of the analysis results adds to the data script, in bytes, to estimate their size
#: before serialising them (measured: 63.0 on the real data, 57.4-58.1 on synthetic programmes of 62
#: to 3,100 projects; so the estimate is within 5 %).
ANALYSIS_BYTES_PER_QUAD = 60


@dataclass(frozen=True)
class DataScript:
    """The query page's data script (:func:`graph_script`) and what it holds.

    Attributes
    ----------
    text : bytes
        The script (UTF-8).
    analysis_quads : int
        Quads of the network-analysis results (0 without an analysis).
    analysis_estimate : int
        Their estimated size in the script in bytes
        (``analysis_quads`` x :data:`ANALYSIS_BYTES_PER_QUAD`).
    analysis_embedded : bool
        Whether the script holds them.
    """

    text: bytes
    analysis_quads: int
    analysis_estimate: int
    analysis_embedded: bool


def parameter_options(store: ox.Store, kind: str, lang: str = "nl") -> list[dict[str, str]]:
    """The choices of an ``iri(kind)`` parameter: every resource of that kind with one label.

    The label is the one in *lang*, else Dutch, else one without language;
    choices are sorted by label (case-insensitive), then IRI.

    Examples
    --------
    >>> store = ox.Store()
    >>> store.update('INSERT DATA { <https://w3id.org/rdzl-graph/id/risk/x> '
    ...              '<http://www.w3.org/2000/01/rdf-schema#label> "Capaciteit"@nl, "Capacity"@en }')
    >>> parameter_options(store, "risk", "en")
    [{'value': 'https://w3id.org/rdzl-graph/id/risk/x', 'label': 'Capacity'}]
    """
    rows = query(store, _OPTIONS_QUERY.read_text(encoding="utf-8"), {"base": ox.Literal(ID_PREFIXES[kind])})
    rank = {lang: 0, "nl": 1, "": 2}
    best: dict[str, tuple[int, str]] = {}
    for row in rows:
        key = (rank.get(row["lang"], 3), row["label"])
        if row["iri"] not in best or key < best[row["iri"]]:
            best[row["iri"]] = key
    choices = [{"value": iri, "label": label} for iri, (_rank, label) in best.items()]
    return sorted(choices, key=lambda c: (c["label"].casefold(), c["value"]))


def _param_spec(store: ox.Store, info: QueryInfo, lang: str, options: dict[str, list[dict[str, str]]],
                examples: Mapping[str, str]) -> list[dict[str, Any]]:
    specs = []
    for p in info.params:
        start = examples.get(p.name, p.default)
        if start is not None and p.type == "iri":
            start = to_term(p, start).value
        spec = {"name": p.name, "type": p.type, "kind": p.kind, "required": p.required,
                "description": p.description, "value": start}
        if p.type == "iri" and p.kind in ID_PREFIXES:
            if p.kind not in options:
                options[p.kind] = parameter_options(store, p.kind, lang)
            spec["options"] = p.kind
        specs.append(spec)
    return specs


def question_specs(store: ox.Store, lang: str = "nl", queries: Path | None = None) -> dict[str, Any]:
    """The named questions of the page as plain data (the page's JSON).

    Returns
    -------
    dict
        ``questions``: per question its name, group, title, description,
        SPARQL text and parameters (name, type, kind, required, description,
        the starting ``value`` — the default, or for required parameters the
        example of the query catalogue — and for ``iri(kind)`` parameters the
        key of its choices); ``options``: kind -> choices
        (:func:`parameter_options`). The ``*-violation`` checks are left out.
    """
    options: dict[str, list[dict[str, str]]] = {}
    questions = []
    for info in list_queries(queries):
        group = group_of(info.name)
        if group not in GROUPS:
            continue
        questions.append({
            "name": info.name, "group": group, "title": info.title_in(lang),
            "description": info.description_in(lang), "sparql": info.sparql,
            "params": _param_spec(store, info, lang, options, example_params(info)),
        })
    questions.sort(key=lambda q: (GROUPS.index(q["group"]), q["name"]))
    return {"questions": questions, "options": dict(sorted(options.items()))}


def page_links(content: Mapping[str, Any]) -> dict[str, str]:
    """IRI -> page of the site (relative to the site root) for every project and organisation page."""
    links = {iri: f"project/{p['slug']}.html" for iri, p in content["projects"].items()}
    links.update({iri: f"organisation/{o['slug']}.html" for iri, o in content["organisations"].items()})
    return dict(sorted(links.items()))


def _js_string(data: bytes) -> bytes:
    """UTF-8 *data* as a JavaScript string literal in UTF-8 (JSON, with the line separators escaped)."""
    return str(script_json(data.decode("utf-8"))).encode("utf-8")


def graph_script(store: ox.Store, analysis: Analysis | None = None, *,
                 query_data_budget: int = QUERY_DATA_BUDGET) -> DataScript:
    """The script that embeds the graph: ``window.RDZL_GRAPH = {graphs, trig, analysis}``.

    *trig* is the reasoned graph as reproducible TriG
    (:func:`rdzl_graph.query.export.serialize`), *analysis* the results of the
    network analysis (:func:`rdzl_graph.network.results_rdf.analysis_trig`)
    when the whole script stays within *query_data_budget* bytes with them (an
    estimate from their number of quads, taken before they are serialised),
    else ``""``; *graphs* the named graphs of *trig* (the named questions run
    over them only, so that they answer as ``rdzl-graph query`` does).

    Examples
    --------
    >>> from rdzl_graph.network import analyse
    >>> analysis = analyse(store)
    >>> script = graph_script(store, analysis)
    >>> script.analysis_embedded, script.analysis_quads
    (True, 2564)
    >>> small = graph_script(store, analysis, query_data_budget=500_000)
    >>> small.analysis_embedded, small.text.rstrip().endswith(b'"analysis": ""};')
    (False, True)
    """
    graphs = sorted(g.value for g in store.named_graphs())
    parts = [("/* rdzl-graph: the graph of the query page (TriG), generated by rdzl-graph site. */\n"
              f"window.RDZL_GRAPH = {{\"graphs\": {script_json(graphs)},\n\"trig\": ").encode("utf-8"),
             _js_string(serialize(store, "trig")), b',\n"analysis": ']
    quads = analysis_quad_count(analysis) if analysis is not None else 0
    estimate = quads * ANALYSIS_BYTES_PER_QUAD
    embedded = analysis is not None and sum(map(len, parts)) + estimate + len(b"};\n") <= query_data_budget
    parts += [_js_string(analysis_trig(analysis)) if embedded else b'""', b"};\n"]
    return DataScript(b"".join(parts), quads, estimate, embedded)


def page_data(store: ox.Store, content: Mapping[str, Any], lang: str = "nl",
              queries: Path | None = None) -> dict[str, Any]:
    """Everything ``static/query.js`` needs besides the graph: questions, choices, links, prefixes, words."""
    return {**question_specs(store, lang, queries), "links": page_links(content), "prefixes": dict(PREFIXES),
            "short_forms": dict(SHORT_FORMS), "id_prefixes": dict(ID_PREFIXES), "words": query_page_strings(lang)}


def write_query_page(write: Callable[..., None], out_dir: Path, store: ox.Store, content: Mapping[str, Any],
                     lang: str = "nl", analysis: Analysis | None = None, queries: Path | None = None, *,
                     query_data_budget: int = QUERY_DATA_BUDGET) -> DataScript:
    """Write ``query.html`` with *write* (the site's page writer) and its scripts into ``out_dir/assets``.

    Parameters
    ----------
    write : callable
        ``write(rel, template, **context)`` of :func:`rdzl_graph.site.generator.render_site`.
    out_dir : Path
        The site directory being written.
    store : pyoxigraph.Store
        The built graph.
    content : mapping
        The site's content (:func:`rdzl_graph.site.content.collect_content`): which
        projects and organisations have a page.
    lang : str
        ``"nl"`` (default) or ``"en"``.
    analysis : Analysis, optional
        The network analysis; its results are embedded too (the editor sees
        them) while the data script stays within *query_data_budget*, else the
        page says they were left out.
    queries : Path, optional
        Query directory; defaults to the packaged ``queries/``.
    query_data_budget : int
        Bytes of the data script with the analysis results
        (default :data:`QUERY_DATA_BUDGET`, 5 MB; see :func:`graph_script`).

    Returns
    -------
    DataScript
        The data script written, and whether it holds the analysis results.
    """
    assets = out_dir / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    for name in VENDOR_FILES:
        shutil.copyfile(VENDOR_DIR / name, assets / name)
    for licence in sorted(VENDOR_DIR.glob("LICENSE-*.txt")):
        shutil.copyfile(licence, assets / licence.name)
    for name in QUERY_FILES:
        shutil.copyfile(PACKAGE_DIR / "static" / name, assets / name)
    script = graph_script(store, analysis, query_data_budget=query_data_budget)
    (assets / DATA_SCRIPT).write_bytes(script.text)
    note = None
    if analysis is not None and not script.analysis_embedded:
        note = analysis_left_out_note(lang, overlaps=len(analysis.overlaps), communities=len(analysis.communities),
                                      quads=script.analysis_quads, size=script.analysis_estimate,
                                      budget=query_data_budget)
    data = page_data(store, content, lang, queries)
    write("query.html", "query.html.j2", root="", page="query", q=data["words"], data_json=script_json(data),
          questions=data["questions"], licences=sorted(p.name for p in VENDOR_DIR.glob("LICENSE-*.txt")),
          analysis_note=note)
    return script
