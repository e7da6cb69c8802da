"""Quality checks (``queries/*-violation.rq``): silent on the real graph, loud on bad fixtures.

Each check has a deliberately bad Turtle fixture in ``tests/fixtures/bad/<check>.ttl``. The
fixture is loaded with the ontology and reasoned over with :func:`rdzl_graph.reasoning.owlrl_reference.reason`
(as the real build does), so checks relying on inferred triples are exercised for real.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from reference_build import to_store
from rdzl_graph.core.query_files import list_queries
from rdzl_graph.query.named import run_query
from rdzl_graph.reasoning.owlrl_reference import reason
from rdzl_graph.core.resources import ontology_dir

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad"
ID = "https://w3id.org/rdzl-graph/id/"

# check -> a resource its bad fixture must report
EXPECTED = {
    "project-without-partner": [ID + "project/lonely", ID + "project/with-empty-part"],
    "amount-without-certainty": [ID + "bad/funding"],
    "organisation-without-project": [ID + "org/nobody"],
    "project-without-programme-line": [ID + "project/no-line"],
    "subproject-line-mismatch": [ID + "project/child"],
    "participation-without-role": [ID + "bad/participation"],
    "label-missing-dutch": [ID + "project/english-only"],
    "project-without-status": [ID + "project/no-status"],
    "attention-point-without-category": [ID + "bad/attention"],
    "milestone-without-state": [ID + "bad/milestone"],
    "project-count-figure": [ID + "figure/aantal-projecten-met-deelprojecten"],
    "edition-lost-project": [ID + "project/lost"],
}


@pytest.fixture(scope="module")
def ontology_graph() -> Graph:
    graph = Graph()
    graph.parse(ontology_dir() / "rdzl.ttl", format="turtle")
    return graph


def fixture_store(name: str, ontology: Graph):
    data = Graph()
    data.parse(FIXTURES / f"{name}.ttl", format="turtle")
    return to_store({"urn:g:ontology": ontology, "urn:g:data": data, "urn:g:inferred": reason(ontology, data)})


def violation_names() -> list[str]:
    return [q.name for q in list_queries() if q.name.endswith("-violation")]


def test_every_library_check_has_a_bad_fixture():
    ours = {name.removesuffix("-violation") for name in violation_names()} - {
        n.removesuffix("-violation") for n in violation_names() if n.startswith("ontology-")
    }
    assert ours == set(EXPECTED)
    assert {p.stem for p in FIXTURES.glob("*.ttl")} == set(EXPECTED)


@pytest.mark.parametrize("name", violation_names())
def test_check_is_silent_on_the_real_graph(store, name):
    result = run_query(store, name)
    assert result.rows == [], f"{name} reports {result.rows}"


@pytest.mark.parametrize("check", sorted(EXPECTED))
def test_check_reports_its_bad_fixture(ontology_graph, check):
    result = run_query(fixture_store(check, ontology_graph), f"{check}-violation")
    reported = {value for row in result.rows for value in row}
    assert result.rows, f"{check}-violation found nothing in its bad fixture"
    for resource in EXPECTED[check]:
        assert resource in reported


def test_fixture_exceptions_are_respected(ontology_graph):
    """reportNamesNoPartner and sub-projects with partners excuse a project without partner."""
    result = run_query(fixture_store("project-without-partner", ontology_graph), "project-without-partner-violation")
    reported = {row[0] for row in result.rows}
    assert ID + "project/empty-part" not in reported  # flagged reportNamesNoPartner true


def test_project_count_figure_reports_both_numbers(ontology_graph):
    """The sub-project counts (typed rdzl:Project by inference): 2 projects against the report's 24."""
    result = run_query(fixture_store("project-count-figure", ontology_graph), "project-count-figure-violation")
    assert [(float(row[1]), int(row[2])) for row in result.rows] == [(24.0, 2)]
