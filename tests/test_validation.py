"""Validation of the build's Oxigraph store equals the rdflib reference, in full and on focus nodes."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from rdzl_graph.loading import ASSERTED, load, load_sources
from rdzl_graph.resources import shapes_file
from rdzl_graph.synth import synth
from rdzl_graph.validate import affected_nodes, shape_plan, validate, validate_sources

ID = "https://w3id.org/rdzl-graph/id/"


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


def test_full_validation_of_the_store_equals_the_reference(reference, sources):
    run = validate_sources(sources)
    assert run.scope == "all"
    assert run.violations == reference


def test_the_real_data_conforms_both_ways():
    run = validate_sources(load_sources())
    assert run.violations == validate(load()) == []
    assert run.focus_nodes > 300


def all_nodes(store: ox.Store) -> set:
    nodes = set()
    for quad in store.quads_for_pattern(None, None, None, ASSERTED):
        nodes.add(quad.subject)
        if not isinstance(quad.object, ox.Literal):
            nodes.add(quad.object)
    return nodes


def test_focus_on_every_node_equals_full_validation(reference, sources):
    run = validate_sources(sources, focus=all_nodes(sources.store))
    assert run.scope == "focus" and run.full_shapes == {}
    assert run.violations == reference


def test_focus_on_some_nodes_gives_exactly_their_results(sources):
    full = validate_sources(sources)
    by_file = {}
    for graph in sources.data_graphs:
        by_file.setdefault(graph, {q.subject for q in sources.store.quads_for_pattern(None, None, None, graph)})
    for nodes in list(by_file.values())[::3]:
        run = validate_sources(sources, focus=nodes)
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
    assert "implicit class targets" in plan["Implicit"]


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
