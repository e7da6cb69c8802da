"""The query library on the real graph: golden results, report facts, header format, CLI.

Golden results live in ``tests/golden/<name>.json``; they were checked by hand against the
report's facts in ``data/``. Regenerate them only on purpose, then review the diff::

    RDZL_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_queries.py
"""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal

import pyoxigraph as ox
import pytest

from golden_results import check_golden, rows
from rdzl_graph.core.errors import InputError
from rdzl_graph.query.sparql_values import inject_values
from rdzl_graph.core.query_files import Param, adhoc_query, list_queries, load_query, parse_query_text
from rdzl_graph.query.named import QueryResult, prepare, render, run_query, to_term
from rdzl_graph.core.namespaces import PREFIXES
from rdzl_graph.query.store import load_store

ID = "https://w3id.org/rdzl-graph/id/"
TOTAL = Decimal("20332459")

# Every library question with the parameters its golden result was made with.
GOLDEN_PARAMS: dict[str, dict[str, str]] = {
    "shared-partners": {"project_a": "vallisveld", "project_b": "pottenberg-nazareth"},
    "shared-partners-all-pairs": {},
    "bridge-organisations": {},
    "project-partners": {"project": "wijkaanpak-vallisveld-pottenberg-nazareth"},
    "projects-per-municipality": {},
    "municipalities-without-project": {},
    "funding-per-programme-line": {},
    "funding-per-municipality": {},
    "key-figures": {},
    "funding-per-organisation-type": {},
    "funding-uncertain": {},
    "projects-by-status": {},
    "projects-by-risk": {"risk": "capaciteit"},
    "risk-overview": {},
    "similar-projects": {"project": "makerspace-vitaliteitsincubator"},
    "cross-border-projects": {},
    "people-per-project": {},
    "project-neighbourhood": {"project": "vallisveld"},
    "project-list": {},
    "project-details": {"project": "haven-stein"},
    "project-milestones": {"project": "tim-textiel-innovatie-maastricht"},
    "project-attention-points": {"project": "corio-glana"},
    "organisation-projects": {"organisation": "chemelot"},
    "search": {"text": "textiel"},
}
OTHER_OWNERS = ("stats-", "site-", "network-", "endpoint-", "ontology-",
                "circle", "learn-from")  # the circles graph's questions: golden results in test_circles_queries.py


def library_names() -> list[str]:
    return [q.name for q in list_queries() if not q.name.startswith(OTHER_OWNERS)]


# --- golden results ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(GOLDEN_PARAMS))
def test_golden_result(store, name):
    check_golden(store, name, GOLDEN_PARAMS[name])


def test_every_library_question_has_a_golden_result_or_is_a_check():
    names = set(library_names())
    assert names - {n for n in names if n.endswith("-violation")} == set(GOLDEN_PARAMS)


# --- facts of the report, asserted directly ---------------------------------------------------

def test_envida_is_shared_by_vallisveld_and_pottenberg_nazareth(store):
    found = rows(store, "shared-partners", project_a="project:vallisveld", project_b="pottenberg-nazareth")
    assert [r["organisation_label"] for r in found] == ["Envida"]


def test_chemelot_bridges_three_projects(store):
    bridges = {r["organisation_label"]: r for r in rows(store, "bridge-organisations")}
    assert bridges["Chemelot"]["projects"] == 3
    assert set(bridges["Chemelot"]["project_labels"].split(", ")) == {
        "Circular Chemelot", "Goede Morgen: de circulaire werkplaats in Geleen", "Haven Stein / Port of Chemelot"}
    assert all(r["projects"] >= 2 for r in bridges.values())
    assert len(rows(store, "bridge-organisations", min_projects="3")) == 2


def test_only_gulpen_wittem_has_no_project(store):
    assert [r["municipality_label"] for r in rows(store, "municipalities-without-project")] == ["Gulpen-Wittem"]
    per = {r["municipality_label"]: r["projects"] for r in rows(store, "projects-per-municipality")}
    assert len(per) == 10 and per["Gulpen-Wittem"] == 0 and per["Sittard-Geleen"] == 5


def test_funding_per_programme_line(store):
    lines = {r["line_label"]: r for r in rows(store, "funding-per-programme-line")}
    assert lines["Totaal"]["total"] == TOTAL and lines["Totaal"]["allocations"] == 22
    expected = {
        "Sterke en gezonde gemeenschappen": 9_500_000,
        "Circulaire economie en samenleving": 5_137_459,
        "Versterken uniek landschap": 4_695_000,
        "Internationaliseren arbeidsmarkt Zuid-Limburg": 1_000_000,
    }
    assert {k: v["total"] for k, v in lines.items() if k != "Totaal"} == expected
    assert sum(v["total"] for k, v in lines.items() if k != "Totaal") == TOTAL
    for row in lines.values():
        assert row["amount_certain"] + row["amount_page_order"] + row["amount_uncertain"] == row["total"]


