"""Generated documentation: committed Markdown that cannot drift, the ontology page, the query catalogue."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import OWL, RDF, RDFS

from rdzl_graph.cli import main, make_parser
from rdzl_graph.docs import catalogue, catalogue_html, catalogue_markdown, cli_markdown, fallback_html, write_docs
from rdzl_graph.core.query_files import example_params
from rdzl_graph.docs.cli_reference import command_parsers
from rdzl_graph.docs.ontology import load_ontology, one_language, ontology_page
from rdzl_graph.core.namespaces import RDZL
from rdzl_graph.core.query_files import list_queries
from rdzl_graph.query.named import run_query

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCS = REPO_ROOT / "docs"


def rdzl_classes() -> dict[str, dict[str, str]]:
    """Local name -> {language: label} of every rdzl: class of the ontology."""
    graph = load_ontology()
    classes = {}
    for term in graph.subjects(RDF.type, OWL.Class):
        if str(term).startswith(str(RDZL)):
            labels = {o.language: str(o) for o in graph.objects(term, RDFS.label) if isinstance(o, Literal)}
            classes[str(term)[len(str(RDZL)):]] = labels
    return classes


def class_heading(page: str, local: str) -> str | None:
    """The heading of the pyLODE section documenting class rdzl:LOCAL (its label), if any."""
    match = re.search(r'<h3>([^<]+?)\s*<sup class="sup-c"[^>]*>c</sup>\s*</h3>\s*<table>\s*<tr>\s*<th>IRI</th>'
                      rf'\s*<td>\s*<code>{re.escape(str(RDZL) + local)}</code>', page)
    return match.group(1).strip() if match else None


# --- committed Markdown ------------------------------------------------------------------------

def test_cli_md_matches_the_code():
    committed = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert committed == cli_markdown(make_parser()), (
        "docs/cli.md is out of date: run `.venv/bin/python -m rdzl_graph.docs cli > docs/cli.md`")


def test_queries_md_matches_the_query_headers():
    committed = (DOCS / "queries.md").read_text(encoding="utf-8")
    assert committed == catalogue_markdown(), (
        "docs/queries.md is out of date: run `.venv/bin/python -m rdzl_graph.docs queries > docs/queries.md`")


def test_cli_reference_has_every_subcommand():
    text = cli_markdown(make_parser())
    parser = make_parser()
    subcommands = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction").choices
    assert len(subcommands) >= 10
    for name, sub in subcommands.items():
        assert f"## rdzl-graph {name}\n" in text
        assert f"usage: rdzl-graph {name}" in text
        for action in sub._actions:
            for option in action.option_strings:
                assert option in text, f"{option} of rdzl-graph {name} missing from the reference"
    assert [name for name, _ in command_parsers(make_parser())][0] == "rdzl-graph"


def test_cli_reference_does_not_depend_on_the_terminal(python_exe, cli_env):
    for columns in ("40", "250"):
        env = {**cli_env, "COLUMNS": columns}
        done = subprocess.run([python_exe, "-m", "rdzl_graph.docs", "cli"], capture_output=True, text=True,
                              env=env, cwd=REPO_ROOT, check=False, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stdout == (DOCS / "cli.md").read_text(encoding="utf-8")


def test_docs_module_rejects_an_unknown_document(python_exe, cli_env):
    done = subprocess.run([python_exe, "-m", "rdzl_graph.docs", "readme"], capture_output=True, text=True,
                          env=cli_env, cwd=REPO_ROOT, check=False, timeout=120)
    assert done.returncode == 2 and done.stdout == "" and "usage" in done.stderr


# --- query catalogue ---------------------------------------------------------------------------

def test_catalogue_lists_every_query_with_both_languages():
    entries = {e.name: e for e in catalogue()}
    assert set(entries) == {q.name for q in list_queries()}
    markdown = catalogue_markdown()
    for entry in entries.values():
        assert f"### {entry.name}\n" in markdown
        if entry.group != "internal":
            assert entry.title.get("nl") and entry.title.get("en"), entry.name
            assert entry.title["nl"] in markdown and entry.title["en"] in markdown
    groups = {e.group for e in entries.values()}
    assert groups == {"questions", "checks", "internal"}
    assert entries["project-without-partner-violation"].group == "checks"
    assert entries["site-projects"].group == "internal"


def test_catalogue_shows_parameters_and_their_defaults():
    markdown = catalogue_markdown()
    section = markdown.split("### bridge-organisations\n", 1)[1].split("\n### ", 1)[0]
    assert "| `min_projects` | `integer` | standaard 2 |" in section
    section = markdown.split("### shared-partners\n", 1)[1].split("\n### ", 1)[0]
    assert "rdzl-graph query shared-partners --param project_a=vallisveld --param project_b=pottenberg-nazareth" in section
    assert "| `project_a` | `iri(project)` | verplicht |" in section


def test_catalogue_examples_run_on_the_real_graph(store):
    for entry in catalogue():
        if entry.group == "internal":
            continue
        info = next(q for q in list_queries() if q.name == entry.name)
        result = run_query(store, entry.name, example_params(info))
        if entry.group == "checks":
            assert result.rows == [], f"quality check {entry.name} finds problems"
    shared = run_query(store, "shared-partners", example_params(next(q for q in list_queries()
                                                                     if q.name == "shared-partners")))
    assert any("Envida" in str(row) for row in shared.rows)


def test_catalogue_html_escapes_header_text(tmp_path):
    (tmp_path / "evil.rq").write_text(
        "# title@nl: <script>alert('nl')</script>\n# title@en: A & B\n"
        "# description@nl: <img src=x onerror=alert(1)>\n"
        "# param: text string required — <b>zoek</b>\n"
        "SELECT ?s WHERE { ?s ?p ?text }\n", encoding="utf-8")
    page = catalogue_html(catalogue(tmp_path))
    assert "<script>" not in page and "<img" not in page and "<b>zoek" not in page
    assert "&lt;script&gt;alert(&#x27;nl&#x27;)&lt;/script&gt;" in page
    assert "A &amp; B" in page
    assert "--param text=circulair" in page


# --- ontology page -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def docs_site(tmp_path_factory):
    """``rdzl-graph docs`` run into a temporary site."""
    site = tmp_path_factory.mktemp("site")
    assert main(["docs", "--out", str(site / "docs")]) == 0
    return site


def test_docs_command_writes_the_pages(docs_site):
    for rel in ("docs/index.html", "docs/queries.html", "docs/cli.html", "ontology/index.html"):
        path = docs_site / rel
        assert path.is_file() and path.stat().st_size > 500, rel
        assert oct(path.stat().st_mode & 0o777) == "0o644"
    index = (docs_site / "docs/index.html").read_text(encoding="utf-8")
    for href in re.findall(r'href="([^"]+)"', index):
        assert (docs_site / "docs" / href).resolve().is_file() or href == "../index.html", href
    assert "usage: rdzl-graph docs" in (docs_site / "docs/cli.html").read_text(encoding="utf-8")
    queries = (docs_site / "docs/queries.html").read_text(encoding="utf-8")
    assert "Gedeelde partners van twee projecten" in queries and "Shared partners of two projects" in queries


def test_ontology_page_is_pylode_and_names_every_class(docs_site):
    page = html.unescape((docs_site / "ontology/index.html").read_text(encoding="utf-8"))
    assert "pyLODE" in page
    for local, labels in rdzl_classes().items():
        assert class_heading(page, local) == labels["nl"], local


def test_ontology_page_works_offline(docs_site):
    page = (docs_site / "ontology/index.html").read_text(encoding="utf-8")
    assert not re.search(r'<script[^>]+src=', page)
    assert not re.search(r'<link[^>]+stylesheet[^>]+href="http', page)


def test_ontology_page_in_english():
    page = ontology_page(lang="en")
    text = html.unescape(page.html)
    for local, labels in rdzl_classes().items():
        assert class_heading(text, local) == labels["en"], local
    assert "deelproject" not in text


def test_one_language_keeps_the_input_graph():
    graph = load_ontology()
    size = len(graph)
    reduced = one_language(graph, "en")
    assert len(graph) == size and len(reduced) < size
    assert all(not (isinstance(o, Literal) and o.language == "nl") for o in reduced.objects())


def test_fallback_page_names_every_class_and_escapes_the_reason():
    page = fallback_html(load_ontology(), "nl", reason="<b>kapot</b>")
    assert "&lt;b&gt;kapot&lt;/b&gt;" in page and "<b>kapot" not in page
    for local, labels in rdzl_classes().items():
        assert f'<dt id="{local}">{html.escape(labels["nl"])} <code>rdzl:{local}</code></dt>' in page


def test_bad_ontology_file_is_a_clear_error_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix rdzl: <https://w3id.org/rdzl-graph/ont#> .\nrdzl:A a \n", encoding="utf-8")
    out = tmp_path / "site" / "docs"
    from rdzl_graph.core.errors import InputError
    with pytest.raises(InputError, match="bad.ttl"):
        write_docs(make_parser(), out, ontology=bad)
    assert not out.exists() and not (tmp_path / "site" / "ontology").exists()


def test_docs_command_rejects_an_unknown_language(tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["docs", "--out", str(tmp_path / "docs"), "--lang", "fr"])
    assert exc.value.code == 2
    assert not (tmp_path / "docs").exists()


def test_ontology_page_is_reproducible(docs_site, python_exe, cli_env):
    """The same page from another process with another hash seed (pyLODE sorts the subjects)."""
    script = "import sys; from rdzl_graph.docs import ontology_page; sys.stdout.write(ontology_page().html)"
    done = subprocess.run([python_exe, "-c", script], capture_output=True, text=True, timeout=120, check=False,
                          env={**cli_env, "PYTHONHASHSEED": "12345"}, cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (docs_site / "ontology/index.html").read_text(encoding="utf-8")
