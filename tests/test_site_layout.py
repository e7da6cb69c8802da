"""The network views' positions are the same on every machine (regression: community-3.html).

The real data's community-3 has a Laplacian with the eigenvalue 3 three times; its spectral start
took whatever basis of that eigenspace LAPACK returned, which depends on the CPU kernel OpenBLAS
picks: the page's bytes differed between machines (and with ``OPENBLAS_CORETYPE`` on one machine).
Each case runs in a fresh process with another kernel forced, and another hash seed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import networkx as nx
import numpy as np
import pytest

from rdzl_graph.site.layout import layout, quick_layout, start_positions

SCRIPT = """
import json, networkx as nx
from rdzl_graph.site.layout import layout, quick_layout
star = nx.star_graph(4)                      # Laplacian eigenvalue 1, three times
star.add_edges_from([(1, 5), (2, 6), (3, 7), (4, 8)])
wheel = nx.wheel_graph(9)
grid = nx.grid_2d_graph(24, 24)              # 576 nodes: above networkx's dense spectral method
out = {
    "star": sorted(quick_layout(star, seed=3).items()),
    "wheel": sorted(quick_layout(wheel, seed=0).items()),
    "wheel-layout": sorted(layout(wheel, seed=0).items()),
    "grid": sorted((str(k), v) for k, v in quick_layout(grid, seed=0).items()),
}
print(json.dumps(out))
"""

# OpenBLAS's kernels for other CPUs; a build without dynamic dispatch ignores the variable
ENVIRONMENTS = ({}, {"OPENBLAS_CORETYPE": "Haswell"}, {"OPENBLAS_CORETYPE": "Sandybridge"},
                {"OPENBLAS_CORETYPE": "Prescott"}, {"PYTHONHASHSEED": "12345"})


def _positions(extra: dict[str, str]) -> dict:
    env = {**os.environ, **extra}
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=300,
                          check=True)
    return json.loads(done.stdout)


def test_positions_do_not_depend_on_the_blas_kernel_or_the_hash_seed() -> None:
    results = [_positions(extra) for extra in ENVIRONMENTS]
    for extra, result in zip(ENVIRONMENTS[1:], results[1:]):
        for case in results[0]:
            assert result[case] == results[0][case], (case, extra)


def test_start_is_the_seeded_generator_itself() -> None:
    graph = nx.path_graph(5)
    expected = np.random.default_rng(7).random((5, 2)) * 2.0 - 1.0
    assert np.array_equal(start_positions(graph, seed=7), expected)
    assert not np.array_equal(start_positions(graph, seed=8), expected)


@pytest.mark.parametrize("graph", [nx.star_graph(6), nx.grid_2d_graph(20, 20)], ids=["star", "grid"])
def test_every_node_gets_its_own_place(graph: nx.Graph) -> None:
    pos = quick_layout(graph, seed=0)
    assert set(pos) == set(graph)
    assert len(set(pos.values())) == graph.number_of_nodes()
    assert layout(graph, seed=0) == layout(graph, seed=0)
