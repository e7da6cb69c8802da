"""What a trainee sees and must be able to trust (issue 15), in a real headless Chromium.

Every page is opened from file:// in an offline context at a laptop size (1366×768) and a phone
size (390×844); no request may leave file://, no console or page error may happen. Screenshots go
to ``test-artifacts/`` (looked at by whoever changes these pages). Expected values come from the
graph through the named queries (``rdzl-graph query``), never from the page under test.
"""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from rdzl_graph.query.named import run_query
from rdzl_graph.site import build_site

from test_site_support import CHROMIUM, Watched, wait_until

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
    wait_until(page, "window.rdzlNetwork.stable")
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
    wait_until(page, "window.rdzlNetwork.stable")
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


# --- figures: one definition each, the named question's -----------------------------------------

def _cli_query(python_exe, cli_env, built, name: str) -> list[dict]:
    """The rows of ``rdzl-graph query NAME --format json`` on the session's build."""
    proc = subprocess.run([python_exe, "-m", "rdzl_graph", "query", name, "--build", str(built.out_dir),
                           "--format", "json"], capture_output=True, env=cli_env, timeout=300, check=True)
    data = json.loads(proc.stdout)
    return [dict(zip(data["columns"], row)) for row in data["rows"]]


def _euros(text: str) -> Decimal:
    return Decimal(text.replace("€", "").replace(".", "").replace("\xa0", "").replace(" ", "").replace(",", "."))


@pytest.mark.parametrize("size", SIZES)
def test_overview_figures_equal_the_named_questions(browser, site, built, python_exe, cli_env, size):
    figures = _cli_query(python_exe, cli_env, built, "key-figures")[0]
    per_municipality = _cli_query(python_exe, cli_env, built, "funding-per-municipality")
    per_line = [row for row in _cli_query(python_exe, cli_env, built, "funding-per-programme-line") if row["line"]]
    watched = Watched(browser, *SIZES[size])
    page = watched.open(site / "index.html")
    shown = page.evaluate("Object.fromEntries([...document.querySelectorAll('[data-figure]')]"
                          ".map(e => [e.dataset.figure, e.dataset.value || e.textContent]))")
    assert int(shown["projects"]) == figures["projects"]
    assert int(shown["organisations"]) == figures["organisations"]
    assert int(shown["organisations_in_project"]) == figures["organisations_in_project"]
    assert _euros(shown["amount_total"]) == Decimal(str(figures["amount_total"]))
    hero = page.inner_text("#key-figures")
    assert f"waarvan {figures['organisations_in_project']} met een rol in een project" in hero
    # the chart per municipality, row by row (its table gives the exact numbers)
    table = page.evaluate("[...document.querySelectorAll('table[data-query=funding-per-municipality] tbody tr')]"
                          ".map(tr => [tr.querySelector('th').textContent, tr.querySelector('td[data-value]').dataset.value])")
    expected = [(row["municipality_label"] if row["municipality"] else "(geen gemeente genoemd)",
                 Decimal(str(row["amount_full"]))) for row in per_municipality]
    assert [(label, Decimal(value)) for label, value in table] == expected
    assert ("Maastricht", Decimal("4965117")) in expected
    chart = page.evaluate("document.querySelector('#chart-municipalities svg desc').textContent")
    assert "Maastricht: € 4.965.117" in chart
    # the chart per programme line: one part per certainty level, in the data's words
    levels = page.evaluate("[...document.querySelectorAll('table[data-query=funding-per-programme-line] tbody tr')]"
                           ".map(tr => Object.fromEntries([...tr.querySelectorAll('td[data-level]')]"
                           ".map(td => [td.dataset.level, td.dataset.value])))")
    assert [{k: Decimal(v) for k, v in row.items()} for row in levels] == [
        {"zeker": Decimal(str(r["amount_certain"])), "paginavolgorde": Decimal(str(r["amount_page_order"])),
         "onzeker": Decimal(str(r["amount_uncertain"]))} for r in per_line]
    legend = page.evaluate("[...document.querySelectorAll('#chart-lines .chart-legend')].map(e => e.textContent)")
    assert legend == ["zeker", "volgens paginavolgorde", "onzeker"]
    page.locator("#chart-lines").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"figures-{size}.png"))
    watched.assert_clean()
    watched.close()


def test_stats_names_the_same_organisation_figures(built, python_exe, cli_env):
    figures = _cli_query(python_exe, cli_env, built, "key-figures")[0]
    proc = subprocess.run([python_exe, "-m", "rdzl_graph", "stats", "--build", str(built.out_dir), "--format", "json"],
                          capture_output=True, env=cli_env, timeout=300, check=True)
    stats = json.loads(proc.stdout)
    assert stats["classes"]["rdzl:Organisation"] == figures["organisations"] == stats["figures"]["organisations"]
    assert stats["figures"]["organisations_in_project"] == figures["organisations_in_project"]
    assert figures["organisations_in_project"] < figures["organisations"]


# --- projects and organisations of the same name ----------------------------------------------

