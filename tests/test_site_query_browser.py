"""The query page (query.html) in a real headless Chromium, from file:// with the context offline.

Every named question is asked in the browser (Oxigraph compiled to WebAssembly) and compared
with the library's answer (what ``rdzl-graph query NAME --format json`` prints) for the same
example or default parameters.

Normalisation of the comparison (the browser's ``rdzlQuery`` gives plain strings, the CLI's
JSON gives typed values): where the CLI value is a number, the browser's lexical form is
converted as the CLI converts an ``xsd:decimal``/``xsd:integer`` for JSON (``Decimal`` -> ``int``
when integral, else ``float``; so ``"4965117.00"`` equals ``4965117``) and both are compared as
the string of that number; a CLI boolean equals the lexical ``true``/``false``; ``null`` equals an
unbound variable. Everything else (IRIs, labels, dates) is compared as the exact string.

Order: the rows must be the same multiset, and the sequence of the values of the variables in the
outermost ``ORDER BY`` must be the same; rows that tie on those keys may come in another order
(SPARQL leaves it open, and the page's store is loaded in another order than the CLI's). For the
same reason a ``GROUP_CONCAT`` joins its parts in another order: such cells are compared as the
sorted list of their parts. CONSTRUCT triples are compared as a multiset.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from rdzl_graph.core.query_files import example_params, group_of
from rdzl_graph.core.query_files import list_queries
from rdzl_graph.query.named import run_query, to_json_data
from rdzl_graph.query.store import load_store
from rdzl_graph.site import build_site
from rdzl_graph.site.query_page import VENDOR_DIR

from test_site_support import CHROMIUM, HOSTILE_ORG, HOSTILE_PROJECT, HOSTILE_TRIG

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
ID = "https://w3id.org/rdzl-graph/id/"
NAMED = [q for q in list_queries() if not q.name.endswith("-violation")]
HOSTILE_LITERAL = "<img src=x onerror=window.pwned=1>"


@pytest.fixture(scope="module")
def site(store, tmp_path_factory) -> Path:
    return build_site(store, tmp_path_factory.mktemp("query-site") / "site").out_dir


class Offline:
    """A page in an offline context; every non-file request, console error, page error and dialog recorded."""

    def __init__(self, browser, accept_downloads: bool = False) -> None:
        self.context = browser.new_context(accept_downloads=accept_downloads, viewport={"width": 1280, "height": 900})
        self.context.set_offline(True)
        self.external: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def open(self, path: Path):
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.rdzlReady !== undefined")
        self.page.evaluate("window.rdzlReady")
        return self.page

    def close(self) -> None:
        assert self.external == []
        assert self.errors == []
        assert self.dialogs == []
        assert self.page.evaluate("window.pwned") is None
        self.context.close()


def _cli_string(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _browser_string(text, like):
    """The browser's plain string in the CLI's JSON form, by the type of the CLI's value (see module doc)."""
    if text is None or like is None or isinstance(like, str):
        return text
    if isinstance(like, bool):
        return "true" if text in ("true", "1") else "false"
    number = Decimal(text)
    return str(int(number) if number == number.to_integral_value() else float(number))


_GROUP_CONCAT = re.compile(r'GROUP_CONCAT\s*\((?:[^;()]|\([^()]*\))*;\s*separator\s*=\s*"([^"]*)"\s*\)\s*AS\s+\?(\w+)',
                           re.IGNORECASE)


def _concatenated(sparql: str) -> dict[str, str]:
    """Variable -> separator of every ``GROUP_CONCAT(...; separator="...") AS ?var`` of a query."""
    return {var: sep for sep, var in _GROUP_CONCAT.findall(sparql)}


