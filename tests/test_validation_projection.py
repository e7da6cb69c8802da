"""The fast engine reads only the predicates the shapes can read, and finds exactly what it found before.

:func:`rdzl_graph.validation.projection.read_predicates` decides which predicates a shapes graph can
read; shapes that can read anything (``sh:closed``, SPARQL, a parameter not known) get the whole
asserted graph. The engine-vs-pySHACL tests of ``tests/test_validation.py`` run through the
projection too (pySHACL reads the whole graph); here: what is kept, what makes it give up, and known
answers on data with predicates no shape checks.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from reference_loading import load
from rdzl_graph.core.loading import load_sources
from rdzl_graph.core.sources import ASSERTED
from rdzl_graph.validation.projection import ALWAYS, asserted_lines, projected_store, read_predicates
from rdzl_graph.validation.validate import validate, validate_sources

T = "http://t.example/"
PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix : <http://t.example/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
"""

# :owner is read only inside a sequence path, :member only inside an inverse path, :alias only
# inside an alternative path and :parent only inside a zero-or-more path
SHAPES = PREFIXES + """
:ThingShape a sh:NodeShape ; sh:targetClass :Thing ;
    sh:property [ sh:path :label ; sh:minCount 1 ; sh:datatype xsd:string ; sh:message "label" ] ,
                [ sh:path ( :part :owner ) ; sh:minCount 1 ; sh:class :Owner ; sh:message "owner of a part" ] ,
                [ sh:path [ sh:inversePath :member ] ; sh:minCount 1 ; sh:message "in a group" ] ,
                [ sh:path [ sh:alternativePath ( :name :alias ) ] ; sh:maxCount 2 ; sh:message "names" ] ,
                [ sh:path [ sh:zeroOrMorePath :parent ] ; sh:maxCount 3 ; sh:message "ancestors" ] .
:GroupShape a sh:NodeShape ; sh:targetSubjectsOf :member ; sh:property [ sh:path :size ; sh:maxCount 1 ;
    sh:message "one size" ] .
"""

DATA = """
@prefix : <http://t.example/> .
:good a :Thing ; :label "goed" ; :part :p1 ; :name "a" ; :alias "b" ; :parent :mid .
:mid :parent :top .
:p1 :owner :o1 . :o1 a :Owner .
:g1 :member :good ; :size 3 .

:bad a :Thing ; :part :p2 ; :name "a" , "b" ; :alias "c" ; :parent :low . :low :parent :mid .
:p2 :owner :nobody .
:g2 :member :bad ; :size 1 , 2 .
"""

# predicates no shape reads, with values that would break the shapes if they were read
NOISE = """
@prefix : <http://t.example/> .
:good :unchecked "x" , "y" ; :notes :bad ; :label2 42 .
:bad :unchecked "z" ; :owner2 :o1 ; :sibling :good .
:p1 :colour "red" . :o1 :since 1990 .
:stray :unchecked :good .
"""

# the known answer: (focus, message) of every result
EXPECTED = [
    ("bad", "ancestors"), ("bad", "label"), ("bad", "names"), ("bad", "owner of a part"), ("g2", "one size"),
]


def layout(root: Path, shapes: str, *data: str) -> tuple[Path, Path]:
    """A data/ and ontology/ folder the loader accepts, with *shapes* and one file per *data* text."""
    (root / "ontology").mkdir(parents=True)
    for folder in ("projects", "vocabularies"):
        (root / "data" / folder).mkdir(parents=True)
    (root / "data" / "vocabularies" / "scheme.ttl").write_text(
        "<http://t.example/scheme> a <http://www.w3.org/2004/02/skos/core#ConceptScheme> .\n", encoding="utf-8")
    (root / "ontology" / "rdzl.ttl").write_text(
        "<http://t.example/Owner> <http://www.w3.org/2000/01/rdf-schema#label> \"Owner\" .\n", encoding="utf-8")
    (root / "ontology" / "rdzl-shapes.ttl").write_text(shapes, encoding="utf-8")
    for index, text in enumerate(data):
        (root / "data" / "projects" / f"part{index}.ttl").write_text(text, encoding="utf-8")
    return root / "data", root / "ontology"


