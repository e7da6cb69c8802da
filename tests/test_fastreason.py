"""The fast SPARQL-rule reasoner derives exactly what owlrl + the junk filter derive."""

from __future__ import annotations

import pytest
from rdflib import Graph

from rdzl_graph.reasoning import fast as fastreason
from rdzl_graph.core.errors import ValidationError
from rdzl_graph.reasoning.fast import ReasoningError, instantiate
from reference_loading import load
from rdzl_graph.reasoning.owlrl_reference import reason as owlrl_reason
from rdzl_graph.synth import synth

PREFIXES = """
@prefix : <http://t.example/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


def _graph(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


def _diff(a: Graph, b: Graph) -> tuple[set, set]:
    return set(a) - set(b), set(b) - set(a)


def test_equal_to_owlrl_on_real_data():
    loaded = load()
    expected = owlrl_reason(loaded.ontology, loaded.data)
    got = fastreason.reason(loaded.ontology, loaded.data)
    assert len(expected) > 2000
    assert _diff(expected, got) == (set(), set())


def test_equal_to_owlrl_on_synthetic_programme(tmp_path):
    synth(tmp_path / "data", 40, seed=11)
    loaded = load(tmp_path / "data")
    expected = owlrl_reason(loaded.ontology, loaded.data)
    got = fastreason.reason(loaded.ontology, loaded.data)
    assert len(expected) > 2000
    assert _diff(expected, got) == (set(), set())


def test_a_changed_ontology_needs_no_code_change():
    # equivalences, a three-step chain with an inverse step, transitivity through a
    # sub-property and an inverse: none of these combinations is in the real ontology
    ontology = _graph("""
        :A owl:equivalentClass :B . :B rdfs:subClassOf :C .
        :p owl:equivalentProperty :q . :q rdfs:domain :A ; rdfs:range :C .
        :t a owl:TransitiveProperty ; owl:inverseOf :tInv . :sub rdfs:subPropertyOf :t .
        :chain owl:propertyChainAxiom ( [ owl:inverseOf :p ] :sub :t ) .
    """)
    data = _graph("""
        :x :p :y . :x :sub :z . :z :t :w . :w :t :v . :k a :B .
    """)
    expected = owlrl_reason(ontology, data)
    got = fastreason.reason(ontology, data)
    assert _diff(expected, got) == (set(), set())
    assert (data.namespace_manager.expand_curie(":y"), data.namespace_manager.expand_curie(":chain"),
            data.namespace_manager.expand_curie(":v")) in set(got)


def test_refuses_axioms_it_does_not_implement():
    ontology = _graph(":p a owl:SymmetricProperty .")
    with pytest.raises(ReasoningError, match="SymmetricProperty"):
        fastreason.reason(ontology, _graph(":x :p :y ."))


def test_refuses_functional_property_conflicts():
    ontology = _graph(":f a owl:FunctionalProperty , owl:ObjectProperty .")
    with pytest.raises(ReasoningError, match="owl:sameAs"):
        fastreason.reason(ontology, _graph(":x :f :y1 , :y2 ."))


def test_rules_come_from_the_ontology():
    loaded = load()
    store = fastreason.graphs_to_store(loaded.ontology, loaded.data)
    rules = fastreason.read_rules(store)
    chains = [r for r in rules if r.template == "prp-spo2"]
    # hasPartner, involvesOrganisation, quotedIn (inverse first step), facesRisk
    assert len(chains) >= 4
    assert any(r.a.startswith("(^") and "quotedPerson" in r.a for r in chains)
    assert instantiate("?x ?_a ?y . VALUES ?b { ?_b }", "<urn:p>", "<urn:q> <urn:r>") == \
        "?x <urn:p> ?y . VALUES ?b { <urn:q> <urn:r> }"


def test_disjoint_classes_are_an_inconsistency_as_with_owlrl():
    ontology = _graph(":A owl:disjointWith :B . :C rdfs:subClassOf :B .")
    data = _graph(":x a :A , :C .")
    with pytest.raises(ValidationError) as owlrl_error:
        owlrl_reason(ontology, data)
    with pytest.raises(ValidationError) as fast_error:
        fastreason.reason(ontology, data)
    assert [v.focus for v in fast_error.value.violations] == [v.focus for v in owlrl_error.value.violations] == ["http://t.example/x"]


def test_build_with_the_owlrl_reasoner_writes_the_same_graph(built, tmp_path):
    """The default build (fast reasoner) and the reference (owlrl) write the same bytes."""
    from rdzl_graph.build.pipeline import build

    result = build(out_dir=tmp_path, reasoner="owlrl")
    assert result.triples == built.result.triples
    for key in ("trig", "nt", "ttl"):
        assert result.outputs[key].read_bytes() == built.result.outputs[key].read_bytes(), key


def test_rules_run_after_the_rules_that_feed_them():
    from rdzl_graph.reasoning.fast import RuleInstance, order_rules, rule_writes

    sco = RuleInstance("cax-sco", "<urn:B>", "<urn:C>", ("type urn:B",))
    dom = RuleInstance("prp-dom", "<urn:p>", "<urn:B>", ("urn:p",))
    inv = RuleInstance("prp-inv", "<urn:q>", "<urn:p>", ("urn:q",))
    assert rule_writes(dom) == ("type urn:B",) and rule_writes(inv) == ("urn:p",)
    assert order_rules([sco, dom, inv]) == [inv, dom, sco]
    back = RuleInstance("prp-inv", "<urn:p>", "<urn:q>", ("urn:p",))  # a cycle: keeps the given order
    assert order_rules([back, inv]) == [back, inv]
