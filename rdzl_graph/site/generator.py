"""Write the static site: overview, network, a page per project, circle, community and organisation.

The knowledge-exchange part of the overview leads with the circles of
:func:`rdzl_graph.circles.circles_report` (accepted ones apart from the
proposals), then the communities as "families"; each circle page
(``circle/<id>.html``) is also a printable A4 sheet (see
:mod:`rdzl_graph.site.circle_pages` and the print rules in ``site.css``).

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

import importlib.util
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyoxigraph as ox

from ..core.atomic import replacing_dir
from ..core.errors import RdzlError
from ..network import Analysis, analyse
from ..network.graphs import full_network_from_data, local_name
from ..text.formatting import capitalise_first, format_count, format_eur
from ..text.html import html_environment
from ..text.languages import DEFAULT_LANGUAGE
from ..text.site import ui_strings
from . import model
from .circle_pages import circle_views, decided_on, grouped, learning_rows, load_circles, per_project
from .content import collect_content
from .figures import overview_figures
from .organisation_pages import write_organisation_pages
from .graphview import (
    COMMUNITY_VIEW_LIMIT,
    KIND_STYLE,
    NO_COMMUNITY_COLOUR,
    OVERVIEW_LIMIT,
    SHOWN_KINDS,
    induced,
    script_json,
    select_projects,
    shown_subgraph,
)
from .layout import quick_layout
from .views import (
    community_nodes,
    count_text,
    ego_view,
    filter_options,
    link_only_existing_pages,
    network_view,
    node_extras,
    projects_in,
)
from .edition_pages import write_edition_pages
from .query_page import QUERY_DATA_BUDGET, write_query_page
from .search_index import search_index, search_words
from .twins import name_twins, with_twins

PACKAGE_DIR = Path(__file__).resolve().parent
# the installed pyvis package's folder, found without importing it (pyvis imports IPython)
VIS_DIR = Path(importlib.util.find_spec("pyvis").submodule_search_locations[0]).resolve() / "lib" / "vis-9.1.2"
VIS_FILES = ("vis-network.min.js", "vis-network.css")
STATIC_FILES = ("site.css", "network.js", "search.js", "LICENSE-vis-network.txt")
#: Sub-directories written by ``rdzl-graph docs``, kept when the site is rebuilt.
DOCS_DIRS = ("docs", "ontology")
#: A community card on the overview names at most this many projects (the community page names all).
CARD_PROJECTS = 24
#: Above this many projects the overview's project table of each programme line starts folded.
FOLD_LINES_ABOVE = 300
#: Node fields the small views (project and community pages) use: tooltip, colour, link.
SMALL_VIEW_FIELDS = ("kindLabel", "label", "url", "status", "amount", "amountCertainty", "community_index")


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


class _Pages:
    """Renders templates into the site directory and remembers what it wrote."""

    def __init__(self, out_dir: Path, t: dict[str, str], lang: str) -> None:
        self.out_dir, self.env, self.common = out_dir, _environment(), {"t": t, "lang": lang}
        self.written: list[Path] = []
        # thousands of pages share a few templates and folders: each is looked up (and made) once
        self._templates: dict[str, jinja2.Template] = {}
        self._folders: set[Path] = set()

    def write(self, rel: str, template: str, **context: Any) -> None:
        path = self.out_dir / rel
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        if template not in self._templates:
            self._templates[template] = self.env.get_template(template)
        path.write_text(self._templates[template].render(**self.common, **context), encoding="utf-8")
        self.written.append(Path(rel))


def _write_overview(pages: _Pages, content: dict[str, Any], groups: list[dict[str, Any]], search_json: Any,
                    fold_lines_above: int, circle_list: list[dict[str, Any]], figures: dict[str, Any]) -> None:
    projects = content["projects"]
    pages.write("index.html", "index.html.j2", root="", page="index", lines=content["lines"], projects=projects,
                organisations=content["organisations"], communities=groups,
                circles=circle_list, circle_groups=grouped(circle_list),
                search_json=search_json, card_projects=CARD_PROJECTS,
                collapse_lines=len(projects) > fold_lines_above, **figures)


def _write_network(pages: _Pages, graph: nx.Graph, content: dict[str, Any], groups: list[dict[str, Any]],
                   extras: dict[str, dict[str, Any]], search_json: Any, seed: int, overview_limit: int) -> None:
    t, lang = pages.common["t"], pages.common["lang"]
    shown, note = graph, None
    if graph.number_of_nodes() > overview_limit:
        shown = induced(graph, select_projects(graph, [c["projects"] for c in groups], overview_limit))
        note = t["overview_note"].format(
            nodes=format_count(graph.number_of_nodes(), lang), edges=format_count(graph.number_of_edges(), lang),
            shown_projects=format_count(projects_in(shown), lang), projects=format_count(projects_in(graph), lang))
    pages.write("network.html", "network.html.j2", root="", page="network",
                view_json=script_json(network_view(shown, extras, t, "", seed, ui=True)),
                filter_options=filter_options(shown, content, lang), kinds=SHOWN_KINDS, kind_styles=KIND_STYLE,
                communities=groups, no_community_colour=NO_COMMUNITY_COLOUR,
                count_text=count_text(t, lang, shown, graph), selection_note=note,
                twin_names=sorted({extras[n]["label"] for n in shown if extras.get(n, {}).get("twinKind") == "organisation"
                                   and extras[n].get("twin") in shown}, key=str.lower),
                search_json=search_json if note else None)


def _write_details(pages: _Pages, graph: nx.Graph, content: dict[str, Any], groups: list[dict[str, Any]],
                   small: dict[str, dict[str, Any]], similar_rows: dict[str, list[dict[str, Any]]], seed: int,
                   community_view_limit: int, circles_of: dict[str, dict[str, Any]],
                   twins: dict[str, dict[str, str]]) -> None:
    """A page per project and community."""
    t, lang = pages.common["t"], pages.common["lang"]
    projects = content["projects"]
    lines = {line["iri"]: line for line in content["lines"]}
    communities_of: dict[str, list[dict[str, Any]]] = {}
    for c in groups:
        for m in dict.fromkeys(c["projects"]):
            communities_of.setdefault(m, []).append(c)
    for iri, p in projects.items():
        similar = [dict(row) for row in similar_rows.get(iri, [])]
        for row in similar:
            row["slug"] = projects[row["iri"]]["slug"] if row["iri"] in projects else None
        pages.write(f"project/{p['slug']}.html", "project.html.j2", root="../", page="project", p=p,
                    line=lines.get(p["line"]), parent=projects.get(p["parent"]),
                    children=[projects[c] for c in p["children"]], similar=similar,
                    communities=communities_of.get(iri, []), twin=twins.get(iri),
                    circles=circles_of.get(iri, {"circles": [], "as_learner": [], "as_experienced": []}),
                    view_json=script_json(ego_view(graph, iri, small, t, seed)))
    for c, nodes in zip(groups, community_nodes(graph, groups)):
        members = [projects[m] for m in c["projects"] if m in projects]
        sub, view_note = induced(graph, nodes), None
        if sub.number_of_nodes() > community_view_limit:
            whole = projects_in(sub)
            sub = induced(sub, select_projects(sub, [list(c["projects"])], community_view_limit))
            view_note = t["community_view_note"].format(shown=format_count(projects_in(sub), lang),
                                                        projects=format_count(whole, lang))
        pages.write(f"community/{c['slug']}.html", "community.html.j2", root="../", page="community", c=c,
                    members=members, view_note=view_note,
                    view_json=script_json(network_view(sub, small, t, "../", seed, quick_layout(sub, seed))))


def render_site(store: ox.Store, out_dir: Path, lang: str = DEFAULT_LANGUAGE, seed: int = 0,
                graph: nx.Graph | None = None, analysis: Analysis | None = None,
                queries: Path | None = None, circles: dict[str, Any] | None = None,
                decisions: Path | str | None = None, *, overview_limit: int = OVERVIEW_LIMIT,
                community_view_limit: int = COMMUNITY_VIEW_LIMIT,
                fold_lines_above: int = FOLD_LINES_ABOVE, query_data_budget: int = QUERY_DATA_BUDGET) -> SiteResult:
    """Write every page and asset into *out_dir* (which must exist and be empty).

    The parameters are those of :func:`build_site`.
    """
    t = ui_strings(lang)
    content = collect_content(store, lang, queries)
    analysis = analysis if analysis is not None else analyse(store, seed=seed, queries=queries)
    # the full network from the analysis's data: the graph's network data are read once, not twice
    graph = shown_subgraph(graph if graph is not None else full_network_from_data(analysis.data))
    groups = model.communities(analysis, lang, t["community"])
    link_only_existing_pages(content, groups)
    report = circles if circles is not None else load_circles(store, seed, lang, decisions, analysis)
    circle_list = circle_views(report, content, lang, decided_on(decisions))
    circles_of = per_project(circle_list, learning_rows(report, content))
    twins = name_twins(content)
    extras = with_twins(node_extras(graph, content, groups, t, lang), twins)
    pages = _Pages(out_dir, t, lang)
    search_json = script_json({"items": search_index(content, t, circle_list), "words": search_words(t)})
    _write_overview(pages, content, groups, search_json, fold_lines_above, circle_list,
                    overview_figures(store, content, t, lang, queries))
    _write_network(pages, graph, content, groups, extras, search_json, seed, overview_limit)
    small = {n: {k: extra[k] for k in SMALL_VIEW_FIELDS if k in extra} for n, extra in extras.items()}
    _write_details(pages, graph, content, groups, small, model.similar_index(analysis, lang), seed,
                   community_view_limit, circles_of, twins)
    write_organisation_pages(pages.write, store, content, groups, circle_list, twins, lang, queries)
    for c in circle_list:
        pages.write(f"circle/{c['slug']}.html", "circle.html.j2", root="../", page="circle", c=c)
    write_query_page(pages.write, out_dir, store, content, lang, analysis, queries, query_data_budget=query_data_budget)
    write_edition_pages(pages.write, store, content["projects"], lang)
    for rel in (f"{d}/index.html" for d in DOCS_DIRS):  # until ``rdzl-graph docs`` writes the real pages
        pages.write(rel, "docs_missing.html.j2", root="../", page="docs")
    copy_assets(out_dir / "assets")
    return SiteResult(out_dir, out_dir / "index.html", tuple(pages.written), graph.number_of_nodes(),
                      graph.number_of_edges())


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
               queries: Path | None = None, circles: dict[str, Any] | None = None,
               decisions: Path | str | None = None, *, overview_limit: int = OVERVIEW_LIMIT,
               community_view_limit: int = COMMUNITY_VIEW_LIMIT,
               fold_lines_above: int = FOLD_LINES_ABOVE, query_data_budget: int = QUERY_DATA_BUDGET) -> SiteResult:
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
        :func:`~rdzl_graph.network.analyse` result of *store* (computed
        when not given: the analysis from *store*, the graph from the
        analysis's network data).
    queries : Path, optional
        Query directory; defaults to the packaged ``queries/``.
    circles : dict, optional
        A ready :func:`rdzl_graph.circles.circles_report` (computed from
        *store* with *seed*, *lang* and *decisions* when not given).
    decisions : path-like, optional
        The trainee's decisions (``decisions/circle-decisions.trig``):
        accepted circles are shown apart from the proposals.
    overview_limit : int
        Above this many nodes the network page shows a selection (default
        :data:`~rdzl_graph.site.graphview.OVERVIEW_LIMIT`, 1,000).
    community_view_limit : int
        Above this many nodes a community page's network shows a selection
        (default :data:`~rdzl_graph.site.graphview.COMMUNITY_VIEW_LIMIT`, 80).
    fold_lines_above : int
        Above this many projects each line's table on the overview starts
        folded (default :data:`FOLD_LINES_ABOVE`, 300).
    query_data_budget : int
        Bytes of the query page's data script with the network-analysis
        results in it; above, the page holds the built graph only and says so
        (default :data:`~rdzl_graph.site.query_page.QUERY_DATA_BUDGET`, 5 MB).

    Returns
    -------
    SiteResult

    Examples
    --------
    >>> from rdzl_graph.query.store import open_store
    >>> store = open_store("build")  # doctest: +SKIP
    >>> import tempfile
    >>> result = build_site(store, Path(tempfile.mkdtemp()) / "site")
    >>> result.index.name, len(result.pages) > 50
    ('index.html', True)
    """
    ui_strings(lang)  # reject an unknown language before writing anything
    out = Path(out_dir)
    with replacing_dir(out) as tmp:
        result = render_site(store, tmp, lang, seed, graph, analysis, queries, circles, decisions,
                             overview_limit=overview_limit,
                             community_view_limit=community_view_limit, fold_lines_above=fold_lines_above,
                             query_data_budget=query_data_budget)
        _keep_docs(out, tmp)
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
    >>> import tempfile
    >>> write_network_page(g, tempfile.mkdtemp()).name
    'network.html'
    """
    t = ui_strings(lang)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    extras = {n: {"kindLabel": t.get(f"kind_{k}", k or "")} for n, k in graph.nodes(data="kind")}
    view = network_view(nx.relabel_nodes(graph, str), {str(n): e for n, e in extras.items()}, t, "", seed, ui=True)
    html = _environment().get_template("network.html.j2").render(
        t=t, lang=lang, root="", page="network", view_json=script_json(view),
        filter_options={"line": [], "orgType": [], "municipality": []}, kinds=SHOWN_KINDS,
        kind_styles=KIND_STYLE, communities=[], no_community_colour=NO_COMMUNITY_COLOUR,
        count_text=t["nodes_edges"].format(nodes=graph.number_of_nodes(), edges=graph.number_of_edges()),
        selection_note=None, search_json=None, twin_names=[])
    (out / "network.html").write_text(html, encoding="utf-8")
    copy_assets(out / "assets")
    return out / "network.html"
