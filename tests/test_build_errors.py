"""A bad input fails the build with a clear message and leaves build/ untouched.

Each test copies the real data/ and ontology/ into a temporary directory,
breaks one thing, and runs the real CLI (``python -m rdzl_graph build``) in
a subprocess over a copy of a previous good build.
"""

from __future__ import annotations

import hashlib
import os
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
    column = len(lines[subject_line].rstrip("\n")) + 1  # Oxigraph points at the line's end
    assert f"error: {rel}, line {subject_line + 1}, column {column}: not valid Turtle: a string" in proc.stderr
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
    reported = int(proc.stderr.split(", line ")[1].split(",")[0])
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


def test_a_quality_check_row_found_while_writing_replaces_nothing(workspace):
    """The quality checks run in a thread of their own while the outputs are written into a
    temporary directory: a row they find fails the build before that directory replaces graph/
    (it is removed), and no thread of the build is left running."""
    import threading

    from rdzl_graph.build import pipeline
    from rdzl_graph.core.errors import ValidationError

    organisations = workspace["data"] / "organisations.ttl"
    organisations.write_text(organisations.read_text(encoding="utf-8")
                             + "\norgs:nergens-actief a rdzl:Foundation ;\n"
                             '    rdfs:label "Stichting Nergens"@nl ;\n'
                             '    rdfs:comment "Testorganisatie."@nl , "Test organisation."@en ;\n'
                             "    rdzl:sourceReport report:voortgangsrapportage-4e-tranche .\n", encoding="utf-8")
    before = snapshot(workspace["out"])

    with pytest.raises(ValidationError) as failed:
        pipeline.build(workspace["out"], data_dir=workspace["data"], ontology_dir=workspace["ontology"],
                       validation="all")

    assert [v.path for v in failed.value.violations] == ["queries/organisation-without-project-violation.rq"]
    assert [t.name for t in threading.enumerate()
            if t.name in (pipeline.REASONER_THREAD, pipeline.QUALITY_THREAD)] == []
    assert_untouched(before, workspace["out"])


def test_quality_checks_find_nothing_on_the_real_data(built):
    import pyoxigraph as ox

    from rdzl_graph.build.quality import check_quality, quality_checks
    from rdzl_graph.core.namespaces import DATA_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
    from rdzl_graph.query.store import load_store

    store = load_store(built.trig)
    graphs = tuple(ox.NamedNode(str(g)) for g in (ONTOLOGY_GRAPH, DATA_GRAPH, INFERRED_GRAPH))
    assert len(quality_checks()) == 15  # with project-count-figure (issue 14) and edition-lost-project (issue 16)
    assert check_quality(store, graphs=graphs) == []
    # the same checks do see the graph: without the data graph the projects (typed by inference) lack a status
    assert any(v.path == "queries/project-without-status-violation.rq"
               for v in check_quality(store, graphs=(graphs[0], ox.NamedNode("urn:x"), graphs[2])))


# --- lost input (issue 14): a build that would publish fewer facts fails instead ------------------


@pytest.mark.parametrize("content", [b"", b"# all facts deleted\n@prefix rdzl: <https://w3id.org/rdzl-graph/ont#> .\n"],
                         ids=["zero-bytes", "only-comments"])
def test_emptied_project_file_exits_2(workspace, python_exe, cli_env, content):
    """Regression: an emptied project file built with exit 0 (also --validate all) and the site lost the
    project and its amount. Welcome to Maastricht Region names no partner, so no other check noticed."""
    path = workspace["data"] / "projects" / "welcome-to-maastricht-region.ttl"
    path.write_bytes(content)
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace, "--validate", "all")

    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == ("error: data/projects/welcome-to-maastricht-region.ttl: the file holds no triples "
                           "(it is empty or only comments); restore its facts, or delete the file if it is not needed\n")
    assert_untouched(before, workspace["out"])


@pytest.mark.parametrize("folder", ["projects", "vocabularies"])
def test_missing_layout_folder_exits_2(workspace, python_exe, cli_env, folder):
    """Regression: without data/projects/ the build passed and published 0 projects and EUR 0."""
    shutil.rmtree(workspace["data"] / folder)
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == f"error: data/{folder}: folder not found: the data layout needs it (see data/README.md)\n"
    assert_untouched(before, workspace["out"])


def test_layout_folder_without_turtle_files_exits_2(workspace, python_exe, cli_env):
    for path in project_files(workspace["data"]):
        path.rename(path.with_suffix(".ttl.bak"))
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 2, proc.stderr
    assert "error: data/projects: folder holds no *.ttl files" in proc.stderr
    assert_untouched(before, workspace["out"])


