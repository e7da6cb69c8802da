"""Validation of the build's Oxigraph store equals the rdflib reference, in full and on focus nodes.

The build's engine (``fast``: pyshacl-turbo) and pySHACL (the reference, ``pyshacl``) must give
the same results: as report tuples on the real data and on every bad fixture, and as the plain-words
records users see on synthetic data broken in many ways and on edge cases.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH, XSD

from reference_loading import load
from rdzl_graph.core.loading import load_sources
from rdzl_graph.core.resources import data_dir, shapes_file
from rdzl_graph.core.sources import ASSERTED
from rdzl_graph.synth import synth
from rdzl_graph.validation.projection import projected_store
from rdzl_graph.validation.validate import (
    affected_nodes,
    render_path,
    run_pyshacl,
    run_turbo,
    shape_plan,
    to_rdflib,
    validate,
    validate_sources,
)

ID = "https://w3id.org/rdzl-graph/id/"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad"


def report_tuples(report: Graph) -> set[tuple[str, ...]]:
    """The results of a SHACL report: (focus node, path, constraint component, value, source shape,
    severity, messages), blank nodes by content (a property shape without IRI by its path)."""
    def term(node) -> str:
        if isinstance(node, Literal) and node.datatype == XSD.string:  # RDF 1.1: the same term as "a"
            node = Literal(str(node))
        return "[]" if node is None or isinstance(node, BNode) else node.n3()

    rows = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        rows.add((
            term(report.value(result, SH.focusNode)),
            render_path(report, report.value(result, SH.resultPath)),
            term(report.value(result, SH.sourceConstraintComponent)),
            term(report.value(result, SH.value)),
            "[sh:path " + render_path(report, report.value(shape, SH.path)) + "]" if isinstance(shape, BNode)
            else term(shape),
            term(report.value(result, SH.resultSeverity)),
            " ".join(sorted(m.n3() for m in report.objects(result, SH.resultMessage) if isinstance(m, Literal))),
        ))
    return rows


@pytest.fixture(scope="module", params=["real"] + sorted(p.stem for p in FIXTURES.glob("*.ttl")))
def real_or_bad(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The real data, or the real data with one bad fixture added as one more data file."""
    if request.param == "real":
        return request.param, Path(data_dir())
    data = tmp_path_factory.mktemp(request.param) / "data"
    shutil.copytree(data_dir(), data)
    shutil.copy(FIXTURES / f"{request.param}.ttl", data / f"zz-{request.param}.ttl")
    return request.param, data


def test_the_build_engine_gives_exactly_pyshacls_results(real_or_bad):
    name, data = real_or_bad
    sources = load_sources(data)
    asserted = sources.store.quads_for_pattern(None, None, None, ASSERTED)
    reference = report_tuples(run_pyshacl(to_rdflib(asserted), sources.shapes))
    assert report_tuples(run_turbo(projected_store(sources.store), sources.shapes)) == reference
    # known answers: the real data conforms; the fixtures (made for the SPARQL quality checks) break
    # the shapes too, except an organisation without project, which the contract allows
    assert bool(reference) is (name not in ("real", "organisation-without-project"))
    fast = validate_sources(sources, engine="fast").violations
    assert fast == validate_sources(sources, engine="pyshacl").violations == validate(load(data))
    assert len(fast) == len(reference)



