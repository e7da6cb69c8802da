"""The site in a real headless Chromium, opened from file:// with no network."""

from __future__ import annotations

from pathlib import Path

import pytest

from rdzl_graph.network import full_network
from rdzl_graph.site import build_site
from rdzl_graph.site.graphview import shown_subgraph
from rdzl_graph.query.store import load_store

from test_site_support import CHROMIUM, HOSTILE_ORG, HOSTILE_PROJECT, HOSTILE_TRIG, Watched, wait_until

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ID = "https://w3id.org/rdzl-graph/id/"


@pytest.fixture(scope="session")
def site(store, tmp_path_factory) -> Path:
    return build_site(store, tmp_path_factory.mktemp("browser-site") / "site").out_dir


def _all_pages(site: Path) -> list[Path]:
    return [site / "index.html", site / "network.html", *sorted((site / "project").glob("*.html")),
            *sorted((site / "community").glob("*.html"))]


def test_every_page_loads_offline_without_errors(browser, site):
    pages = _all_pages(site)
    assert len(pages) > 24
    watched = Watched(browser)
    for path in pages:
        kind = path.parent.name
        wait = "rdzlNetwork" if path.name == "network.html" else ("rdzlEgo" if kind in ("project", "community") else None)
        page = watched.open(path, wait)
        assert page.title()
        if wait == "rdzlEgo":
            assert page.evaluate("window.rdzlEgo.nodes.length") >= 1
    watched.assert_clean()
    watched.close()


def test_network_page_holds_the_whole_graph(browser, site, store):
    graph = shown_subgraph(full_network(store))
    watched = Watched(browser)
    page = watched.open(site / "network.html", "rdzlNetwork")
    assert page.evaluate("window.rdzlNetwork.nodes.length") == graph.number_of_nodes()
    assert page.evaluate("window.rdzlNetwork.edges.length") == graph.number_of_edges()
    drawn = page.evaluate("Object.keys(window.rdzlNetwork.network.body.nodes).length")
    assert drawn == graph.number_of_nodes()
    wait_until(page, "window.rdzlNetwork.stable")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "network.png"))
    watched.assert_clean()
    watched.close()


def test_search_focuses_the_node_and_shows_details(browser, site):
    watched = Watched(browser)
    page = watched.open(site / "network.html", "rdzlNetwork")
    page.fill("#net-search-input", "Envida")
    page.click("#net-search button[type=submit]")
    wait_until(page, "window.rdzlNetwork.selected !== null")
    assert page.evaluate("window.rdzlNetwork.network.getSelectedNodes()") == [ID + "org/envida"]
    details = page.inner_text("#details-body")
    assert "Envida" in details and "Vallisveld" in details
    page.fill("#net-search-input", "bestaat-niet-xyz")
    page.click("#net-search button[type=submit]")
    assert "bestaat-niet-xyz" in page.inner_text("#net-search-msg")
    watched.assert_clean()
    watched.close()


def test_line_filter_hides_other_lines(browser, site):
    watched = Watched(browser)
    page = watched.open(site / "network.html", "rdzlNetwork")
    visible = ("window.rdzlNetwork.nodes.get({filter: n => !n.hidden && n.kind === 'project' && n.line === %r})"
               ".length")
    circular = ID + "line/circulaire-economie-en-samenleving"
    landscape = ID + "line/versterken-uniek-landschap"
    assert page.evaluate(visible % circular) > 0
    page.select_option("#f-line", landscape)
    assert page.evaluate(visible % circular) == 0
    assert page.evaluate(visible % landscape) == 6
    hidden_themes = page.evaluate("window.rdzlNetwork.nodes.get({filter: n => n.hidden && n.kind === 'theme'}).length")
    assert hidden_themes > 0
    page.select_option("#f-orgtype", "Province")
    shown = page.evaluate("window.rdzlNetwork.nodes.get({filter: n => !n.hidden && n.kind === 'project'})"
                          ".map(n => n.id)")
    assert shown == [ID + "project/van-geuldal-tot-geleenbeek-tot-roodenbach"]
    page.click("#f-reset")
    assert page.evaluate("window.rdzlNetwork.nodes.get({filter: n => n.hidden}).length") == 0
    page.check("input[name=colour][value=community]")
    assert page.is_visible("#legend-community") and not page.is_visible("#legend-type")
    watched.assert_clean()
    watched.close()


def test_index_search_and_screenshot(browser, site):
    watched = Watched(browser)
    page = watched.open(site / "index.html")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
    page.fill("#site-search", "envida")
    results = page.locator("#search-results li")
    assert results.count() == 1 and "Envida" in results.inner_text()
    assert page.locator("tr[data-project]:visible").count() == 2  # the projects where Envida is a partner
    watched.assert_clean()
    watched.close()