def results(run) -> list[tuple[str, str]]:
    return sorted((v.focus.rsplit("/", 1)[-1].split(":")[-1], v.message) for v in run.violations)


def test_paths_keep_the_predicates_they_reach_only_inside_sequence_inverse_alternative_and_repeat():
    kept = read_predicates(Graph().parse(data=SHAPES, format="turtle")).predicates
    assert kept == {*ALWAYS, *(T + p for p in ("label", "part", "owner", "member", "name", "alias", "parent",
                                               "size"))}


@pytest.mark.parametrize("extra, why, engine_runs", [
    (":ThingShape sh:closed true ; sh:ignoredProperties ( rdf:type ) .", "sh:closed", True),
    (':ThingShape sh:sparql [ sh:select "SELECT $this WHERE { $this ?p ?o }" ] .', "sh:sparql", True),
    (":ThingShape :myParameter 3 .", "t.example/myParameter", True),
    (":Custom a sh:ConstraintComponent ; sh:parameter [ sh:path :myParameter ] .", "sh:ConstraintComponent", True),
    (":ThingShape sh:property [ sh:path [ :hop :label ] ] .", "not a SHACL path", False),  # the engine refuses it
    (":ThingShape sh:target [ a sh:SPARQLTarget ] .", "sh:target", False),  # advanced only: the engine refuses
])
def test_shapes_that_can_read_anything_project_nothing(extra, why, engine_runs, tmp_path):
    projection = read_predicates(Graph().parse(data=SHAPES + extra, format="turtle"))
    assert projection.predicates is None and why in projection.reason
    if engine_runs:  # the build's validation then gives the engine every triple, and says why
        data, ontology = layout(tmp_path, SHAPES + extra, DATA, NOISE)
        run = validate_sources(load_sources(data, ontology))
        assert run.unprojected == projection.reason and run.summary()["unprojected"] == projection.reason


def test_the_engine_gets_only_the_kept_predicates_with_the_stores_blank_nodes(tmp_path):
    data, ontology = layout(tmp_path, SHAPES, DATA, NOISE + ":good :part [ :owner :o1 ] .\n")
    sources = load_sources(data, ontology)
    projection = read_predicates(sources.shapes)
    copy = projected_store(sources.store, projection)
    asserted = {q.triple for q in sources.store.quads_for_pattern(None, None, None, ASSERTED)}
    assert {q.triple for q in copy} == {t for t in asserted if t.predicate.value in projection.predicates}
    assert any(isinstance(t.object, ox.BlankNode) for t in asserted)  # the same blank node, same label
    assert {q.graph_name for q in copy} == {ox.DefaultGraph()}
    # the lines the build has at hand give the same store
    assert set(projected_store(sources.store, projection, asserted_lines(sources.store))) == set(copy)


def test_predicates_nobody_checks_change_nothing(tmp_path):
    """A known answer: the same results with and without triples of predicates no shape reads, the
    projection leaves those out, and pySHACL on the whole graph agrees."""
    plain_data, plain_ontology = layout(tmp_path / "plain", SHAPES, DATA)
    noisy_data, noisy_ontology = layout(tmp_path / "noisy", SHAPES, DATA, NOISE)
    plain = validate_sources(load_sources(plain_data, plain_ontology))
    noisy = validate_sources(load_sources(noisy_data, noisy_ontology))
    assert results(plain) == results(noisy) == EXPECTED
    assert noisy.unprojected is None and "unprojected" not in noisy.summary()
    reference = validate(load(noisy_data, noisy_ontology))
    assert sorted((v.focus.rsplit("/", 1)[-1].split(":")[-1], v.message) for v in reference) == EXPECTED
    assert [(v.focus, v.path, v.message, v.value) for v in noisy.violations] == \
        [(v.focus, v.path, v.message, v.value) for v in reference]