@pytest.mark.parametrize(("target", "message"), [
    ("projects", "data/projects: cannot read folder (Permission denied)"),
    ("projects/goede-morgen.ttl", "data/projects/goede-morgen.ttl: cannot read file (Permission denied)"),
])
def test_unreadable_data_exits_2(tmp_path, source_dirs, built, python_exe, cli_env, target, message):
    """Regression: a data/projects/ the build could not read was skipped (pathlib's glob ignores the
    error) and the graph built without projects, exit 0. Root reads anything: then the build runs
    as user nobody, on a workspace nobody can read except that folder or file."""
    root = tmp_path / "shared"
    root.mkdir()
    for name in ("data", "ontology"):
        shutil.copytree(source_dirs[name], root / name)
    shutil.copytree(built.out_dir, root / "build")
    command = [python_exe, "-m", "rdzl_graph", "build", "--data", str(root / "data"),
               "--ontology", str(root / "ontology"), "--out", str(root / "build")]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot make a folder unreadable")
        for path in [tmp_path, *tmp_path.parents]:  # pytest's own temporary folders are private to root
            if path.stat().st_mode & 0o005 != 0o005:
                path.chmod(path.stat().st_mode & 0o7777 | 0o005)
        for path in [root, *root.rglob("*")]:
            os.chown(path, 65534, 65534)
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    locked = root / "data" / target
    mode = locked.stat().st_mode & 0o7777
    locked.chmod(0)
    before = snapshot(root / "build")
    try:
        proc = subprocess.run(command, capture_output=True, text=True, env=cli_env, cwd=root, timeout=300)
    finally:
        locked.chmod(mode)

    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == f"error: {message}\n"
    assert_untouched(before, root / "build")


# --- parser errors as precise as the parser's (issue 14) ------------------------------------------


def test_truncated_file_names_line_and_column(workspace, python_exe, cli_env):
    """Regression: a file cut off in the middle gave "string index out of range" and no line."""
    path = workspace["data"] / "projects" / "goede-morgen.ttl"
    text = path.read_text(encoding="utf-8")
    quote = text.index('"', text.index("rdfs:label"))
    cut = text[: quote + 12]  # inside a string literal
    path.write_text(cut, encoding="utf-8")
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 2, proc.stderr
    line = cut.count("\n") + 1
    column = quote - text.rindex("\n", 0, quote)  # Oxigraph points at the unfinished string's opening quote
    assert proc.stderr == (f"error: data/projects/goede-morgen.ttl, line {line}, column {column}: not valid Turtle: "
                           "the file ends in the middle of a statement (is it cut off?)\n")
    assert "Traceback" not in proc.stderr
    assert_untouched(before, workspace["out"])


def test_syntax_error_position_is_oxigraphs(workspace, python_exe, cli_env):
    """Regression: a syntax error on line 40 was reported as line 43 (rdflib's, parsing the file a second
    time); now the line and column are those of the first parser, Oxigraph."""
    path = workspace["data"] / "projects" / "goede-morgen.ttl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[39].rstrip().endswith(";")
    lines[39] = lines[39].rstrip("\n") + " onbekend:x\n"  # a prefix that is not declared
    path.write_text("".join(lines), encoding="utf-8")
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 2, proc.stderr
    column = len(lines[39]) - len("onbekend:x\n") + 1
    assert proc.stderr.startswith(f"error: data/projects/goede-morgen.ttl, line 40, column {column}: not valid Turtle: ")
    assert "onbekend" in proc.stderr
    assert_untouched(before, workspace["out"])


def test_byte_order_mark_is_accepted(workspace, python_exe, cli_env, built):
    """Regression: a file saved with a UTF-8 byte-order mark (Windows editors) failed with
    "line 1: expected directive or statement". It builds, to the same graph."""
    path = workspace["data"] / "projects" / "goede-morgen.ttl"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 0, proc.stderr
    for name in ("rdzl-graph.trig", "rdzl-graph.nt"):
        assert (workspace["out"] / "graph" / name).read_bytes() == (built.graph_dir / name).read_bytes(), name


# --- the programme's own figures and definitions in one file (issue 14) ----------------------------


def test_deleted_project_file_fails_the_report_figure_check(workspace, python_exe, cli_env):
    """Regression: deleting a project file built with exit 0 (a project fewer on the site). The report's
    own count of projects (24, data/programme.ttl) is now a quality check."""
    (workspace["data"] / "projects" / "watervalderbeekdal.ttl").unlink()
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 1, proc.stderr
    programme = workspace["data"] / "programme.ttl"
    line = find_line(programme, str(RD["figure/aantal-projecten-met-deelprojecten"]))
    assert (f"data/programme.ttl, line {line}: rd:figure/aantal-projecten-met-deelprojecten: "
            "Controle: aantal projecten wijkt af van het cijfer van de rapportage / Check: number of projects "
            "differs from the report's figure [queries/project-count-figure-violation.rq] "
            "(value: stated=24, counted=23)") in proc.stderr
    assert_untouched(before, workspace["out"])


