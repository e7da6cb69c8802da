"""The assisted ingest (``rdzl-graph ingest``) on a rewritten next edition, its PDF, bad input and
the real 4th-tranche report (skipped when ``../shared`` is absent).

``tests/fixtures/ingest/next-edition.txt`` is a report in our own words with the layout of the real
one, in which exactly the changes in :data:`EXPECTED` were made against ``data/``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from rdzl_graph.cli import main
from rdzl_graph.ingest import KnownGraph, analyse, read_known, read_report, store_from_data
from rdzl_graph.ingest.reading import text_lines

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "ingest" / "next-edition.txt"
REAL = ROOT.parent / "shared" / "sources" / "regio-deal-zuid-limburg-voortgangsrapportage-4e-tranche.txt"
KINDS = {"status", "amount", "partner-added", "partner-removed", "person-added", "attention-point-added",
         "attention-point-removed", "milestone-added", "project-added"}
NEW = "wandelnetwerk-heuvelland-oost"

EXPECTED = {
    ("makerspace-vitaliteitsincubator", "amount", 3500000, 3750000),
    ("haven-stein", "partner-added", None, "Provincie Limburg"),
    ("corio-glana", "status", "Op schema", "Aandachtspunten"),
    ("gebiedsvisie-zuidoost-beek-landgoed-broenen", "status", "Aandachtspunten", "Op schema"),
    ("van-geuldal-tot-geleenbeek-tot-roodenbach", "partner-removed", "LLTB", None),
    ("watervalderbeekdal", "amount", 350000, 400000),
    ("watervalderbeekdal", "attention-point-added", None, "De aanbesteding van de waterbuffers duurt langer dan verwacht."),
    (NEW, "project-added", None, "Wandelnetwerk Heuvelland-Oost"),
    (NEW, "status", None, "Op schema"),
    (NEW, "amount", None, 300000),
    (NEW, "partner-added", None, "Stichting Limburgs Landschap"),
    (NEW, "partner-added", None, "Gemeente Gulpen-Wittem"),
    (NEW, "person-added", None, "Mirjam Dassen"),
    (NEW, "attention-point-added", None, "Het seizoen voor aanleg op hellingen is kort."),
    ("welcome-to-maastricht-region", "partner-added", None, "Universiteit Maastricht"),
    ("welcome-to-maastricht-region", "attention-point-removed",
     "Politieke ontwikkelingen rond migratie en regionale maatschappelijke opvattingen kunnen de voortgang belemmeren.", None),
}


def run(args: list[str]) -> int:
    return main(args)


@pytest.fixture(scope="module")
def next_edition(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ingest") / "next"
    assert run(["ingest", str(FIXTURE), "--edition", "proef-2026", "--date", "2026-06-30", "-o", str(out)]) == 0
    return out


def changes_of(out: Path) -> dict:
    return json.loads((out / "changes.json").read_text(encoding="utf-8"))


def as_set(document: dict) -> set[tuple]:
    return {(c["project"], c["kind"], c["old"], c["new"]) for c in document["changes"]}


def test_next_edition_finds_exactly_the_changes_made(next_edition):
    document = changes_of(next_edition)
    assert as_set(document) == EXPECTED
    assert len(document["changes"]) == len(EXPECTED)  # no change proposed twice


def test_missing_project_and_unknown_heading_are_reported(next_edition):
    document = changes_of(next_edition)
    assert document["edition"] == "proef-2026"
    assert document["projects_missing"] == ["the-circular-mile"]
    assert [(h["heading"], h["project"]) for h in document["new_headings"]] == [("Wandelnetwerk Heuvelland-Oost", NEW)]
    assert len(document["projects_found"]) == 23 and "the-circular-mile" not in document["projects_found"]
    # a hyphenated heading over three lines and a renamed one are still found
    assert {"glanerbrook-burgemeester-damenpark", "circular-chemelot"} <= set(document["projects_found"])


def test_changes_json_has_the_issue_shape(next_edition):
    document = changes_of(next_edition)
    assert list(document) == ["edition", "projects_found", "projects_missing", "new_headings", "changes"]
    for change in document["changes"]:
        assert list(change) == ["project", "kind", "old", "new", "source", "confidence"]
        assert change["kind"] in KINDS
        assert set(change["source"]) == {"page", "line"}
        assert 0 <= change["confidence"] <= 1


def test_each_change_points_at_the_report_line_it_came_from(next_edition):
    lines = text_lines(FIXTURE.read_text(encoding="utf-8"))
    by_number = {line.number: line for line in lines}
    for change in changes_of(next_edition)["changes"]:
        line = by_number[change["source"]["line"]]
        assert line.page == change["source"]["page"]
        if change["kind"] == "amount" and change["new"] is not None:
            assert f"{change['new']:,}".replace(",", ".") in line.text
        elif change["kind"] == "status":
            assert change["new"] in line.text
        elif change["kind"] in ("partner-added", "person-added"):
            assert change["new"].split()[-1].split("-")[0] in line.text or change["new"].split()[0].lower() in line.text.lower()
        elif change["kind"] == "project-added":
            assert line.text.strip().startswith("7. Wandelnetwerk")


def test_staged_turtle_parses_and_copies_no_report_text(next_edition):
    report_words = " ".join(FIXTURE.read_text(encoding="utf-8").split())
    files = sorted(next_edition.rglob("*.ttl"))
    assert {p.relative_to(next_edition).as_posix() for p in files} >= {
        "report.ttl", "organisations.ttl", "persons.ttl", f"projects/{NEW}.ttl", "projects/watervalderbeekdal.ttl"}
    store = ox.Store()
    for path in files:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    descriptions = list(store.quads_for_pattern(None, ox.NamedNode("http://purl.org/dc/terms/description"), None))
    assert descriptions == []
    names = {"http://www.w3.org/2000/01/rdf-schema#label", "https://w3id.org/rdzl-graph/ont#sourceSection"}
    for quad in store:  # headings are names; any other text of six words or more is not the report's
        if quad.predicate.value not in names and isinstance(quad.object, ox.Literal) and len(quad.object.value.split()) >= 6:
            assert " ".join(quad.object.value.split()) not in report_words, quad
    new_project = ox.NamedNode(f"https://w3id.org/rdzl-graph/id/project/{NEW}")
    amounts = [q.object.value for q in store.quads_for_pattern(
        ox.NamedNode(f"https://w3id.org/rdzl-graph/id/funding/{NEW}--proef-2026"), ox.NamedNode("https://w3id.org/rdzl-graph/ont#amountEUR"), None)]
    assert amounts == ["300000"]
    assert list(store.quads_for_pattern(new_project, ox.NamedNode("https://w3id.org/rdzl-graph/ont#sourceReport"),
                                        ox.NamedNode("https://w3id.org/rdzl-graph/id/report/proef-2026")))


def test_review_page_is_dutch_offline_and_shows_the_source_lines(next_edition):
    html = (next_edition / "review.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in html and "Voorstel voor editie proef-2026" in html
    assert not re.search(r"(src|href)=\"https?://", html)
    assert html.count('<tr id="change-') == len(EXPECTED)
    assert "<mark>338  € 400.000 </mark>" in html  # the amount's own line, highlighted among its neighbours


def test_review_page_escapes_report_text(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "Aandachtspunt: het seizoen voor", "Aandachtspunt: <script>alert(1)</script> het seizoen voor")
    report = tmp_path / "evil.txt"
    report.write_text(text, encoding="utf-8")
    assert run(["ingest", str(report), "--edition", "evil", "-o", str(tmp_path / "out")]) == 0
    html = (tmp_path / "out" / "review.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pdf_goes_through_the_same_path(tmp_path, next_edition):
    reportlab = pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "next-edition.pdf"
    sheet = canvas.Canvas(str(pdf), pagesize=A4)
    page, y = 1, A4[1] - 50
    sheet.setFont("Helvetica", 10)
    for line in text_lines(FIXTURE.read_text(encoding="utf-8")):
        if line.page != page:
            sheet.showPage()
            sheet.setFont("Helvetica", 10)
            page, y = line.page, A4[1] - 50
        sheet.drawString(50, y, line.text.rstrip())
        y -= 12
    sheet.showPage()
    sheet.save()
    assert reportlab.Version and pdf.read_bytes().startswith(b"%PDF-")
    out = tmp_path / "from-pdf"
    assert run(["ingest", str(pdf), "--edition", "proef-2026", "-o", str(out)]) == 0
    from_pdf, from_text = changes_of(out), changes_of(next_edition)
    assert as_set(from_pdf) == EXPECTED
    pages = lambda d: sorted((c["project"], c["kind"], str(c["new"]), c["source"]["page"]) for c in d["changes"])  # noqa: E731
    assert pages(from_pdf) == pages(from_text)
    assert from_pdf["projects_missing"] == from_text["projects_missing"]
    assert json.loads((out / "candidates.json").read_text(encoding="utf-8"))["kind"] == "pdf"


@pytest.mark.parametrize("case, content, args, message", [
    ("missing", None, [], "does not exist"),
    ("empty", b"  \n\n", [], "is empty"),
    ("binary", bytes(range(256)) * 4, [], "neither a PDF nor a text file"),
    ("broken-pdf", b"%PDF-1.7\n garbage without objects", [], "cannot be read"),
    ("bad-date", None, ["--date", "30-06-2026"], "YYYY-MM-DD"),
    ("impossible-date", None, ["--date", "2026-02-30"], "YYYY-MM-DD"),
    ("bad-edition", None, ["--edition", "Editie 2026!"], "not a slug"),
])
def test_bad_input_is_a_clear_error_with_exit_2_and_writes_nothing(tmp_path, capsys, case, content, args, message):
    report = FIXTURE if content is None and case != "missing" else tmp_path / f"{case}.pdf"
    if content is not None:
        report.write_bytes(content)
    out = tmp_path / "out"
    argv = ["ingest", str(report), "--edition", "proef", "-o", str(out)]
    if args and args[0] == "--edition":
        argv[3] = args[1]
    else:
        argv += args
    assert run(argv) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and message in error
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_a_typed_path_reaches_the_terminal_escaped(tmp_path, capsys):
    assert run(["ingest", str(tmp_path / "rapport\x1b[31m.pdf"), "--edition", "proef", "-o", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert "\x1b" not in error and "rapport\\x1b[31m.pdf" in error


def test_failed_ingest_keeps_the_previous_output(tmp_path):
    out = tmp_path / "out"
    assert run(["ingest", str(FIXTURE), "--edition", "proef", "-o", str(out)]) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert run(["ingest", str(empty), "--edition", "proef", "-o", str(out)]) == 2
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_output_is_the_same_whatever_the_hash_seed(tmp_path):
    outputs = []
    for seed in ("0", "4242"):
        out = tmp_path / f"seed-{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "rdzl_graph", "ingest", str(FIXTURE), "--edition", "proef", "-o", str(out)],
                       check=True, env=env, capture_output=True, cwd=ROOT)
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1] and len(outputs[0]) > 5


def test_page_end_certainty_rules_on_a_small_report():
    text = ("1. Eerste Project\n\nTekst.\n\n2. Tweede Project\n\nTekst.\n\n"
            "€ 10.000 \nRegio Deal middelen € 20.000\n\nRegio Deal middelen\n\nOp schema\n\n\n\n"
            "3. Derde Project\n\nTekst.\n\n€ 5.000 \nRegio Deal middelen\n\nAandachtspunten\n")
    from rdzl_graph.ingest.reading import Report

    report = Report("klein.txt", "text", tuple(text_lines(text)))
    results, missing, changes = analyse(report, KnownGraph.empty(), "klein")
    found = {r.slug: (r.first("status").value, r.first("status").certainty, r.first("amount").value, r.first("amount").certainty)
             for r in results}
    assert found == {
        "eerste-project": ("Op schema", "onzeker", 10000, "onzeker"),  # fewer labels than projects; blocks on one line
        "tweede-project": ("Niet gerapporteerd", "onzeker", 20000, "onzeker"),
        "derde-project": ("Aandachtspunten", "zeker", 5000, "zeker"),  # one project, one block
    }
    assert missing == [] and {c["kind"] for c in changes} == {"project-added", "status", "amount"}


@pytest.mark.skipif(not REAL.is_file(), reason="the 4th-tranche report is not beside the checkout (../shared)")
def test_real_report_against_the_curated_data_proposes_no_status_or_amount_change():
    known = read_known(store_from_data(ROOT / "data"))
    results, missing, changes = analyse(read_report(REAL), known, "4e-tranche")
    assert missing == [] and len(results) == 24
    assert [c for c in changes if c["kind"] in ("status", "amount", "project-added")] == []


@pytest.mark.skipif(not REAL.is_file(), reason="the 4th-tranche report is not beside the checkout (../shared)")
def test_real_report_into_an_empty_graph_finds_every_heading_amount_and_status():
    known = read_known(store_from_data(ROOT / "data"))
    results, missing, changes = analyse(read_report(REAL), KnownGraph.empty(), "4e-tranche")
    assert len(results) == 24 and missing == []
    assert sum(1 for c in changes if c["kind"] == "project-added") == 24
    amounts = sorted(r.first("amount").value for r in results if r.first("amount"))
    assert amounts == sorted(p.amount for p in known.projects.values() if p.amount is not None)
    assert sum(amounts) == 20_332_459


def test_docstring_examples_of_the_ingest_run():
    import doctest
    import importlib

    modules = ["reading", "layout", "sections", "blocks", "candidates_model", "extract", "changes", "staging", "outputs", "pipeline"]
    for name in modules:
        module = importlib.import_module(f"rdzl_graph.ingest.{name}")
        assert doctest.testmod(module, optionflags=doctest.ELLIPSIS).failed == 0, name
    assert doctest.testmod(importlib.import_module("rdzl_graph.text.ingest")).failed == 0
