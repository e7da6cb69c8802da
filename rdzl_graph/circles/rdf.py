"""The circles as RDF, in the named graph ``https://w3id.org/rdzl-graph/graph/circles``.

Resources (terms in ``ontology/rdzl.ttl``, section on knowledge-exchange circles):

* ``id/analysis/circles-seed-<seed>`` a ``rdzl:NetworkAnalysis``: the run;
* ``id/circle/<kind>-<basis-slug>`` a ``rdzl:KnowledgeCircle``: ``rdfs:label``
  (@nl, @en), ``rdzl:circleBasis``, ``rdzl:basisKind``, ``rdzl:circleMember``,
  ``rdzl:linkingPin``, ``rdzl:suggestedHost``, ``rdzl:hostReason`` and
  ``rdzl:conversationStarter`` (@nl, @en), ``rdzl:inAnalysis``;
* ``id/learning/<milestone>--<attention point>--<about>`` a
  ``rdzl:LearningOpportunity``: ``rdzl:learner``, ``rdzl:experiencedProject``,
  ``rdzl:about``, ``rdzl:evidenceMilestone``, ``rdzl:evidenceAttentionPoint``,
  ``rdzl:inCircle``; and the shortcut ``learner rdzl:canLearnFrom experienced``.

The circle IRI depends only on the basis, so it stays the same across runs
and the trainee's decisions keep pointing at it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..core.namespaces import GRAPH_BASE, PREFIXES, RD, RDZL
from ..network.graphs import local_name
from .report import circles_reports

CIRCLES_GRAPH = GRAPH_BASE + "circles"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _t(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(RDZL) + name)


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def learning_iri(pair: dict[str, Any]) -> str:
    """IRI of a learning opportunity: its milestone, attention point and what it is about.

    Examples
    --------
    >>> learning_iri({"milestone": {"iri": "x/m-1"}, "attention_point": {"iri": "x/a-2"}, "about_iri": "x/capaciteit"})
    'https://w3id.org/rdzl-graph/id/learning/m-1--a-2--capaciteit'
    """
    parts = (pair["milestone"]["iri"], pair["attention_point"]["iri"], pair["about_iri"])
    return f"{RD}learning/" + "--".join(local_name(p) or p for p in parts)


def _circle_triples(run: ox.NamedNode, nl: dict[str, Any], en: dict[str, Any]) -> list[tuple]:
    node = _n(nl["iri"])
    triples = [
        (node, _RDF_TYPE, _t("KnowledgeCircle")), (node, _t("inAnalysis"), run),
        (node, _RDFS_LABEL, ox.Literal(nl["label"], language="nl")),
        (node, _RDFS_LABEL, ox.Literal(en["label"], language="en")),
        (node, _t("circleBasis"), _n(nl["basis"]["iri"])),
        (node, _t("basisKind"), ox.Literal(nl["basis"]["kind"])),
        (node, _t("suggestedHost"), _n(nl["host"]["iri"])),
    ]
    triples += [(node, _t("circleMember"), _n(p["iri"])) for p in nl["projects"]]
    triples += [(node, _t("linkingPin"), _n(p["iri"])) for p in nl["linking"]]
    for lang, data in (("nl", nl), ("en", en)):
        triples.append((node, _t("hostReason"), ox.Literal(data["host"]["reason"], language=lang)))
        triples += [(node, _t("conversationStarter"), ox.Literal(s, language=lang)) for s in data["starters"]]
    return triples


def _learning_triples(run: ox.NamedNode, nl: dict[str, Any], en: dict[str, Any]) -> list[tuple]:
    node = _n(learning_iri(nl))
    learner, experienced = _n(nl["to"]), _n(nl["from"])
    triples = [
        (node, _RDF_TYPE, _t("LearningOpportunity")), (node, _t("inAnalysis"), run),
        (node, _t("learner"), learner), (node, _t("experiencedProject"), experienced),
        (node, _t("about"), _n(nl["about_iri"])),
        (node, _t("evidenceMilestone"), _n(nl["milestone"]["iri"])),
        (node, _t("evidenceAttentionPoint"), _n(nl["attention_point"]["iri"])),
        (learner, _t("canLearnFrom"), experienced),
        (node, _RDFS_LABEL, ox.Literal(f"{nl['to_label']} kan leren van {nl['from_label']} over "
                                       f"{nl['about'][:1].lower() + nl['about'][1:]}", language="nl")),
        (node, _RDFS_LABEL, ox.Literal(f"{en['to_label']} can learn from {en['from_label']} about "
                                       f"{en['about'][:1].lower() + en['about'][1:]}", language="en")),
    ]
    triples += [(node, _t("inCircle"), _n(f"{RD}circle/{c}")) for c in nl["circles"]]
    return triples


def circles_quads(reports: dict[str, dict[str, Any]], seed: int = 0) -> list[ox.Quad]:
    """The quads of a circles report in both languages (``{"nl": ..., "en": ...}`` of :func:`.report.circles_reports`).

    Returns
    -------
    list of pyoxigraph.Quad
        In :data:`CIRCLES_GRAPH`, in the (deterministic) order of the reports, each once.
    """
    graph = _n(CIRCLES_GRAPH)
    run = _n(f"{RD}analysis/circles-seed-{seed}")
    triples: list[tuple] = [
        (run, _RDF_TYPE, _t("NetworkAnalysis")), (run, _t("seed"), ox.Literal(str(int(seed)), datatype=_INTEGER)),
        (run, _RDFS_LABEL, ox.Literal(f"Kennisuitwisselingskringen (seed {seed})", language="nl")),
        (run, _RDFS_LABEL, ox.Literal(f"Knowledge-exchange circles (seed {seed})", language="en")),
    ]
    nl, en = reports["nl"], reports["en"]
    for circle_nl, circle_en in zip(nl["circles"], en["circles"]):
        triples += _circle_triples(run, circle_nl, circle_en)
    for pair_nl, pair_en in zip(nl["learning"], en["learning"]):
        triples += _learning_triples(run, pair_nl, pair_en)
    # the reports are sorted, so the order of the triples is already deterministic: keep it, drop repeats
    return list(dict.fromkeys(ox.Quad(s, p, o, graph) for s, p, o in triples))


def circles_trig(store: ox.Store, seed: int = 0, decisions: Path | str | None = None, **options: Any) -> bytes:
    """The circles graph of the built graph as TriG (UTF-8 bytes).

    Examples
    --------
    >>> circles_trig(open_store("build")).startswith(b"@prefix")  # doctest: +SKIP
    True
    """
    quads = circles_quads(circles_reports(store, seed, ("nl", "en"), decisions, **options), seed)
    prefixes = {k: v for k, v in PREFIXES.items() if k in ("rdzl", "rdfs", "xsd")}
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes)
