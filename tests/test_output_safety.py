"""Hostile labels through every output format (issue 14): nothing is injected into the tool the output reaches.

A copy of ``data/`` in which eight organisations get hostile labels (formulas, a tab or a CR first,
ESC colour codes, BEL, a C1 CSI) is built with the real pipeline and run through the real CLI:

* CSV, TSV and XLSX (spreadsheets): formula-like text gets a leading ``'`` (XLSX: a text cell with
  Excel's quote prefix, the text itself exact), numbers stay numbers;
* terminal tables: no control character at all, the rest of the text visible;
* JSON, GraphML, GEXF (read by programs): the exact text (JSON escapes the control characters;
  XML cannot hold C0 controls, which become U+FFFD).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import unicodedata

import networkx as nx
import pytest
from openpyxl import load_workbook

from rdzl_graph.build import build
from rdzl_graph.core.resources import data_dir

ORG = "https://w3id.org/rdzl-graph/id/org/"
#: organisation slug -> hostile label (the exact text the graph holds).
HOSTILE = {
    "envida": '=HYPERLINK("http://x","Envida")',
    "krijtland-wonen": "@SUM(1+1)",
    "servatius": "+1",
    "woonpunt": "-1+2",
    "trajekt": "\tTrajekt",
    "mondriaan": "\rMondriaan",
    "provincie-limburg": "Provincie\x1b[31m Limburg\x07",
    "mumc": "MUMC\x9b31m+",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: One project and one task get hostile labels too (they are the cells of the circles spreadsheet).
PROJECT_LABEL = ("Goede Morgen: de circulaire werkplaats in Geleen", '=HYPERLINK("http://x")\x1b[31m Goede Morgen')
TASK_LABEL = ("Circulaire werkplaats opzetten", "@SUM(1+1) werkplaats\x07")


def _turtle(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Turtle string here (\t, \r, \u001b escapes)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The real data with hostile organisation labels, built; returns the build directory."""
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(data_dir(), data)
    path = data / "organisations.ttl"
    text = path.read_text(encoding="utf-8")
    for slug, label in HOSTILE.items():
        old = f'orgs:{slug} a '
        assert old in text, slug
        start = text.index(old)
        label_at = text.index("rdfs:label ", start)
        end = text.index("@nl", label_at)
        text = text[:label_at] + f"rdfs:label {_turtle(label)}" + text[end:]
    path.write_text(text, encoding="utf-8")
    for path, (old, new) in ((data / "projects" / "goede-morgen.ttl", PROJECT_LABEL),
                             (data / "vocabularies" / "tasks.ttl", TASK_LABEL)):
        text = path.read_text(encoding="utf-8")
        assert f'"{old}"@nl' in text
        path.write_text(text.replace(f'"{old}"@nl', f"{_turtle(new)}@nl", 1), encoding="utf-8")
    out = root / "build"
    build(out_dir=out, data_dir=data)
    return out


def run(python_exe, cli_env, *args):
    return subprocess.run([python_exe, "-m", "rdzl_graph", *args], capture_output=True, env=cli_env, timeout=300)


LABELS_QUERY = ("SELECT ?org ?label (-1 AS ?minus) WHERE { ?org rdfs:label ?label "
                "FILTER(STRSTARTS(STR(?org), 'https://w3id.org/rdzl-graph/id/org/')) } ORDER BY ?org")


def _terminal_safe(text: str, allowed: str = "\n") -> None:
    bad = sorted({hex(ord(c)) for c in text if c not in allowed and unicodedata.category(c) in ("Cc", "Cf")})
    assert bad == [], bad


def _query(python_exe, cli_env, hostile, fmt):
    result = run(python_exe, cli_env, "query", "-e", LABELS_QUERY, "--format", fmt, "--build", str(hostile))
    assert result.returncode == 0, result.stderr
    return result.stdout.decode("utf-8")


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_query_csv_and_tsv_neutralise_formulas_and_keep_numbers(python_exe, cli_env, hostile, fmt):
    text = _query(python_exe, cli_env, hostile, fmt)
    _terminal_safe(text, "\n\t" if fmt == "tsv" else "\n")  # written to stdout, often a terminal
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="," if fmt == "csv" else "\t"))
    by_org = {row[0]: row for row in rows[1:]}
    for slug, label in HOSTILE.items():
        cell = by_org[f"orgs:{slug}"][1] if f"orgs:{slug}" in by_org else by_org[f"org:{slug}"][1]
        shown = "".join(" " if unicodedata.category(c) == "Cc" else c for c in label)
        assert cell == ("'" + shown if shown.lstrip(" \n\r\t").startswith(FORMULA_START) else shown), slug
    cells = [cell for row in rows for cell in row[:2]]
    assert not any(cell.lstrip(" \n\r\t").startswith(FORMULA_START) for cell in cells)
    assert {row[2] for row in rows[1:]} == {"-1"}  # a number stays a number


def test_query_json_keeps_the_exact_text(python_exe, cli_env, hostile):
    text = _query(python_exe, cli_env, hostile, "json")
    _terminal_safe(text)
    labels = {row[1] for row in json.loads(text)["rows"]}
    assert set(HOSTILE.values()) <= labels
    assert {row[2] for row in json.loads(text)["rows"]} == {-1}


def test_query_table_shows_no_control_character(python_exe, cli_env, hostile):
    text = _query(python_exe, cli_env, hostile, "table")
    _terminal_safe(text)
    assert "Provincie [31m Limburg" in text and '=HYPERLINK("http://x","Envida")' in text


