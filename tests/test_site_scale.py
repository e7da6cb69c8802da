"""The site at scale: fast paths equal their reference, selections keep their promises (no browser).

The thresholds are lowered through build_site's parameters so the real programme exercises
the large-programme paths (selection on the network page, cut community views, folded tables).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from rdzl_graph.network import analyse, full_network
from rdzl_graph.site import build_site, model
from rdzl_graph.site.graphview import KIND_STYLE, induced, select_projects, shown_subgraph
from rdzl_graph.site.layout import ring_layout

from test_site_pages import _parse, real_site  # noqa: F401 (fixture)


@pytest.fixture(scope="module")
def analysis(store):
    return analyse(store, seed=0)


@pytest.fixture(scope="module")
def graph(store):
    return shown_subgraph(full_network(store))


def _data(page: Path, element: str = "rdzl-network-data"):
    html = page.read_text(encoding="utf-8")
    return json.loads(re.search(rf'id="{element}">(.*?)</script>', html, re.S).group(1))


def _projects(graph: nx.Graph) -> list[str]:
    return sorted(n for n, kind in graph.nodes(data="kind") if kind == "project")


def test_similar_index_equals_the_per_project_reference(analysis, graph):
    index = model.similar_index(analysis, "nl")
    for project in _projects(graph):
        assert index.get(project, []) == model.similar_projects(analysis, project, "nl")
    assert sum(map(len, index.values())) > 24


def test_ego_centrality_equals_betweenness(graph):
    for project in _projects(graph):
        ego = induced(graph, [project, *graph[project]])
        assert model.ego_centrality(ego, project) == model.node_centrality(ego)
    path = nx.path_graph(4)
    nx.set_node_attributes(path, "theme", "kind")
    assert model.ego_centrality(path, 0) == model.node_centrality(path)  # not a neighbourhood: reference


def test_induced_equals_networkx_subgraph(graph):
    for nodes in ([], list(graph)[:30], [n for n, k in graph.nodes(data="kind") if k != "project"],
                  [p for project in _projects(graph)[:5] for p in (project, *graph[project])]):
        mine, reference = induced(graph, nodes), graph.subgraph(nodes)
        assert dict(mine.nodes(data=True)) == dict(reference.nodes(data=True))
        assert {frozenset(e[:2]): e[2] for e in mine.edges(data=True)} == \
            {frozenset(e[:2]): e[2] for e in reference.edges(data=True)}


def test_selection_takes_whole_neighbourhoods_from_every_group_within_the_limit(analysis, graph):
    groups = [list(c.projects) for c in analysis.communities]
    kind = dict(graph.nodes(data="kind"))
    for limit in (10, 40, 80):
        chosen = select_projects(graph, groups, limit)
        assert 0 < len(chosen) <= limit
        projects = {n for n in chosen if kind[n] == "project"}
        for p in projects:
            assert {m for m in graph[p] if kind[m] != "project"} <= chosen
        assert all(any(m in projects for m in graph[n]) for n in chosen - projects)
        if limit >= 40:
            assert all(projects & set(g) for g in groups)
        left = [p for p in graph if kind[p] == "project" and p not in projects]
        assert all(len(chosen | {p, *graph[p]} - {m for m in graph[p] if kind[m] == "project"}) > limit
                   for p in left)  # nothing that still fits was passed over
        assert chosen == select_projects(graph, groups, limit)  # deterministic
    everything = select_projects(graph, groups, graph.number_of_nodes())
    assert everything == {n for n in graph if kind[n] == "project" or any(kind[m] == "project" for m in graph[n])}
    assert select_projects(graph, groups, 0) == set()


def test_ring_layout_is_deterministic_and_distinct(graph):
    project = _projects(graph)[0]
    ego = induced(graph, [project, *graph[project]])
    pos = ring_layout(ego, project, tuple(KIND_STYLE))
    assert pos[project] == (0.0, 0.0) and len(set(pos.values())) == len(ego)
    assert pos == ring_layout(induced(graph, reversed([project, *graph[project]])), project, tuple(KIND_STYLE))


def test_real_network_page_is_whole_without_a_note(real_site):
    html = (real_site / "network.html").read_text(encoding="utf-8")
    assert 'id="net-selection-note"' not in html and 'id="rdzl-search-data"' not in html


@pytest.fixture(scope="module")
def small_limits_site(store, tmp_path_factory):
    """The real programme with the limits of a large one."""
    return build_site(store, tmp_path_factory.mktemp("limits") / "site", overview_limit=40, community_view_limit=8,
                      fold_lines_above=5).out_dir


def test_large_network_page_shows_a_selection_and_says_so(small_limits_site, graph):
    page = small_limits_site / "network.html"
    data = _data(page)
    ids = {n["id"] for n in data["nodes"]}
    assert 0 < len(ids) <= 40 and ids <= set(graph)
    for node in data["nodes"]:
        if node["kind"] == "project":
            assert {m for m in graph[node["id"]] if graph.nodes[m]["kind"] != "project"} <= ids
    assert {(e["from"], e["to"]) for e in data["edges"]} <= {(a, b) for a, b in graph.edges} | \
        {(b, a) for a, b in graph.edges}
    assert len(data["edges"]) == induced(graph, ids).number_of_edges()
    text = " ".join(_parse(page).text)
    n_projects = len(_projects(graph))
    assert "te groot om in één keer te tonen" in text
    shown = sum(1 for n in data["nodes"] if n["kind"] == "project")
    assert f"({shown} van de {n_projects} projecten)" in text
    assert f"{len(ids)} van {graph.number_of_nodes()} bollen" in text
    search = _data(page, "rdzl-search-data")
    assert len([s for s in search["items"] if (s["url"] or "").startswith("project/")]) == n_projects
    assert data["physics"] is True and "ui" in data


def test_large_community_view_is_cut_and_says_so(small_limits_site, analysis):
    cut = 0
    for page in sorted((small_limits_site / "community").glob("*.html")):
        data = _data(page, "ego-data")
        assert len(data["nodes"]) <= 8
        if 'id="view-note"' in page.read_text(encoding="utf-8"):
            cut += 1
            assert "De tabel hierboven noemt alle projecten" in " ".join(_parse(page).text)
    assert cut >= 1


def test_large_overview_folds_the_line_tables(small_limits_site, real_site, store):
    folded = (small_limits_site / "index.html").read_text(encoding="utf-8")
    assert folded.count('<details class="line-projects">') == 4
    for block in (part.split("</table>")[0] for part in folded.split('<details class="line-projects">')[1:]):
        shown = int(re.search(r"Toon de (\d+) projecten van deze lijn", block).group(1))
        assert shown == block.count("<tr data-project") + block.count('<tr class="sub" data-project')
    assert '<details class="line-projects">' not in (real_site / "index.html").read_text(encoding="utf-8")
    assert set(_parse(small_limits_site / "index.html").refs) == set(_parse(real_site / "index.html").refs)


def test_docs_links_lead_to_a_page_and_docs_survive_a_rebuild(store, tmp_path):
    out = build_site(store, tmp_path / "site").out_dir
    for page in (out / "index.html", out / "project" / "vallisveld.html", out / "network.html"):
        refs = _parse(page).refs
        assert any(r.endswith("docs/index.html") for r in refs) and any(r.endswith("ontology/index.html") for r in refs)
    placeholder = (out / "docs" / "index.html").read_text(encoding="utf-8")
    assert "rdzl-graph docs" in placeholder and '<html lang="nl">' in placeholder
    (out / "docs" / "index.html").write_text("<p>echte documentatie</p>", encoding="utf-8")
    (out / "docs" / "queries.html").write_text("<p>vragen</p>", encoding="utf-8")
    build_site(store, out)
    assert (out / "docs" / "index.html").read_text(encoding="utf-8") == "<p>echte documentatie</p>"
    assert (out / "docs" / "queries.html").is_file()
    assert "rdzl-graph docs" in (out / "ontology" / "index.html").read_text(encoding="utf-8")


def test_community_views_do_not_depend_on_the_hash_seed(built, python_exe, cli_env, tmp_path):
    # The nodes of a community view were gathered in sets; their order (and so the layout)
    # changed with PYTHONHASHSEED. Two interpreters with different hash seeds write the same pages.
    script = ("import sys; from rdzl_graph.query.store import open_store; from rdzl_graph.site import build_site; "
              "build_site(open_store(sys.argv[1]), sys.argv[2])")
    pages = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"site-{hash_seed}"
        env = dict(cli_env, PYTHONHASHSEED=hash_seed)
        result = subprocess.run([python_exe, "-c", script, str(built.out_dir), str(out)], env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        pages.append({p.name: p.read_bytes() for p in sorted((out / "community").glob("*.html"))})
    assert len(pages[0]) >= 3 and pages[0] == pages[1]
