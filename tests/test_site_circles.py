"""The circles on the site: overview, a page per circle (also a printed A4 sheet), project pages, determinism."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from rdzl_graph.circles import circles_report
from rdzl_graph.site import build_site
from rdzl_graph.site.content import collect_content, slug

from test_site_circles_support import BROWSER_SCRIPT, GOEDE_MORGEN, TIM, sample_report
from test_site_support import CHROMIUM, CHROMIUM_ARGS

ID = "https://w3id.org/rdzl-graph/id/"


@pytest.fixture(scope="module")
def report(store):
    return circles_report(store, seed=0, lang="nl")


@pytest.fixture(scope="module")
def site(store, report, tmp_path_factory) -> Path:
    return build_site(store, tmp_path_factory.mktemp("circles-site") / "site", circles=report).out_dir


def _page(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def _text(markup: str) -> str:
    """The visible text of a piece of HTML, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_every_circle_has_a_page_with_its_members_host_and_contacts(site, report):
    assert 6 <= len(report["circles"]) <= 12
    assert sorted(p.name for p in (site / "circle").glob("*.html")) == sorted(
        f"{slug(c['iri'])}.html" for c in report["circles"])
    for circle in report["circles"]:
        page = _page(site, f"circle/{slug(circle['iri'])}.html")
        text = _text(page)
        assert f"<h1 class=\"accent\">{html.escape(circle['label'], quote=False)}</h1>" in page
        for member in circle["projects"]:
            assert f'href="../project/{slug(member["iri"])}.html"' in page
            assert member["label"] in text and member["programme_line_label"] in text
            for item in member["brings"] + member["struggles"]:
                assert item["label"] in text
        assert f"Deze {len(circle['projects'])} projecten" in text
        if circle.get("host"):
            assert f"{circle['host']['label']} — waarom: {circle['host']['reason']}" in text
        for starter in circle["starters"]:
            assert starter in text
        for contact in circle["contacts"]:
            assert (contact["organisation"] or "—") in text and (contact["person"] or "—") in text


def test_contacts_on_a_circle_page_are_the_people_its_project_pages_name(site, report, store):
    """Two independent paths to the same fact: the circles report and the site's own people query."""
    content = collect_content(store, "nl")
    checked = 0
    for circle in report["circles"]:
        for contact in circle["contacts"]:
            if contact.get("person"):
                # a circle names top-level projects; the person may be quoted in one of its sub-projects
                family, people = [contact["project"]], []
                while family:
                    project = content["projects"][family.pop()]
                    people += project["people"]
                    family += project["children"]
                names = {(p["name"], p["job_title"], p["org_label"]) for p in people}
                assert (contact["person"], contact["function"] or None, contact["organisation"]) in names
                checked += 1
    assert checked >= 3


def test_overview_leads_with_circles_and_keeps_the_families_second(site, report):
    page = _page(site, "index.html")
    circles_at, families_at = page.index("Kringen voor kennisuitwisseling"), page.index("Families van projecten")
    assert circles_at < families_at
    circle_part = page[circles_at:families_at]
    for circle in report["circles"]:
        assert f'href="circle/{slug(circle["iri"])}.html"' in circle_part
    assert 'id="kringen-aanvaard"' not in page  # no decisions: only proposals
    assert 'href="community/' in page[families_at:]
    assert page.count('class="card circle-card proposed"') == len(report["circles"])


def test_project_pages_list_their_circles_and_learn_from_pairs(site, report, store):
    content = collect_content(store, "nl")
    for circle in report["circles"]:
        for member in circle["projects"]:
            page = _page(site, f"project/{slug(member['iri'])}.html")
            assert f'href="../circle/{slug(circle["iri"])}.html"' in page
    assert report["learning"], "the real data has learn-from pairs"
    for pair in report["learning"]:
        learner = _text(_page(site, f"project/{slug(pair['to'])}.html"))
        experienced = _text(_page(site, f"project/{slug(pair['from'])}.html"))
        section = learner[learner.index("Dit project kan leren van"):]
        assert f"{content['projects'][pair['from']]['label']} over {pair['about']}" in section
        assert f"bereikt: {pair['milestone']['label']}" in section
        section = experienced[experienced.index("Andere projecten kunnen hiervan leren"):]
        assert f"{content['projects'][pair['to']]['label']} over {pair['about']}" in section


