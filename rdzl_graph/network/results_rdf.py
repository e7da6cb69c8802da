"""The analysis results as RDF, in the named graph ``https://w3id.org/rdzl-graph/graph/analysis``.

Resources (terms defined in the ontology, ``ontology/rdzl.ttl``, section 'Results of the network analysis'):

* ``id/analysis/network-seed-<seed>`` a ``rdzl:NetworkAnalysis`` with
  ``rdzl:seed`` and ``rdzl:modularity``;
* ``id/overlap/<slug-a>--<slug-b>`` a ``rdzl:Overlap``: ``rdzl:overlapBetween``
  (both projects), ``rdzl:overlapScore``, component scores
  (``rdzl:partnerScore`` ... ``rdzl:textScore``), ``rdzl:sharedFeature`` and
  ``rdzl:reason`` (@nl, @en);
* ``id/community/seed-<seed>-<n>`` a ``rdzl:Community``: ``rdzl:member``,
  ``rdzl:bindingFeature``, ``rdzl:linkingOrganisation``,
  ``rdzl:linkingPerson``, ``rdzl:reason`` and ``rdzl:rationale`` (@nl, @en);
* organisations and persons get ``rdzl:betweenness`` and ``rdzl:degree``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from ..core.atomic import replace_file
from ..core.namespaces import GRAPH_BASE, PREFIXES, RD, RDZL
from ..text.reasons import binding_reason_count, result_label
from .analysis import Analysis
from .graphs import local_name

ANALYSIS_GRAPH = GRAPH_BASE + "analysis"
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
_DECIMAL = "^^<http://www.w3.org/2001/XMLSchema#decimal>"
_INTEGER = "^^<http://www.w3.org/2001/XMLSchema#integer>"
_SCORE_TERMS = {
    "partners": "partnerScore", "themes": "themeScore", "problems": "problemScore",
    "municipalities": "municipalityScore", "places": "placeScore", "text": "textScore",
}


def _t(name: str) -> str:
    return f"<{RDZL}{name}>"


def _iri(value: str) -> str:
    return f"<{value}>"


def _text(value: str, lang: str) -> str:
    """A language-tagged literal in N-Triples syntax.

    JSON's string syntax with ``ensure_ascii=False`` is valid N-Triples
    (``\\"``, ``\\\\``, ``\\n``, ``\\uXXXX`` ...); the parser gives back *value* exactly.

    Examples
    --------
    >>> _text('a "b"\\n', "nl")
    '"a \\\\"b\\\\"\\\\n"@nl'
    >>> tricky = 'quote " backslash \\\\ tab \\t cr \\r \\x01 \\u2028 é – 😀'
    >>> [quad] = ox.parse(f"<urn:s> <urn:p> {_text(tricky, 'en')} .", format=ox.RdfFormat.N_TRIPLES)
    >>> quad.object == ox.Literal(tricky, language="en")
    True
    """
    return f"{json.dumps(value, ensure_ascii=False)}@{lang}"


def _dec(value: float) -> str:
    return f'"{value:.6f}"{_DECIMAL}'


def _int(value: int) -> str:
    return f'"{int(value)}"{_INTEGER}'


def _overlap_triples(analysis: Analysis, run: str) -> Iterator[tuple[str, str, str]]:
    """The triples of every overlap (N-Triples terms), in the order of ``analysis.overlaps``."""
    a_type, in_analysis, between, score = _t("Overlap"), _t("inAnalysis"), _t("overlapBetween"), _t("overlapScore")
    shared, reason = _t("sharedFeature"), _t("reason")
    score_terms = {k: _t(v) for k, v in _SCORE_TERMS.items()}
    for overlap in analysis.overlaps:
        node = f"<{RD}overlap/{local_name(overlap.a)}--{local_name(overlap.b)}>"
        yield node, _RDF_TYPE, a_type
        yield node, in_analysis, run
        yield node, _RDFS_LABEL, _text(f"{analysis.label(overlap.a)} – {analysis.label(overlap.b)}", "nl")
        yield node, between, _iri(overlap.a)
        yield node, between, _iri(overlap.b)
        yield node, score, _dec(overlap.score)
        for k, v in overlap.components.items():
            yield node, score_terms[k], _dec(v)
        for fs in overlap.shared.values():
            for f in fs:
                yield node, shared, _iri(f)
        for lang in ("nl", "en"):
            for r in analysis.reasons(overlap, lang):
                yield node, reason, _text(r, lang)


def _community_triples(analysis: Analysis, run: str) -> Iterator[tuple[str, str, str]]:
    """The triples of every community (N-Triples terms)."""
    for community in analysis.communities:
        node = f"<{RD}community/seed-{analysis.seed}-{community.index}>"
        yield node, _RDF_TYPE, _t("Community")
        yield node, _t("inAnalysis"), run
        for p in community.projects:
            yield node, _t("member"), _iri(p)
        for fs in community.binding.values():
            for f in fs:
                yield node, _t("bindingFeature"), _iri(f)
        for o in community.linking_organisations:
            yield node, _t("linkingOrganisation"), _iri(o)
        for p in community.linking_persons:
            yield node, _t("linkingPerson"), _iri(p)
        for lang in ("nl", "en"):
            data = analysis.community_json(community, lang)
            yield node, _RDFS_LABEL, _text(result_label("community", lang, index=community.index), lang)
            yield node, _t("rationale"), _text(data["rationale"], lang)
            for r in data["reasons"]:
                yield node, _t("reason"), _text(r, lang)


def _triples(analysis: Analysis) -> Iterator[tuple[str, str, str]]:
    """Every result triple as N-Triples terms: the run, overlaps, communities, brokers."""
    run = f"<{RD}analysis/network-seed-{analysis.seed}>"
    yield run, _RDF_TYPE, _t("NetworkAnalysis")
    for lang in ("nl", "en"):
        yield run, _RDFS_LABEL, _text(result_label("analysis", lang, seed=analysis.seed), lang)
    yield run, _t("seed"), _int(analysis.seed)
    yield run, _t("modularity"), _dec(analysis.partition.modularity)
    yield from _overlap_triples(analysis, run)
    yield from _community_triples(analysis, run)
    for row in analysis.brokers:
        node = _iri(row["node"])
        yield node, _t("betweenness"), _dec(row["betweenness"])
        yield node, _t("degree"), _int(row["degree"])


def _quads(analysis: Analysis, batch: int = 20_000) -> Iterator[ox.Quad]:
    """The result quads (in :data:`ANALYSIS_GRAPH`), in a fixed order, parsed from N-Quads text.

    The text is written in batches of *batch* lines and parsed by pyoxigraph
    (which checks every IRI and literal): constructing a pyoxigraph term per
    value from Python costs several times more at scale (300,000 quads at
    10x), and batches keep the text small (about 3 million quads at 100x).
    """
    graph = _iri(ANALYSIS_GRAPH)
    lines: list[str] = []
    for s, p, o in _triples(analysis):
        lines.append(f"{s} {p} {o} {graph} .\n")
        if len(lines) == batch:
            yield from ox.parse("".join(lines), format=ox.RdfFormat.N_QUADS)
            lines = []
    if lines:
        yield from ox.parse("".join(lines), format=ox.RdfFormat.N_QUADS)


def analysis_quads(analysis: Analysis) -> list[ox.Quad]:
    """Build the result quads of an analysis (in :data:`ANALYSIS_GRAPH`).

    Parameters
    ----------
    analysis : Analysis
        Result of :func:`rdzl_graph.network.analyse`.

    Returns
    -------
    list of pyoxigraph.Quad

    Examples
    --------
    >>> from rdzl_graph.query.store import open_store
    >>> store = open_store("build")  # doctest: +SKIP
    >>> from rdzl_graph.network import analyse
    >>> quads = analysis_quads(analyse(store))
    >>> {q.graph_name.value for q in quads}
    {'https://w3id.org/rdzl-graph/graph/analysis'}
    """
    return list(_quads(analysis))


def analysis_quad_count(analysis: Analysis) -> int:
    """How many quads :func:`analysis_quads` gives, counted without writing or parsing a term.

    Linear in the overlaps, communities and brokers, and much cheaper than
    the quads themselves (no reason is phrased), so that a caller can
    decide whether the results are worth serialising at all (the site's
    query page, :mod:`rdzl_graph.site.query_page`).

    Examples
    --------
    >>> from rdzl_graph.network import analyse
    >>> analysis = analyse(store)
    >>> analysis_quad_count(analysis) == len(analysis_quads(analysis))
    True
    """
    count = 5  # the run: type, a label per language, seed, modularity
    for overlap in analysis.overlaps:
        count += 6 + len(overlap.components) + sum(len(fs) for fs in overlap.shared.values())
        count += 2 * analysis.reason_count(overlap)  # in Dutch and in English
    for community in analysis.communities:
        count += 2 + len(community.projects) + sum(len(fs) for fs in community.binding.values())
        count += len(community.linking_organisations) + len(community.linking_persons)
        count += 2 * (2 + binding_reason_count(community.binding))  # label, rationale, reasons per language
    return count + 2 * len(analysis.brokers)


def analysis_trig(analysis: Analysis) -> bytes:
    """The result quads serialised as TriG (UTF-8 bytes)."""
    prefixes = {k: v for k, v in PREFIXES.items() if k in ("rdzl", "rdfs", "xsd")}
    return ox.serialize(_quads(analysis), format=ox.RdfFormat.TRIG, prefixes=prefixes)


def write_results(analysis: Analysis, out_dir: Path | str, formats: tuple[str, ...] = ("trig", "json")) -> list[Path]:
    """Write ``analysis.trig`` and/or ``analysis.json`` into ``out_dir``.

    Each file is written to a temporary name and renamed
    (:func:`rdzl_graph.core.atomic.replace_file`), so no partial file is left
    behind on failure.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    out = Path(out_dir)
    payloads = {
        "trig": lambda: analysis_trig(analysis),
        "json": lambda: json.dumps(analysis.to_json(), ensure_ascii=False, indent=2).encode("utf-8"),
    }
    written = []
    for fmt in formats:
        written.append(replace_file(out / f"analysis.{fmt}", payloads[fmt]()))
    return written