def _name_pairs(store) -> dict[str, str]:
    """Project IRI -> organisation IRI of the same Dutch name (case ignored), straight from the graph."""
    rows = store.query("""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX rdzl: <https://w3id.org/rdzl-graph/ont#>
        SELECT ?p ?o WHERE {
          ?p a rdzl:Project ; rdfs:label ?pl . ?o a rdzl:Organisation ; rdfs:label ?ol .
          ?any rdzl:organisation ?o .
          FILTER(LANG(?pl) = "nl" && LANG(?ol) = "nl" && LCASE(STR(?pl)) = LCASE(STR(?ol)))
        }""", use_default_graph_as_union=True)
    return {row["p"].value: row["o"].value for row in rows}


def test_twins_are_named_in_the_legend_and_linked_both_ways(browser, site, store):
    pairs = _name_pairs(store)
    assert {ID + "project/tim-fibrant", ID + "project/tim-kinkleid"} <= set(pairs)
    watched = Watched(browser, *SIZES["laptop"])
    page = watched.open(site / "network.html", "rdzlNetwork")
    legend = page.inner_text("#legend-twins")
    labels = page.evaluate("Object.fromEntries(window.rdzlNetwork.nodes.get().map(n => [n.id, n.label]))")
    assert all(labels[p] in legend for p in pairs)
    assert "ronde bol is het project" in legend
    project, organisation = ID + "project/tim-fibrant", pairs[ID + "project/tim-fibrant"]
    page.evaluate(f"window.rdzlNetwork.focusNode({project!r})")
    details = page.locator("#details-body")
    assert "Dit is het project FIBRANT" in details.inner_text()
    page.click("#details-body .twin-link")
    wait_until(page, f"window.rdzlNetwork.selected === {organisation!r}")
    assert "Dit is de organisatie FIBRANT" in details.inner_text()
    page.screenshot(path=str(ARTIFACTS / "network-twin-details.png"))
    urls = page.evaluate("Object.fromEntries(window.rdzlNetwork.nodes.get().map(n => [n.id, n.url]))")
    for p, o in pairs.items():
        project_page, organisation_page = urls[p], urls[o]
        page.goto((site / project_page).as_uri())
        assert page.locator("#twin-note a").get_attribute("href") == "../" + organisation_page
        page.click("#twin-note a")
        assert page.url == (site / organisation_page).as_uri()
        assert page.locator("#twin-note a").get_attribute("href") == "../" + project_page
    watched.assert_clean()
    watched.close()


# --- organisations ----------------------------------------------------------------------------

def test_organisation_index_and_pages(browser, site, store, built, python_exe, cli_env):
    figures = _cli_query(python_exe, cli_env, built, "key-figures")[0]
    watched = Watched(browser, *SIZES["phone"])
    page = watched.open(site / "organisation" / "envida.html")
    crumb = page.locator(".crumbs a", has_text="Organisaties")
    with page.expect_navigation():
        crumb.click()
    assert page.url == (site / "organisation" / "index.html").as_uri()
    assert page.locator("table.organisations tbody tr").count() == figures["organisations_in_project"]
    assert page.locator("ul.others li").count() == figures["organisations"] - figures["organisations_in_project"]
    assert page.inner_text("#organisations-count").startswith(
        f"{figures['organisations']} organisaties in de graaf, waarvan {figures['organisations_in_project']}")
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES["phone"][0]
    page.screenshot(path=str(ARTIFACTS / "organisations-phone.png"), full_page=True)
    # roles per project as the named question gives them
    expected = sorted((row[0], row[1]) for row in run_query(store, "organisation-projects", {"organisation": "envida"}).rows)
    page = watched.open(site / "organisation" / "envida.html")
    rows = page.evaluate("[...document.querySelectorAll('table.org-projects tbody tr')]"
                         ".map(tr => [tr.querySelector('td a').textContent, tr.cells[1].textContent])")
    assert sorted(map(tuple, rows)) == expected
    # people, themes and circles
    quoted = {row[1] for row in run_query(store, "people-per-project", {}).rows if row[5] == ID + "org/chemelot"}
    page = watched.open(site / "organisation" / "chemelot.html")
    text = page.inner_text("main")
    assert quoted and all(name in text for name in quoted)
    assert "Thema's van haar projecten" in text and "Kringen waarin deze organisatie verbindt" in text
    for href in page.evaluate("[...document.querySelectorAll('main a')].map(a => a.getAttribute('href'))"):
        assert (site / "organisation" / href).resolve().is_file(), href
    watched.assert_clean()
    watched.close()


def test_text_similarity_is_said_in_words(site):
    pages = [p.read_text(encoding="utf-8") for p in (site / "project").glob("*.html")]
    worded = [html for html in pages if "de omschrijvingen lijken" in html]
    assert worded
    assert not any("(tekstovereenkomst 0" in html and "lijken" not in html for html in pages)
    assert all("vergelijkbare omschrijving (tekstovereenkomst" not in html for html in pages)


def test_status_explanation_opens_by_touch_and_keyboard(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, offline=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "index.html").as_uri())
    caveat = page.locator("details.status-caveat").first
    explanation = caveat.locator("p")
    assert not explanation.is_visible()
    caveat.locator("summary").tap()
    assert explanation.is_visible() and "Zekerheid" in explanation.inner_text()
    caveat.locator("summary").tap()
    assert not explanation.is_visible()
    caveat.locator("summary").focus()
    page.keyboard.press("Enter")
    assert explanation.is_visible()
    page.screenshot(path=str(ARTIFACTS / "status-explanation-phone.png"))
    assert errors == []
    context.close()