def test_the_workshop_pair_shares_a_circle_page(site, report):
    shared = [c for c in report["circles"] if {TIM, GOEDE_MORGEN} <= {p["iri"] for p in c["projects"]}]
    assert shared
    for circle in shared:
        for iri in (TIM, GOEDE_MORGEN):
            assert f'href="../circle/{slug(circle["iri"])}.html"' in _page(site, f"project/{slug(iri)}.html")


def test_accepted_circles_are_shown_apart_from_proposals(store, tmp_path):
    report = sample_report()
    report["circles"][1]["decision"] = "aanvaard"
    report["circles"].append({**sample_report()["circles"][0], "id": "theme-x", "iri": ID + "circle/theme-x",
                              "label": "Afgewezen kring", "decision": "afgewezen"})
    site = build_site(store, tmp_path / "site", circles=report).out_dir
    page = _page(site, "index.html")
    accepted = page[page.index('id="kringen-aanvaard"'):page.index('id="kringen-voorstel"')]
    proposed = page[page.index('id="kringen-voorstel"'):page.index('class="rejected"')]
    rejected = page[page.index('class="rejected"'):page.index("Families van projecten")]
    assert "circle/problem-capaciteit.html" in accepted and "circle/problem-capaciteit.html" not in proposed
    assert "circle/task-circulaire-werkplaats.html" in proposed and "circle/task-circulaire-werkplaats.html" not in accepted
    assert "circle/theme-x.html" in rejected and "circle/theme-x.html" not in accepted + proposed
    assert "aanvaard" in _text(_page(site, "circle/problem-capaciteit.html"))
    # a rejected circle is not listed as one of a project's circles
    assert "circle/theme-x.html" not in _page(site, f"project/{slug(TIM)}.html")


HOSTILE = "<script>alert('kring')</script>"


def test_hostile_texts_in_a_report_are_escaped(store, tmp_path):
    report = sample_report()
    circle = report["circles"][0]
    circle["label"] = HOSTILE
    circle["id"] = "../../<evil>"
    circle["iri"] = ID + "circle/<evil>"
    circle["basis"]["label"] = "<img src=x onerror=alert(1)>"
    circle["starters"] = ["<iframe src=x></iframe>"]
    circle["host"]["reason"] = "<b onmouseover=alert(1)>"
    circle["contacts"] = [{"project": ID + "project/unknown", "organisation": "<u>Org</u>",
                           "person": "<svg onload=alert(1)>", "function": "\"><script>x</script>"}]
    circle["projects"].append({"iri": ID + "project/unknown", "label": "<marquee>P</marquee>",
                               "programme_line_label": "<i>lijn</i>", "brings": [{"label": "<hr>"}], "struggles": []})
    site = build_site(store, tmp_path / "site", circles=report).out_dir
    pages = [p for p in (site / "circle").glob("*.html")]
    assert all(p.parent == site / "circle" for p in pages) and len(pages) == 2
    evil = next(p for p in pages if p.name != "problem-capaciteit.html")
    assert re.fullmatch(r"evil-[0-9a-f]{8}\.html", evil.name)
    page = evil.read_text(encoding="utf-8")
    for raw in ("<script>alert", "<img src=x", "<iframe", "<b onmouseover", "<svg", "<marquee", "<u>Org", "<hr>", "<i>lijn"):
        assert raw not in page
    assert "&lt;script&gt;alert(&#39;kring&#39;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert" in _page(site, "index.html") and "<script>alert" not in _page(site, "index.html")