def _order_keys(sparql: str, columns: list[str]) -> list[int]:
    """Column indexes of the projected variables in the query's last (outermost) ``ORDER BY``."""
    text = re.sub(r"#[^\n]*", "", sparql)
    clauses = re.split(r"\bORDER\s+BY\b", text, flags=re.IGNORECASE)
    if len(clauses) < 2:
        return []
    clause = re.split(r"\b(?:LIMIT|OFFSET)\b|}", clauses[-1], flags=re.IGNORECASE)[0]
    names = dict.fromkeys(re.findall(r"\?(\w+)", clause))
    return [columns.index(n) for n in names if n in columns]


def _normalise(cli: dict, browser: dict, concatenated: dict[str, str]) -> tuple[list, list]:
    expected = [[_cli_string(v) for v in row] for row in cli["rows"]]
    got = [[_browser_string(row[c], like) for c, like in zip(cli["columns"], cli_row)]
           for row, cli_row in zip(browser["rows"], cli["rows"])]
    for i, column in enumerate(cli["columns"]):  # GROUP_CONCAT joins in the engine's order: compare the parts
        if column in concatenated:
            for row in expected + got:
                if row[i] is not None:
                    row[i] = sorted(row[i].split(concatenated[column]))
    return expected, got


def _sorted(rows: list) -> list:
    return sorted(rows, key=lambda row: [(c is None, str(c)) for c in row])


def test_every_named_question_gives_the_cli_answer(browser, site, store):
    assert len(NAMED) > 30 and all(group_of(q.name) != "checks" for q in NAMED)
    offline = Offline(browser)
    page = offline.open(site / "query.html")
    compared = []
    for info in NAMED:
        params = example_params(info)
        cli = to_json_data(run_query(store, info.name, params))
        answer = page.evaluate("""async ([name, values]) => {
            const r = await window.rdzlAsk(name, values);
            return typeof r === 'boolean' ? {rows: [[r]], columns: ['answer']} : {rows: r, columns: r.columns};
        }""", [info.name, params])
        if cli["kind"] == "ask":
            assert answer["rows"] == [[cli["rows"][0][0]]], info.name
            continue
        assert answer["columns"] == cli["columns"], info.name
        assert len(answer["rows"]) == len(cli["rows"]), info.name
        expected, got = _normalise(cli, answer, _concatenated(info.sparql))
        assert _sorted(got) == _sorted(expected), info.name
        keys = _order_keys(info.sparql, cli["columns"]) if cli["kind"] == "select" else []
        assert [[row[k] for k in keys] for row in got] == [[row[k] for k in keys] for row in expected], info.name
        compared.append((info.name, len(cli["rows"])))
    assert len(compared) == len(NAMED)
    assert sum(n for _name, n in compared) > 500  # real answers, not empty ones
    offline.close()


def test_form_answers_with_links_to_the_site(browser, site):
    offline = Offline(browser)
    page = offline.open(site / "query.html")
    assert page.locator("#query-status").inner_text().startswith("Klaar")
    page.select_option("#question-select", "shared-partners")
    assert page.input_value("#param-project_a") == ID + "project/vallisveld"
    labels = page.eval_on_selector_all("#param-project_a option", "els => els.map(e => e.textContent)")
    assert "Vallisveld" in labels and len(labels) == 1 + 24  # "choose" and every project
    page.select_option("#param-project_b", ID + "project/pottenberg-nazareth")
    page.click("#question-run")
    page.wait_for_selector("#question-answer table")
    assert "SELECT" in page.text_content("#question-sparql")  # inside a closed <details>
    link = page.locator("#question-answer a", has_text="orgs:envida")
    assert link.get_attribute("href") == "organisation/envida.html"
    assert (site / "organisation" / "envida.html").is_file()
    project_links = page.eval_on_selector_all("#question-answer td a[href^='project/']", "els => els.map(e => e.href)")
    assert project_links and all(Path(href[len("file://"):]).is_file() for href in project_links)
    page.select_option("#question-select", "funding-uncertain")
    page.select_option("#param-include_page_order", "false")
    page.click("#question-run")
    page.wait_for_selector("#question-answer table")
    shown = page.locator("#question-answer tbody tr").count()
    assert shown == len(page.evaluate("rdzlAsk('funding-uncertain', {include_page_order: 'nee'})"))
    assert shown < len(page.evaluate("rdzlAsk('funding-uncertain')"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "query.png"), full_page=True)
    offline.close()