def test_split_columns_add_up_to_the_total(store):
    for name in ("funding-per-municipality", "funding-per-organisation-type"):
        found = rows(store, name)
        assert abs(sum(Decimal(r["amount_split"]) for r in found) - TOTAL) < 1, name
    municipalities = {r["municipality_label"]: r for r in rows(store, "funding-per-municipality")}
    assert municipalities["(geen gemeente genoemd)"]["amount_full"] == 2_622_342
    assert municipalities["Valkenburg aan de Geul"]["amount_split"] == 97_500  # Van Geuldal, 2 municipalities


def test_two_allocations_of_the_same_amount_both_count(built, store):
    """Regression: the funding queries grouped by (project, amount), so a project with two
    allocations of equal amount counted once. Add a second EUR 700,000 allocation to Haven Stein."""
    from rdzl_graph.core.namespaces import DATA_GRAPH

    extra = load_store(built.trig)
    project, allocation = ox.NamedNode(f"{ID}project/haven-stein"), ox.NamedNode(f"{ID}funding/test-second")
    rdzl = "https://w3id.org/rdzl-graph/ont#"
    graph = ox.NamedNode(str(DATA_GRAPH))
    for s, p, o in [
        (project, ox.NamedNode(rdzl + "hasFunding"), allocation),
        (allocation, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(rdzl + "FundingAllocation")),
        (allocation, ox.NamedNode(rdzl + "amountEUR"),
         ox.Literal("700000", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))),
    ]:
        extra.add(ox.Quad(s, p, o, graph))
    expected = TOTAL + 700_000
    lines = {r["line_label"]: r for r in rows(extra, "funding-per-programme-line")}
    assert lines["Totaal"]["total"] == expected and lines["Totaal"]["allocations"] == 23
    for name in ("funding-per-municipality", "funding-per-organisation-type"):
        found = rows(extra, name)
        assert abs(sum(Decimal(r["amount_split"]) for r in found) - expected) < 1, name
    before = {r["municipality_label"]: r for r in rows(store, "funding-per-municipality")}["Stein"]
    after = {r["municipality_label"]: r for r in rows(extra, "funding-per-municipality")}["Stein"]
    assert after["amount_full"] == before["amount_full"] + 700_000
    assert after["projects"] == before["projects"]  # still one row per project


def test_uncertain_amounts(store):
    uncertain = rows(store, "funding-uncertain", include_page_order="false")
    assert {r["project_label"] for r in uncertain} == {
        "The Circular Mile", "Haven Stein / Port of Chemelot", "Micro-2-biocycles", "Het grondstoffenproject",
        "Toekomstbestendige, circulaire mode", "Landschapspark Grenzeloos Bocageland", "Poort van het Heuvelland"}
    assert sum(r["amount"] for r in uncertain) == 3_213_073 + 14_400 + 1_500_000 + 400_000
    assert len(rows(store, "funding-uncertain")) == 19  # plus 12 assigned by page order


def test_capacity_risk_projects(store):
    found = {r["project_label"] for r in rows(store, "projects-by-risk", risk="risk:capaciteit")}
    assert found == {"Makerspace & vitaliteitsincubator in Maastricht", "Van Geuldal tot Geleenbeek tot Roodenbach",
                     "Ontwikkeling gebiedsvisie Zuidoost Beek rondom Landgoed Broenen"}


def test_status_filter_is_optional(store):
    everything = rows(store, "projects-by-status")
    assert len(everything) == 24
    attention = rows(store, "projects-by-status", status="aandachtspunten")
    assert [r["project_label"] for r in attention] == ["Ontwikkeling gebiedsvisie Zuidoost Beek rondom Landgoed Broenen"]


def test_cross_border_projects(store):
    found = {r["project_label"]: r["countries"] for r in rows(store, "cross-border-projects")}
    assert found["Corio Glana"] == "België, Duitsland"
    assert found["Het grondstoffenproject"] == "Italië"
    assert "Welcome to Maastricht Region" in found and "Vallisveld" not in found


def test_project_partners_include_sub_projects(store):
    found = rows(store, "project-partners", project="wijkaanpak-vallisveld-pottenberg-nazareth")
    assert {r["in_project_label"] for r in found} == {"Vallisveld", "Pottenberg & Nazareth"}
    assert len({r["organisation"] for r in found}) == 9
    assert all(r["role_label"] for r in found)