def sub(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text, count=1)
    assert count == 1, f"{pattern!r} not found in {path.name}"
    path.write_text(new, encoding="utf-8")


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic programme broken in many ways, several of them across files."""
    data = tmp_path_factory.mktemp("broken") / "data"
    synth(data, 60, seed=5)
    projects = sorted((data / "projects").glob("*.ttl"))
    used: set[Path] = set()

    def sub_in_a_project(pattern: str, replacement: str) -> Path:
        for path in projects:
            if path not in used and re.search(pattern, path.read_text(encoding="utf-8")):
                used.add(path)
                sub(path, pattern, replacement)
                return path
        pytest.fail(f"no project file matches {pattern!r}")

    texts = [p.read_text(encoding="utf-8") for p in projects]
    with_partner = next(p for p, t in zip(projects, texts) if "rdzl:organisation orgs:" in t)
    org = re.search(r"rdzl:organisation orgs:([\w-]+)", with_partner.read_text(encoding="utf-8")).group(1)
    sub(data / "organisations.ttl", rf"(orgs:{org}) a rdzl:\w+ ;", r"\1")  # untyped: unknown organisation
    sub_in_a_project(r'rdzl:amountEUR "', 'rdzl:amountEUR "-')  # negative
    sub_in_a_project(r"rdzl:programmeLine (line:[\w-]+) ;", r"rdzl:programmeLine \1 , line:lijn-2 , line:nope ;")
    sub_in_a_project(r'rdfs:label "Project (\d+)"@nl ,', r'rdfs:label "Project \1"@de ,')  # no Dutch name
    sub_in_a_project(r"rdzl:role role:[\w-]+ ;", "")  # no role
    sub_in_a_project(r"rdzl:hasMilestone", "rdzl:hasMilestone milestone:ghost , ")  # unknown milestone
    sub_in_a_project(r'rdzl:amountEUR "[^"]*"\^\^xsd:decimal', 'rdzl:amountEUR "veel"')  # not a decimal
    sub(data / "municipalities.ttl", r'rdzl:cbsCode "GM\d+"', 'rdzl:cbsCode "XX12"')  # pattern
    sub(data / "vocabularies" / "roles.ttl", r'(role:partner a [^.]*?skos:prefLabel "[^"]*"@nl)', r'\1 , "dubbel"@nl')
    return data


@pytest.fixture(scope="module")
def reference(broken: Path):
    return validate(load(broken))


@pytest.fixture(scope="module")
def sources(broken: Path):
    return load_sources(broken)


def test_the_broken_programme_breaks_many_rules(reference):
    assert len(reference) >= 12
    assert len({v.message for v in reference}) >= 12
    assert any("more than one preferred label in the same language" in v.message for v in reference)
    assert any(v.file and v.file.endswith("organisations.ttl") is False and "unknown organisation" in v.message
               for v in reference)


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_full_validation_of_the_store_equals_the_reference(reference, sources, engine):
    run = validate_sources(sources, engine=engine)
    assert run.scope == "all"
    assert run.violations == reference


def test_the_fast_engine_reads_a_store_of_the_asserted_graph_only(sources):
    """Core validation sees the union of a store's graphs: the per-file graphs and (in a build) the
    reasoner's graph must not be in it; the copy holds the asserted graph as its default graph."""
    copy = projected_store(sources.store)
    asserted = {q.triple for q in sources.store.quads_for_pattern(None, None, None, ASSERTED)}
    assert {q.triple for q in copy} == asserted
    assert {q.graph_name for q in copy} == {ox.DefaultGraph()}
    run = validate_sources(sources)
    assert run.engine == "fast" and set(run.timings) == {"graph", "shacl"}


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_the_real_data_conforms_both_ways(engine):
    run = validate_sources(load_sources(), engine=engine)
    assert run.violations == validate(load()) == []
    assert run.focus_nodes > 300


def all_nodes(store: ox.Store) -> set:
    nodes = set()
    for quad in store.quads_for_pattern(None, None, None, ASSERTED):
        nodes.add(quad.subject)
        if not isinstance(quad.object, ox.Literal):
            nodes.add(quad.object)
    return nodes


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_focus_on_every_node_equals_full_validation(reference, sources, engine):
    run = validate_sources(sources, focus=all_nodes(sources.store), engine=engine)
    assert run.scope == "focus" and run.full_shapes == {}
    assert run.violations == reference


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_focus_on_some_nodes_gives_exactly_their_results(sources, engine):
    full = validate_sources(sources)
    by_file = {}
    for graph in sources.data_graphs:
        by_file.setdefault(graph, {q.subject for q in sources.store.quads_for_pattern(None, None, None, graph)})
    for nodes in list(by_file.values())[::3]:
        run = validate_sources(sources, focus=nodes, engine=engine)
        expected = [v for focus, v in full.records if ox.NamedNode(focus) in nodes]
        assert run.violations == expected


def test_the_real_shapes_are_all_checked_on_focus_nodes():
    plan = shape_plan(Graph().parse(shapes_file()))
    assert len(plan) >= 12
    assert {info.name: info.full_reason for info in plan if info.full_reason} == {}


SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix : <http://t.example/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
:Local a sh:NodeShape ; sh:targetClass :A ;
    sh:or ( [ sh:class :B ] [ sh:path :p ; sh:minCount 1 ] ) ;
    sh:property [ sh:path [ sh:inversePath :q ] ; sh:class :C ; sh:maxCount 1 ;
                  sh:qualifiedValueShape [ sh:nodeKind sh:IRI ] ; sh:qualifiedMinCount 1 ] .
