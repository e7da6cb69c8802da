"""The static site as files: what the pages say, escaping, atomic output, CLI errors (no browser)."""

from __future__ import annotations

import json
import re
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rdzl_graph.network import analyse, full_network
from rdzl_graph.site import build_site
from rdzl_graph.site.charts import bar_chart
from rdzl_graph.text import format_eur
from rdzl_graph.site.content import collect_content, slug
from rdzl_graph.site.graphview import SHOWN_KINDS, build_view, script_json, shown_subgraph
from rdzl_graph.query.store import load_store

from test_site_support import HOSTILE_ORG, HOSTILE_PROJECT, HOSTILE_TRIG


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.refs += [v for k, v in attrs if k in ("src", "href") and v]

    def handle_data(self, data):
        self.text.append(data)


def _parse(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="session")
def real_site(store, tmp_path_factory) -> Path:
    return build_site(store, tmp_path_factory.mktemp("site") / "site").out_dir


def test_content_matches_report(store):
    content = collect_content(store, "nl")
    assert len(content["projects"]) == 24
    assert sum(p["amount"] or 0 for p in content["projects"].values()) == Decimal("20332459")
    assert len(content["lines"]) == 4
    chemelot = content["projects"]["https://w3id.org/rdzl-graph/id/project/circular-chemelot"]
    assert chemelot["amount"] == Decimal("700000") and chemelot["amount_uncertain"]
    assert chemelot["amount_levels"] == [{"level": "paginavolgorde", "label": "volgens paginavolgorde"}]
    assert chemelot["status_label"] == "Op schema"
    english = collect_content(store, "en")
    assert english["projects"][chemelot["iri"]]["status_label"] == "On schedule"


def test_every_project_community_and_organisation_has_a_linked_page(real_site, store):
    content = collect_content(store)
    analysis = analyse(store, seed=0)
    for p in content["projects"].values():
        assert (real_site / "project" / f"{p['slug']}.html").is_file()
    assert len(list((real_site / "community").glob("*.html"))) == len(analysis.communities) >= 2
    for o in content["organisations"].values():
        assert (real_site / "organisation" / f"{o['slug']}.html").is_file()
    index_refs = set(_parse(real_site / "index.html").refs)
    assert {f"project/{p['slug']}.html" for p in content["projects"].values()} <= index_refs
    assert {f"community/{f.name}" for f in (real_site / "community").glob("*.html")} <= index_refs


def test_pages_reference_only_local_files_that_exist(real_site):
    for page in real_site.rglob("*.html"):
        for ref in _parse(page).refs:
            assert not re.match(r"^[a-z]+:", ref), f"{page.name}: external reference {ref}"
            target = (page.parent / ref.split("#")[0]).resolve()
            assert target.exists(), f"{page.relative_to(real_site)} links to missing {ref}"
    assert (real_site / "assets" / "vis-network.min.js").stat().st_size > 100_000
    assert "MIT License" in (real_site / "assets" / "LICENSE-vis-network.txt").read_text()


def test_uncertain_amounts_are_marked_with_their_reason(real_site):
    html = (real_site / "project" / "circular-chemelot.html").read_text(encoding="utf-8")
    assert "€ 700.000" in html
    assert "Tweede van twee bedragblokken" in html
    # "by page order" is said so, in the words of data/README.md, not called "onzeker" (issue 15)
    assert '<span class="badge certainty-paginavolgorde">volgens paginavolgorde</span>' in html
    assert "certainty-onzeker" not in html
    unsure = (real_site / "project" / "haven-stein.html").read_text(encoding="utf-8")
    assert '<span class="badge certainty-onzeker">onzeker</span>' in unsure
    sure = (real_site / "project" / "welcome-to-maastricht-region.html").read_text(encoding="utf-8")
    assert "€ 1.000.000" in sure and "bedragblokken" not in sure and 'class="badge certainty-' not in sure


def test_network_data_has_the_whole_graph(real_site, store):
    graph = shown_subgraph(full_network(store))
    html = (real_site / "network.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="rdzl-network-data">(.*?)</script>', html, re.S).group(1))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    assert {n["kind"] for n in data["nodes"]} == set(SHOWN_KINDS)
    assert all(isinstance(n["id"], str) and "x" in n and "y" in n for n in data["nodes"])


def test_english_site(store, tmp_path):
    site = build_site(store, tmp_path / "en", lang="en").out_dir
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Programme lines" in html and "Strong and healthy communities" in html


def test_script_json_cannot_close_the_script_element():
    text = str(script_json({"a": "</script><script>alert(1)</script>&"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script>&"}


def test_chart_escapes_labels_and_formats_amounts():
    svg = str(bar_chart([{"label": "<b>x</b>", "v": Decimal("1500000")}], [("v", "a&b", "s")], "T<"))
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "a&amp;b" in svg
    assert "€ 1.500.000" in svg and format_eur(1500000, "en") == "€1,500,000"


def test_hostile_labels_are_escaped_in_every_page(tmp_path):
    site = build_site(load_store(HOSTILE_TRIG.encode()), tmp_path / "site").out_dir
    for page in site.rglob("*.html"):
        parsed = _parse(page)
        assert "img" not in parsed.tags and "iframe" not in parsed.tags and "svg" not in parsed.tags[:0]
        raw = page.read_text(encoding="utf-8")
        assert HOSTILE_ORG not in raw and HOSTILE_PROJECT not in raw
    project = _parse(site / "project" / f"{slug('https://w3id.org/rdzl-graph/id/project/evil')}.html")
    assert HOSTILE_PROJECT in "".join(project.text)


def test_failed_build_keeps_the_old_site(store, tmp_path):
    out = tmp_path / "site"
    build_site(store, out)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    with pytest.raises(ValueError):
        build_site(store, out, lang="fr")
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_cli_writes_site_and_prints_where_to_open_it(built, tmp_path, python_exe, cli_env, repo_root):
    out = tmp_path / "cli-site"
    done = subprocess.run([python_exe, "-m", "rdzl_graph", "site", "--build", str(built.out_dir), "--out", str(out)],
                          capture_output=True, text=True, env=cli_env, cwd=repo_root, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (out / "index.html").as_uri() in done.stdout
    missing = subprocess.run([python_exe, "-m", "rdzl_graph", "site", "--build", str(tmp_path / "nope"),
                              "--out", str(tmp_path / "x")], capture_output=True, text=True, env=cli_env, cwd=repo_root)
    assert missing.returncode == 2 and "rdzl-graph build" in missing.stderr
    assert not (tmp_path / "x").exists()


def test_large_graph_is_laid_out_without_physics():
    import networkx as nx
    graph = nx.barabasi_albert_graph(600, 2, seed=1)
    nx.set_node_attributes(graph, "project", "kind")
    nx.set_node_attributes(graph, {n: f"n{n}" for n in graph}, "label")
    view = build_view(graph, seed=0)
    assert view["physics"] is False and len(view["nodes"]) == 600
    assert len({(n["x"], n["y"]) for n in view["nodes"]}) == 600


def test_every_site_word_is_defined_once():
    from rdzl_graph.text.site import _WORDS
    from rdzl_graph.text.site_circles import CIRCLE_WORDS

    assert set(_WORDS).isdisjoint(CIRCLE_WORDS)  # a key in both would silently hide one of them
    assert all(len(texts) == 2 and all(texts) for texts in {**_WORDS, **CIRCLE_WORDS}.values())

