"""A bad input fails the build with a clear message and leaves build/ untouched.

Each test copies the real data/ and ontology/ into a temporary directory,
breaks one thing, and runs the real CLI (``python -m rdzl_graph build``) in
a subprocess over a copy of a previous good build.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rns
from rdflib.namespace import RDF

from rdzl_graph.core.sources import find_line
from rdzl_graph.core.namespaces import RD, RDZL, short_name


def snapshot(directory: Path) -> dict[str, str]:
    """Map every file (and directory) below *directory* to a content hash."""
    result = {}
    for path in sorted(directory.rglob("*")):
        rel = path.relative_to(directory).as_posix()
        result[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "<dir>"
    return result


@pytest.fixture
def workspace(tmp_path: Path, source_dirs: dict[str, Path], built) -> dict[str, Path]:
    """A private copy of data/, ontology/ and a previous good build."""
    data = tmp_path / "data"
    ontology = tmp_path / "ontology"
    out = tmp_path / "build"
    shutil.copytree(source_dirs["data"], data)
    shutil.copytree(source_dirs["ontology"], ontology)
    shutil.copytree(built.out_dir, out)
    return {"data": data, "ontology": ontology, "out": out}


def run_build(python_exe: str, cli_env: dict[str, str], ws: dict[str, Path], *options: str) -> subprocess.CompletedProcess:
    """Run ``python -m rdzl_graph build`` on the workspace (over a copy of a good build: ``--validate changed``
    then checks only what changed)."""
    return subprocess.run(
        [python_exe, "-m", "rdzl_graph", "build",
         "--data", str(ws["data"]), "--ontology", str(ws["ontology"]), "--out", str(ws["out"]), *options],
        capture_output=True, text=True, env=cli_env, cwd=ws["out"].parent, timeout=300,
    )


def project_files(data: Path) -> list[Path]:
    """The per-project data files (there must be some)."""
    files = sorted((data / "projects").glob("*.ttl"))
    assert files, "data/projects/ holds no project files"
    return files


def find_in_data(data: Path, rdf_class: URIRef, exclude: URIRef | None = None) -> tuple[Path, URIRef, Graph]:
    """Return (file, resource, parsed graph) of the first instance of a class in data/projects."""
    for path in project_files(data):
        graph = Graph().parse(path, format="turtle")
        for subject in sorted(graph.subjects(RDF.type, rdf_class)):
            if exclude is None or (subject, RDF.type, exclude) not in graph:
                return path, subject, graph
    pytest.fail(f"no {short_name(rdf_class)} found in data/projects")


def rewrite(path: Path, graph: Graph) -> None:
    """Write a modified graph back to its file as Turtle."""
    path.write_text(graph.serialize(format="turtle"), encoding="utf-8")


def assert_untouched(before: dict[str, str], out: Path) -> None:
    """The previous build is byte-for-byte the same and no temp dirs are left."""
    assert snapshot(out) == before


def test_broken_turtle_exits_2_and_names_file_and_line(workspace, python_exe, cli_env):
    path, project, _ = find_in_data(workspace["data"], RDZL.Project)
    subject_line = find_line(path, str(project))
    assert subject_line is not None
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # an unterminated string literal right after the project's subject line
    lines.insert(subject_line, '    rdzl:sourceSection "unterminated ;\n')
    path.write_text("".join(lines), encoding="utf-8")
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 2, proc.stderr
    rel = f"data/projects/{path.name}"
    assert f"error: {rel}, line {subject_line + 1}:" in proc.stderr
    assert "string" in proc.stderr  # the cause: newline found in string literal
    assert_untouched(before, workspace["out"])


def test_project_without_programme_line_exits_1(workspace, python_exe, cli_env):
    path, project, graph = find_in_data(workspace["data"], RDZL.Project, exclude=RDZL.SubProject)
    assert (project, RDZL.programmeLine, None) in graph
    graph.remove((project, RDZL.programmeLine, None))
    rewrite(path, graph)
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 1, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if short_name(project) + ":" in line]
    assert any("project has no programme line" in line and f"data/projects/{path.name}" in line for line in lines), proc.stderr
    assert "Project heeft geen programmalijn" in proc.stderr
    assert_untouched(before, workspace["out"])


def test_negative_amount_exits_1(workspace, python_exe, cli_env):
    path, funding, graph = find_in_data(workspace["data"], RDZL.FundingAllocation)
    graph.remove((funding, RDZL.amountEUR, None))
    graph.add((funding, RDZL.amountEUR, Literal(Decimal("-1000.00"), datatype=rns.XSD.decimal)))
    rewrite(path, graph)
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 1, proc.stderr
    assert any(
        short_name(funding) in line and "amount is negative" in line for line in proc.stderr.splitlines()
    ), proc.stderr
    assert_untouched(before, workspace["out"])


def test_unknown_municipality_exits_1(workspace, python_exe, cli_env):
    path, project, graph = find_in_data(workspace["data"], RDZL.Project)
    graph.add((project, RDZL.inMunicipality, RD["municipality/atlantis"]))
    rewrite(path, graph)
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 1, proc.stderr
    assert any(
        short_name(project) in line and "unknown municipality" in line and "rd:municipality/atlantis" in line
        for line in proc.stderr.splitlines()
    ), proc.stderr
    assert_untouched(before, workspace["out"])


def test_missing_data_dir_exits_2(workspace, python_exe, cli_env):
    shutil.rmtree(workspace["data"])
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ") and "data directory not found" in proc.stderr
    assert_untouched(before, workspace["out"])


def test_good_build_replaces_previous_build(workspace, python_exe, cli_env, built):
    stale = workspace["out"] / "graph" / "stale.txt"
    stale.write_text("left over from an older build")

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 0, proc.stderr
    graph_dir = workspace["out"] / "graph"
    assert not stale.exists()
    assert {p.name for p in graph_dir.iterdir()} == {
        "rdzl-graph.trig", "rdzl-graph.nt", "rdzl-graph-reasoned.ttl", "build-info.json",
    }
    # no temporary or old directories are left behind
    assert [p.name for p in workspace["out"].iterdir()] == ["graph"]
    # the outputs are reproducible: same input, same bytes (canonical blank nodes, sorted)
    for name in ("rdzl-graph.trig", "rdzl-graph.nt", "rdzl-graph-reasoned.ttl"):
        assert (graph_dir / name).read_bytes() == (built.graph_dir / name).read_bytes(), name


def test_missing_shapes_file_exits_2(workspace, python_exe, cli_env):
    (workspace["ontology"] / "rdzl-shapes.ttl").unlink()
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 2
    assert "error: ontology/rdzl-shapes.ttl: SHACL shapes file not found" in proc.stderr
    assert_untouched(before, workspace["out"])


def test_broken_ontology_names_ontology_file(workspace, python_exe, cli_env):
    path = workspace["ontology"] / "rdzl.ttl"
    text = path.read_text(encoding="utf-8")
    line_count = len(text.splitlines())
    path.write_text(text + "rdzl:Oops a owl:Class ;\n", encoding="utf-8")
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ontology/rdzl.ttl, line ")
    reported = int(proc.stderr.split(", line ")[1].split(":")[0])
    assert line_count < reported <= line_count + 2
    assert_untouched(before, workspace["out"])


@pytest.mark.parametrize("reasoner", ["fast", "owlrl"])
def test_resource_in_two_disjoint_classes_exits_1(workspace, python_exe, cli_env, reasoner):
    """Regression: owlrl's inconsistency reports used to be dropped as junk and the build passed."""
    path, project, graph = find_in_data(workspace["data"], RDZL.Project)
    graph.add((project, RDF.type, RDZL.Company))
    rewrite(path, graph)
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace, "--reasoner", reasoner)

    assert proc.returncode == 1, proc.stderr
    assert any(
        str(project) in line and "inconsistent" in line and path.name in line
        for line in proc.stderr.splitlines()
    ), proc.stderr
    assert_untouched(before, workspace["out"])


