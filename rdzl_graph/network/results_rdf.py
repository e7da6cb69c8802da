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
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..core.atomic import replace_file
from ..core.namespaces import GRAPH_BASE, PREFIXES, RD, RDZL
from ..text.reasons import result_label
from .analysis import Analysis
from .graphs import local_name

ANALYSIS_GRAPH = GRAPH_BASE + "analysis"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_SCORE_TERMS = {
    "partners": "partnerScore", "themes": "themeScore", "problems": "problemScore",
    "municipalities": "municipalityScore", "places": "placeScore", "text": "textScore",
}


def _t(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(RDZL) + name)


def _dec(value: float) -> ox.Literal:
    return ox.Literal(f"{value:.6f}", datatype=_DECIMAL)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=_INTEGER)


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
    graph = ox.NamedNode(ANALYSIS_GRAPH)
    triples: list[tuple[Any, Any, Any]] = []
    run = ox.NamedNode(f"{RD}analysis/network-seed-{analysis.seed}")
    triples += [
        (run, _RDF_TYPE, _t("NetworkAnalysis")),
        *((run, _RDFS_LABEL, ox.Literal(result_label("analysis", lang, seed=analysis.seed), language=lang))
          for lang in ("nl", "en")),
        (run, _t("seed"), _int(analysis.seed)),
        (run, _t("modularity"), _dec(analysis.partition.modularity)),
    ]
    for overlap in analysis.overlaps:
        node = ox.NamedNode(f"{RD}overlap/{local_name(overlap.a)}--{local_name(overlap.b)}")
        triples += [
            (node, _RDF_TYPE, _t("Overlap")),
            (node, _t("inAnalysis"), run),
            (node, _RDFS_LABEL, ox.Literal(f"{analysis.label(overlap.a)} – {analysis.label(overlap.b)}", language="nl")),
            (node, _t("overlapBetween"), ox.NamedNode(overlap.a)),
            (node, _t("overlapBetween"), ox.NamedNode(overlap.b)),
            (node, _t("overlapScore"), _dec(overlap.score)),
        ]
        triples += [(node, _t(_SCORE_TERMS[k]), _dec(v)) for k, v in overlap.components.items()]
        triples += [(node, _t("sharedFeature"), ox.NamedNode(f)) for fs in overlap.shared.values() for f in fs]
        for lang in ("nl", "en"):
            triples += [(node, _t("reason"), ox.Literal(r, language=lang)) for r in analysis.reasons(overlap, lang)]
    for community in analysis.communities:
        node = ox.NamedNode(f"{RD}community/seed-{analysis.seed}-{community.index}")
        triples += [(node, _RDF_TYPE, _t("Community")), (node, _t("inAnalysis"), run)]
        triples += [(node, _t("member"), ox.NamedNode(p)) for p in community.projects]
        triples += [(node, _t("bindingFeature"), ox.NamedNode(f)) for fs in community.binding.values() for f in fs]
        triples += [(node, _t("linkingOrganisation"), ox.NamedNode(o)) for o in community.linking_organisations]
        triples += [(node, _t("linkingPerson"), ox.NamedNode(p)) for p in community.linking_persons]
        for lang in ("nl", "en"):
            data = analysis.community_json(community, lang)
            label = result_label("community", lang, index=community.index)
            triples.append((node, _RDFS_LABEL, ox.Literal(label, language=lang)))
            triples.append((node, _t("rationale"), ox.Literal(data["rationale"], language=lang)))
            triples += [(node, _t("reason"), ox.Literal(r, language=lang)) for r in data["reasons"]]
    for row in analysis.brokers:
        node = ox.NamedNode(row["node"])
        triples += [(node, _t("betweenness"), _dec(row["betweenness"])), (node, _t("degree"), _int(row["degree"]))]
    return [ox.Quad(s, p, o, graph) for s, p, o in triples]


def analysis_trig(analysis: Analysis) -> bytes:
    """The result quads serialised as TriG (UTF-8 bytes)."""
    prefixes = {k: v for k, v in PREFIXES.items() if k in ("rdzl", "rdfs", "xsd")}
    return ox.serialize(analysis_quads(analysis), format=ox.RdfFormat.TRIG, prefixes=prefixes)


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