:Sequence a sh:NodeShape ; sh:targetClass :A ; sh:property [ sh:path ( :p :q ) ; sh:minCount 1 ] .
:Nested a sh:NodeShape ; sh:targetClass :A ;
    sh:property [ sh:path :p ; sh:node [ sh:property [ sh:path :q ; sh:minCount 1 ] ] ] .
:FarClass a sh:NodeShape ; sh:targetNode :x ;
    sh:property [ sh:path :p ; sh:qualifiedValueShape [ sh:node [ sh:class :C ] ] ; sh:qualifiedMinCount 1 ] .
:Sparql a sh:NodeShape ; sh:targetClass :A ; sh:sparql [ sh:select "SELECT $this WHERE { }" ] .
:Implicit a sh:NodeShape , rdfs:Class ; sh:property [ sh:path :p ; sh:minCount 1 ] .
"""


def test_shapes_that_read_further_than_one_step_are_validated_in_full():
    plan = {info.name.rsplit("/", 1)[-1]: info.full_reason for info in shape_plan(Graph().parse(data=SHAPES, format="turtle"))}
    assert plan["Local"] is None
    assert "is not a predicate" in plan["Sequence"]
    assert "two steps" in plan["Nested"]
    assert plan["FarClass"] is None  # sh:class on a value, through nested shapes, is still one step
    assert "sh:sparql" in plan["Sparql"]
    assert plan["Implicit"] is None  # its implicit class target is a class target


def test_affected_nodes_follow_type_changes_to_the_neighbours():
    store = ox.Store()
    store.load(b"""
        <urn:p1> <urn:org> <urn:o> . <urn:p2> <urn:org> <urn:o> . <urn:o> <urn:country> <urn:nl> .
        <urn:o> a <urn:Org> . <urn:x> <urn:label> "x" .
    """, format=ox.RdfFormat.TURTLE, to_graph=ASSERTED)
    label = b'<urn:x> <urn:label> "y" .'
    assert affected_nodes(store, [label], []) == {ox.NamedNode("urn:x")}
    untyped = b"<urn:o> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:Org> ."
    assert affected_nodes(store, [], [untyped]) == {ox.NamedNode(n) for n in ("urn:o", "urn:Org", "urn:p1", "urn:p2", "urn:nl")}
    subclass = b"<urn:A> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <urn:B> ."
    assert affected_nodes(store, [subclass], []) is None
    assert affected_nodes(store, [b"_:b <urn:p> <urn:x> ."], []) is None
    assert affected_nodes(store, [], []) == set()


EDGE_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix : <http://t.example/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
:Lang a sh:NodeShape ; sh:targetClass :Thing ;
    sh:property [ sh:path :label ; sh:qualifiedValueShape [ sh:nodeKind sh:Literal ; sh:languageIn ( "nl" "en" ) ] ;
                  sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 2 ; sh:message "taal"@nl ] ,
                [ sh:path :label ; sh:uniqueLang true ; sh:message "uniek"@nl ] ,
                [ sh:path :label ; sh:languageIn ( "nl" ) ; sh:message "alleen nl"@nl ; sh:severity sh:Warning ] .
:Values a sh:NodeShape ; sh:targetClass :Thing ;
    sh:property [ sh:path :amount ; sh:datatype xsd:decimal ; sh:message "decimaal"@nl ] ,
                [ sh:path :amount ; sh:minInclusive 0 ; sh:maxExclusive 100 ; sh:message "bereik"@nl ] ,
                [ sh:path :code ; sh:datatype xsd:string ; sh:pattern "^A[0-9]+$" ; sh:message "code"@nl ] ,
                [ sh:path :count ; sh:datatype xsd:integer ; sh:maxInclusive 3 ; sh:message "aantal"@nl ] ,
                [ sh:path :day ; sh:datatype xsd:date ; sh:message "dag"@nl ] ,
                [ sh:path :ref ; sh:nodeKind sh:IRI ; sh:class :Known , :Other ; sh:message "ref"@nl ;
                  sh:severity sh:Info ] ,
                [ sh:path [ sh:inversePath :has ] ; sh:minCount 1 ; sh:maxCount 1 ; sh:class :Owner ;
                  sh:message "eigenaar"@nl ] .
:Logic a sh:NodeShape ; sh:targetClass :Thing ;
    sh:or ( [ sh:class :Special ] [ sh:path :code ; sh:minCount 1 ] ) ;
    sh:not [ sh:class :Forbidden ] ;
    sh:and ( [ sh:nodeKind sh:IRI ] [ sh:path :label ; sh:minCount 1 ] ) ;
    sh:message "logica"@nl ;
    sh:property [ sh:path :part ; sh:or ( [ sh:node :PartShape ] [ sh:nodeKind sh:Literal ] ) ; sh:message "deel"@nl ] .
:PartShape a sh:NodeShape ; sh:property [ sh:path :code ; sh:minCount 1 ] ; sh:class :Part .
:Off a sh:NodeShape ; sh:targetClass :Thing ; sh:deactivated true ;
    sh:property [ sh:path :nothing ; sh:minCount 1 ; sh:message "uit"@nl ] .
"""

