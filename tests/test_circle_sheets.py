"""The circles spreadsheet (CSV and XLSX): content, Dutch layout, formula injection, dropdowns."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from rdzl_graph.circles.sheets import (
    COLUMNS,
    HEADERS,
    LETTERS,
    circle_rows,
    write_circles_csv,
    write_circles_xlsx,
)

from test_site_circles_support import GOEDE_MORGEN, TIM, sample_report

HOSTILE = ["=HYPERLINK(\"http://evil.example/\",\"klik\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\tTab", "\rCR"]


def _hostile_report():
    report = sample_report()
    circle = report["circles"][0]
    circle["label"] = HOSTILE[0]
    circle["basis"]["label"] = HOSTILE[1]
    circle["projects"][0]["label"] = HOSTILE[2]
    circle["projects"][1]["brings"] = [{"label": HOSTILE[3]}]
    circle["projects"][2]["label"] = HOSTILE[4]
    circle["host"]["label"] = HOSTILE[5]
    return report


def _csv_rows(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_has_a_circle_row_then_a_row_per_member_with_dutch_headers(tmp_path):
    rows = _csv_rows(write_circles_csv(sample_report(), tmp_path / "kringen.csv"))
    assert rows[0] == list(HEADERS)
    assert rows[0][:6] == ["Soort rij", "Kring-id", "Kring", "Soort basis", "Basis", "Beslissing"]
    table = [dict(zip(HEADERS, r)) for r in rows[1:]]
    assert [(r["Soort rij"], r["Kring-id"]) for r in table] == [
        ("kring", "task-circulaire-werkplaats"), ("lid", "task-circulaire-werkplaats"),
        ("lid", "task-circulaire-werkplaats"), ("lid", "task-circulaire-werkplaats"),
        ("kring", "problem-capaciteit"), ("lid", "problem-capaciteit"), ("lid", "problem-capaciteit"),
        ("lid", "problem-capaciteit")]
    circle, tim, goede_morgen = table[0], table[1], table[2]
    assert circle["Beslissing"] == "" and circle["Soort basis"] == "opgave" and circle["Basis"] == "circulaire werkplaats"
    assert circle["Programmalijn"] == "Circulaire economie en samenleving | Sterke en gezonde gemeenschappen"
    assert circle["Voorgestelde gastheer"] == "TIM: circulaire werkplaats Textiel Innovatie Maastricht"
    assert tim["Project-IRI"] == TIM and tim["Lid"] == "ja" and tim["Voorgestelde gastheer"] == "ja"
    assert tim["Brengt in"] == "Werkplaats ingericht" and tim["Worstelt met"] == ""
    assert goede_morgen["Project-IRI"] == GOEDE_MORGEN and goede_morgen["Voorgestelde gastheer"] == "nee"
    assert goede_morgen["Worstelt met"] == "Ruimte vinden"
    assert table[4]["Soort basis"] == "probleem"
    assert b"\r\n" in (tmp_path / "kringen.csv").read_bytes()


def test_a_decided_circle_is_exported_with_its_decision():
    report = sample_report()
    report["circles"][1]["decision"] = "aanvaard"
    rows = circle_rows(report)
    assert [r["decision"] for r in rows if r["row"] == "kring"] == ["", "aanvaard"]


def test_csv_cells_that_could_be_formulas_are_neutralised(tmp_path):
    rows = _csv_rows(write_circles_csv(_hostile_report(), tmp_path / "kringen.csv"))
    cells = [cell for row in rows for cell in row]
    for text in HOSTILE:
        assert "'" + text in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_xlsx_has_the_table_an_explanation_sheet_and_no_formulas(tmp_path):
    path = write_circles_xlsx(_hostile_report(), tmp_path / "kringen.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Kringen", "Uitleg"]
    ws = wb["Kringen"]
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert ws.max_row == 1 + 8
    values = {cell.value for row in ws.iter_rows() for cell in row}
    for text in HOSTILE:
        assert text.replace("\r", "\n") in values  # the text itself, shown as it is (XML reads CR as LF) ...
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate  # ... but never a formula
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@", "\t", "\r", "\n")):
                assert cell.quotePrefix, cell.coordinate
    explained = [row[0].value for row in wb["Uitleg"].iter_rows(min_row=2, max_row=1 + len(COLUMNS))]
    assert explained == [f"{LETTERS[key]}: {header}" for key, header, _t in COLUMNS]
    assert "aanvaard" in wb["Uitleg"].cell(row=1 + HEADERS.index("Beslissing") + 1, column=2).value


def test_xlsx_decision_and_member_columns_have_dropdowns(tmp_path):
    ws = load_workbook(write_circles_xlsx(sample_report(), tmp_path / "kringen.xlsx"))["Kringen"]
    lists = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation if v.type == "list"}
    decision, member = LETTERS["decision"], LETTERS["member"]
    assert decision == "F"
    assert lists[f"{decision}2:{decision}209"] == '"aanvaard,afgewezen,open"'
    assert lists[f"{member}2:{member}209"] == '"ja,nee"'


def test_equal_reports_give_equal_bytes(tmp_path):
    a = write_circles_xlsx(sample_report(), tmp_path / "a.xlsx").read_bytes()
    b = write_circles_xlsx(sample_report(), tmp_path / "b.xlsx").read_bytes()
    assert a == b
    assert write_circles_csv(sample_report(), tmp_path / "a.csv").read_bytes() == \
        write_circles_csv(sample_report(), tmp_path / "b.csv").read_bytes()


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "kringen.xlsx"
    target.write_bytes(b"old")
    broken = sample_report()
    del broken["circles"][1]["id"]
    with pytest.raises(KeyError):
        write_circles_xlsx(broken, target)
    with pytest.raises(KeyError):
        write_circles_csv(broken, tmp_path / "kringen.csv")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kringen.xlsx"]


def test_the_report_is_not_modified(tmp_path):
    report = sample_report()
    write_circles_xlsx(report, tmp_path / "k.xlsx")
    write_circles_csv(report, tmp_path / "k.csv")
    assert report == sample_report()
