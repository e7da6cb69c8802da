"""The named questions on the circles graph (circles, circle-members, learn-from) and the analysis graphs in the store.

Golden results live in ``tests/golden/<name>.json``, made on the real graph with the circles graph
loaded as ``make run`` loads it. Regenerate them only on purpose, then review the diff::

    RDZL_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_circles_queries.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from golden_results import check_golden, rows
from rdzl_graph.circles.rdf import CIRCLES_GRAPH, circles_trig
from rdzl_graph.core.errors import InputError
from rdzl_graph.query.named import run_query
from rdzl_graph.query.store import load_store, open_store

GOLDEN_PARAMS: dict[str, dict[str, str]] = {
    "circles": {},
    "circle-members": {"circle": "task-circulaire-werkplaats"},
    "learn-from": {"project": "goede-morgen"},
}


@pytest.fixture(scope="module")
def build_with_circles(built, tmp_path_factory) -> Path:
    """A build directory as ``make run`` leaves it: the built graph and build/analysis/circles.trig."""
    out = tmp_path_factory.mktemp("build-with-circles")
    (out / "graph").mkdir()
    shutil.copy(built.trig, out / "graph" / built.trig.name)
    (out / "analysis").mkdir()
    (out / "analysis" / "circles.trig").write_bytes(circles_trig(load_store(built.trig)))
    return out


@pytest.fixture(scope="module")
def circles_store(build_with_circles):
    return open_store(build_with_circles)


@pytest.mark.parametrize("name", sorted(GOLDEN_PARAMS))
def test_golden_result(circles_store, name):
    check_golden(circles_store, name, GOLDEN_PARAMS[name])


def test_circle_members_of_the_capacity_circle(circles_store):
    found = rows(circles_store, "circle-members", circle="circle:problem-capaciteit")
    assert sorted(r["project"].rsplit("/", 1)[-1] for r in found) == [
        "gebiedsvisie-zuidoost-beek-landgoed-broenen", "makerspace-vitaliteitsincubator",
        "van-geuldal-tot-geleenbeek-tot-roodenbach"]
    assert sum(1 for r in found if r["host"]) == 1


def test_circles_lists_every_circle_once(circles_store):
    found = rows(circles_store, "circles")
    assert 6 <= len(found) <= 12 and len({r["circle"] for r in found}) == len(found)
    assert {r["kind"] for r in found} <= {"task", "problem", "theme", "partner"}


def test_unknown_circle_is_a_clear_error(circles_store):
    with pytest.raises(InputError, match="circle .*task-nothing is not in the graph"):
        run_query(circles_store, "circle-members", {"circle": "task-nothing"})


def test_open_store_loads_the_analysis_graphs(build_with_circles, tmp_path):
    graphs = {q.graph_name.value for q in open_store(build_with_circles).quads_for_pattern(None, None, None, None)
              if isinstance(q.graph_name, ox.NamedNode)}
    assert CIRCLES_GRAPH in graphs
    without = open_store(build_with_circles, analysis=False)
    assert not list(without.quads_for_pattern(None, None, None, ox.NamedNode(CIRCLES_GRAPH)))
    bad = tmp_path / "bad"
    shutil.copytree(build_with_circles, bad)
    (bad / "analysis" / "broken.trig").write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="broken.trig"):
        open_store(bad)
