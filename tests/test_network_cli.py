"""The network commands end to end, as a user runs them."""

from __future__ import annotations

import json
import subprocess

import networkx as nx
import pytest

from rdzl_graph.network.reports import export_report


def run(python_exe, cli_env, *args):
    return subprocess.run([python_exe, "-m", "rdzl_graph", *args], capture_output=True, text=True, env=cli_env, timeout=120)


def test_overlap_of_one_project_as_json(built, python_exe, cli_env):
    result = run(python_exe, cli_env, "overlap", "project:vallisveld", "--top", "2", "--format", "json", "--build", str(built.out_dir))
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 2
    assert rows[0]["a_label"] == "Vallisveld" and rows[0]["b_label"] == "Pottenberg & Nazareth"
    assert "beide werken met Envida" in rows[0]["reasons"]


def test_overlap_table_in_english(built, python_exe, cli_env):
    result = run(python_exe, cli_env, "overlap", "--top", "3", "--lang", "en", "--build", str(built.out_dir))
    assert result.returncode == 0, result.stderr
    assert "both work with Envida" in result.stdout


def test_unknown_project_is_a_clear_error(built, python_exe, cli_env):
    result = run(python_exe, cli_env, "overlap", "no-such-project", "--build", str(built.out_dir))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "unknown project 'no-such-project'" in result.stderr and "vallisveld" in result.stderr


@pytest.mark.parametrize("command", [["overlap"], ["communities"], ["centrality"], ["network-export", "--format", "csv", "-o", "x"]])
def test_missing_build_asks_for_build(tmp_path, python_exe, cli_env, command):
    result = run(python_exe, cli_env, *command, "--build", str(tmp_path / "nothing"))
    assert result.returncode == 2
    assert "run `rdzl-graph build` first" in result.stderr
    assert result.stdout == ""


def test_communities_json(built, python_exe, cli_env):
    result = run(python_exe, cli_env, "communities", "--format", "json", "--seed", "3", "--build", str(built.out_dir))
    assert result.returncode == 0, result.stderr
    communities = json.loads(result.stdout)
    assert sum(len(c["projects"]) for c in communities) == 24
    chemelot = next(c for c in communities if "Circular Chemelot" in c["projects"])
    assert "Chemelot" in chemelot["linking"]["organisations"]
    assert all(c["reasons"] is not None and c["rationale"] for c in communities)


def test_centrality_table_lists_brokers(built, python_exe, cli_env):
    result = run(python_exe, cli_env, "centrality", "--build", str(built.out_dir))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("Chemelot") for line in lines[1:4])


def test_exports_open_in_gephi_and_excel(built, store, python_exe, cli_env, tmp_path):
    result = run(python_exe, cli_env, "network-export", "--format", "csv", "-o", str(tmp_path), "--build", str(built.out_dir))
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "overlap-edges.csv") in result.stdout.splitlines()
    for fmt in ("graphml", "gexf", "trig"):  # same code path as the CLI, without another interpreter start
        assert export_report(store, fmt, tmp_path)
    graph = nx.read_graphml(tmp_path / "full.graphml")
    assert graph.nodes["https://w3id.org/rdzl-graph/id/org/envida"]["kind"] == "organisation"
    overlap = nx.read_gexf(tmp_path / "overlap.gexf")
    assert overlap.number_of_nodes() == 24
    raw = (tmp_path / "overlap-edges.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, first = raw.decode("utf-8-sig").splitlines()[:2]
    assert header.split(";")[:4] == ["source", "target", "source_label", "target_label"]
    assert "," in first.split(";")[-1]  # decimal comma in the weight column
    assert (tmp_path / "analysis.trig").read_text(encoding="utf-8").count("rdzl:Community") >= 3
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_communities_table_names_pruned_hub_features():
    from rdzl_graph.cli.network import render_communities

    data = {"seed": 0, "modularity": 0.3, "stability": 1.0, "communities": [], "pruned_features": [
        {"component": "partners", "label": "Provincie Limburg", "projects": 900},
        {"component": "text", "label": "project", "projects": 800},
    ]}
    assert "2 kenmerken komen in zoveel projecten voor dat ze zelf geen overlap aanwijzen: Provincie Limburg en 'project'." \
        in render_communities(data)
    assert "Note: 2 features" in render_communities(data, "en")
    assert "Let op" not in render_communities(dict(data, pruned_features=[]))
