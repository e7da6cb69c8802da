"""OWL 2 RL reasoning: the derived shortcuts appear, no junk, idempotent."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as rns
from rdflib.namespace import OWL, RDF, RDFS

from reference_loading import load
from rdzl_graph.core.namespaces import INFERRED_GRAPH, RD, RDZL
from rdzl_graph.reasoning.owlrl_reference import reason


@pytest.fixture(scope="session")
def loaded():
    """The real ontology and data."""
    return load()


@pytest.fixture(scope="session")
def inferred(loaded) -> Graph:
    """The inferred triples of the real data."""
    return reason(loaded.ontology, loaded.data)


@pytest.fixture(scope="session")
def participations(loaded) -> list[tuple[URIRef, URIRef]]:
    """(project, organisation) for every participation asserted in data/."""
    data = loaded.data
    pairs = []
    for project, part in data.subject_objects(RDZL.hasParticipation):
        for org in data.objects(part, RDZL.organisation):
            pairs.append((project, org))
    assert pairs, "the data holds no participations"
    return pairs


def test_has_partner_and_inverse_from_participations(inferred, loaded, participations):
    for project, org in participations:
        for triple in ((project, RDZL.hasPartner, org), (org, RDZL.partnerIn, project),
                       (project, RDZL.involvesOrganisation, org), (org, RDZL.involvedIn, project)):
            assert triple in inferred or triple in loaded.data, triple


def test_participation_inverses(inferred, loaded):
    for project, part in loaded.data.subject_objects(RDZL.hasParticipation):
        assert (part, RDZL.inProject, project) in inferred or (part, RDZL.inProject, project) in loaded.data


def test_parent_involves_organisations_of_sub_projects(inferred, loaded):
    data = loaded.data
    subs = [(sub, parent) for sub, parent in data.subject_objects(RDZL.isPartOf)]
    subs += [(sub, parent) for parent, sub in data.subject_objects(RDZL.hasPart)]
    checked = 0
    for sub, parent in subs:
        for part in data.objects(sub, RDZL.hasParticipation):
            for org in data.objects(part, RDZL.organisation):
                assert (parent, RDZL.involvesOrganisation, org) in inferred
                assert (org, RDZL.involvedIn, parent) in inferred
                checked += 1
    if not subs:
        pytest.skip("the data holds no sub-projects")
    assert checked, "no sub-project has a participation"


def test_concrete_partner_example(store):
    """A hand-checked example from the report: Envida is a partner in Vallisveld."""
    project = ox.NamedNode(str(RD["project/vallisveld"]))
    org = ox.NamedNode(str(RD["org/envida"]))
    if not list(store.quads_for_pattern(project, None, None)):
        pytest.skip("rd:project/vallisveld is not in the data")
    inferred = ox.NamedNode(str(INFERRED_GRAPH))
    assert list(store.quads_for_pattern(project, ox.NamedNode(str(RDZL.hasPartner)), org, inferred))
    assert list(store.quads_for_pattern(org, ox.NamedNode(str(RDZL.partnerIn)), project, inferred))


def test_funding_and_risk_shortcuts(inferred, loaded):
    data = loaded.data
    for project, funding in data.subject_objects(RDZL.hasFunding):
        assert (funding, RDZL.fundedProject, project) in inferred
    for project, point in data.subject_objects(RDZL.hasAttentionPoint):
        for category in data.objects(point, RDZL.attentionCategory):
            assert (project, RDZL.facesRisk, category) in inferred


def test_quoted_in_shortcut(inferred, loaded):
    data = loaded.data
    pairs = [
        (person, project)
        for project, quote in data.subject_objects(RDZL.hasQuote)
        for person in data.objects(quote, RDZL.quotedPerson)
    ]
    if not pairs:
        pytest.skip("the data holds no quotes")
    for person, project in pairs:
        assert (person, RDZL.quotedIn, project) in inferred
        assert (project, RDZL.quotes, person) in inferred


def test_subproject_typed_as_project(inferred, loaded):
    for sub in loaded.data.subjects(RDF.type, RDZL.SubProject):
        assert (sub, RDF.type, RDZL.Project) in inferred or (sub, RDF.type, RDZL.Project) in loaded.data


BUILTIN = (str(RDF), str(RDFS), str(OWL), str(rns.XSD))


def test_no_junk(inferred):
    assert len(inferred) > 0
    for s, p, o in inferred:
        assert not isinstance(s, (Literal, BNode)), (s, p, o)
        assert not isinstance(o, BNode), (s, p, o)
        assert not str(s).startswith(BUILTIN), (s, p, o)
        assert not (p == OWL.sameAs and s == o), (s, p, o)
        assert not (p == RDF.type and o in (OWL.Thing, RDFS.Resource)), (s, p, o)
        assert not (p in (RDFS.subClassOf, OWL.equivalentClass, RDFS.subPropertyOf, OWL.equivalentProperty)
                    and s == o), (s, p, o)
        assert not (p == RDFS.subClassOf and o == OWL.Thing), (s, p, o)
        assert p != OWL.differentFrom, (s, p, o)


def test_inferred_triples_are_new(inferred, loaded):
    for triple in inferred:
        assert triple not in loaded.data and triple not in loaded.ontology


def test_idempotent(inferred, loaded):
    again = reason(loaded.ontology, loaded.data, inferred)
    assert len(again) == 0, sorted(again)[:20]


def test_built_inferred_graph_matches(store, inferred):
    graph = ox.NamedNode(str(INFERRED_GRAPH))
    assert len(list(store.quads_for_pattern(None, None, None, graph))) == len(inferred)
