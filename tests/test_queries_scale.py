"""Library queries rewritten for scale return the rows of their plain reference formulation.

Several questions in ``queries/`` are written for speed on large graphs (see the comments in those
files). ``tests/fixtures/reference-queries/<name>.rq`` keeps the straightforward formulation each
one was rewritten from. Both run on the real graph and on a synthetic programme of 62 projects
(with a few foreign places added, so every branch of ``cross-border-projects`` has rows), and must
give the same rows in the same order. Timings are in ``bench/bench_queries.py``, not here.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

import pyoxigraph as ox
import pytest

from rdzl_graph.build.pipeline import build
from rdzl_graph.core.query_files import load_query
from rdzl_graph.query.named import run_query
from rdzl_graph.query.store import load_store
from rdzl_graph.synth import synth

REFERENCE = Path(__file__).resolve().parent / "fixtures" / "reference-queries"
ID = "https://w3id.org/rdzl-graph/id/"
RDZL = "https://w3id.org/rdzl-graph/ont#"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
NO_HUB_LIMIT = {"max_projects": "1000000"}

# Query name -> extra parameters of the library query (the reference takes none of these).
REWRITTEN: dict[str, dict[str, str]] = {
    "bridge-organisations": {},
    "cross-border-projects": {},
    "funding-per-organisation-type": {},
    "label-missing-dutch-violation": {},
    "municipalities-without-project": {},
    "organisation-without-project-violation": {},
    "shared-partners-all-pairs": NO_HUB_LIMIT,
}
# Rewritten queries with a project parameter: compared for every project of the graph.
PER_PROJECT = ("project-attention-points", "project-milestones", "similar-projects")


def _rows(store, query, params: dict[str, str], drop: tuple[str, ...] = ()) -> tuple[list[str], list[tuple]]:
    result = run_query(store, query, params)
    keep = [i for i, column in enumerate(result.columns) if column not in drop]
    return [result.columns[i] for i in keep], [tuple(row[i] for i in keep) for row in result.rows]


def _node(kind: str, name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{ID}{kind}/{name}")


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """A built 62-project synthetic programme, plus a foreign place and a project without Dutch label.

    The generator puts every place in a Dutch municipality; the added triples (a Belgian place with
    a Dutch label, used as a project's and an organisation's location, and a project with only an
    English label for the quality check) keep the reasoned graph closed: nothing else follows.
    The generator makes every organisation take part in a project or the programme (the build's
    quality checks hold), so three organisations in no project are added: one plain (a row of
    organisation-without-project-violation), one party to the programme and one whose person is
    quoted with a project (the check's two exceptions).
    """
    root = tmp_path_factory.mktemp("synthetic")
    synth(root / "data", 62, seed=1)
    store = load_store(build(out_dir=root / "build", data_dir=root / "data").outputs["trig"])
    place, graph = _node("place", "grensplaats"), ox.NamedNode("urn:test:added")
    partner = next(q.object for q in store.quads_for_pattern(None, ox.NamedNode(RDZL + "hasPartner"), None))
    for triple in [
        (_node("project", "english-only"), RDF_TYPE, ox.NamedNode(RDZL + "Project")),
        (_node("project", "english-only"), RDFS_LABEL, ox.Literal("English only", language="en")),
        (place, ox.NamedNode(RDZL + "withinPlace"), _node("country", "BE")),
        (place, RDFS_LABEL, ox.Literal("Grensplaats", language="nl")),
        (_node("project", "p2"), ox.NamedNode(RDZL + "location"), place),
        (partner, ox.NamedNode(RDZL + "location"), place),
        *[(_node("org", name), RDF_TYPE, ox.NamedNode(RDZL + "Organisation")) for name in ("los", "partij", "geciteerd")],
        (_node("org", "los"), RDFS_LABEL, ox.Literal("Los", language="nl")),
        (_node("org", "partij"), ox.NamedNode(RDZL + "partyToProgramme"), _node("programme", "synthetisch-programma")),
        (_node("person", "spreker"), ox.NamedNode(RDZL + "affiliation"), _node("org", "geciteerd")),
        (_node("person", "spreker"), ox.NamedNode(RDZL + "quotedIn"), _node("project", "p2")),
    ]:
        store.add(ox.Quad(*triple, graph))
    return store


@pytest.mark.parametrize("name", sorted(REWRITTEN))
@pytest.mark.parametrize("graph", ["real", "synthetic"])
def test_rewritten_query_equals_its_reference(store, synthetic_store, graph, name):
    target = store if graph == "real" else synthetic_store
    params = REWRITTEN[name]
    columns, rows = _rows(target, name, params, drop=tuple(params))
    ref_columns, ref_rows = _rows(target, load_query(REFERENCE / f"{name}.rq"), {})
    assert columns == ref_columns
    assert rows == ref_rows
    if graph == "synthetic" and name != "municipalities-without-project":
        assert rows, "the synthetic graph should exercise the query"
    if graph == "real" and name.endswith("-violation"):
        assert not rows


def test_synthetic_cross_border_has_place_and_partner_rows(synthetic_store):
    via = " ".join(row[2] for row in _rows(synthetic_store, "cross-border-projects", {})[1])
    assert "plaats Grensplaats" in via and "partner " in via


def _subjects(target: ox.Store, predicate: str) -> list[str]:
    return sorted({q.subject.value for q in target.quads_for_pattern(None, ox.NamedNode(RDZL + predicate), None)})


@pytest.mark.parametrize("name", PER_PROJECT)
@pytest.mark.parametrize("graph", ["real", "synthetic"])
def test_rewritten_project_query_equals_its_reference_for_every_project(store, synthetic_store, graph, name):
    target = store if graph == "real" else synthetic_store
    reference = load_query(REFERENCE / f"{name}.rq")
    projects = [q.subject.value for q in target.quads_for_pattern(None, RDF_TYPE, ox.NamedNode(RDZL + "Project"))]
    assert len(projects) > 20
    found = 0
    for project in projects:
        rows = _rows(target, name, {"project": project})
        assert rows == _rows(target, reference, {"project": project}), project
        found += bool(rows[1])
    assert found > 5


@pytest.mark.parametrize("graph", ["real", "synthetic"])
def test_rewritten_shared_partners_equals_its_reference_for_every_pair(store, synthetic_store, graph):
    """Every ordered pair of projects that share an organisation, and one pair that does not."""
    target = store if graph == "real" else synthetic_store
    reference = load_query(REFERENCE / "shared-partners.rq")
    pairs = sorted({(a, b) for projects in _projects_per_organisation(target).values()
                    for a in projects for b in projects if a != b})
    assert len(pairs) > 20
    lonely = sorted(set(_subjects(target, "theme")) - set(_subjects(target, "involvesOrganisation")))
    for a, b in pairs + [(pairs[0][0], lonely[0])]:
        params = {"project_a": a, "project_b": b}
        found, expected = _rows(target, "shared-partners", params), _rows(target, reference, params)
        assert found[0] == expected[0]
        assert _roles_as_sets(found) == _roles_as_sets(expected), (a, b)


def _roles_as_sets(result: tuple[list[str], list[tuple]]) -> list[tuple]:
    """Rows with the role lists as sets: neither query fixes the order within a GROUP_CONCAT."""
    columns, rows = result
    return [tuple(frozenset(v.split(", ")) if c.startswith("role_in") and v else v for c, v in zip(columns, row))
            for row in rows]


def test_every_reference_belongs_to_a_library_query():
    assert {p.stem for p in REFERENCE.glob("*.rq")} == set(REWRITTEN) | set(PER_PROJECT) | {"shared-partners"}


# --- shared-partners-all-pairs: the hub limit -------------------------------------------------

def _projects_per_organisation(target: ox.Store) -> dict[str, set[str]]:
    involved: dict[str, set[str]] = {}
    for quad in target.quads_for_pattern(None, ox.NamedNode(RDZL + "involvesOrganisation"), None):
        involved.setdefault(quad.object.value, set()).add(quad.subject.value)
    return involved


@pytest.mark.parametrize("limit", [2, 3, 10])
def test_all_pairs_leave_out_organisations_in_more_than_max_projects(synthetic_store, limit):
    """Pairs and counts equal a direct count over the organisations within the limit."""
    involved = _projects_per_organisation(synthetic_store)
    parts = {(q.subject.value, q.object.value)
             for q in synthetic_store.quads_for_pattern(None, ox.NamedNode(RDZL + "hasPart"), None)}
    expected: Counter = Counter()
    for projects in involved.values():
        if len(projects) <= limit:
            for a, b in combinations(sorted(projects), 2):
                if (a, b) not in parts and (b, a) not in parts:
                    expected[(a, b)] += 1
    columns, rows = _rows(synthetic_store, "shared-partners-all-pairs", {"max_projects": str(limit)})
    found = {(r[columns.index("project_a")], r[columns.index("project_b")]): r[columns.index("shared")] for r in rows}
    assert found == dict(expected)
    assert {r[columns.index("max_projects")] for r in rows} <= {limit}


def test_all_pairs_default_keeps_the_real_result(store):
    """The default limit (10) is above every real organisation's number of projects."""
    assert max(len(p) for p in _projects_per_organisation(store).values()) < 10
    assert _rows(store, "shared-partners-all-pairs", {}, drop=("max_projects",)) == _rows(
        store, load_query(REFERENCE / "shared-partners-all-pairs.rq"), {})
