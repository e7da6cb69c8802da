"""What the site shows of the network analysis, as plain data.

The analysis itself (overlaps, communities, centrality) is done by
:mod:`rdzl_graph.network`; this module only picks labels in the chosen
language and shapes the results for the pages.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..network import Analysis
from ..network.centrality import broker_ranking
from .content import slug
from .graphview import PHYSICS_THRESHOLD, community_colour

#: How many similar projects a project page lists.
SIMILAR_LIMIT = 6


def communities(analysis: Analysis, lang: str, word: str) -> list[dict[str, Any]]:
    """The proposed knowledge-exchange communities with label, rationale and colour.

    Parameters
    ----------
    analysis : rdzl_graph.network.Analysis
        Result of :func:`rdzl_graph.network.analyse`.
    lang : str
        ``"nl"`` or ``"en"``.
    word : str
        The word for "group" in *lang* (used in the names).

    Returns
    -------
    list of dict
        ``id``, ``slug``, ``index`` (0-based colour index), ``label``,
        ``colour``, ``projects`` (IRIs), ``reasons``, ``rationale`` and
        ``linking`` (list of ``{iri, label, slug}``; persons have no slug).
    """
    result = []
    for i, community in enumerate(analysis.communities):
        data = analysis.community_json(community, lang)
        themes = data["binding"].get("themes", [])[:2]
        label = f"{word} {community.index}" + (f": {', '.join(themes)}" if themes else "")
        linking = [{"iri": o, "label": analysis.label(o, lang), "slug": slug(o)}
                   for o in community.linking_organisations]
        linking += [{"iri": p, "label": analysis.label(p, lang), "slug": None} for p in community.linking_persons]
        result.append({
            "id": data["id"], "slug": slug(data["id"]), "index": i, "label": label,
            "colour": community_colour(i), "projects": list(community.projects),
            "reasons": data["reasons"], "rationale": data["rationale"], "linking": linking,
        })
    return result


def similar_projects(analysis: Analysis, project: str, lang: str, limit: int = SIMILAR_LIMIT) -> list[dict[str, Any]]:
    """The projects that overlap most with *project*, with the reasons in *lang*.

    For one project; :func:`similar_index` does all projects in one pass.

    Returns
    -------
    list of dict
        ``iri``, ``label``, ``score`` and ``reasons`` (one string), strongest first.
    """
    return [_similar_row(analysis, o, project, lang) for o in analysis.overlaps_of(project)[:limit]]


def similar_index(analysis: Analysis, lang: str, limit: int = SIMILAR_LIMIT) -> dict[str, list[dict[str, Any]]]:
    """:func:`similar_projects` of every project, from one pass over the overlaps.

    Parameters
    ----------
    analysis : rdzl_graph.network.Analysis
        Its ``overlaps`` are ordered strongest first.
    lang : str
        Language of the labels and reasons.
    limit : int
        Rows per project.

    Returns
    -------
    dict
        Project IRI -> rows as :func:`similar_projects` gives them (projects
        without overlaps are absent).
    """
    chosen: dict[str, list[Any]] = {}
    for overlap in analysis.overlaps:
        for project in (overlap.a, overlap.b):
            picked = chosen.get(project)
            if picked is None:
                chosen[project] = [overlap]
            elif len(picked) < limit:
                picked.append(overlap)
    return {project: [_similar_row(analysis, o, project, lang) for o in overlaps]
            for project, overlaps in chosen.items()}


def _similar_row(analysis: Analysis, overlap: Any, project: str, lang: str) -> dict[str, Any]:
    other = overlap.other(project)
    return {"iri": other, "label": analysis.label(other, lang), "score": overlap.score,
            "reasons": "; ".join(analysis.reasons(overlap, lang))}


def node_centrality(graph: nx.Graph, seed: int = 0) -> dict[str, float]:
    """Betweenness of every node of *graph*, as ranked by the network analysis.

    Uses :func:`rdzl_graph.network.centrality.broker_ranking` over all node
    kinds present; betweenness is sampled above
    :data:`~rdzl_graph.site.graphview.PHYSICS_THRESHOLD` nodes (it only sizes
    the circles).
    """
    kinds = {kind for _n, kind in graph.nodes(data="kind")}
    ranking = broker_ranking(graph, kinds, seed=seed, exact_limit=PHYSICS_THRESHOLD)
    return {row["node"]: row["betweenness"] for row in ranking}


def ego_centrality(graph: nx.Graph, centre: str) -> dict[str, float]:
    """:func:`node_centrality` of a neighbourhood graph (every node linked to *centre*), without a search.

    In such a graph every shortest path between two unlinked nodes has
    length 2 and runs through one of their common neighbours, so each
    common neighbour gets ``1 / (number of common neighbours)`` of the pair;
    normalised as networkx does (``2 / ((n - 1)(n - 2))`` per unordered
    pair). Falls back to :func:`node_centrality` for any other graph.

    Examples
    --------
    >>> g = nx.Graph([("p", "a"), ("p", "b"), ("p", "c"), ("a", "b")])
    >>> nx.set_node_attributes(g, "theme", "kind")
    >>> ego_centrality(g, "p") == node_centrality(g)
    True
    >>> ego_centrality(g, "p")["p"]
    0.666667
    """
    others = [n for n in graph if n != centre]
    if centre not in graph or any(not graph.has_edge(centre, n) for n in others):
        return node_centrality(graph)
    n = graph.number_of_nodes()
    scores = dict.fromkeys(graph, 0.0)
    if n > 2:
        nodes = list(graph)
        neighbours = {u: set(graph[u]) for u in nodes}
        for i, u in enumerate(nodes):
            for v in nodes[i + 1:]:
                if v in neighbours[u]:
                    continue
                common = neighbours[u] & neighbours[v]
                for w in common:
                    scores[w] += 1.0 / len(common)
        scale = 2.0 / ((n - 1) * (n - 2))
        scores = {node: value * scale for node, value in scores.items()}
    return {node: round(value, 6) for node, value in scores.items()}