def test_people_and_neighbourhood(store):
    people = {r["person_label"]: r for r in rows(store, "people-per-project")}
    assert people["Bob Joosten"]["organisation_label"] == "Wessem Port Services Group"
    graph = run_query(store, "project-neighbourhood", {"project": "vallisveld"})
    assert graph.kind == "construct"
    edges = {(s, p, o) for s, p, o in graph.rows}
    assert (ID + "project/vallisveld", "https://w3id.org/rdzl-graph/ont#hasPartner", ID + "org/envida") in edges
    assert (ID + "org/envida", str(PREFIXES["rdfs"]) + "label", "Envida") in edges


def test_project_list_has_every_project_once(store):
    found = rows(store, "project-list")
    assert len(found) == 24 == len({r["project"] for r in found})
    assert sum(r["amount"] or 0 for r in found) == TOTAL


# --- remote text: VALUES injection gives the same answers as substitutions ---------------------

@pytest.mark.parametrize("name", [n for n, p in sorted(GOLDEN_PARAMS.items()) if p] + ["funding-uncertain"])
def test_values_block_matches_substitution(store, name):
    prepared = prepare(name, GOLDEN_PARAMS[name] or {"include_page_order": "false"})
    local = run_query(store, prepared.info, GOLDEN_PARAMS[name] or {"include_page_order": "false"})
    remote = run_query(store, adhoc_query(prepared.remote_text()), {})
    assert remote.columns == local.columns
    assert normalised(remote.rows) == normalised(local.rows)


def normalised(found):
    """GROUP_CONCAT order may follow the query plan: compare its parts as sets."""
    return [tuple(tuple(sorted(v.split(", "))) if isinstance(v, str) else v for v in row) for row in found]


def test_inject_values_skips_comments_strings_and_iris():
    text = '# WHERE { in a comment\nSELECT ?x ("WHERE {" AS ?s) WHERE { ?x ?p ?o }'
    injected = inject_values(text, {"o": ox.Literal('a" } DROP ALL #')})
    assert injected.endswith('WHERE { VALUES (?o) { ("a\\" } DROP ALL #") } ?x ?p ?o }')
    assert injected.startswith('# WHERE { in a comment\nSELECT ?x ("WHERE {" AS ?s)')


def test_inject_values_reaches_filters_in_nested_groups(store):
    """Regression: a VALUES block only at the top of WHERE did not reach a FILTER inside an
    OPTIONAL, so `site-funding` with lang=en gave other rows remotely than embedded."""
    prepared = prepare("site-funding", {"lang": "en"})
    embedded = run_query(store, "site-funding", {"lang": "en"})
    remote = run_query(store, adhoc_query(prepared.remote_text()), {})
    assert sorted(map(repr, normalised(remote.rows))) == sorted(map(repr, normalised(embedded.rows)))


# --- header format and parameter typing ------------------------------------------------------

def test_library_headers_are_complete():
    for name in library_names():
        info = load_query(name)
        assert set(info.title) >= {"nl", "en"} and set(info.description) >= {"nl", "en"}, name
        for param in info.params:
            assert f"?{param.name}" in info.sparql, (name, param.name)


def test_param_declarations_are_parsed():
    info = load_query("bridge-organisations")
    assert info.params == (Param("min_projects", "integer", None, False, "2",
                                 "minimaal aantal projecten / minimum number of projects"),)
    assert load_query("shared-partners").params[0].kind == "project"
    assert load_query("projects-by-status").params[0].required is False


def test_terms_by_type():
    assert to_term(Param("p", "iri", "project"), "vallisveld") == ox.NamedNode(ID + "project/vallisveld")
    assert to_term(Param("p", "iri"), "orgs:envida") == ox.NamedNode(ID + "org/envida")
    assert to_term(Param("p", "iri"), "https://example.org/x") == ox.NamedNode("https://example.org/x")
    assert to_term(Param("b", "boolean"), "nee").value == "false"
    assert to_term(Param("d", "decimal"), "2,5").value == "2.5"
    for param, value in [(Param("p", "iri"), "vallisveld"), (Param("n", "integer"), "2.5"),
                         (Param("b", "boolean"), "misschien"), (Param("d", "decimal"), "1e5x")]:
        with pytest.raises(InputError):
            to_term(param, value)