def test_project_defined_in_two_files_names_both(workspace, python_exe, cli_env):
    """Regression: a project typed and labelled in a second file merged silently into one project."""
    original = workspace["data"] / "projects" / "goede-morgen.ttl"
    text = original.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("@prefix"))
    second = workspace["data"] / "projects" / "zz-goede-morgen-again.ttl"
    second.write_text(header + '\nproject:goede-morgen a rdzl:Project ;\n    rdfs:label "Goede Morgen (nogmaals)"@nl .\n',
                      encoding="utf-8")
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace, "--validate", "all")

    assert proc.returncode == 1, proc.stderr
    first_line = find_line(original, str(RD["project/goede-morgen"]))
    second_line = header.count("\n") + 2
    assert (f"data/projects/goede-morgen.ttl, line {first_line}: rd:project/goede-morgen: gedefinieerd (getypeerd of "
            f"benoemd) in meer dan één bestand, ook in data/projects/zz-goede-morgen-again.ttl, regel {second_line} / "
            "defined (typed or labelled) in more than one file, also in "
            f"data/projects/zz-goede-morgen-again.ttl, line {second_line}") in proc.stderr
    assert len([line for line in proc.stderr.splitlines() if line.startswith("  ")]) == 1, proc.stderr
    assert_untouched(before, workspace["out"])


# --- a wrong amount in plain words (issue 14) -------------------------------------------------------

NOT_A_NUMBER = ("amount is not a number (xsd:decimal): write it as \"700000\"^^xsd:decimal, without a point or "
                "comma as thousands separator")


@pytest.mark.parametrize(("amount", "shown", "options"), [
    ('"700.000"', '"700.000"', ()),
    ('"700.000,00"^^xsd:decimal', '"700.000,00"^^xsd:decimal', ()),
    ('"700.000,00"^^xsd:decimal', '"700.000,00"^^xsd:decimal', ("--validator", "pyshacl", "--reasoner", "owlrl")),
], ids=["string", "ill-typed-decimal", "ill-typed-decimal-pyshacl-owlrl"])
def test_amount_with_thousands_separator_is_one_plain_message(workspace, python_exe, cli_env, amount, shown, options):
    """Regression: the string "700.000" as an amount was reported twice, as not a decimal and as
    "negative" (sh:minInclusive compares a text with 0); an ill-typed decimal also put rdflib's warning
    and a Python traceback on stderr."""
    path = workspace["data"] / "projects" / "goede-morgen.ttl"
    text = path.read_text(encoding="utf-8")
    assert text.count('rdzl:amountEUR "1000000"^^xsd:decimal') == 1
    path.write_text(text.replace('rdzl:amountEUR "1000000"^^xsd:decimal', f"rdzl:amountEUR {amount}"), encoding="utf-8")
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace, *options)

    assert proc.returncode == 1, proc.stderr
    line = find_line(path, str(RD["funding/goede-morgen"]))
    lines = proc.stderr.splitlines()
    assert lines[0].startswith("build failed: 1 violation(s)"), proc.stderr
    assert lines[1:] == [f"  data/projects/goede-morgen.ttl, line {line}: rd:funding/goede-morgen: Bedrag is geen getal "
                         "(xsd:decimal): schrijf het als \"700000\"^^xsd:decimal, zonder punt of komma als "
                         f"duizendtalscheiding / {NOT_A_NUMBER} [rdzl:amountEUR] (value: {shown})"]
    assert_untouched(before, workspace["out"])


@pytest.mark.parametrize("amount", ["700.000", '"700.000"^^xsd:decimal'])
def test_amount_with_a_thousands_point_is_caught(workspace, python_exe, cli_env, amount):
    """Regression: 700.000 as an amount is a valid decimal, seven hundred: it built with exit 0 and
    the site showed EUR 700. Oxigraph's store keeps the number, not how it was written, so the build
    reads the file's text for it."""
    path = workspace["data"] / "projects" / "goede-morgen.ttl"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('rdzl:amountEUR "1000000"^^xsd:decimal', f"rdzl:amountEUR {amount}"), encoding="utf-8")
    before = snapshot(workspace["out"])

    proc = run_build(python_exe, cli_env, workspace)

    assert proc.returncode == 1, proc.stderr
    line = find_line(path, str(RD["funding/goede-morgen"]))
    assert proc.stderr.splitlines()[1:] == [
        f"  data/projects/goede-morgen.ttl, line {line}: rd:funding/goede-morgen: Bedrag met drie cijfers achter de "
        "punt (700.000 is 700 euro): is de punt een duizendtalscheiding? Schrijf het zonder punt, bijvoorbeeld 700000 / "
        "amount with three digits after the point (700.000 is 700 euro): is the point a thousands separator? Write it "
        "without the point, for example 700000 [rdzl:amountEUR] (value: 700.000)"]
    assert_untouched(before, workspace["out"])
