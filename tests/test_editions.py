"""Editions in the graph (data/README.md, "Editions"): the real data as the one edition, the next
edition of ``tests/fixtures/ingest/next-edition.txt`` (its text and a PDF of it) ingested, reviewed
like a maintainer would, accepted into a copy of ``data/``, and compared with ``diff``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rdzl_graph.cli import main
from rdzl_graph.core.errors import InputError
from rdzl_graph.editions import diff, load_editions, view
from rdzl_graph.editions.dataset import order_editions

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "ingest" / "next-edition.txt"
FIRST, NEXT = "voortgangsrapportage-4e-tranche", "proef-2026"
NEW = "wandelnetwerk-heuvelland-oost"


def review(staged: Path, ended: bool = True, label_new_points: bool = True) -> None:
    """What a maintainer does with the staged files: roles, our own labels and categories, the end."""
    def edit(rel: str, old: str, new: str) -> None:
        path = staged / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    for rel, org in (("haven-stein", "provincie-limburg"), ("welcome-to-maastricht-region", "universiteit-maastricht"),
                     (NEW, "stichting-limburgs-landschap"), (NEW, "gemeente-gulpen-wittem")):
        edit(f"projects/{rel}.ttl", f"    rdzl:organisation orgs:{org} ;", f"    rdzl:organisation orgs:{org} ;\n    rdzl:role role:partner ;")
    if label_new_points:
        for project, label in (("watervalderbeekdal", "Het aanbesteden van de buffers voor water loopt uit."),
                               (NEW, "Op steile hellingen kan maar een deel van het jaar worden aangelegd.")):
            node = f"attention:{project}--{NEXT}-1 a rdzl:AttentionPoint ;"
            edit(f"projects/{project}.ttl", node, f'{node}\n    rdfs:label "{label}"@nl ;\n    rdzl:attentionCategory risk:vertraging ;')
    if ended:
        path = staged / "report.ttl"
        path.write_text(path.read_text(encoding="utf-8") + f"\nreport:{NEXT} rdzl:reportsEnded project:the-circular-mile .\n",
                        encoding="utf-8")


def ingest_into(base: Path, report: Path = FIXTURE) -> tuple[Path, Path]:
    data, staged = base / "data", base / "staged"
    shutil.copytree(ROOT / "data", data)
    assert main(["ingest", str(report), "--edition", NEXT, "--date", "2026-06-30", "-o", str(staged), "--data", str(data)]) == 0
    return data, staged


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def accepted(tmp_path_factory) -> tuple[Path, Path]:
    data, staged = ingest_into(tmp_path_factory.mktemp("accepted"))
    review(staged)
    assert main(["ingest", "accept", str(staged), "--data", str(data)]) == 0
    return data, staged


def test_the_real_data_is_one_edition_and_its_own_latest():
    editions = load_editions()
    assert [(e.slug, e.order, e.date) for e in editions.editions] == [(FIRST, 1, "2025")]
    assert view(editions, FIRST) == set(editions.current) and editions.graphs == {}
    assert diff(FIRST, "latest")["changes"] == []


@pytest.mark.parametrize("rows, message", [
    ([{"edition": "r/a"}, {"edition": "r/b"}], "2 have no previous edition"),
    ([{"edition": "r/a"}, {"edition": "r/b", "previous": "r/a"}, {"edition": "r/c", "previous": "r/a"}], "name the same previous"),
    ([{"edition": "r/a"}, {"edition": "r/b", "previous": "r/c"}, {"edition": "r/c", "previous": "r/b"}], "not in the chain"),
])
def test_editions_that_do_not_form_one_chain_are_an_error(rows, message):
    with pytest.raises(InputError, match=message):
        order_editions(rows)


def test_diff_after_accept_says_what_changes_json_proposed(accepted):
    data, staged = accepted
    proposed = json.loads((staged / "changes.json").read_text(encoding="utf-8"))["changes"]
    result = diff(FIRST, NEXT, data_dir=data)
    keys = lambda c: (c["project"], c["kind"]) + ((c["old"], c["new"]) if c["kind"] in ("status", "amount") else ())  # noqa: E731
    assert sorted(map(keys, result["changes"])) == sorted([keys(c) for c in proposed] + [("the-circular-mile", "project-ended")])
    assert ("corio-glana", "status", "Op schema", "Aandachtspunten") in set(map(keys, result["changes"]))
    for change in result["changes"]:
        assert change["source"]["from"]["edition"] == FIRST and change["source"]["to"]["edition"] == NEXT
        assert change["source"]["to"]["date"] == "2026-06-30"
        if change["kind"] not in ("project-added", "project-ended") and change["project"] != NEW:
            assert change["source"]["from"]["section"] and change["source"]["to"]["section"]


def test_the_older_edition_is_exactly_the_data_before_accept(accepted):
    before, after = load_editions(ROOT / "data"), load_editions(accepted[0])
    assert [e.slug for e in after.editions] == [FIRST, NEXT]
    assert view(after, FIRST) - after.ontology == set(before.current) - before.ontology
    assert view(after, NEXT) == set(after.current)


def test_unchanged_facts_are_not_copied_and_the_new_edition_is_cited(accepted):
    data, _ = accepted
    history = (data / "editions" / FIRST / "projects" / "goede-morgen.trig").read_text(encoding="utf-8")
    assert "rdzl:sourceReport report:voortgangsrapportage-4e-tranche" in history
    assert "rdzl:hasParticipation" not in history and "rdzl:reportedStatus" not in history  # nothing of it changed
    current = (data / "projects" / "goede-morgen.ttl").read_text(encoding="utf-8")
    assert current.count("rdzl:hasParticipation partic:") == 7 and f"rdzl:sourceReport report:{NEXT}" in current
    assert not (data / "projects" / "the-circular-mile.ttl").exists()
    assert (data / "editions" / FIRST / "projects" / "the-circular-mile.trig").is_file()
    assert "orgs:lltb a rdzl:Organisation" in (data / "editions" / FIRST / "organisations.trig").read_text(encoding="utf-8")
    assert "orgs:lltb" not in (data / "organisations.ttl").read_text(encoding="utf-8")


def test_diff_json_and_table_from_the_command_line(accepted, capsys):
    data, _ = accepted
    assert main(["diff", "--from", FIRST, "--to", NEXT, "--data", str(data), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert {"the-circular-mile", NEW} <= {c["project"] for c in document["changes"]}
    assert main(["diff", "--from", FIRST, "--data", str(data), "--lang", "en"]) == 0
    table = capsys.readouterr().out
    assert "project ended" in table and "€3,750,000" in table


def test_a_missing_project_not_said_to_have_ended_is_refused_and_nothing_is_written(tmp_path, capsys):
    data, staged = ingest_into(tmp_path)
    review(staged, ended=False)
    before = tree(data)
    assert main(["ingest", "accept", str(staged), "--data", str(data)]) == 1
    assert "project:the-circular-mile" in capsys.readouterr().err and tree(data) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "staged"]


def test_a_staged_point_without_our_own_label_breaks_the_contract(tmp_path, capsys):
    data, staged = ingest_into(tmp_path)
    review(staged, label_new_points=False)
    before = tree(data)
    assert main(["ingest", "accept", str(staged), "--data", str(data)]) == 1
    error = capsys.readouterr().err
    assert f"attention/watervalderbeekdal--{NEXT}-1" in error and "edition proef-2026" in error and tree(data) == before


def test_only_some_changes(tmp_path):
    data, staged = ingest_into(tmp_path)
    review(staged)
    assert main(["ingest", "accept", str(staged), "--data", str(data), "--only", "status"]) == 0
    kinds = {(c["project"], c["kind"]) for c in diff(FIRST, NEXT, data_dir=data)["changes"]}
    assert kinds == {("corio-glana", "status"), ("gebiedsvisie-zuidoost-beek-landgoed-broenen", "status"),
                     ("the-circular-mile", "project-ended")}


@pytest.mark.parametrize("case, message, code", [
    ("twice", "already in", 2),
    ("bad-json", "changes.json, line 1: column 2", 2),
    ("no-dir", "give the directory", 2),
    ("evil-slug", "is not a slug", 2),
])
def test_bad_accept_input_is_a_clear_error(accepted, tmp_path, capsys, case, message, code):
    data, staged = accepted
    argv = ["ingest", "accept", str(staged), "--data", str(data)]
    if case == "bad-json":
        broken = tmp_path / "broken"
        shutil.copytree(staged, broken)
        (broken / "changes.json").write_text("{nee", encoding="utf-8")
        argv[2] = str(broken)
    elif case == "evil-slug":
        broken = tmp_path / "evil"
        shutil.copytree(staged, broken)
        document = json.loads((broken / "changes.json").read_text(encoding="utf-8"))
        document["edition"] = "x> . <evil"
        (broken / "changes.json").write_text(json.dumps(document), encoding="utf-8")
        argv[2] = str(broken)
    elif case == "no-dir":
        argv = ["ingest", "accept", "--data", str(data)]
    before = tree(data)
    assert main(argv) == code
    assert message in capsys.readouterr().err and tree(data) == before


def test_a_pdf_of_the_next_edition_goes_through_the_same_path(tmp_path, accepted):
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from rdzl_graph.ingest.reading import text_lines

    pdf = tmp_path / "next-edition.pdf"
    sheet, page, y = canvas.Canvas(str(pdf), pagesize=A4), 1, A4[1] - 50
    for line in text_lines(FIXTURE.read_text(encoding="utf-8")):
        if line.page != page:
            sheet.showPage()
            page, y = line.page, A4[1] - 50
        sheet.setFont("Helvetica", 10)
        sheet.drawString(50, y, line.text.rstrip())
        y -= 12
    sheet.save()
    data, staged = ingest_into(tmp_path / "pdf", pdf)
    review(staged)
    assert main(["ingest", "accept", str(staged), "--data", str(data)]) == 0
    plain = lambda d: [(c["project"], c["kind"], c["old"], c["new"]) for c in d["changes"]]  # noqa: E731
    assert plain(diff(FIRST, NEXT, data_dir=data)) == plain(diff(FIRST, NEXT, data_dir=accepted[0]))


def test_docstring_examples_of_the_editions_run():
    import doctest
    import importlib

    for module in ("dataset", "diff", "accept", "apply", "turtle_text"):
        assert doctest.testmod(importlib.import_module(f"rdzl_graph.editions.{module}")).failed == 0, module
    assert doctest.testmod(importlib.import_module("rdzl_graph.text.editions")).failed == 0


def test_any_edition_can_be_built_and_asked(accepted, tmp_path, capsys):
    data, _ = accepted
    assert main(["editions", "--data", str(data), "--check"]) == 0
    assert "2 edition(s) valid" in capsys.readouterr().out
    old = tmp_path / "old"
    assert main(["editions", "--data", str(data), "--build", FIRST, "--out", str(old)]) == 0
    capsys.readouterr()
    for build, rows, amount in ((old, 24, "350000"), (None, 24, "400000")):
        if build is None:
            build = tmp_path / "new"
            assert main(["editions", "--data", str(data), "--build", "latest", "--out", str(build)]) == 0
            capsys.readouterr()
        assert main(["query", "project-list", "--build", str(build), "--format", "json"]) == 0
        listed = json.loads(capsys.readouterr().out)
        listed = listed.get("rows", listed) if isinstance(listed, dict) else listed
        assert len(listed) == rows
        assert amount in json.dumps([r for r in listed if "watervalderbeekdal" in json.dumps(r)])
    assert main(["editions", "--data", str(data)]) == 0
    assert "proef-2026  2026-06-30" in capsys.readouterr().out


def test_an_edition_that_loses_a_project_without_saying_it_ended_is_a_violation(accepted, tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(accepted[0], data)
    edition = data / "editions" / NEXT / "edition.ttl"
    edition.write_text(edition.read_text(encoding="utf-8").replace(
        f"report:{NEXT} rdzl:reportsEnded project:the-circular-mile .", ""), encoding="utf-8")
    assert main(["editions", "--data", str(data), "--check"]) == 1
    assert "project/the-circular-mile" in capsys.readouterr().err
    # the current data's own case: a project still in data/ that the latest edition does not cite
    data2 = tmp_path / "data2"
    shutil.copytree(accepted[0], data2)
    goede = data2 / "projects" / "goede-morgen.ttl"
    goede.write_text(goede.read_text(encoding="utf-8").replace(f"    rdzl:sourceReport report:{NEXT} ;\n", "", 1), encoding="utf-8")
    assert main(["build", "--data", str(data2), "--out", str(tmp_path / "build")]) == 1
    error = capsys.readouterr().err
    assert "edition-lost-project-violation" in error and "goede-morgen" in error
