"""Node positions of the site's network views, reproducible from a seed.

* Small graphs (up to :data:`PHYSICS_THRESHOLD` nodes) get a full spring layout
  and the browser's physics refines it; larger ones a seeded random start and a few
  vectorised Fruchterman-Reingold steps (:func:`quick_layout`), and no physics.
* The same positions on every machine, whatever CPU kernel numpy's BLAS uses
  (:func:`start_positions`).
* The neighbourhood of one project starts from a ring (:func:`ring_layout`).

Positions are in pixels, centred on 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np

#: Above this many nodes the browser does not simulate physics.
PHYSICS_THRESHOLD = 300


def layout(graph: nx.Graph, seed: int = 0) -> dict[Any, tuple[float, float]]:
    """Compute node positions in pixels, reproducibly.

    Small graphs get a full spring layout; large ones a seeded random start
    refined by a few Fruchterman-Reingold steps (:func:`spring_steps`), so
    that a thousand nodes take about a second.

    Parameters
    ----------
    graph : networkx.Graph
        The graph to lay out (not modified).
    seed : int
        Seed of the random start.

    Returns
    -------
    dict
        Node -> ``(x, y)`` in pixels, centred on 0.

    Examples
    --------
    >>> pos = layout(nx.path_graph(3), seed=0)
    >>> sorted(pos) == [0, 1, 2]
    True
    """
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    if n <= PHYSICS_THRESHOLD:
        pos = nx.spring_layout(graph, seed=seed, iterations=300, k=1.6 / math.sqrt(max(n, 1)))
    else:
        return quick_layout(graph, seed)
    return _pixels(pos, n)


def quick_layout(graph: nx.Graph, seed: int = 0) -> dict[Any, tuple[float, float]]:
    """Node positions in pixels from a seeded random start and 50 vectorised spring steps.

    For large graphs (no physics in the browser) and as the start of the
    community views (the browser's physics finishes them).

    Examples
    --------
    >>> pos = quick_layout(nx.cycle_graph(400), seed=0)
    >>> len(pos), len(set(pos.values()))
    (400, 400)
    """
    if graph.number_of_nodes() == 0:
        return {}
    return _pixels(dict(zip(graph, spring_steps(graph, start_positions(graph, seed), iterations=50))),
                   graph.number_of_nodes())


def _pixels(pos: Mapping[Any, Any], n: int) -> dict[Any, tuple[float, float]]:
    scale = 90.0 * math.sqrt(n)
    return {node: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for node, (x, y) in pos.items()}


def start_positions(graph: nx.Graph, seed: int = 0) -> np.ndarray:
    """Seeded random positions in the square [-1, 1] x [-1, 1], one row per node, in graph order.

    The same numbers on every machine: numpy's PCG64 generator and its uniform
    doubles are exact integer arithmetic. A spectral start was not: where the
    Laplacian has a repeated eigenvalue (the real data's community-3: eigenvalue
    3 three times) the eigenvectors LAPACK returns depend on the CPU kernel
    OpenBLAS picks (``OPENBLAS_CORETYPE``), and above 500 nodes networkx starts
    ARPACK from a random vector of its own (``tests/test_site_layout.py``).

    Examples
    --------
    >>> start_positions(nx.path_graph(2), seed=0).round(3).tolist()
    [[0.274, -0.46], [-0.918, -0.967]]
    """
    return np.random.default_rng(seed).random((len(graph), 2)) * 2.0 - 1.0


def spring_steps(graph: nx.Graph, start: np.ndarray, iterations: int = 50) -> np.ndarray:
    """Fruchterman-Reingold steps from *start*, all node pairs at once with numpy.

    The force model and cooling of networkx's ``spring_layout``, vectorised
    over the whole node-pair matrix (networkx loops over the nodes of graphs
    above 500 nodes, or minimises an energy, both much slower here).

    Returns
    -------
    numpy.ndarray
        Positions (one row per node, in graph order) rescaled to [-1, 1].
    """
    n = len(start)
    pos = np.asarray(start, dtype=np.float32).copy()
    adjacency = nx.to_numpy_array(graph, weight=None, dtype=np.float32)
    k = np.float32(1.0 / math.sqrt(n))
    temperature = float(max(np.ptp(pos[:, 0]), np.ptp(pos[:, 1]))) * 0.1
    cooling = temperature / (iterations + 1)
    adjacency /= k
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        squared = np.maximum(dx * dx + dy * dy, np.float32(1e-4))  # distance at least 0.01
        force = k * k / squared - adjacency * np.sqrt(squared)
        displacement = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        length = np.maximum(np.sqrt((displacement ** 2).sum(axis=1)), np.float32(0.01))
        pos += displacement * (np.float32(temperature) / length)[:, None]
        temperature -= cooling
    return nx.rescale_layout(pos.astype(float), scale=1)


def ring_layout(graph: nx.Graph, centre: Any, kind_order: Sequence[str] = ()) -> dict[Any, tuple[float, float]]:
    """Place *centre* in the middle and the other nodes on a ring around it, in pixels.

    A cheap start for the neighbourhood of one node (the browser's physics
    settles it): the others are ordered by kind and label, so the layout is
    the same in every run.

    Parameters
    ----------
    graph : networkx.Graph
        The graph (not modified); nodes may have ``kind`` and ``label``.
    centre : node
        The node in the middle (need not be in *graph*).
    kind_order : sequence of str
        The order of the kinds around the ring (other kinds after them); the
        site passes the order of its kind styles.

    Returns
    -------
    dict
        Node -> ``(x, y)`` in pixels.

    Examples
    --------
    >>> g = nx.star_graph(4)
    >>> pos = ring_layout(g, 0)
    >>> pos[0], pos[1]
    ((0.0, 0.0), (150.0, 0.0))
    """
    order = {kind: i for i, kind in enumerate(kind_order)}
    others = sorted((n for n in graph if n != centre),
                    key=lambda n: (order.get(graph.nodes[n].get("kind"), len(order)),
                                   str(graph.nodes[n].get("label", "")), str(n)))
    radius = max(150.0, 20.0 * len(others))
    pos = {centre: (0.0, 0.0)} if centre in graph else {}
    for i, node in enumerate(others):
        angle = 2 * math.pi * i / len(others)
        pos[node] = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
    return pos