EDGE_DATA = """
@prefix : <http://t.example/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
:good a :Thing ; :label "goed"@nl , "good"@en ; :amount 12.5 ; :code "A12" ; :count 3 ;
    :day "2024-01-31"^^xsd:date ; :ref :k ; :part :p1 .
:k a :Known , :Other . :o a :Owner , :Other . :o :has :good . :p1 a :Part ; :code "A1" .
:bad a :Sub , :Forbidden ; :label "x"@nl , "y"@nl , "z"@de , "plain" , :notALiteral ;
    :amount "veel"^^xsd:decimal , -1 , 100 , "50" ; :code "B7" , "A7"@nl , _:b , 12 ;
    :count 4 , "3" , 2.5 ; :day "2024-02-30"^^xsd:date , "vandaag" ;
    :ref "literal" , :k , :o , _:b ; :part :p2 , "p3" .
:o2 a :Owner . :o2 :has :bad . :stranger :has :bad .
:p2 a :Part .
:lonely a :Thing ; :label "en alleen"@en-gb .
"""


@pytest.fixture(scope="module")
def edge_sources(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("edge")
    (root / "ontology").mkdir()
    for folder in ("projects", "vocabularies"):  # the data layout the loader requires
        (root / "data" / folder).mkdir(parents=True)
    (root / "data" / "vocabularies" / "scheme.ttl").write_text(
        "<http://t.example/scheme> a <http://www.w3.org/2004/02/skos/core#ConceptScheme> .\n", encoding="utf-8")
    (root / "ontology" / "rdzl.ttl").write_text(
        "@prefix : <http://t.example/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        ":Owner rdfs:subClassOf :Known . :Sub rdfs:subClassOf :Thing .\n", encoding="utf-8")
    (root / "ontology" / "rdzl-shapes.ttl").write_text(EDGE_SHAPES, encoding="utf-8")
    (root / "data" / "projects" / "things.ttl").write_text(EDGE_DATA, encoding="utf-8")
    return root


def test_fast_checks_equal_pyshacl_on_edge_cases(edge_sources):
    sources = load_sources(edge_sources / "data", edge_sources / "ontology")
    fast = validate_sources(sources, engine="fast")
    reference = validate(load(edge_sources / "data", edge_sources / "ontology"))
    assert validate_sources(sources, engine="pyshacl").violations == reference
    # the engines' one known difference: an ill-typed "veel"^^xsd:decimal under sh:minInclusive 0 and
    # sh:maxExclusive 100 fails both (SHACL: a value that cannot be compared fails); pySHACL reports
    # only the sh:minInclusive result. Both are left out of the records (the value fails sh:datatype,
    # which says it in plain words), so the records agree
    asserted = sources.store.quads_for_pattern(None, None, None, ASSERTED)
    difference = (report_tuples(run_turbo(projected_store(sources.store), sources.shapes))
                  ^ report_tuples(run_pyshacl(to_rdflib(asserted), sources.shapes)))
    assert [row[2] for row in difference] == [SH.MaxExclusiveConstraintComponent.n3()]
    assert fast.violations == reference
    assert len(reference) > 25 and {v.severity for v in reference} == {"Violation", "Warning", "Info"}
    assert [v.message for v in reference if v.focus.endswith("good")] == ["alleen nl"]  # "good"@en
    focused = validate_sources(sources, focus={ox.NamedNode("http://t.example/lonely")}, engine="fast")
    assert "two steps" in focused.full_shapes["http://t.example/Logic"]  # sh:node PartShape reads the values' codes
    assert focused.violations == [v for v in reference if v.focus.endswith("lonely") or v.message in ("logica", "deel")]


def test_language_tags_are_lower_case_in_the_store_for_both_engines(edge_sources, tmp_path):
    """Oxigraph normalises language tags (rdflib keeps "NL") and drops ^^xsd:string: messages show that."""
    import shutil

    root = tmp_path / "edge"
    shutil.copytree(edge_sources, root)
    things = root / "data" / "projects" / "things.ttl"
    things.write_text(things.read_text(encoding="utf-8")
                      + ':upper a :Thing ; :label "A"@NL , "B"@nl , "C"@en-GB ; :code "A1"^^xsd:string .\n',
                      encoding="utf-8")
    sources = load_sources(root / "data", root / "ontology")
    fast = validate_sources(sources, engine="fast").violations
    assert fast == validate_sources(sources, engine="pyshacl").violations
    upper = [v for v in fast if v.focus.endswith("upper")]
    assert {"taal", "uniek", "alleen nl"} <= {v.message for v in upper}
    assert '"C"@en-gb' in {v.value for v in upper}


def test_closed_shapes_and_nested_results_equal_pyshacl(edge_sources, tmp_path):
    """Features the earlier hand-written checks left to pySHACL: sh:closed, no sh:message, sh:node."""
    import shutil

    root = tmp_path / "edge"
    shutil.copytree(edge_sources, root)
    shapes = root / "ontology" / "rdzl-shapes.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8") + """
:Closed a sh:NodeShape ; sh:targetClass :Thing ; sh:closed true ; sh:ignoredProperties ( rdf:type ) ;
    sh:message "gesloten"@nl .
:NoMessage a sh:NodeShape ; sh:targetClass :Thing ; sh:property [ sh:path :code ; sh:maxCount 1 ] .
:Detailed a sh:NodeShape ; sh:targetClass :Thing ;
    sh:property [ sh:path :part ; sh:node :PartShape ; sh:message "deel"@nl ] .
""", encoding="utf-8")
    sources = load_sources(root / "data", root / "ontology")
    fast = validate_sources(sources, engine="fast")
    reference = validate(load(root / "data", root / "ontology"))
    assert validate_sources(sources, engine="pyshacl").violations == reference
    # known difference 2: pyshacl-turbo's own messages (for a constraint without sh:message, here the
    # sh:detail results of sh:node) spell a string literal with its datatype; the shapes of
    # ontology/rdzl-shapes.ttl give every reported constraint a message of its own
    engine_made = [v for v in fast.violations if "datatype=xsd:string)" in v.message]
    assert engine_made and all(v.message.startswith("Less than 1 values on Literal(") for v in engine_made)
    respelled = [replace(v, message=v.message.replace(", datatype=xsd:string)", ")")) for v in fast.violations]
    assert respelled == reference
    assert any("gesloten" in v.message for v in fast.violations)


