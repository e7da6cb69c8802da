"""Open the trainee's edited circles spreadsheet (XLSX sheet ``Kringen`` or CSV) as rows of text.

:func:`read_sheet` finds the columns by their Dutch header (they may be moved) and keeps the place
of every cell (``Kringen!C7``), so that :mod:`rdzl_graph.circles.decisions` can name it in an
error. A formula is refused (its value is not read), and the neutralising quote that
:mod:`rdzl_graph.circles.sheets` puts before text that looks like a formula is taken off.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from ..core.errors import InputError
from ..text.safety import unneutralise
from .sheets import COLUMNS, SHEET

#: Columns the import needs (keys of :data:`rdzl_graph.circles.sheets.COLUMNS`).
REQUIRED = ("row", "circle_id", "decision", "member", "project", "project_iri")
HEADER_KEYS = {header.lower(): key for key, header, _t in COLUMNS}
HEADER_OF = {key: header for key, header, _t in COLUMNS}


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class Sheet:
    """The rows of the sheet as text, with the place of every cell for error messages."""

    def __init__(self, path: Path, where: str, rows: list[list[str]]) -> None:
        self.path, self.where, self.rows = path, where, rows
        self.columns: dict[str, int] = {}

    def error(self, cell: str, message: str) -> InputError:
        return InputError(self.path.name, None, f"{self.where}{cell}: {message}")

    def cell(self, key: str, row: int) -> str:
        return f"{_column_letter(self.columns[key])}{row}"

    def read_header(self) -> None:
        if not self.rows or not any(self.rows[0]):
            raise self.error("1", "het blad is leeg (geen kopregel gevonden)")
        for i, text in enumerate(self.rows[0]):
            key = HEADER_KEYS.get(text.strip().lower())
            if key is not None:
                self.columns.setdefault(key, i)
        for key in REQUIRED:
            if key not in self.columns:
                raise self.error("1", f"kolom '{HEADER_OF[key]}' ontbreekt in de kopregel")

    def records(self) -> list[tuple[int, dict[str, str]]]:
        out = []
        for number, values in enumerate(self.rows[1:], start=2):
            record = {key: (values[i].strip() if i < len(values) else "") for key, i in self.columns.items()}
            if any(record.values()):
                out.append((number, record))
        return out


def _read_xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, data_only=False, read_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(path.name, None, f"geen leesbaar Excel-bestand (.xlsx): {exc}") from exc
    if SHEET not in wb.sheetnames:
        raise InputError(path.name, None, f"werkblad '{SHEET}' ontbreekt (gevonden: {', '.join(wb.sheetnames)})")
    ws = wb[SHEET]
    rows = []
    for row in ws.iter_rows():
        for c in row:
            if c.data_type == "f":
                raise InputError(path.name, None, f"{SHEET}!{c.coordinate}: formule {str(c.value)[:40]!r} wordt "
                                                  "niet gelezen; typ de waarde zelf in de cel")
        rows.append([unneutralise("" if c.value is None else str(c.value)) for c in row])
    return Sheet(path, f"{SHEET}!", rows)


def _read_csv(path: Path) -> Sheet:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path.name, None, f"geen UTF-8-tekst (sla het bestand op als CSV UTF-8): {exc}") from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = [[unneutralise(cell) for cell in row] for row in csv.reader(io.StringIO(text, newline=""),
                                                                         delimiter=delimiter)]
    return Sheet(path, "", rows)


def read_sheet(path: Path | str) -> Sheet:
    """Open the edited spreadsheet (``.xlsx`` or ``.csv``) and check its header."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), None, "bestand niet gevonden")
    if path.stat().st_size == 0:
        raise InputError(path.name, None, "het bestand is leeg")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        sheet = _read_xlsx(path)
    elif suffix == ".csv":
        sheet = _read_csv(path)
    else:
        raise InputError(path.name, None, f"onbekende soort bestand {suffix!r} (verwacht .xlsx of .csv)")
    sheet.read_header()
    return sheet
