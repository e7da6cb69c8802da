"""The stats and export subcommands on the real build."""

from __future__ import annotations

import json
import subprocess

import pytest
from rdflib import Dataset, Graph

from rdzl_graph.cli import main


def run_cli(python_exe, cli_env, *args):
    return subprocess.run([python_exe, "-m", "rdzl_graph", *args], capture_output=True, env=cli_env, timeout=300)


def test_stats_json(built, python_exe, cli_env):
    proc = run_cli(python_exe, cli_env, "stats", "--build", str(built.out_dir), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["classes"] == built.result.class_counts
    assert sum(data["graphs"].values()) == sum(
        built.result.triples[k] for k in ("ontology", "data", "inferred")
    )
    # a sub-project is counted as a project too (reasoned counts)
    assert data["classes"]["rdzl:Project"] >= data["classes"]["rdzl:SubProject"] > 0


def test_stats_table(built, capsys):
    assert main(["stats", "--build", str(built.out_dir)]) == 0
    out = capsys.readouterr().out
    assert "rdzl:Project" in out and "instances" in out


@pytest.mark.parametrize("fmt,rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_export_union(built, tmp_path, fmt, rdflib_format):
    target = tmp_path / f"out.{fmt}"
    assert main(["export", "--build", str(built.out_dir), "--format", fmt, "-o", str(target)]) == 0
    graph = Graph().parse(target, format=rdflib_format)
    assert len(graph) == built.result.triples["total"]


def test_export_trig_to_stdout(built, python_exe, cli_env):
    proc = run_cli(python_exe, cli_env, "export", "--build", str(built.out_dir), "--format", "trig")
    assert proc.returncode == 0, proc.stderr
    dataset = Dataset()
    dataset.parse(data=proc.stdout, format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {
        "https://w3id.org/rdzl-graph/graph/ontology",
        "https://w3id.org/rdzl-graph/graph/data",
        "https://w3id.org/rdzl-graph/graph/inferred",
    }


def test_stats_without_build_exits_2(tmp_path, python_exe, cli_env):
    proc = run_cli(python_exe, cli_env, "stats", "--build", str(tmp_path / "nothing"))
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("error: ")


def test_parser_does_not_import_the_analysis_stack(python_exe, cli_env):
    """Regression: every command (even ``build`` and ``--help``) imported networkx, numpy, scipy
    and the site generator, because the CLI modules imported them at the top; later the build
    pipeline (pySHACL), the endpoints' client and server and the synthetic generator."""
    code = ("import sys; from rdzl_graph.cli import make_parser; make_parser(); "
            "print(' '.join(m for m in ('networkx', 'numpy', 'scipy', 'igraph', 'jinja2', 'pyvis', 'IPython', "
            "'pyshacl', 'rdzl_graph.network.analysis', 'rdzl_graph.site.generator', 'rdzl_graph.build.pipeline', "
            "'rdzl_graph.validation.validate', 'rdzl_graph.endpoints.client', 'rdzl_graph.endpoints.serve', "
            "'rdzl_graph.synth') if m in sys.modules))")
    proc = subprocess.run([python_exe, "-c", code], env=cli_env, capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ""
