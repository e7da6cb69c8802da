"""The data of each page's network view: node details, filters, selections, counts.

Plain functions of the network graph and the collected page content; the
generator (:mod:`rdzl_graph.site.generator`) renders what they return.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..text.formatting import capitalise_first, format_count, format_eur
from . import model
from .content import project_municipalities
from .graphview import KIND_STYLE, build_view, induced
from .layout import PHYSICS_THRESHOLD, ring_layout


def node_extras(graph: nx.Graph, content: dict[str, Any], communities: list[dict[str, Any]],
                 t: dict[str, str], lang: str) -> dict[str, dict[str, Any]]:
    projects, orgs = content["projects"], content["organisations"]
    membership = {p: c["index"] for c in communities for p in c["projects"]}
    linking = {}
    for c in communities:
        for item in c["linking"]:
            linking.setdefault(item["iri"], c["index"])
    extras: dict[str, dict[str, Any]] = {}
    for node, attrs in graph.nodes(data=True):
        kind = attrs.get("kind")
        extra: dict[str, Any] = {"kindLabel": t.get(f"kind_{kind}", kind or "")}
        if kind == "project" and node in projects:
            p = projects[node]
            partner_types = sorted({graph.nodes[n].get("org_type", "") for n in graph[node]
                                    if graph.nodes[n].get("kind") == "organisation"})
            extra.update(
                url=f"project/{p['slug']}.html", line=p["line"] or "", status=p["status_label"] or "",
                amount=format_eur(p["amount"], lang),
                amountCertainty=", ".join(lv["label"] for lv in p["amount_levels"]), orgTypes=partner_types,
                municipality=[m["iri"] for m in project_municipalities(p, projects)],
                section=p["section"] or "", community_index=membership.get(node),
            )
            extra["label"] = p["label"]
        elif kind == "organisation":
            org = orgs.get(node)
            extra.update(orgType=attrs.get("org_type", ""), community_index=linking.get(node))
            if org:
                extra.update(url=f"organisation/{org['slug']}.html", typeLabel=org["type_label"] or "",
                             label=org["label"])
        elif kind == "municipality":
            extra["municipality"] = [node]
        if "label" not in extra and lang == "en" and attrs.get("label_en"):
            extra["label"] = attrs["label_en"]
        extras[node] = extra
    return extras


def network_view(graph: nx.Graph, extras: dict[str, dict[str, Any]], t: dict[str, str], root: str,
          seed: int, positions: dict[str, tuple[float, float]] | None = None, ui: bool = False,
          centrality: dict[str, float] | None = None) -> dict[str, Any]:
    if centrality is None:
        centrality = model.node_centrality(graph, seed=seed)
    view = build_view(graph, {n: extras.get(n, {}) for n in graph}, centrality, seed=seed, positions=positions)
    view["root"] = root
    if ui:
        view["ui"] = dict(t)
    return view


def ego_view(graph: nx.Graph, iri: str, extras: dict[str, dict[str, Any]], t: dict[str, str],
              seed: int) -> dict[str, Any]:
    """The neighbourhood of one project: the project and its neighbours, started on a ring."""
    ego = induced(graph, [iri, *graph[iri]]) if iri in graph else nx.Graph()
    positions = ring_layout(ego, iri, tuple(KIND_STYLE)) if ego.number_of_nodes() <= PHYSICS_THRESHOLD else None
    return network_view(ego, extras, t, "../", seed, positions, centrality=model.ego_centrality(ego, iri))


def filter_options(graph: nx.Graph, content: dict[str, Any], lang: str) -> dict[str, list[dict[str, str]]]:
    org_types: dict[str, str] = {}
    for org in content["organisations"].values():
        if org["iri"] in graph:
            key = graph.nodes[org["iri"]].get("org_type", "")
            org_types.setdefault(key, capitalise_first(org["type_label"] or key))
    municipalities = {n: a.get("label_en" if lang == "en" else "label", n)
                      for n, a in graph.nodes(data=True) if a.get("kind") == "municipality"}
    return {
        "line": [{"value": line["iri"], "label": line["label"]} for line in content["lines"]],
        "orgType": [{"value": k, "label": v} for k, v in sorted(org_types.items(), key=lambda kv: kv[1])],
        "municipality": [{"value": k, "label": v} for k, v in sorted(municipalities.items(), key=lambda kv: kv[1])],
    }


def link_only_existing_pages(content: dict[str, Any], groups: list[dict[str, Any]]) -> None:
    """Drop links to organisation pages that are not written (organisations in no project)."""
    orgs = content["organisations"]
    for project in content["projects"].values():
        for person in project["people"]:
            if person["org"] not in orgs:
                person["org_slug"] = None
    for group in groups:
        for item in group["linking"]:
            if item["iri"] not in orgs:
                item["slug"] = None


def community_nodes(graph: nx.Graph, groups: list[dict[str, Any]]) -> list[list[str]]:
    """Per community: its members in *graph* and every other node linked to at least two members.

    One pass over the graph for all communities. Each list is in the order of
    *graph* (not of a set, whose order changes with ``PYTHONHASHSEED``), so
    the layout of a community view is the same in every run.

    Examples
    --------
    >>> g = nx.Graph([("p1", "o"), ("p2", "o"), ("p2", "t"), ("p3", "t")])
    >>> community_nodes(g, [{"projects": ["p2", "p1"]}])
    [['p1', 'o', 'p2']]
    """
    membership: dict[str, set[int]] = {}
    for i, c in enumerate(groups):
        for m in c["projects"]:
            if m in graph:
                membership.setdefault(m, set()).add(i)
    nodes: list[list[str]] = [[] for _ in groups]
    for node in graph:
        counts: dict[int, int] = {}
        for neighbour in graph[node]:
            for i in membership.get(neighbour, ()):
                counts[i] = counts.get(i, 0) + 1
        own = membership.get(node, set())
        for i in sorted(own | {i for i, count in counts.items() if count >= 2}):
            nodes[i].append(node)
    return nodes


def count_text(t: dict[str, str], lang: str, shown: nx.Graph, whole: nx.Graph) -> str:
    if shown.number_of_nodes() == whole.number_of_nodes():
        return t["nodes_edges"].format(nodes=shown.number_of_nodes(), edges=shown.number_of_edges())
    return t["nodes_edges_of"].format(
        nodes=format_count(shown.number_of_nodes(), lang), all_nodes=format_count(whole.number_of_nodes(), lang),
        edges=format_count(shown.number_of_edges(), lang), all_edges=format_count(whole.number_of_edges(), lang))


def projects_in(graph: nx.Graph) -> int:
    return sum(1 for _n, kind in graph.nodes(data="kind") if kind == "project")
