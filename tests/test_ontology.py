"""The ontology: metadata, labels and definitions (ODK-style QC queries), consistency."""

from __future__ import annotations

from pathlib import Path

import owlrl
import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, Namespace, URIRef

from reference_loading import load
from rdzl_graph.core.namespaces import RDZL
from rdzl_graph.core.sparql import query_file

FIXTURES = Path(__file__).parent / "fixtures"
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # where owlrl records inconsistencies
QC = [
    "ontology-metadata-violation",
    "ontology-term-without-label-violation",
    "ontology-term-without-definition-violation",
]


def fixture_store(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:fixture"))
    return store


@pytest.mark.parametrize("name", QC)
def test_qc_query_finds_nothing_in_the_real_ontology(store, name):
    assert query_file(store, name) == []


def test_qc_queries_catch_a_bad_ontology():
    bad = fixture_store(FIXTURES / "bad-ontology.ttl")
    metadata = {row["missing"] for row in query_file(bad, "ontology-metadata-violation")}
    assert metadata == {
        "dcterms:description",
        "dcterms:license",
        "owl:versionInfo",
        "vann:preferredNamespacePrefix",
        "dated owl:versionIRI",
    }
    labels = {(row["term"].rsplit("#", 1)[1], row["missing"]) for row in query_file(bad, "ontology-term-without-label-violation")}
    assert labels == {("Widget", "en"), ("frobnicates", "nl"), ("frobnicates", "en")}
    definitions = {(row["term"].rsplit("#", 1)[1], row["missing"]) for row in query_file(bad, "ontology-term-without-definition-violation")}
    assert definitions == {("Widget", "nl"), ("Widget", "en"), ("frobnicates", "nl")}


def test_version_iri_is_dated_and_matches_modified_date():
    ontology = load().ontology
    ont = URIRef("https://w3id.org/rdzl-graph/ont")
    version = str(next(ontology.objects(ont, URIRef("http://www.w3.org/2002/07/owl#versionIRI"))))
    modified = str(next(ontology.objects(ont, URIRef("http://purl.org/dc/terms/modified"))))
    assert version == f"https://w3id.org/rdzl-graph/ont/{modified}"


def closure_errors(graph: Graph) -> list[str]:
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    return [str(message) for message in graph.objects(None, ERR.error)]


def test_ontology_and_data_are_consistent():
    loaded = load()
    graph = Graph()
    for triple in loaded.ontology:
        graph.add(triple)
    for triple in loaded.data:
        graph.add(triple)
    assert closure_errors(graph) == []


def test_a_project_that_is_also_an_organisation_is_inconsistent():
    loaded = load()
    graph = Graph()
    for triple in loaded.ontology:
        graph.add(triple)
    thing = URIRef("https://w3id.org/rdzl-graph/id/project/both")
    graph.add((thing, RDF.type, RDZL.Project))
    graph.add((thing, RDF.type, RDZL.Company))
    errors = closure_errors(graph)
    assert errors, "owlrl should report the clash of disjoint classes"
    assert any("both" in message for message in errors)