def test_editor_runs_select_ask_construct_over_the_whole_graph(browser, site, store):
    offline = Offline(browser)
    page = offline.open(site / "query.html")
    count = page.evaluate("rdzlQuery('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }')")
    analysis = page.evaluate("rdzlQuery('SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/rdzl-graph/graph/analysis> "
                             "{ ?s a rdzl:Community } }')")
    assert int(count[0]["n"]) == len(store) + int(page.evaluate("rdzlQuery('SELECT (COUNT(*) AS ?n) WHERE { GRAPH "
                                                                 "<https://w3id.org/rdzl-graph/graph/analysis> { ?s ?p ?o } }')")[0]["n"])
    assert int(analysis[0]["n"]) > 0
    assert page.evaluate(f"rdzlQuery('ASK {{ <{ID}project/vallisveld> a rdzl:Project }}')") is True
    assert page.evaluate(f"rdzlQuery('ASK {{ <{ID}project/bestaat-niet> a rdzl:Project }}')") is False
    triples = page.evaluate("rdzlQuery('CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a rdzl:Project ; rdfs:label ?l } ')")
    assert {"subject", "predicate", "object"} == set(triples[0]) and len(triples) > 30
    unbound = page.evaluate("rdzlQuery('SELECT ?a ?b WHERE { BIND(1 AS ?a) }').then(r => [r.columns, r])")
    assert unbound == [["a", "b"], [{"a": "1", "b": None}]]
    # the editor itself: type a query, run it with the button
    page.evaluate("window.rdzlEditor.setValue('SELECT ?n WHERE { VALUES ?n { 1 2 3 } }')")
    page.click("#editor-run")
    page.wait_for_selector("#editor-answer table")
    assert page.locator("#editor-answer tbody tr").count() == 3
    page.evaluate("window.rdzlEditor.setValue('SELECT WHERE {')")
    page.click("#editor-run")
    page.wait_for_selector("#editor-answer .error")
    offline.errors.clear()  # the bad query's message is the page's own answer, not a console error
    offline.close()


def test_prefix_completion_uses_only_the_project_prefixes(browser, site):
    offline = Offline(browser)
    page = offline.open(site / "query.html")
    page.evaluate("window.rdzlEditor.setValue('')")
    page.click("#sparql-editor .CodeMirror")
    page.keyboard.type("PREFIX rd")
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".CodeMirror-hints")
    hints = page.eval_on_selector_all(".CodeMirror-hint", "els => els.map(e => e.textContent)")
    assert "rdzl: <https://w3id.org/rdzl-graph/ont#>" in hints
    assert all(h.split(":")[0] in ("rdzl", "rd", "rdf", "rdfs") for h in hints)
    page.keyboard.press("Escape")
    # property and class completion (LOV in YASQE's defaults) must not reach the network
    page.evaluate("window.rdzlEditor.setValue('SELECT * WHERE { ?s a foaf:Pers')")
    page.evaluate("window.rdzlEditor.getDoc().setCursor({line: 0, ch: 40})")
    page.keyboard.press("Control+Space")
    page.wait_for_timeout(300)
    offline.close()


def test_hostile_literals_in_the_editor_run_no_script(browser, site):
    offline = Offline(browser)
    page = offline.open(site / "query.html")
    sparql = 'SELECT ?x WHERE { VALUES ?x { "%s" "</script><script>window.pwned=2</script>" } }' % HOSTILE_LITERAL
    page.evaluate("q => window.rdzlEditor.setValue(q)", sparql)
    page.click("#editor-run")
    page.wait_for_selector("#editor-answer table")
    cells = page.eval_on_selector_all("#editor-answer td", "els => els.map(e => e.textContent)")
    assert cells == [HOSTILE_LITERAL, "</script><script>window.pwned=2</script>"]
    assert page.locator("#editor-answer img, #editor-answer script").count() == 0
    assert page.evaluate("rdzlQuery(%s)" % json.dumps(sparql)) == [{"x": HOSTILE_LITERAL},
                                                                    {"x": "</script><script>window.pwned=2</script>"}]
    offline.close()