@pytest.mark.parametrize("command", [["centrality"], ["overlap", "--top", "0"], ["communities"]])
def test_network_tables_show_no_control_character(python_exe, cli_env, hostile, command):
    result = run(python_exe, cli_env, *command, "--build", str(hostile))
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    _terminal_safe(text)
    assert "Provincie [31m Limburg" in text or command != ["centrality"]


@pytest.mark.parametrize("command", [["centrality"], ["overlap", "--top", "0"]])
def test_network_json_keeps_the_exact_text(python_exe, cli_env, hostile, command):
    result = run(python_exe, cli_env, *command, "--format", "json", "--build", str(hostile))
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    _terminal_safe(text)
    data = json.loads(text)
    if command == ["centrality"]:
        assert set(HOSTILE.values()) & {row["label"] for row in data} == {
            label for slug, label in HOSTILE.items() if ORG + slug in {row["node"] for row in data}}
        assert "Provincie\x1b[31m Limburg\x07" in {row["label"] for row in data}
    else:
        assert any("\x1b[31m" in reason for row in data for reason in row["reasons"])


def test_network_csv_export_neutralises_formulas(python_exe, cli_env, hostile, tmp_path):
    result = run(python_exe, cli_env, "network-export", "--format", "csv", "-o", str(tmp_path), "--build", str(hostile))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO((tmp_path / "full-nodes.csv").read_bytes().decode("utf-8-sig"), newline=""),
                           delimiter=";"))
    header = rows[0]
    labels = {row[0]: row[header.index("label")] for row in rows[1:]}
    for slug, label in HOSTILE.items():
        expected = "'" + label if label.startswith(FORMULA_START) else label
        assert labels[ORG + slug] == expected, slug
    for name in ("full-nodes.csv", "full-edges.csv", "overlap-edges.csv", "project-organisation-nodes.csv"):
        table = list(csv.reader(io.StringIO((tmp_path / name).read_bytes().decode("utf-8-sig"), newline=""),
                                delimiter=";"))
        numeric = [c for row in table[1:] for c in row if c.replace(",", "").replace("-", "").isdigit()]
        assert not any(c.startswith("'") and c[1:].replace(",", "").replace("-", "").isdigit() for row in table
                       for c in row), name  # numbers are never quoted
        assert not any(c.startswith(FORMULA_START) and c not in numeric for row in table for c in row), name


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_keep_the_text_and_stay_readable(python_exe, cli_env, hostile, tmp_path, fmt):
    result = run(python_exe, cli_env, "network-export", "--format", fmt, "-o", str(tmp_path), "--build", str(hostile))
    assert result.returncode == 0, result.stderr
    graph = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(tmp_path / f"full.{fmt}")
    for slug, label in HOSTILE.items():
        kept = label.replace("\x1b", "\ufffd").replace("\x07", "\ufffd")  # XML 1.0 cannot hold C0 controls
        got = graph.nodes[ORG + slug]["label"]
        assert got.replace("\n", "\r") == kept or got == kept, (slug, got)
    assert graph.nodes[ORG + "envida"]["label"] == '=HYPERLINK("http://x","Envida")'  # not a spreadsheet


def test_circles_spreadsheets_neutralise_formulas(python_exe, cli_env, hostile, tmp_path):
    for fmt in ("csv", "xlsx"):
        result = run(python_exe, cli_env, "circles", "--format", fmt, "-o", str(tmp_path / f"kringen.{fmt}"),
                     "--build", str(hostile))
        assert result.returncode == 0, result.stderr
    text = (tmp_path / "kringen.csv").read_bytes().decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") for c in row]
    assert not any(c.lstrip(" \n\r\t").startswith(FORMULA_START) for c in cells)
    assert "'" + PROJECT_LABEL[1] in cells and "'" + TASK_LABEL[1] in cells
    workbook = load_workbook(tmp_path / "kringen.xlsx")
    values = set()
    for row in workbook["Kringen"].iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                values.add(cell.value)
                if cell.value.lstrip(" \n\r\t").startswith(FORMULA_START):
                    assert cell.quotePrefix, cell.coordinate
    # the text as text; XLSX is XML, which cannot hold ESC or BEL (openpyxl refused them with a traceback)
    for label in (PROJECT_LABEL[1], TASK_LABEL[1]):
        assert label.replace("\x1b", "\ufffd").replace("\x07", "\ufffd") in values


def test_circles_table_shows_no_control_character(python_exe, cli_env, hostile):
    result = run(python_exe, cli_env, "circles", "--build", str(hostile))
    assert result.returncode == 0, result.stderr
    _terminal_safe(result.stdout.decode("utf-8"))


def test_error_messages_echo_no_control_characters_and_no_100kb(python_exe, cli_env, hostile):
    huge = "x" * 100_000
    cases = [
        ["query", "search", "-p", huge],
        ["query", "bridge-organisations", "-p", f"min_projects={huge}"],
        ["query", "project-partners", "-p", f"project={huge}"],
        ["query", "project-partners", "-p", f"project=https://a.example/{huge}"],
        ["query", huge],
        ["overlap", huge],
        ["learn-from", huge],
    ]
    for args in cases:
        result = run(python_exe, cli_env, *args, "--build", str(hostile))
        assert result.returncode == 2, args[:2]
        assert result.stdout == b""
        assert len(result.stderr) < 2_500, (args[:2], len(result.stderr))
    result = run(python_exe, cli_env, "query", "project-partners", "-p", "project=vallis\x1b[31mveld\x07",
                 "--build", str(hostile))
    assert result.returncode == 2
    error = result.stderr.decode("utf-8")
    _terminal_safe(error)
    assert "vallis\\x1b[31mveld\\x07" in error
    result = run(python_exe, cli_env, "query", "search", "-p", f"text={huge}", "-p", "x=1", "--build", str(hostile))
    assert result.returncode == 2 and len(result.stderr) < 300