def test_failed_build_leaves_no_reasoner_thread_running(tmp_path, monkeypatch):
    """Regression: a build that failed during validation returned while the fast reasoner (then a
    daemon thread) was still writing into the store. Validation here fails at once, long before
    the reasoner (a tenth of a second or more) can be done."""
    import threading

    from rdzl_graph.build import pipeline
    from rdzl_graph.core.errors import ValidationError, Violation

    def fail_at_once(*_args, **_kwargs):
        raise ValidationError([Violation(focus="urn:x", path="p", message="broken")])

    monkeypatch.setattr(pipeline, "run_validation", fail_at_once)
    with pytest.raises(ValidationError):
        pipeline.build(tmp_path / "out")
    assert [t.name for t in threading.enumerate() if t.name == pipeline.REASONER_THREAD] == []
    assert not (tmp_path / "out" / "graph").exists()


def test_quality_check_row_fails_the_build_with_file_and_line(workspace, python_exe, cli_env):
    """queries/*-violation.rq run in the build: an organisation in no project passes the shapes
    but fails organisation-without-project-violation (exit 1, named with file and line, nothing written)."""
    organisations = workspace["data"] / "organisations.ttl"
    text = organisations.read_text(encoding="utf-8")
    organisations.write_text(text + "\norgs:nergens-actief a rdzl:Foundation ;\n"
                             '    rdfs:label "Stichting Nergens"@nl ;\n'
                             '    rdfs:comment "Testorganisatie."@nl , "Test organisation."@en ;\n'
                             "    rdzl:sourceReport report:voortgangsrapportage-4e-tranche .\n", encoding="utf-8")
    line = text.count("\n") + 2
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 1, proc.stderr
    expected = (f"data/organisations.ttl, line {line}: rd:org/nergens-actief: Controle: organisatie in geen enkel "
                "project / Check: organisation in no project [queries/organisation-without-project-violation.rq]")
    assert expected in proc.stderr
    assert "queries/*-violation.rq" in proc.stderr.splitlines()[0]
    assert_untouched(before, workspace["out"])


def test_quality_checks_find_nothing_on_the_real_data(built):
    import pyoxigraph as ox

    from rdzl_graph.build.quality import check_quality, quality_checks
    from rdzl_graph.core.namespaces import DATA_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
    from rdzl_graph.query.store import load_store

    store = load_store(built.trig)
    graphs = tuple(ox.NamedNode(str(g)) for g in (ONTOLOGY_GRAPH, DATA_GRAPH, INFERRED_GRAPH))
    assert len(quality_checks()) == 14  # with edition-lost-project (issue 16)
    assert check_quality(store, graphs=graphs) == []
    # the same checks do see the graph: without the data graph the projects (typed by inference) lack a status
    assert any(v.path == "queries/project-without-status-violation.rq"
               for v in check_quality(store, graphs=(graphs[0], ox.NamedNode("urn:x"), graphs[2])))
