"""What a trainee sees and must be able to trust (issue 15), in a real headless Chromium.

Every page is opened from file:// in an offline context at a laptop size (1366×768) and a phone
size (390×844); no request may leave file://, no console or page error may happen. Screenshots go
to ``test-artifacts/`` (looked at by whoever changes these pages). Expected values come from the
graph through the named queries (``rdzl-graph query``), never from the page under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rdzl_graph.query.named import run_query
from rdzl_graph.site import build_site

from test_site_support import CHROMIUM, Watched

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
ID = "https://w3id.org/rdzl-graph/id/"
SIZES = {"laptop": (1366, 768), "phone": (390, 844)}


@pytest.fixture(scope="module")
def site(store, tmp_path_factory) -> Path:
    return build_site(store, tmp_path_factory.mktemp("trust-site") / "site").out_dir


def _shown_projects(page) -> set[str]:
    return set(page.evaluate("[...document.querySelectorAll('tr[data-project]')]"
                             ".filter(tr => tr.offsetParent !== null).map(tr => tr.dataset.project)"))


@pytest.mark.parametrize("size", SIZES)
def test_search_for_an_organisation_shows_its_projects_and_why(browser, site, store, size):
    partner_of = {row[3] for row in run_query(store, "organisation-projects",
                                                         {"organisation": "envida"}).rows}
    assert len(partner_of) >= 2
    watched = Watched(browser, *SIZES[size])
    page = watched.open(site / "index.html")
    page.fill("#site-search", "Envida")
    assert _shown_projects(page) == partner_of
    reasons = page.locator("tr[data-project]:visible .why-match")
    assert reasons.count() == len(partner_of)
    assert all(text.strip() == "partner: Envida" for text in reasons.all_inner_texts())
    assert "Envida" in page.inner_text("#search-results")
    assert page.inner_text("#search-summary") == f"{len(partner_of)} projecten gevonden."
    # no empty table is left standing: every visible line table has a visible row
    tables = page.evaluate("[...document.querySelectorAll('table.projects')].filter(t => t.offsetParent !== null)"
                           ".map(t => [...t.querySelectorAll('tr[data-project]')].filter(r => !r.hidden).length)")
    assert tables and all(n > 0 for n in tables)
    assert not page.is_visible("#search-none")
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size][0]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-envida-{size}.png"), full_page=True)
    watched.assert_clean()
    watched.close()


def test_search_ignores_accents_and_case_and_says_when_nothing_is_found(browser, site):
    watched = Watched(browser, *SIZES["laptop"])
    page = watched.open(site / "index.html")
    page.fill("#site-search", "CAFE")
    assert "Repaircafé" in page.inner_text("#search-results")
    assert len(_shown_projects(page)) >= 1
    page.fill("#site-search", "repaircafé")
    assert "Repaircafé" in page.inner_text("#search-results")
    page.fill("#site-search", "zzz-bestaat-niet")
    assert _shown_projects(page) == set()
    assert page.locator("article.line:visible").count() == 0  # no empty headers left
    assert page.is_visible("#search-none") and "Niets gevonden" in page.inner_text("#search-none")
    page.fill("#site-search", "")
    assert len(_shown_projects(page)) == page.locator("tr[data-project]").count()
    assert not page.is_visible("#search-none")
    assert page.evaluate("window.rdzlSearch.fold('Ünïcödé Repaircafé')") == "unicode repaircafe"
    watched.assert_clean()
    watched.close()


def test_search_finds_people_places_and_themes(browser, site, store):
    rows = run_query(store, "people-per-project", {}).rows
    person_label, person = rows[0][1], rows[0][4]
    quoted_in = {row[6] for row in rows if row[4] == person}
    watched = Watched(browser, *SIZES["laptop"])
    page = watched.open(site / "index.html")
    page.fill("#site-search", person_label)
    assert _shown_projects(page) == quoted_in
    assert f"persoon: {person_label}" in page.inner_text("main")
    index = page.evaluate("JSON.parse(document.getElementById('search-data').textContent).items")
    assert {"Persoon", "Plaats", "Thema", "Gemeente", "Project", "Kring"} <= {item["kind"] for item in index}
    theme = next(item for item in index if item["kind"] == "Thema" and len(item["projects"]) > 1)
    page.fill("#site-search", theme["label"])
    assert set(theme["projects"]) <= _shown_projects(page)
    assert f"thema: {theme['label']}" in page.inner_text("main")
    watched.assert_clean()
    watched.close()


# --- network labels --------------------------------------------------------------------------

#: Every label shown, measured with vis-network's own geometry: on-screen size = the node's font
#: size times the network's scale (getScale), box = the label's box converted to canvas pixels.
MEASURE_LABELS = """() => {
  const st = window.rdzlNetwork, net = st.network, scale = net.getScale();
  const canvas = document.querySelector('#network canvas').getBoundingClientRect();
  const labels = st.labels().map(id => {
    const size = net.body.nodes[id].labelModule.size;
    const a = net.canvasToDOM({x: size.left, y: size.top});
    const b = net.canvasToDOM({x: size.left + size.width, y: size.top + size.height});
    return {id, px: st.nodes.get(id).font.size * scale, box: [a.x, a.y, b.x, b.y]};
  });
  const drawnSmall = st.nodes.get().filter(n => n.font && n.font.size > 0 && n.font.size * scale < 11).map(n => n.id);
  return {labels, width: canvas.width, height: canvas.height, drawnSmall};
}"""


def _labels(page) -> dict:
    page.wait_for_timeout(150)  # the labels are placed on the next animation frame
    return page.evaluate(MEASURE_LABELS)


def _assert_readable(measured: dict) -> None:
    labels = measured["labels"]
    assert labels
    assert all(label["px"] >= 11 for label in labels)
    assert measured["drawnSmall"] == []  # no label drawn below 11 px
    for label in labels:
        left, top, right, bottom = label["box"]
        assert left >= 0 and top >= 0 and right <= measured["width"] and bottom <= measured["height"], label
    boxes = [label["box"] for label in labels]
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert overlapping == []


@pytest.mark.parametrize("size", SIZES)
def test_network_labels_are_readable_inside_the_canvas_at_every_zoom(browser, site, size):
    watched = Watched(browser, *SIZES[size])
    page = watched.open(site / "network.html", "rdzlNetwork")
    page.wait_for_function("window.rdzlNetwork.stable", timeout=30_000)
    page.locator("#network").scroll_into_view_if_needed()
    start = _labels(page)
    _assert_readable(start)
    assert len(start["labels"]) >= (25 if size == "laptop" else 10)
    # the most central node is labelled at the start (the labels go to the largest nodes first)
    biggest = page.evaluate("window.rdzlNetwork.data.nodes.slice().sort((a, b) => b.size - a.size)[0].id")
    assert biggest in {label["id"] for label in start["labels"]}
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"network-labels-{size}.png"))
    page.evaluate("window.rdzlNetwork.network.moveTo({scale: window.rdzlNetwork.network.getScale() * 2.5})")
    page.evaluate("window.rdzlNetwork.labelling.update()")
    zoomed = _labels(page)
    _assert_readable(zoomed)
    page.screenshot(path=str(ARTIFACTS / f"network-labels-{size}-zoomed.png"))
    page.evaluate("window.rdzlNetwork.network.moveTo({scale: window.rdzlNetwork.network.getScale() / 8})")
    page.evaluate("window.rdzlNetwork.labelling.update()")
    _assert_readable(_labels(page))  # far out: fewer labels, none smaller
    watched.assert_clean()
    watched.close()


def test_network_labels_of_the_hovered_neighbourhood_are_shown(browser, site):
    watched = Watched(browser, *SIZES["laptop"])
    page = watched.open(site / "network.html", "rdzlNetwork")
    page.wait_for_function("window.rdzlNetwork.stable", timeout=30_000)
    before = {label["id"] for label in _labels(page)["labels"]}
    # the node with the most unlabelled neighbours
    node = page.evaluate("""(shown) => { const net = window.rdzlNetwork.network;
        const score = id => net.getConnectedNodes(id).filter(n => !shown.includes(n)).length;
        return window.rdzlNetwork.nodes.getIds().sort((a, b) => score(b) - score(a))[0]; }""", sorted(before))
    neighbours = set(page.evaluate(f"window.rdzlNetwork.network.getConnectedNodes({node!r})"))
    assert len(neighbours - before) >= 3
    point = page.evaluate(f"""(() => {{ const net = window.rdzlNetwork.network;
        const r = document.querySelector('#network canvas').getBoundingClientRect();
        const p = net.canvasToDOM(net.getPositions([{node!r}])[{node!r}]);
        return [r.left + p.x, r.top + p.y]; }})()""")
    page.mouse.move(*point)
    page.wait_for_timeout(400)
    hovered = _labels(page)
    _assert_readable(hovered)
    shown = {label["id"] for label in hovered["labels"]}
    assert node in shown
    assert len(neighbours & shown) >= len(neighbours & before) + 2
    page.screenshot(path=str(ARTIFACTS / "network-labels-hover.png"))
    watched.assert_clean()
    watched.close()