def test_hostile_labels_execute_nothing(browser, tmp_path):
    site = build_site(load_store(HOSTILE_TRIG.encode()), tmp_path / "site").out_dir
    watched = Watched(browser)
    for path in _all_pages(site):
        wait = "rdzlNetwork" if path.name == "network.html" else ("rdzlEgo" if path.parent.name != site.name else None)
        page = watched.open(path, wait)
        assert page.locator("img, iframe, svg[onload], script:not([src]):not([type=\"application/json\"])").count() == 0
    page = watched.open(site / "index.html")
    page.fill("#site-search", "<")
    assert HOSTILE_ORG in page.inner_text("#search-results")
    assert HOSTILE_PROJECT in page.inner_text("main")
    page = watched.open(site / "network.html", "rdzlNetwork")
    page.fill("#net-search-input", HOSTILE_ORG)
    page.click("#net-search button[type=submit]")
    wait_until(page, "window.rdzlNetwork.selected !== null")
    assert HOSTILE_ORG in page.inner_text("#details-body")
    assert HOSTILE_PROJECT in page.inner_text("#details-body")
    assert page.locator("#details-body img, #details-body script").count() == 0
    page.hover("#network", position={"x": 5, "y": 5})
    page.wait_for_timeout(100)
    watched.assert_clean()
    watched.close()


@pytest.fixture(scope="module")
def large_site(tmp_path_factory) -> Path:
    """The site of a synthetic programme of 2000 projects (about 3,800 nodes on the network page)."""
    from rdzl_graph.build.pipeline import build
    from rdzl_graph.query.store import open_store
    from rdzl_graph.synth import synth

    root = tmp_path_factory.mktemp("large")
    synth(root / "data", 2000, seed=1)
    build(out_dir=root / "build", data_dir=root / "data", validation="none")
    return build_site(open_store(root / "build"), root / "site").out_dir


def test_large_network_page_draws_a_selection_with_a_visible_note(browser, large_site):
    watched = Watched(browser)
    page = watched.open(large_site / "network.html", "rdzlNetwork")
    assert page.locator("#network canvas").count() == 1
    note = page.locator("#net-selection-note")
    assert note.is_visible() and "te groot om in één keer te tonen" in note.inner_text()
    shown = page.evaluate("window.rdzlNetwork.nodes.length")
    assert 500 < shown <= 1000
    assert page.evaluate("window.rdzlNetwork.data.physics") is False
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "network-2000-projects.png"))
    # a project outside the selection: the search says so and links to its page
    missing = page.evaluate("""() => {
        const inView = new Set(window.rdzlNetwork.nodes.getIds());
        const all = JSON.parse(document.getElementById('rdzl-search-data').textContent).items.filter(i => i.url);
        return all.find(item => item.url.startsWith('project/') && !all.some(
            other => other !== item && other.label.toLowerCase().includes(item.label.toLowerCase()))
            && !window.rdzlNetwork.nodes.get({filter: n => n.label === item.label}).length);
    }""")
    assert missing is not None
    page.fill("#net-search-input", missing["label"])
    page.click("#net-search button[type=submit]")
    link = page.locator("#net-search-msg a")
    assert "niet in deze selectie" in page.inner_text("#net-search-msg")
    assert link.get_attribute("href") == missing["url"] and (large_site / missing["url"]).is_file()
    with page.expect_navigation():
        link.click()
    assert page.url == (large_site / missing["url"]).as_uri()
    wait_until(page, "window.rdzlEgo && window.rdzlEgo.drawn")
    assert page.evaluate("window.rdzlEgo.nodes.length") >= 2
    watched.assert_clean()
    watched.close()


def test_large_community_page_draws_a_cut_view(browser, large_site):
    pages = [p for p in sorted((large_site / "community").glob("*.html"))
             if 'id="view-note"' in p.read_text(encoding="utf-8")]
    assert pages
    watched = Watched(browser)
    page = watched.open(pages[0], "rdzlEgo")
    assert page.locator("#view-note").is_visible()
    assert page.evaluate("window.rdzlEgo.nodes.length") <= 80
    watched.assert_clean()
    watched.close()


def test_pyvis_view_for_analysts_draws_offline(browser, store, tmp_path):
    from rdzl_graph.network import analyse
    from rdzl_graph.network.communities import overlap_graph
    from rdzl_graph.site.notebook import to_pyvis

    analysis = analyse(store, seed=0)
    graphs = {"full": full_network(store),
              "overlap": overlap_graph(analysis.data.projects, analysis.overlaps, top_k=None)}
    watched = Watched(browser)
    for name, graph in graphs.items():
        net = to_pyvis(graph, communities=[c.projects for c in analysis.communities])
        page_file = tmp_path / f"{name}.html"
        page_file.write_text(net.generate_html(notebook=True), encoding="utf-8")
        page = watched.open(page_file)
        wait_until(page, "window.network && document.querySelector('#mynetwork canvas')")
        assert page.evaluate("network.body.data.nodes.length") == graph.number_of_nodes()
        assert page.evaluate("network.body.data.edges.length") == graph.number_of_edges()
    watched.assert_clean()  # no request left file://, no error