def test_bad_query_files_are_reported(tmp_path):
    broken = tmp_path / "broken.rq"
    broken.write_text("# title@en: Broken\nSELECT * WHERE { ?s ?p }\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.rq: SPARQL syntax error"):
        load_query(broken)
    with pytest.raises(InputError, match="line 2: cannot read parameter"):
        parse_query_text("# title@en: x\n# param: p thing required\nASK { ?s ?p ?o }", "x", "x.rq")
    unprojected = tmp_path / "unprojected.rq"
    unprojected.write_text("# param: n integer default=1\nSELECT ?s WHERE { ?s ?p ?n }\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"unprojected\.rq: cannot run the query"):
        run_query(ox.Store(), unprojected)
    with pytest.raises(InputError, match="unknown query; did you mean shared-partners"):
        load_query("shared-partner")


def test_parameter_errors(store):
    with pytest.raises(InputError, match="missing required parameter project_b"):
        run_query(store, "shared-partners", {"project_a": "vallisveld"})
    with pytest.raises(InputError, match="unknown parameter colour"):
        run_query(store, "risk-overview", {"colour": "red"})
    with pytest.raises(InputError, match="did you mean vallisveld"):
        run_query(store, "project-details", {"project": "valisveld"})


def test_renderers():
    result = QueryResult("select", ["name", "amount", "iri"],
                         [("A, b", Decimal("10.50"), ID + "org/envida"), (None, Decimal("3"), None)])
    assert render(result, "csv") == 'name,amount,iri\n"A, b",10.50,orgs:envida\n,3,\n'
    assert render(result, "tsv").splitlines()[1] == "A, b\t10.50\torgs:envida"
    assert json.loads(render(result, "json"))["rows"] == [["A, b", 10.5, ID + "org/envida"], [None, 3, None]]
    table = render(result, "table").splitlines()
    assert table[0].split() == ["name", "amount", "iri"] and table[-1] == "(2 rijen)"


# --- CLI ---------------------------------------------------------------------------------------

def cli(python_exe, cli_env, *args):
    return subprocess.run([python_exe, "-m", "rdzl_graph", *args], capture_output=True, text=True,
                          env=cli_env, timeout=120)


def test_cli_runs_a_named_query(python_exe, cli_env, built):
    done = cli(python_exe, cli_env, "query", "shared-partners", "--param", "project_a=vallisveld",
               "--param", "project_b=project:pottenberg-nazareth", "--format", "csv", "--build", str(built.out_dir))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith("Envida,Partner,Partner,orgs:envida")


def test_cli_adhoc_and_file(python_exe, cli_env, built, tmp_path):
    done = cli(python_exe, cli_env, "query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?p a rdzl:SubProject }",
               "--format", "json", "--build", str(built.out_dir))
    assert done.returncode == 0 and json.loads(done.stdout)["rows"] == [[9]]
    path = tmp_path / "mine.rq"
    path.write_text("# param: n integer default=1\nSELECT ?n WHERE { }\n", encoding="utf-8")
    done = cli(python_exe, cli_env, "query", str(path), "-p", "n=7", "--format", "tsv", "--build", str(built.out_dir))
    assert done.returncode == 0 and done.stdout == "n\n7\n"


def test_cli_lists_queries(python_exe, cli_env):
    done = cli(python_exe, cli_env, "queries", "--lang", "en", "--format", "json")
    assert done.returncode == 0
    entries = {e["name"]: e for e in json.loads(done.stdout)}
    assert entries["shared-partners"]["title"] == "Shared partners of two projects"
    done = cli(python_exe, cli_env, "queries")
    assert "Gedeelde partners van twee projecten" in done.stdout and "--param project_a=" in done.stdout


@pytest.mark.parametrize("args, message", [
    (["query", "no-such-query"], "unknown query"),
    (["query", "shared-partners", "-p", "project_a=vallisveld"], "missing required parameter project_b"),
    (["query", "bridge-organisations", "-p", "min_projects=many"], "is not a whole number"),
    (["query", "-e", "SELECT * WHERE { ?s ?p }"], "SPARQL syntax error"),
    (["query", "risk-overview", "-p", "novalue"], "is not key=value"),
])
def test_cli_errors_exit_2(python_exe, cli_env, built, args, message):
    done = cli(python_exe, cli_env, *args, "--build", str(built.out_dir))
    assert done.returncode == 2 and message in done.stderr and done.stdout == ""


def test_cli_without_build_says_run_build(python_exe, cli_env, tmp_path):
    done = cli(python_exe, cli_env, "query", "risk-overview", "--build", str(tmp_path / "nothing"))
    assert done.returncode == 2 and "run `rdzl-graph build` first" in done.stderr
