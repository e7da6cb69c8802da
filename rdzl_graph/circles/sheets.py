"""The circles as a spreadsheet a trainee edits: CSV and XLSX with a decision column.

One table, the same in both formats (sheet ``Kringen`` in the XLSX, the
whole file in the CSV): per circle one **kring** row, followed by one
**lid** row per member project. Headers are Dutch (:data:`COLUMNS`); the
XLSX has a second sheet ``Uitleg`` explaining every column and how to mark
a decision, and dropdowns on the columns *Beslissing* and *Lid*.

What the trainee edits (read back by :mod:`rdzl_graph.circles.decisions`):

* *Beslissing* on a kring row: ``aanvaard``, ``afgewezen`` or ``open``
  (empty: no decision on this circle in this sheet);
* *Lid* on a lid row: ``ja`` (stays, the default) or ``nee`` (remove);
* a new lid row (Soort rij ``lid``, the Kring-id, and the project's name or
  IRI) adds a member;
* *Notities* on a kring row becomes the decision's note.

CSV as the project's other CSVs (:mod:`rdzl_graph.network.exports`): UTF-8
with byte-order mark, ``;`` as separator, decimal commas (the table has no
numbers). Cells that start with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return are neutralised against formula injection (OWASP,
:mod:`rdzl_graph.text.safety`): in the CSV a ``'`` is put in front; in the
XLSX they are written as text cells with a quote prefix, never as formulas. Files are written atomically
(temporary file, then rename) and are byte-identical for the same report.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import zipfile
from pathlib import Path
from typing import Any

from ..core.atomic import replace_file
from ..text.safety import is_formula_like, neutralise, xml_safe

#: (key, Dutch header, explanation) of every column, in sheet order.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("row", "Soort rij", "kring: de regel van een kring; lid: een project in die kring."),
    ("circle_id", "Kring-id", "Vaste naam van de kring. Niet veranderen: zo vindt het programma de kring terug."),
    ("circle", "Kring", "De naam van de kring: de gedeelde opgave, het gedeelde probleem, thema of de gedeelde partner."),
    ("basis_kind", "Soort basis", "Waar de kring om draait: opgave, probleem (aandachtspunt), thema of partner."),
    ("basis", "Basis", "De opgave, het probleem, het thema of de partner zelf."),
    ("decision", "Beslissing",
     "Alleen op een kringregel: aanvaard, afgewezen of open. Leeg laten als je (nog) niets beslist."),
    ("member", "Lid",
     "Alleen op een lidregel: ja (blijft in de kring) of nee (haal het project uit de kring)."),
    ("project", "Project", "Naam van het project. Voor een nieuw lid: typ de naam zoals op de site."),
    ("project_iri", "Project-IRI", "Vaste identificatie van het project (mag leeg bij een nieuw lid als de naam klopt)."),
    ("line", "Programmalijn", "De programmalijn van het project (bij een kring: de lijnen van de leden)."),
    ("brings", "Brengt in", "Wat het project in deze kring inbrengt: bereikte mijlpalen op dit gebied."),
    ("struggles", "Worstelt met", "Waar het project mee worstelt: zijn aandachtspunten op dit gebied."),
    ("host", "Voorgestelde gastheer",
     "Bij een lid: ja als dit project wordt voorgesteld om de eerste bijeenkomst te organiseren. "
     "Bij een kring: het voorgestelde project."),
    ("notes", "Notities", "Vrije tekst. Op een kringregel wordt dit de toelichting bij de beslissing."),
)
HEADERS: tuple[str, ...] = tuple(header for _key, header, _text in COLUMNS)
#: Column letter of each key (A, B, ...).
LETTERS: dict[str, str] = {key: chr(ord("A") + i) for i, (key, _h, _t) in enumerate(COLUMNS)}
SHEET = "Kringen"
HELP_SHEET = "Uitleg"
ROW_CIRCLE, ROW_MEMBER = "kring", "lid"
DECISION_WORDS = ("aanvaard", "afgewezen", "open")
YES, NO = "ja", "nee"
BASIS_KIND_NL = {"task": "opgave", "problem": "probleem", "theme": "thema", "partner": "partner"}
#: Separator of lists inside one cell.
LIST_SEPARATOR = " | "
#: Dropdowns reach this many rows below the table, for added members.
SPARE_ROWS = 200
#: Time stamp inside the XLSX (document properties, zip entries), fixed so that equal reports give equal bytes.
FIXED_TIME = _dt.datetime(2025, 1, 1)

HOW_TO = (
    "Zo gebruik je dit bestand",
    "Elke kring staat op een eigen regel (Soort rij = kring), met daaronder zijn leden (Soort rij = lid).",
    "Beslis per kring in de kolom Beslissing: aanvaard, afgewezen of open.",
    "Haal een project uit een kring: zet bij dat lid in de kolom Lid het woord nee.",
    "Voeg een project toe: maak een nieuwe regel met Soort rij = lid, de Kring-id van de kring en de naam "
    "(of de IRI) van het project; Lid = ja.",
    "Typ waarden zelf; formules worden niet gelezen. Verander de kolomnamen en de Kring-id's niet.",
    "Lees het bestand daarna in met: rdzl-graph circles import BESTAND.xlsx",
)


def _labels(items: list[dict[str, Any]]) -> str:
    return LIST_SEPARATOR.join(str(item.get("label") or item.get("iri") or "") for item in items)


def _decision_cell(circle: dict[str, Any]) -> str:
    decision = circle.get("decision")
    return decision if decision in DECISION_WORDS else ""


def circle_rows(report: dict[str, Any]) -> list[dict[str, str]]:
    """The table of the spreadsheet: a kring row per circle, then a lid row per member.

    Parameters
    ----------
    report : dict
        :func:`rdzl_graph.circles.circles_report` (not modified).

    Returns
    -------
    list of dict
        Column key (:data:`COLUMNS`) -> cell text, not yet neutralised.

    Examples
    --------
    >>> report = {"circles": [{"id": "task-x", "label": "X", "basis": {"kind": "task", "label": "X"},
    ...     "host": {"iri": "p:a", "label": "A"}, "decision": "voorstel",
    ...     "projects": [{"iri": "p:a", "label": "A", "programme_line_label": "Lijn 1",
    ...                   "brings": [{"label": "m1"}], "struggles": []}]}]}
    >>> [(r["row"], r["project"], r["host"]) for r in circle_rows(report)]
    [('kring', '', 'A'), ('lid', 'A', 'ja')]
    """
    rows: list[dict[str, str]] = []
    for circle in report.get("circles", []):
        basis = circle.get("basis") or {}
        host = circle.get("host") or {}
        members = circle.get("projects", [])
        lines = dict.fromkeys(str(p.get("programme_line_label") or "") for p in members)
        common = {"circle_id": str(circle["id"]), "circle": str(circle.get("label") or ""),
                  "basis_kind": BASIS_KIND_NL.get(basis.get("kind"), str(basis.get("kind") or "")),
                  "basis": str(basis.get("label") or "")}
        blank = dict.fromkeys((key for key, _h, _t in COLUMNS), "")
        rows.append({**blank, **common, "row": ROW_CIRCLE, "decision": _decision_cell(circle),
                     "line": LIST_SEPARATOR.join(line for line in lines if line),
                     "host": str(host.get("label") or "")})
        for p in members:
            rows.append({**blank, **common, "row": ROW_MEMBER, "member": YES, "project": str(p.get("label") or ""),
                         "project_iri": str(p.get("iri") or ""),
                         "line": str(p.get("programme_line_label") or p.get("programme_line") or ""),
                         "brings": _labels(p.get("brings", [])), "struggles": _labels(p.get("struggles", [])),
                         "host": YES if host.get("iri") and host.get("iri") == p.get("iri") else NO})
    return rows


def circles_csv_text(report: dict[str, Any]) -> str:
    """The spreadsheet table as CSV text (``;``-separated, CRLF, cells neutralised).

    Examples
    --------
    >>> circles_csv_text({"circles": []}).split(";")[:2]
    ['Soort rij', 'Kring-id']
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows([neutralise(row[key]) for key, _h, _t in COLUMNS] for row in circle_rows(report))
    return buffer.getvalue()


