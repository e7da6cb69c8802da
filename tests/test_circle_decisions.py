"""A trainee's decisions: export the circles, edit the spreadsheet, import it into its own named graph."""

from __future__ import annotations

import datetime as dt
import subprocess

import pyoxigraph as ox
import pytest
from openpyxl import load_workbook

from rdzl_graph.circles.decisions import GRAPH, import_decisions, read_decisions
from rdzl_graph.circles.sheets import HEADERS, write_circles_csv, write_circles_xlsx
from rdzl_graph.core.errors import InputError

from test_site_circles_support import BROENEN, CHEMELOT, GOEDE_MORGEN, MAKERSPACE, TIM, sample_report

DAY = dt.date(2026, 12, 1)
RDZL = "https://w3id.org/rdzl-graph/ont#"


def col(header: str) -> int:
    return HEADERS.index(header) + 1


def _rows_of(ws, circle_id):
    return [r for r in range(2, ws.max_row + 1) if ws.cell(r, col("Kring-id")).value == circle_id]


def _edited(tmp_path, report=None):
    """Export the sample report and edit it as a trainee would: accept one circle, reject another,
    remove a member, add one by name."""
    path = write_circles_xlsx(report or sample_report(), tmp_path / "kringen.xlsx")
    wb = load_workbook(path)
    ws = wb["Kringen"]
    first, *members = _rows_of(ws, "task-circulaire-werkplaats")
    ws.cell(first, col("Beslissing")).value = "Aanvaard"
    ws.cell(first, col("Notities")).value = "Eerste bijeenkomst bij TIM"
    makerspace = next(r for r in members if ws.cell(r, col("Project-IRI")).value == MAKERSPACE)
    ws.cell(makerspace, col("Lid")).value = "nee"
    new = ws.max_row + 1
    ws.cell(new, col("Soort rij")).value = "lid"
    ws.cell(new, col("Kring-id")).value = "task-circulaire-werkplaats"
    ws.cell(new, col("Project")).value = "Circular Chemelot"
    ws.cell(new, col("Lid")).value = "ja"
    capacity = _rows_of(ws, "problem-capaciteit")[0]
    ws.cell(capacity, col("Beslissing")).value = "afgewezen"
    wb.save(path)
    return path, first, capacity, new


def _graph_quads(path):
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return store, list(store.quads_for_pattern(None, None, None))


def _objects(store, subject, prop):
    return sorted(q.object.value for q in store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(prop), None))


def test_round_trip_writes_validated_decisions_with_provenance(store, tmp_path):
    path, first, capacity, new = _edited(tmp_path)
    out = tmp_path / "decisions" / "circle-decisions.trig"
    summary = import_decisions(store, path, out, who="Sanne (trainee)", today=DAY, report=sample_report())
    assert summary["decided"] == [
        {"circle": "problem-capaciteit", "decision": "afgewezen", "adds": [], "removes": [], "row": capacity},
        {"circle": "task-circulaire-werkplaats", "decision": "aanvaard", "adds": [CHEMELOT], "removes": [MAKERSPACE],
         "row": first}]
    graph, quads = _graph_quads(out)
    assert {q.graph_name.value for q in quads} == {GRAPH}
    decision = "https://w3id.org/rdzl-graph/id/circle-decision/task-circulaire-werkplaats"
    assert _objects(graph, decision, RDZL + "decisionOn") == ["https://w3id.org/rdzl-graph/id/circle/task-circulaire-werkplaats"]
    assert _objects(graph, decision, RDZL + "decision") == ["https://w3id.org/rdzl-graph/id/decision/aanvaard"]
    assert _objects(graph, decision, RDZL + "addsMember") == [CHEMELOT]
    assert _objects(graph, decision, RDZL + "removesMember") == [MAKERSPACE]
    assert _objects(graph, decision, RDZL + "decisionNote") == ["Eerste bijeenkomst bij TIM"]
    assert _objects(graph, decision, RDZL + "sheetRow") == [str(first)]
    assert _objects(graph, decision, "http://www.w3.org/ns/prov#wasDerivedFrom") == ["kringen.xlsx"]
    assert _objects(graph, decision, "http://www.w3.org/ns/prov#generatedAtTime") == ["2026-12-01T00:00:00Z"]
    assert _objects(graph, decision, "http://purl.org/dc/terms/creator") == ["Sanne (trainee)"]
    assert str(tmp_path) not in out.read_text(encoding="utf-8")  # the file's name, not where it was on this machine