def test_csv_download_is_neutralised(browser, site):
    offline = Offline(browser, accept_downloads=True)
    page = offline.open(site / "query.html")
    values = ["=1+2", "+31", "-3", "@SUM(A1)", "\tx", "\ry", " =1", "gewoon; met \"quote\"", "2.5"]
    numbers = {"2.5": "2.5", " =1": "-4"}  # a negative number stays a number (regression)
    sparql = "SELECT ?v ?n WHERE { VALUES (?v ?n) { %s } }" % " ".join(
        "(%s %s)" % (json.dumps(v), numbers.get(v, "1")) for v in values)
    page.evaluate("q => window.rdzlEditor.setValue(q)", sparql)
    page.click("#editor-run")
    page.wait_for_selector("#editor-answer a[download]")
    with page.expect_download() as info:
        page.click("#editor-answer a[download]")
    raw = Path(info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["v", "n"]
    assert [r[0] for r in rows[1:]] == ["'=1+2", "'+31", "'-3", "'@SUM(A1)", "'\tx", "'\ry", "' =1",
                                        "gewoon; met \"quote\"", "2.5"]
    assert [r[1] for r in rows[1:]] == ["1"] * 6 + ["-4", "1", "2,5"]  # decimal comma for numbers
    assert all(not cell.lstrip(" ").startswith(("=", "+", "@", "\t", "\r")) for row in rows for cell in row)
    offline.close()


def test_hostile_labels_and_parameters_run_no_script(browser, tmp_path):
    site = build_site(load_store(HOSTILE_TRIG.encode()), tmp_path / "site").out_dir
    html = (site / "query.html").read_text(encoding="utf-8")
    assert HOSTILE_PROJECT not in html and "</script><b>" not in html
    offline = Offline(browser)
    page = offline.open(site / "query.html")
    assert page.locator("main img, main iframe, main b, main script:not([src]):not([type='application/json'])").count() == 0
    page.select_option("#question-select", "people-per-project")
    labels = page.eval_on_selector_all("#param-project option", "els => els.map(e => e.textContent)")
    assert HOSTILE_PROJECT in labels
    page.select_option("#question-select", "organisation-projects")
    labels = page.eval_on_selector_all("#param-organisation option", "els => els.map(e => e.textContent)")
    assert HOSTILE_ORG in labels
    page.select_option("#param-organisation", ID + "org/evil")
    page.click("#question-run")
    page.wait_for_selector("#question-answer table")
    cells = page.eval_on_selector_all("#question-answer td", "els => els.map(e => e.textContent)")
    assert HOSTILE_PROJECT in cells
    assert page.locator("#question-answer img, #question-answer script").count() == 0
    # text typed in a parameter is a literal, never query text
    page.select_option("#question-select", "search")
    for text in ['" } } ; DROP ALL ; #', "</script><script>window.pwned=3</script>", HOSTILE_LITERAL]:
        page.fill("#param-text", text)
        page.click("#question-run")
        page.wait_for_selector("#question-answer p")
        assert "Fout" not in page.inner_text("#question-answer")
    assert len(page.evaluate("rdzlQuery('SELECT * WHERE { ?s ?p ?o }')")) > 20  # nothing dropped
    page.select_option("#question-select", "organisation-projects")
    for bad in ("x> } ; DROP ALL ; #", "orgs:", "bestaat-niet"):
        message = page.evaluate("v => rdzlAsk('organisation-projects', {organisation: v}).then(() => 'ran', e => e.message)", bad)
        assert message.startswith("organisation:"), bad
    offline.close()


def test_every_page_links_to_the_query_page(site):
    pages = sorted(site.rglob("*.html"))
    own = [p for p in pages if p.parent.name not in ("docs", "ontology")]
    assert len(own) > 40
    for path in own:
        root = "" if path.parent == site else "../"
        assert f'href="{root}query.html"' in path.read_text(encoding="utf-8"), path


def test_english_query_page(store, tmp_path):
    site = build_site(store, tmp_path / "site", lang="en").out_dir
    html = (site / "query.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Questions to the graph" in html and ">Questions</a>" in html
    data = json.loads(re.search(r'<script type="application/json" id="query-data">(.*?)</script>', html, re.S)[1])
    risk = {o["value"]: o["label"] for o in data["options"]["risk"]}
    assert risk[ID + "risk/capaciteit"] != "" and data["words"]["run"] == "Answer"


def test_vendored_bundle_needs_no_build_at_run_time(site):
    versions = (VENDOR_DIR / "VERSIONS.txt").read_text(encoding="utf-8").splitlines()
    files = {cols[1]: cols[2] for cols in (line.split("\t") for line in versions) if cols[0] == "file"}
    packages = {cols[1]: cols[2] for cols in (line.split("\t") for line in versions) if cols[0] == "package"}
    assert set(files) == {"rdzl-browser.js", "rdzl-browser.css"}
    for name, sha in files.items():
        assert hashlib.sha256((VENDOR_DIR / name).read_bytes()).hexdigest() == sha, name
        assert (site / "assets" / name).read_bytes() == (VENDOR_DIR / name).read_bytes()
    lock = json.loads((REPO / "browser" / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    for name, version in packages.items():
        assert lock[f"node_modules/{name}"]["version"] == version, name
        assert (VENDOR_DIR / f"LICENSE-{name.replace('@', '').replace('/', '-')}.txt").is_file(), name
    assert packages["oxigraph"].startswith("0.5.") and "@zazuko/yasqe" in packages
    # the whole query page (HTML, scripts, styles, graph) stays under the budget of ~8 MB
    html = (site / "query.html").read_text(encoding="utf-8")
    assets = re.findall(r'(?:src|href)="(assets/[^"]+\.(?:js|css))"', html)
    assert {"assets/rdzl-browser.js", "assets/rdzl-graph-data.js", "assets/query.js"} <= set(assets)
    total = len(html.encode()) + sum((site / a).stat().st_size for a in assets)
    assert total < 8_000_000


def test_over_budget_page_answers_named_questions_without_the_analysis(browser, store, tmp_path):
    """A data-script budget too small for the analysis results: the graph alone, the page says so."""
    site = build_site(store, tmp_path / "site", query_data_budget=100_000).out_dir
    script = (site / "assets" / "rdzl-graph-data.js").read_text(encoding="utf-8")
    assert script.endswith(',\n"analysis": ""};\n') and "graph/analysis" not in script
    offline = Offline(browser)
    page = offline.open(site / "query.html")
    note = page.locator("#analysis-note")
    assert note.is_visible() and "139 paren van overlappende projecten" in note.inner_text()
    assert page.locator("#query-status").inner_text().startswith("Klaar")
    params = {"project_a": "vallisveld", "project_b": "pottenberg-nazareth"}
    cli = to_json_data(run_query(store, "shared-partners", params))
    rows = page.evaluate("rdzlAsk('shared-partners', {project_a: 'vallisveld', project_b: 'pottenberg-nazareth'})")
    assert len(cli["rows"]) > 0 and len(rows) == len(cli["rows"])
    column = cli["columns"].index("organisation")
    assert sorted(r["organisation"] for r in rows) == sorted(row[column] for row in cli["rows"])
    analysis = page.evaluate("rdzlQuery('SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/rdzl-graph/graph/analysis> "
                             "{ ?s ?p ?o } }')")
    assert analysis == [{"n": "0"}]
    count = page.evaluate("rdzlQuery('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }')")
    assert int(count[0]["n"]) == len(store)
    offline.close()
