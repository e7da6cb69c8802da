"""A query's own dataset (FROM / FROM NAMED) and unknown parameters: the same answer locally and on endpoints.

Regression tests of issue 14: the embedded store forced its union default graph over a query's
``FROM`` (a count over ``FROM <.../graph/data>`` gave every triple of the store), and an unknown
project IRI was an error locally but silently 0 rows through ``--endpoint``. The reference is a
plain Oxigraph server (no union default graph), which honours ``FROM`` as SPARQL says, asked over
raw HTTP; ``rdzl-graph serve`` (union default graph) is asked through ``--endpoint``.
"""

from __future__ import annotations

import json
import subprocess
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from rdzl_graph.core.query_files import adhoc_query
from rdzl_graph.core.sparql import query_dataset
from rdzl_graph.endpoints.serve import local_endpoint
from rdzl_graph.query.named import run_query
from rdzl_graph.query.store import open_store
from servers import start_oxigraph

G = "https://w3id.org/rdzl-graph/graph/"
QUERIES = {
    "from-data": f"SELECT (COUNT(*) AS ?n) FROM <{G}data> WHERE {{ ?s ?p ?o }}",
    "from-two": f"SELECT (COUNT(*) AS ?n) FROM <{G}data> FROM <{G}ontology> WHERE {{ ?s ?p ?o }}",
    "from-named-only": f"SELECT (COUNT(*) AS ?n) FROM NAMED <{G}data> WHERE {{ ?s ?p ?o }}",
    "from-named-graph": f"SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{G}data> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g",
    "from-then-graph": f"SELECT ?g (COUNT(*) AS ?n) FROM <{G}data> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g",
    "from-unknown": f"SELECT (COUNT(*) AS ?n) FROM <{G}nothing> WHERE {{ ?s ?p ?o }}",
    "ask-from": f"ASK FROM <{G}ontology> {{ ?s a <http://www.w3.org/2002/07/owl#Class> }}",
}


def run(python_exe, cli_env, *args):
    return subprocess.run([python_exe, "-m", "rdzl_graph", *args], capture_output=True, text=True, env=cli_env,
                          timeout=300)


@pytest.fixture(scope="module")
def plain_oxigraph(built, tmp_path_factory):
    """A plain Oxigraph server (no union default graph) holding the built TriG; yields its query URL."""
    server = start_oxigraph(tmp_path_factory.mktemp("plain-oxigraph"))
    try:
        store_url = server.query_url.rsplit("/", 1)[0] + "/store"
        request = urllib.request.Request(store_url, data=built.trig.read_bytes(), method="POST",
                                         headers={"Content-Type": "application/trig"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status in (200, 201, 204)
        yield server.query_url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def served(built):
    """``rdzl-graph serve``'s server on the built graph (read-only, union default graph)."""
    with local_endpoint(built.out_dir, port=0) as server:
        yield server.url


def raw_answer(url: str, sparql: str, how: str = "form") -> list:
    """The answer over raw HTTP, sent as the SPARQL protocol allows: a form POST, a GET, a direct POST."""
    accept = {"Accept": "application/sparql-results+json"}
    if how == "get":
        request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': sparql})}", headers=accept)
    elif how == "direct":
        request = urllib.request.Request(url, data=sparql.encode(),
                                         headers={**accept, "Content-Type": "application/sparql-query"})
    else:
        request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": sparql}).encode(),
                                         headers={**accept, "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=60) as response:
        doc = json.load(response)
    if "boolean" in doc:
        return [["true" if doc["boolean"] else "false"]]
    names = doc["head"]["vars"]
    return sorted([b[n]["value"] if n in b else "" for n in names] for b in doc["results"]["bindings"])


def cli_answer(python_exe, cli_env, built, sparql: str, endpoint: str | None = None) -> list:
    where = ["--endpoint", endpoint] if endpoint else ["--build", str(built.out_dir)]
    result = run(python_exe, cli_env, "query", "-e", sparql, "--format", "json", *where)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    return sorted([str(v).lower() if isinstance(v, bool) else str(v) for v in row] for row in doc["rows"])


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_dataset_clause_gives_the_same_answer_locally_and_on_endpoints(name, built, plain_oxigraph, served,
                                                                         python_exe, cli_env):
    sparql = QUERIES[name]
    reference = raw_answer(plain_oxigraph, sparql)
    assert cli_answer(python_exe, cli_env, built, sparql) == reference  # the embedded store
    assert cli_answer(python_exe, cli_env, built, sparql, plain_oxigraph) == reference
    assert cli_answer(python_exe, cli_env, built, sparql, served) == reference  # serve's union cannot override


@pytest.mark.parametrize("how", ["form", "get", "direct"])
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_dataset_clause_is_honoured_by_serve_over_raw_http(name, how, plain_oxigraph, served):
    """Regression: a browser, curl or YASQE asking ``serve`` directly got the union for ``FROM``."""
    assert raw_answer(served, QUERIES[name], how) == raw_answer(plain_oxigraph, QUERIES[name])


def test_from_data_counts_the_data_graph_not_the_union(built):
    store = open_store(built.out_dir)
    data = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(G + "data")))
    assert run_query(store, adhoc_query(QUERIES["from-data"])).rows == [(data,)]
    assert data < len(store)  # the union (ontology, data, inferred) is larger: a forced union would show it
    assert run_query(store, adhoc_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")).rows == [(len(store),)]


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { ?s rdfs:label 'FROM <urn:x>' }",
    "# FROM <urn:x>\nSELECT * WHERE { ?s ?p ?o }",
    "SELECT ?from WHERE { ?from ?p <urn:from> }",
    "PREFIX from: <urn:x:>\nSELECT * WHERE { ?s from:p ?o }",
    'SELECT * WHERE { ?s ?p "a \\" FROM <urn:x>" }',
    "SELECT * WHERE { ?s ?p \'\'\'x\nFROM <urn:y>\'\'\' }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?a<?b&&?c>?d) }",
    'SELECT * WHERE { ?s ?p "x"@from }',
])
def test_from_in_comments_strings_iris_and_names_is_no_dataset_clause(sparql):
    assert query_dataset(sparql) is None


