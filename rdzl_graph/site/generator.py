"""Write the static site: overview, network, a page per project, community and organisation.

The site works from ``file://`` without any network: data is embedded in the
pages as JSON (``<script type="application/json">``), vis-network is copied
from the installed pyvis package next to the pages, and nothing is fetched.

Scale (issue 8): every page is made from data gathered once (one query per
kind of fact for all pages, one pass over the overlaps and over the graph for
the community views); no page lays out or measures more than its own view.
Large programmes get a selection on the network page and on big community
pages, with a Dutch note saying what was left out and where to find it
(see :mod:`rdzl_graph.site.graphview`); the real programme (about 100 nodes)
is shown whole. Each project page shows only that project's neighbourhood.
On the overview of a large programme each line's project table starts
folded (the search above them finds every project and organisation).

Documentation links: the navigation links to ``docs/index.html`` and the
footer to ``ontology/index.html``. ``rdzl-graph docs`` writes those pages
into the site; :func:`build_site` keeps them when it replaces the site and
writes a short page saying how to make them when they were never made, so
the links always lead to a page.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyoxigraph as ox
import pyvis

from ..core.errors import RdzlError
from ..network import Analysis, analyse, full_network
from ..network.graphs import local_name
from ..text.formatting import capitalise_first, format_count, format_eur
from ..text.html import html_environment
from ..text.languages import DEFAULT_LANGUAGE
from ..text.site import ui_strings
from . import model
from .charts import bar_chart
from .content import collect_content, project_municipalities
from .graphview import (
    COMMUNITY_VIEW_LIMIT,
    KIND_STYLE,
    NO_COMMUNITY_COLOUR,
    OVERVIEW_LIMIT,
    PHYSICS_THRESHOLD,
    SHOWN_KINDS,
    build_view,
    induced,
    quick_layout,
    ring_layout,
    script_json,
    select_projects,
    shown_subgraph,
)
from .query_page import write_query_page

PACKAGE_DIR = Path(__file__).resolve().parent
VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
VIS_FILES = ("vis-network.min.js", "vis-network.css")
STATIC_FILES = ("site.css", "network.js", "search.js", "LICENSE-vis-network.txt")
#: Sub-directories written by ``rdzl-graph docs``, kept when the site is rebuilt.
DOCS_DIRS = ("docs", "ontology")
#: A community card on the overview names at most this many projects (the community page names all).
CARD_PROJECTS = 24
#: Above this many projects the overview's project table of each programme line starts folded.
FOLD_LINES_ABOVE = 300
#: Node fields the small views (project and community pages) use: tooltip, colour, link.
SMALL_VIEW_FIELDS = ("kindLabel", "label", "url", "status", "amount", "amountUncertain", "community_index")


@dataclass(frozen=True)
class SiteResult:
    """What :func:`build_site` wrote.

    Attributes
    ----------
    out_dir : Path
        The site directory.
    index : Path
        The overview page to open.
    pages : tuple of Path
        Every HTML page written, relative to *out_dir*.
    nodes, edges : int
        Size of the graph on the network page.
    """

    out_dir: Path
    index: Path
    pages: tuple[Path, ...]
    nodes: int
    edges: int


def _environment() -> jinja2.Environment:
    return html_environment(PACKAGE_DIR / "templates", filters={
        "eur": format_eur, "localname": lambda iri: local_name(iri) or "", "thousands": format_count,
        "capfirst": capitalise_first})


def _node_extras(graph: nx.Graph, content: dict[str, Any], communities: list[dict[str, Any]],
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
                amountUncertain=p["amount_uncertain"], orgTypes=partner_types,
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


def _view(graph: nx.Graph, extras: dict[str, dict[str, Any]], t: dict[str, str], root: str,
          seed: int, positions: dict[str, tuple[float, float]] | None = None, ui: bool = False,
          centrality: dict[str, float] | None = None) -> dict[str, Any]:
    if centrality is None:
        centrality = model.node_centrality(graph, seed=seed)
    view = build_view(graph, {n: extras.get(n, {}) for n in graph}, centrality, seed=seed, positions=positions)
    view["root"] = root
    if ui:
        view["ui"] = dict(t)
    return view


def _ego_view(graph: nx.Graph, iri: str, extras: dict[str, dict[str, Any]], t: dict[str, str],
              seed: int) -> dict[str, Any]:
    """The neighbourhood of one project: the project and its neighbours, started on a ring."""
    ego = induced(graph, [iri, *graph[iri]]) if iri in graph else nx.Graph()
    positions = ring_layout(ego, iri) if ego.number_of_nodes() <= PHYSICS_THRESHOLD else None
    return _view(ego, extras, t, "../", seed, positions, centrality=model.ego_centrality(ego, iri))


def _filter_options(graph: nx.Graph, content: dict[str, Any], lang: str) -> dict[str, list[dict[str, str]]]:
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


def _link_only_existing_pages(content: dict[str, Any], groups: list[dict[str, Any]]) -> None:
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


def _community_nodes(graph: nx.Graph, groups: list[dict[str, Any]]) -> list[set[str]]:
    """Per community: its members in *graph* and every other node linked to at least two members.

    One pass over the graph for all communities.
    """
    membership: dict[str, set[int]] = {}
    for i, c in enumerate(groups):
        for m in c["projects"]:
            if m in graph:
                membership.setdefault(m, set()).add(i)
    nodes: list[set[str]] = [{m for m in c["projects"] if m in graph} for c in groups]
    for node in graph:
        counts: dict[int, int] = {}
        for neighbour in graph[node]:
            for i in membership.get(neighbour, ()):
                counts[i] = counts.get(i, 0) + 1
        own = membership.get(node, ())
        for i, count in counts.items():
            if count >= 2 and i not in own:
                nodes[i].add(node)
    return nodes


def _count_text(t: dict[str, str], lang: str, shown: nx.Graph, whole: nx.Graph) -> str:
    if shown.number_of_nodes() == whole.number_of_nodes():
        return t["nodes_edges"].format(nodes=shown.number_of_nodes(), edges=shown.number_of_edges())
    return t["nodes_edges_of"].format(
        nodes=format_count(shown.number_of_nodes(), lang), all_nodes=format_count(whole.number_of_nodes(), lang),
        edges=format_count(shown.number_of_edges(), lang), all_edges=format_count(whole.number_of_edges(), lang))


def _projects_in(graph: nx.Graph) -> int:
    return sum(1 for _n, kind in graph.nodes(data="kind") if kind == "project")


def _placeholder_docs(write: Any, t: dict[str, str]) -> None:
    """Short pages where ``rdzl-graph docs`` puts the documentation, until it does."""
    for rel in (f"{d}/index.html" for d in DOCS_DIRS):
        write(rel, "docs_missing.html.j2", root="../", page="docs")


def render_site(store: ox.Store, out_dir: Path, lang: str = DEFAULT_LANGUAGE, seed: int = 0,
                graph: nx.Graph | None = None, analysis: Analysis | None = None,
                queries: Path | None = None) -> SiteResult:
    """Write every page and asset into *out_dir* (which must exist and be empty)."""
    t = ui_strings(lang)
    content = collect_content(store, lang, queries)
    graph = shown_subgraph(graph if graph is not None else full_network(store, queries))
    analysis = analysis if analysis is not None else analyse(store, seed=seed, queries=queries)
    groups = model.communities(analysis, lang, t["community"])
    _link_only_existing_pages(content, groups)
    extras = _node_extras(graph, content, groups, t, lang)
    env = _environment()
    common = {"t": t, "lang": lang}
    pages: list[Path] = []

    def write(rel: str, template: str, **context: Any) -> None:
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(env.get_template(template).render(**common, **context), encoding="utf-8")
        pages.append(Path(rel))

    projects = content["projects"]
    search = [{"label": p["label"], "kind": t["kind_project"], "url": f"project/{p['slug']}.html"}
              for p in projects.values()]
    search += [{"label": o["label"], "kind": (o["type_label"] or t["kind_organisation"]).capitalize(),
                "url": f"organisation/{o['slug']}.html"} for o in content["organisations"].values()]
    search_json = script_json(search)
    per_line = [{"label": r["label"], "sure": r["amount"] - r["uncertain"], "unsure": r["uncertain"]}
                for r in content["funding_per_line"]]
    write("index.html", "index.html.j2", root="", page="index", lines=content["lines"], projects=projects,
          organisations=content["organisations"], communities=groups, total=content["total"],
          n_projects=len(projects), search_json=search_json, card_projects=CARD_PROJECTS,
          collapse_lines=len(projects) > FOLD_LINES_ABOVE,
          chart_lines=bar_chart(per_line, [("sure", t["certain_part"], "seg-sure"),
                                           ("unsure", t["uncertain_part"], "seg-unsure")], t["funding_per_line"], lang),
          chart_municipalities=bar_chart(content["funding_per_municipality"],
                                         [("only", t["only_here"], "seg-only"), ("shared", t["shared"], "seg-shared")],
                                         t["funding_per_municipality"], lang))

    shown, note = graph, None
    if graph.number_of_nodes() > OVERVIEW_LIMIT:
        shown = induced(graph, select_projects(graph, [c["projects"] for c in groups], OVERVIEW_LIMIT))
        note = t["overview_note"].format(
            nodes=format_count(graph.number_of_nodes(), lang), edges=format_count(graph.number_of_edges(), lang),
            shown_projects=format_count(_projects_in(shown), lang), projects=format_count(_projects_in(graph), lang))
    write("network.html", "network.html.j2", root="", page="network",
          view_json=script_json(_view(shown, extras, t, "", seed, ui=True)),
          filter_options=_filter_options(shown, content, lang), kinds=SHOWN_KINDS, kind_styles=KIND_STYLE,
          communities=groups, no_community_colour=NO_COMMUNITY_COLOUR, count_text=_count_text(t, lang, shown, graph),
          selection_note=note, search_json=search_json if note else None)

    small = {n: {k: extra[k] for k in SMALL_VIEW_FIELDS if k in extra} for n, extra in extras.items()}
    lines = {line["iri"]: line for line in content["lines"]}
    similar_rows = model.similar_index(analysis, lang)
    communities_of: dict[str, list[dict[str, Any]]] = {}
    linked_by: dict[str, list[dict[str, Any]]] = {}
    for c in groups:
        for m in dict.fromkeys(c["projects"]):
            communities_of.setdefault(m, []).append(c)
        for iri in dict.fromkeys(item["iri"] for item in c["linking"]):
            linked_by.setdefault(iri, []).append(c)
    for iri, p in projects.items():
        similar = [dict(row) for row in similar_rows.get(iri, [])]
        for row in similar:
            row["slug"] = projects[row["iri"]]["slug"] if row["iri"] in projects else None
        write(f"project/{p['slug']}.html", "project.html.j2", root="../", page="project", p=p,
              line=lines.get(p["line"]), parent=projects.get(p["parent"]),
              children=[projects[c] for c in p["children"]], similar=similar,
              communities=communities_of.get(iri, []),
              view_json=script_json(_ego_view(graph, iri, small, t, seed)))
    for c, nodes in zip(groups, _community_nodes(graph, groups)):
        members = [projects[m] for m in c["projects"] if m in projects]
        sub, view_note = induced(graph, nodes), None
        if sub.number_of_nodes() > COMMUNITY_VIEW_LIMIT:
            whole = _projects_in(sub)
            sub = induced(sub, select_projects(sub, [list(c["projects"])], COMMUNITY_VIEW_LIMIT))
            view_note = t["community_view_note"].format(shown=format_count(_projects_in(sub), lang),
                                                        projects=format_count(whole, lang))
        write(f"community/{c['slug']}.html", "community.html.j2", root="../", page="community", c=c,
              members=members, view_note=view_note,
              view_json=script_json(_view(sub, small, t, "../", seed, quick_layout(sub, seed))))
    for iri, o in content["organisations"].items():
        rows = [{"slug": projects[r["iri"]]["slug"], "label": projects[r["iri"]]["label"],
                 "role_label": r["role_label"]} for r in o["projects"] if r["iri"] in projects]
        write(f"organisation/{o['slug']}.html", "organisation.html.j2", root="../", page="organisation", o=o,
              rows=rows, communities=linked_by.get(iri, []))
    write_query_page(write, out_dir, store, content, lang, analysis, queries)
    _placeholder_docs(write, t)
    copy_assets(out_dir / "assets")
    return SiteResult(out_dir, out_dir / "index.html", tuple(pages), graph.number_of_nodes(), graph.number_of_edges())


def copy_assets(assets: Path) -> list[Path]:
    """Copy the site's CSS/JS and vis-network (from the installed pyvis) into *assets*.

    Raises
    ------
    RdzlError
        If the installed pyvis does not ship vis-network 9.1.2.
    """
    assets.mkdir(parents=True, exist_ok=True)
    copied = []
    for name in VIS_FILES:
        source = VIS_DIR / name
        if not source.is_file():
            raise RdzlError(f"{source}: vis-network not found in the installed pyvis package (pyvis==0.3.2 expected)")
        copied.append(Path(shutil.copyfile(source, assets / name)))
    for name in STATIC_FILES:
        copied.append(Path(shutil.copyfile(PACKAGE_DIR / "static" / name, assets / name)))
    return copied


def build_site(store: ox.Store, out_dir: Path | str, lang: str = DEFAULT_LANGUAGE, seed: int = 0,
               graph: nx.Graph | None = None, analysis: Analysis | None = None,
               queries: Path | None = None) -> SiteResult:
    """Build the static site into *out_dir*, replacing it only when complete.

    Parameters
    ----------
    store : pyoxigraph.Store
        Store loaded with the built graph (read only).
    out_dir : Path or str
        Target directory (e.g. ``build/site``); written atomically: the
        pages are made in a temporary sibling directory that replaces
        *out_dir* at the end, so a failure leaves the old site untouched.
    lang : str
        ``"nl"`` (default) or ``"en"``.
    seed : int
        Seed of the analysis and of the layouts.
    graph, analysis : optional
        A ready :func:`~rdzl_graph.network.full_network` graph and
        :func:`~rdzl_graph.network.analyse` result (computed from *store*
        when not given).
    queries : Path, optional
        Query directory; defaults to the packaged ``queries/``.

    Returns
    -------
    SiteResult

    Examples
    --------
    >>> from rdzl_graph.query.store import open_store
    >>> result = build_site(open_store("build"), "build/site")  # doctest: +SKIP
    >>> result.index.name  # doctest: +SKIP
    'index.html'
    """
    ui_strings(lang)  # reject an unknown language before writing anything
    out = Path(out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        result = render_site(store, tmp, lang, seed, graph, analysis, queries)
        _keep_docs(out, tmp)
        old = None
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.replace(out, old / "site")
        os.replace(tmp, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return SiteResult(out, out / "index.html", result.pages, result.nodes, result.edges)


def _keep_docs(old_site: Path, new_site: Path) -> None:
    """Copy the pages ``rdzl-graph docs`` wrote into the old site over the placeholders of the new one."""
    for name in DOCS_DIRS:
        source = old_site / name
        if (source / "index.html").is_file():
            shutil.rmtree(new_site / name, ignore_errors=True)
            shutil.copytree(source, new_site / name)


def write_network_page(graph: nx.Graph, out_dir: Path | str, lang: str = DEFAULT_LANGUAGE, seed: int = 0) -> Path:
    """Write only ``network.html`` (and assets) for any graph with ``kind``/``label`` nodes.

    For scale checks with synthetic graphs: no filters, no communities, no
    detail pages.

    Returns
    -------
    pathlib.Path
        The written ``network.html``.

    Examples
    --------
    >>> g = nx.path_graph(3); nx.set_node_attributes(g, "theme", "kind")
    >>> write_network_page(g, "/tmp/rdzl-net-doc").name  # doctest: +SKIP
    'network.html'
    """
    t = ui_strings(lang)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    extras = {n: {"kindLabel": t.get(f"kind_{k}", k or "")} for n, k in graph.nodes(data="kind")}
    view = _view(nx.relabel_nodes(graph, str), {str(n): e for n, e in extras.items()}, t, "", seed, ui=True)
    html = _environment().get_template("network.html.j2").render(
        t=t, lang=lang, root="", page="network", view_json=script_json(view),
        filter_options={"line": [], "orgType": [], "municipality": []}, kinds=SHOWN_KINDS,
        kind_styles=KIND_STYLE, communities=[], no_community_colour=NO_COMMUNITY_COLOUR,
        count_text=t["nodes_edges"].format(nodes=graph.number_of_nodes(), edges=graph.number_of_edges()),
        selection_note=None, search_json=None)
    (out / "network.html").write_text(html, encoding="utf-8")
    copy_assets(out / "assets")
    return out / "network.html"
