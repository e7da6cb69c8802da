"""Injection attempts through query parameters change nothing and match nothing.

Values are bound as RDF terms (pyoxigraph substitutions), so SPARQL syntax inside a value is
just text of a literal, and an IRI parameter with such text is rejected as an invalid IRI.
"""

from __future__ import annotations

import subprocess

import pyoxigraph as ox
import pytest

from rdzl_graph.core.errors import InputError
from rdzl_graph.core.query_files import adhoc_query, check_syntax
from rdzl_graph.query.named import prepare, run_query

ATTACKS = [
    'x" } ; DROP ALL ; #',
    "x' } ; DELETE WHERE { ?s ?p ?o } ; #",
    '""" } UNION { ?s ?p ?o } #',
    "<http://evil>",
    "> } ; CLEAR DEFAULT ; <",
    "textiel\" || true || \"",
    "\\u0022 } #",
]


def triple_count(store) -> int:
    return len(store)


@pytest.mark.parametrize("attack", ATTACKS)
def test_string_parameter_stays_a_literal(store, attack):
    before = triple_count(store)
    result = run_query(store, "search", {"text": attack})
    assert result.rows == []
    assert triple_count(store) == before


@pytest.mark.parametrize("attack", ATTACKS)
def test_iri_parameter_rejects_injection(store, attack):
    before = triple_count(store)
    with pytest.raises(InputError, match="--param project"):
        run_query(store, "project-partners", {"project": attack})
    assert triple_count(store) == before


@pytest.mark.parametrize("attack", ["1 } ; DROP ALL", "2; DROP ALL", "true } #"])
def test_typed_parameters_reject_injection(store, attack):
    with pytest.raises(InputError):
        run_query(store, "bridge-organisations", {"min_projects": attack})
    with pytest.raises(InputError):
        run_query(store, "funding-uncertain", {"include_page_order": attack})


@pytest.mark.parametrize("attack", ATTACKS)
def test_remote_text_escapes_values(store, attack):
    """The VALUES block for remote endpoints is built from escaped terms: still one literal."""
    prepared = prepare("search", {"text": attack})
    text = prepared.remote_text()
    check_syntax(text)
    assert str(ox.Literal(attack)) in text
    before = triple_count(store)
    assert run_query(store, adhoc_query(text), {}).rows == []
    assert triple_count(store) == before


def test_harmless_text_still_matches(store):
    assert run_query(store, "search", {"text": "TEXTIEL"}).rows


def test_adhoc_updates_are_not_queries(store):
    before = triple_count(store)
    with pytest.raises(InputError, match="SPARQL syntax error"):
        run_query(store, adhoc_query("DROP ALL"), {})
    assert triple_count(store) == before


def test_cli_injection_exits_2_and_prints_nothing(python_exe, cli_env, built):
    done = subprocess.run(
        [python_exe, "-m", "rdzl_graph", "query", "project-details", "--param", 'project=x" } ; DROP ALL ; #',
         "--build", str(built.out_dir)],
        capture_output=True, text=True, env=cli_env, timeout=120,
    )
    assert done.returncode == 2 and done.stdout == "" and "is not an IRI" in done.stderr