def test_english_pages(store, report, tmp_path):
    site = build_site(store, tmp_path / "site", lang="en", circles=circles_report(store, seed=0, lang="en")).out_dir
    circle = circles_report(store, seed=0, lang="en")["circles"][0]
    page = _page(site, f"circle/{slug(circle['iri'])}.html")
    assert '<html lang="en">' in page and "Who is in it and what they bring" in page
    assert html.escape(circle["label_en"], quote=False) in page
    assert "Knowledge-exchange circles" in _page(site, "index.html") and "Families of projects" in _page(site, "index.html")


# --- in a real browser (a separate process, see BROWSER_SCRIPT) ----------------------------------

needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")


@pytest.fixture(scope="module")
def printed(site, report, python_exe, tmp_path_factory):
    """Every circle page and the overview, opened and printed to A4 PDF by headless Chromium."""
    pytest.importorskip("playwright.sync_api")
    script = tmp_path_factory.mktemp("browser") / "print_pages.py"
    script.write_text(BROWSER_SCRIPT, encoding="utf-8")
    paths = [str(site / "index.html")] + [str(site / "circle" / f"{slug(c['iri'])}.html") for c in report["circles"]]
    done = subprocess.run([python_exe, str(script), CHROMIUM, json.dumps(CHROMIUM_ARGS), *paths],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def _pdf_title(data: bytes) -> str:
    match = re.search(rb"/Title\s*(<[0-9A-Fa-f\s]+>|\((?:[^()\\]|\\.)*\))", data)
    assert match, "the PDF has a title"
    raw = match.group(1)
    if raw.startswith(b"<"):
        return bytes.fromhex(re.sub(rb"\s", b"", raw[1:-1]).decode()).decode("utf-16")
    return raw[1:-1].decode("latin-1")


@needs_chromium
def test_every_circle_prints_on_one_or_two_a4_pages_with_its_label(printed, site, report):
    counts = {}
    for circle in report["circles"]:
        info = printed["pages"][str(site / "circle" / f"{slug(circle['iri'])}.html")]
        assert info["screen_nav_visible"] and info["nav_hidden"] and info["foot_hidden"] and info["hint_hidden"]
        assert info["h1"] == circle["label"]
        data = bytes.fromhex(info["pdf"])
        counts[circle["id"]] = _pdf_pages(data)
        assert _pdf_title(data).startswith(circle["label"])
    assert all(1 <= n <= 2 for n in counts.values()), counts


@needs_chromium
def test_members_are_not_split_across_printed_pages(printed, site, report):
    for circle in report["circles"]:
        styles = printed["pages"][str(site / "circle" / f"{slug(circle['iri'])}.html")]["member_breaks"]
        assert styles == ["avoid"] * len(circle["projects"])


@needs_chromium
def test_overview_and_circle_pages_load_offline_without_errors(printed, report):
    assert len(printed["pages"]) == 1 + len(report["circles"])
    assert printed["errors"] == []
    assert printed["requests"] and [u for u in printed["requests"] if not u.startswith("file://")] == []


# --- the same bytes whatever PYTHONHASHSEED is -------------------------------------------------

def test_the_site_is_byte_identical_whatever_the_hash_seed(built, cli_env, python_exe, tmp_path):
    sites = []
    for seed in ("1", "4242"):
        out = tmp_path / f"site-{seed}"
        env = {**cli_env, "PYTHONHASHSEED": seed}
        done = subprocess.run([python_exe, "-m", "rdzl_graph", "site", "--build", str(built.out_dir), "--out", str(out)],
                              env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        sites.append(out)
    files = [sorted(p.relative_to(s) for p in s.rglob("*") if p.is_file()) for s in sites]
    assert files[0] == files[1]
    assert any(p.parts[0] == "community" for p in files[0]) and any(p.parts[0] == "circle" for p in files[0])
    differing = [str(rel) for rel in files[0] if (sites[0] / rel).read_bytes() != (sites[1] / rel).read_bytes()]
    assert differing == []