def write_circles_csv(report: dict[str, Any], path: Path | str) -> Path:
    """Write the circles table as CSV for Excel with a Dutch locale (UTF-8 with BOM, ``;``).

    Parameters
    ----------
    report : dict
        :func:`rdzl_graph.circles.circles_report`.
    path : path-like
        The file to write (atomically; parent directories are created).

    Returns
    -------
    pathlib.Path
        *path*.

    Examples
    --------
    >>> write_circles_csv({"circles": []}, "/tmp/rdzl-doc-kringen.csv").read_bytes()[:3]
    b'\\xef\\xbb\\xbf'
    """
    text = circles_csv_text(report)
    return replace_file(path, text.encode("utf-8-sig"))


def _text_cell(ws: Any, row: int, column: int, value: str) -> None:
    """Write *value* as a text cell, never a formula (dangerous text gets Excel's quote prefix).

    The control characters an XLSX (XML) cannot hold become U+FFFD
    (:func:`rdzl_graph.text.safety.xml_safe`); openpyxl would refuse them.
    """
    value = xml_safe(value)
    cell = ws.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"
    if is_formula_like(value):
        cell.quotePrefix = True


def _main_sheet(ws: Any, rows: list[dict[str, str]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    bold, fill = Font(bold=True), PatternFill("solid", start_color="FFE8EEF4", end_color="FFE8EEF4")
    for column, header in enumerate(HEADERS, start=1):
        _text_cell(ws, 1, column, header)
        ws.cell(row=1, column=column).font = bold
    for r, row in enumerate(rows, start=2):
        for column, (key, _h, _t) in enumerate(COLUMNS, start=1):
            _text_cell(ws, r, column, row[key])
            cell = ws.cell(row=r, column=column)
            cell.alignment = Alignment(vertical="top", wrap_text=key in ("brings", "struggles", "circle"))
            if row["row"] == ROW_CIRCLE:
                cell.font, cell.fill = bold, fill
    last = len(rows) + 1 + SPARE_ROWS
    for key, words, title in (("decision", DECISION_WORDS, "Beslissing"), ("member", (YES, NO), "Lid")):
        validation = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True,
                                    showErrorMessage=True, errorTitle=title,
                                    error=f"Kies {', '.join(words[:-1])} of {words[-1]}.")
        validation.add(f"{LETTERS[key]}2:{LETTERS[key]}{last}")
        ws.add_data_validation(validation)
    widths = {"row": 9, "circle_id": 30, "circle": 34, "basis_kind": 12, "basis": 28, "decision": 12, "member": 7,
              "project": 36, "project_iri": 30, "line": 28, "brings": 48, "struggles": 48, "host": 12, "notes": 36}
    for key, width in widths.items():
        ws.column_dimensions[LETTERS[key]].width = width
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{LETTERS[COLUMNS[-1][0]]}{len(rows) + 1}"


def _help_sheet(ws: Any) -> None:
    from openpyxl.styles import Alignment, Font

    _text_cell(ws, 1, 1, "Kolom")
    _text_cell(ws, 1, 2, "Betekenis")
    for column in (1, 2):
        ws.cell(row=1, column=column).font = Font(bold=True)
    for r, (key, header, text) in enumerate(COLUMNS, start=2):
        _text_cell(ws, r, 1, f"{LETTERS[key]}: {header}")
        _text_cell(ws, r, 2, text)
    start = len(COLUMNS) + 3
    for i, line in enumerate(HOW_TO):
        _text_cell(ws, start + i, 2 if i else 1, line)
        if not i:
            ws.cell(row=start, column=1).font = Font(bold=True)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 110
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)


def circles_workbook_bytes(report: dict[str, Any]) -> bytes:
    """The XLSX file as bytes: sheet ``Kringen`` (the table) and ``Uitleg`` (the columns explained).

    Equal reports give equal bytes: document times and zip entry times are
    :data:`FIXED_TIME`.
    """
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    _main_sheet(ws, circle_rows(report))
    _help_sheet(wb.create_sheet(HELP_SHEET))
    wb.properties.creator = "rdzl-graph"
    wb.properties.title = "Kringen voor kennisuitwisseling"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def write_circles_xlsx(report: dict[str, Any], path: Path | str) -> Path:
    """Write the circles table as an Excel workbook with dropdowns and an explanation sheet.

    Parameters
    ----------
    report : dict
        :func:`rdzl_graph.circles.circles_report`.
    path : path-like
        The ``.xlsx`` file to write (atomically).

    Returns
    -------
    pathlib.Path
        *path*.

    Examples
    --------
    >>> from openpyxl import load_workbook
    >>> path = write_circles_xlsx({"circles": []}, "/tmp/rdzl-doc-kringen.xlsx")
    >>> load_workbook(path).sheetnames
    ['Kringen', 'Uitleg']
    """
    data = circles_workbook_bytes(report)
    return replace_file(path, data)