def test_the_written_graph_passes_the_circle_decision_shapes_and_a_broken_one_does_not(store, tmp_path):
    from rdzl_graph.validation.validate import to_rdflib
    from rdzl_graph.validation.validate import blocking, validate

    path, *_ = _edited(tmp_path)
    out = tmp_path / "d.trig"
    import_decisions(store, path, out, today=DAY, report=sample_report())
    graph, quads = _graph_quads(out)
    assert blocking(validate(to_rdflib(quads))) == []
    broken = [q for q in quads if q.predicate.value != RDZL + "decision"]
    messages = [v.message for v in blocking(validate(to_rdflib(broken)))]
    assert len(messages) == 2 and all("rdzl:decision" in m for m in messages)


def test_a_later_import_replaces_the_same_circle_and_keeps_the_others(store, tmp_path):
    path, *_ = _edited(tmp_path)
    out = tmp_path / "d.trig"
    import_decisions(store, path, out, today=DAY, report=sample_report())
    # a second sheet, later: only the capacity circle, now open, with Landgoed Broenen removed
    second = write_circles_csv(sample_report(), tmp_path / "tweede.csv")
    text = second.read_text(encoding="utf-8-sig").splitlines()
    rows = [line.split(";") for line in text]
    for row in rows[1:]:
        if row[1] == "problem-capaciteit" and row[0] == "kring":
            row[col("Beslissing") - 1] = "open"
        if row[col("Project-IRI") - 1] == BROENEN:
            row[col("Lid") - 1] = "nee"
    second.write_text("\r\n".join(";".join(r) for r in rows) + "\r\n", encoding="utf-8-sig")
    summary = import_decisions(store, second, out, today=dt.date(2026, 12, 2), report=sample_report())
    assert [d["circle"] for d in summary["decided"]] == ["problem-capaciteit"]
    assert summary["kept"] == ["task-circulaire-werkplaats"]
    decisions = read_decisions(out)
    assert decisions["problem-capaciteit"]["decision"] == "open"
    assert decisions["problem-capaciteit"]["removes"] == [BROENEN]
    assert decisions["problem-capaciteit"]["file"] == "tweede.csv"
    assert decisions["task-circulaire-werkplaats"] == {**decisions["task-circulaire-werkplaats"], "decision": "aanvaard",
                                                       "adds": [CHEMELOT], "removes": [MAKERSPACE],
                                                       "time": "2026-12-01T00:00:00Z", "file": "kringen.xlsx"}
    # the same import twice gives the same bytes (deterministic merge)
    before = out.read_bytes()
    import_decisions(store, second, out, today=dt.date(2026, 12, 2), report=sample_report())
    assert out.read_bytes() == before


def test_a_re_exported_sheet_keeps_earlier_member_changes(store, tmp_path):
    path, *_ = _edited(tmp_path)
    out = tmp_path / "d.trig"
    import_decisions(store, path, out, today=DAY, report=sample_report())
    # the circle as decided: Makerspace gone, Chemelot in; the trainee changes only the note
    decided = sample_report()
    circle = decided["circles"][0]
    circle["decision"] = "aanvaard"
    circle["projects"] = [p for p in circle["projects"] if p["iri"] != MAKERSPACE] + [
        {"iri": CHEMELOT, "label": "Circular Chemelot", "brings": [], "struggles": []}]
    again = write_circles_xlsx(decided, tmp_path / "opnieuw.xlsx")
    wb = load_workbook(again)
    ws = wb["Kringen"]
    ws.cell(_rows_of(ws, "task-circulaire-werkplaats")[0], col("Notities")).value = "Datum gepland"
    wb.save(again)
    import_decisions(store, again, out, today=DAY, report=sample_report())
    record = read_decisions(out)["task-circulaire-werkplaats"]
    assert (record["decision"], record["adds"], record["removes"], record["note"]) == (
        "aanvaard", [CHEMELOT], [MAKERSPACE], "Datum gepland")


def _break(tmp_path, edit, name="kringen.xlsx", report=None):
    path = write_circles_xlsx(report or sample_report(), tmp_path / name)
    wb = load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def _set(header, row, value, sheet="Kringen"):
    def edit(wb):
        wb[sheet].cell(row, col(header)).value = value
    return edit