def test_a_value_of_the_wrong_datatype_is_reported_once(edge_sources):
    """Regression (issue 14): "700.000" as an amount was reported as not a decimal and as negative.
    A value that is no number (a text, or ill-typed) and fails sh:datatype drops the results of the
    numeric comparisons (sh:minInclusive, sh:maxExclusive, sh:maxInclusive) for that value; a number
    of another datatype keeps them."""
    sources = load_sources(edge_sources / "data", edge_sources / "ontology")
    bad = {(v.message, v.value) for v in validate_sources(sources).violations if v.focus.endswith("bad")}
    for value in ('"veel"^^xsd:decimal', '"50"'):  # not decimals: "decimaal" only
        assert ("decimaal", value) in bad and ("bereik", value) not in bad
    # a number of another datatype: both rules are broken, both said
    assert ("bereik", '"-1"^^xsd:integer') in bad and ("decimaal", '"-1"^^xsd:integer') in bad
    assert ("aantal", '"3"') in bad  # "3" is a text, not the integer 3 (sh:maxInclusive 3 dropped: same message)
    fast = [v for v in validate_sources(sources).violations if v.focus.endswith("bad")]
    assert len([v for v in fast if (v.message, v.value) == ("aantal", '"3"')]) == 1
    assert len([v for v in fast if (v.message, v.value) == ("bereik", '"veel"^^xsd:decimal')]) == 0