def test_no_library_query_pays_for_the_dataset_parse():
    from rdzl_graph.core.query_files import list_queries
    from rdzl_graph.core.sparql import _has_from_keyword

    assert [q.name for q in list_queries() if _has_from_keyword(q.sparql)] == []


def test_lowercase_and_unspaced_from_are_dataset_clauses():
    assert query_dataset("select * from <urn:x> where {}") == (["urn:x"], [])
    assert query_dataset("SELECT*FROM NAMED<urn:x>{?s ?p ?o}") == ([], ["urn:x"])


def test_a_prefixed_from_is_resolved():
    assert query_dataset("PREFIX g: <https://w3id.org/rdzl-graph/graph/>\n"
                         "SELECT * FROM g:data FROM NAMED g:ontology WHERE { ?s ?p ?o }") == (
        [G + "data"], [G + "ontology"])


@pytest.mark.parametrize("value", ["does-not-exist", "vallisveldd", "project:nope",
                                   "https://w3id.org/rdzl-graph/id/project/nope"])
def test_an_unknown_project_is_the_same_error_locally_and_through_an_endpoint(value, built, served, python_exe,
                                                                               cli_env):
    local = run(python_exe, cli_env, "query", "similar-projects", "-p", f"project={value}",
                "--build", str(built.out_dir))
    remote = run(python_exe, cli_env, "query", "similar-projects", "-p", f"project={value}", "--endpoint", served)
    assert local.returncode == remote.returncode == 2
    assert local.stdout == remote.stdout == ""
    assert local.stderr == remote.stderr
    assert "is not in the graph" in local.stderr
    if value == "vallisveldd":
        assert "did you mean vallisveld?" in remote.stderr


def test_a_known_project_gives_the_same_rows_locally_and_through_an_endpoint(built, served, python_exe, cli_env):
    args = ["query", "similar-projects", "-p", "project=vallisveld", "--format", "json"]
    local = run(python_exe, cli_env, *args, "--build", str(built.out_dir))
    remote = run(python_exe, cli_env, *args, "--endpoint", served)
    assert local.returncode == remote.returncode == 0, remote.stderr
    def rows(text: str) -> list:  # GROUP_CONCAT lists have no defined order: compare them as sets
        return [[sorted(v.split(", ")) if isinstance(v, str) else v for v in row] for row in json.loads(text)["rows"]]

    assert rows(local.stdout) and rows(local.stdout) == rows(remote.stdout)


def test_a_long_unknown_value_is_cut_through_an_endpoint(served, python_exe, cli_env):
    value = "https://w3id.org/rdzl-graph/id/project/" + "x" * 100_000
    result = run(python_exe, cli_env, "query", "similar-projects", "-p", f"project={value}", "--endpoint", served)
    assert result.returncode == 2
    assert len(result.stderr) < 300 and "(100039 characters)" in result.stderr