BAD = {
    "bad decision word": (_set("Beslissing", 2, "misschien"),
                          "kringen.xlsx: Kringen!F2: onbekende beslissing 'misschien' (kies aanvaard, afgewezen of open)"),
    "unknown circle": (_set("Kring-id", 3, "task-bestaat-niet"),
                       "kringen.xlsx: Kringen!B3: onbekende kring 'task-bestaat-niet' (Kring-id niet veranderen)"),
    "unknown project iri": (_set("Project-IRI", 4, "https://w3id.org/rdzl-graph/id/project/verzonnen"),
                            "kringen.xlsx: Kringen!I4: onbekend project "
                            "'https://w3id.org/rdzl-graph/id/project/verzonnen' (geen project in de graaf)"),
    "unknown project name": (lambda wb: [_set("Project-IRI", 4, None)(wb), _set("Project", 4, "Verzonnen project")(wb)],
                             "kringen.xlsx: Kringen!H4: onbekend project 'Verzonnen project'; vul de Project-IRI in"),
    "formula cell": (_set("Beslissing", 6, "=IF(1,\"aanvaard\")"),
                     "kringen.xlsx: Kringen!F6: formule '=IF(1,\"aanvaard\")' wordt niet gelezen; typ de waarde zelf in de cel"),
    "bad member word": (_set("Lid", 3, "misschien"), "kringen.xlsx: Kringen!G3: onbekende waarde 'misschien' (kies ja of nee)"),
    "missing column": (lambda wb: wb["Kringen"].delete_cols(col("Beslissing")),
                       "kringen.xlsx: Kringen!1: kolom 'Beslissing' ontbreekt in de kopregel"),
    "wrong sheet": (lambda wb: setattr(wb["Kringen"], "title", "Blad1"),
                    "kringen.xlsx: werkblad 'Kringen' ontbreekt (gevonden: Blad1, Uitleg)"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_spreadsheet_names_the_cell_and_writes_nothing(store, tmp_path, case):
    edit, message = BAD[case]
    path = _break(tmp_path, edit)
    out = tmp_path / "d.trig"
    with pytest.raises(InputError) as info:
        import_decisions(store, path, out, today=DAY, report=sample_report())
    assert str(info.value) == message
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kringen.xlsx"]


def test_a_failed_import_leaves_earlier_decisions_untouched(store, tmp_path):
    path, *_ = _edited(tmp_path)
    out = tmp_path / "d.trig"
    import_decisions(store, path, out, today=DAY, report=sample_report())
    before = out.read_bytes()
    bad = _break(tmp_path, _set("Beslissing", 2, "misschien"), name="fout.xlsx")
    with pytest.raises(InputError):
        import_decisions(store, bad, out, today=DAY, report=sample_report())
    assert out.read_bytes() == before


def test_empty_and_unreadable_files(store, tmp_path):
    for name, content, message in (
            ("leeg.xlsx", b"", "leeg.xlsx: het bestand is leeg"),
            ("leeg.csv", b"", "leeg.csv: het bestand is leeg"),
            ("kapot.xlsx", b"geen zip", "kapot.xlsx: geen leesbaar Excel-bestand (.xlsx)"),
            ("kop.csv", "\ufeff\r\n".encode(), "kop.csv: 1: het blad is leeg (geen kopregel gevonden)"),
            ("kringen.ods", b"x", "kringen.ods: onbekende soort bestand '.ods' (verwacht .xlsx of .csv)")):
        (tmp_path / name).write_bytes(content)
        with pytest.raises(InputError) as info:
            import_decisions(store, tmp_path / name, tmp_path / "d.trig", report=sample_report())
        assert str(info.value).startswith(message)
    assert not (tmp_path / "d.trig").exists()


def test_csv_cells_name_the_column_and_row(store, tmp_path):
    path = write_circles_csv(sample_report(), tmp_path / "kringen.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    cells = lines[1].split(";")
    cells[col("Beslissing") - 1] = "ja hoor"
    lines[1] = ";".join(cells)
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    with pytest.raises(InputError) as info:
        import_decisions(store, path, tmp_path / "d.trig", report=sample_report())
    assert str(info.value) == "kringen.csv: F2: onbekende beslissing 'ja hoor' (kies aanvaard, afgewezen of open)"


def test_a_member_added_by_slug_alone_is_found_and_decides_the_circle_open(store, tmp_path):
    path = write_circles_xlsx(sample_report(), tmp_path / "kringen.xlsx")
    wb = load_workbook(path)
    ws = wb["Kringen"]
    row = ws.max_row + 1
    for header, value in (("Soort rij", "lid"), ("Kring-id", "problem-capaciteit"), ("Project-IRI", "goede-morgen")):
        ws.cell(row, col(header)).value = value
    wb.save(path)
    summary = import_decisions(store, path, tmp_path / "d.trig", today=DAY, report=sample_report())
    assert summary["decided"] == [{"circle": "problem-capaciteit", "decision": "open", "adds": [GOEDE_MORGEN],
                                   "removes": [], "row": 6}]  # the row of the circle (its kring row)
    assert row == 10


# --- with the real circles engine, the site and the CLI -----------------------------------------

def test_real_round_trip_export_edit_import_report_and_site(store, tmp_path):
    from rdzl_graph.circles import circles_report
    from rdzl_graph.site import build_site
    from rdzl_graph.site.content import slug

    proposals = circles_report(store, seed=0, lang="nl")
    circle = proposals["circles"][0]
    members = [p["iri"] for p in circle["projects"]]
    outsider = next(p for c in proposals["circles"] for p in c["projects"] if p["iri"] not in members)
    path = write_circles_xlsx(proposals, tmp_path / "kringen.xlsx")
    wb = load_workbook(path)
    ws = wb["Kringen"]
    first, *rows = _rows_of(ws, circle["id"])
    ws.cell(first, col("Beslissing")).value = "aanvaard"
    removed = ws.cell(rows[0], col("Project-IRI")).value
    ws.cell(rows[0], col("Lid")).value = "nee"
    ws.insert_rows(rows[-1] + 1)  # a new member right under the circle, by name only, as a trainee adds one
    for header, value in (("Soort rij", "lid"), ("Kring-id", circle["id"]), ("Project", outsider["label"])):
        ws.cell(rows[-1] + 1, col(header)).value = value
    wb.save(path)

    out = tmp_path / "decisions" / "circle-decisions.trig"
    summary = import_decisions(store, path, out, who="Trainee", today=DAY)  # proposals computed by the engine
    assert summary["decided"] == [{"circle": circle["id"], "decision": "aanvaard", "adds": [outsider["iri"]],
                                   "removes": [removed], "row": first}]

    decided = circles_report(store, seed=0, lang="nl", decisions=out)
    again = next(c for c in decided["circles"] if c["id"] == circle["id"])
    assert again["decision"] == "aanvaard"
    assert {p["iri"] for p in again["projects"]} == set(members) - {removed} | {outsider["iri"]}
    assert all(c["decision"] == "voorstel" for c in decided["circles"] if c["id"] != circle["id"])

    site = build_site(store, tmp_path / "site", decisions=out).out_dir
    index = (site / "index.html").read_text(encoding="utf-8")
    accepted = index[index.index('id="kringen-aanvaard"'):index.index('id="kringen-voorstel"')]
    proposed = index[index.index('id="kringen-voorstel"'):index.index("Families van projecten")]
    link = f'circle/{slug(circle["iri"])}.html'
    assert link in accepted and link not in proposed
    page = (site / link).read_text(encoding="utf-8")
    assert f'project/{slug(outsider["iri"])}.html' in page and "toegevoegd" in page
    removed_part = page[page.index("Uit deze kring gehaald"):]
    assert f'project/{slug(removed)}.html' in removed_part
    assert "Besloten op 2026-12-01 (uit kringen.xlsx) (Trainee)" in page


def _cli(python_exe, cli_env, cwd, *args):
    return subprocess.run([python_exe, "-m", "rdzl_graph", *args], env=cli_env, cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def test_cli_export_and_import(built, python_exe, cli_env, tmp_path):
    done = _cli(python_exe, cli_env, tmp_path, "circles", "--build", str(built.out_dir), "--format", "xlsx",
                "-o", "kringen.xlsx")
    assert done.returncode == 0, done.stderr
    wb = load_workbook(tmp_path / "kringen.xlsx")
    ws = wb["Kringen"]
    ws.cell(2, col("Beslissing")).value = "afgewezen"
    circle_id = ws.cell(2, col("Kring-id")).value
    wb.save(tmp_path / "kringen.xlsx")
    done = _cli(python_exe, cli_env, tmp_path, "circles", "import", "kringen.xlsx", "--build", str(built.out_dir),
                "--who", "Sanne")
    assert done.returncode == 0, done.stderr
    assert read_decisions(tmp_path / "decisions" / "circle-decisions.trig")[circle_id]["decision"] == "afgewezen"
    # the site reads decisions/circle-decisions.trig of the working directory by default
    done = _cli(python_exe, cli_env, tmp_path, "site", "--build", str(built.out_dir), "--out", "site")
    assert done.returncode == 0, done.stderr
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f"circle/{circle_id}.html" in index[index.index('class="rejected"'):]


@pytest.mark.parametrize("case", ["bad decision word", "unknown circle", "formula cell", "wrong sheet"])
def test_cli_import_of_a_bad_sheet_exits_2_names_the_cell_and_writes_nothing(store, built, python_exe, cli_env,
                                                                            tmp_path, case):
    from rdzl_graph.circles import circles_report

    edit, message = BAD[case]
    _break(tmp_path, edit, report=circles_report(store, seed=0, lang="nl"))
    done = _cli(python_exe, cli_env, tmp_path, "circles", "import", "kringen.xlsx", "--build", str(built.out_dir))
    assert done.returncode == 2
    assert message in done.stderr
    assert not (tmp_path / "decisions").exists()


def test_cli_site_with_a_missing_decisions_file_exits_2(built, python_exe, cli_env, tmp_path):
    done = _cli(python_exe, cli_env, tmp_path, "site", "--build", str(built.out_dir), "--out", "site",
                "--decisions", "nergens.trig")
    assert done.returncode == 2 and "nergens.trig: decisions file not found" in done.stderr
    assert not (tmp_path / "site").exists()
