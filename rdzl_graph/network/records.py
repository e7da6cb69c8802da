"""Overlap records: each pair of projects with its score, component scores and shared features.

:func:`overlap_records` turns the arrays of :func:`~rdzl_graph.network.overlap.overlap_table`
into sorted :class:`Overlap` records, naming per component the features both
projects hold, rarest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .overlap import SET_COMPONENTS, OverlapTable


def round6(values: np.ndarray) -> np.ndarray:
    """Round to 6 decimals exactly as Python's ``round(x, 6)`` does, element-wise.

    ``numpy.round`` scales by 10**6 first, which can land on the other side of
    a half-way point; those few values are rounded by Python instead.

    Examples
    --------
    >>> round6(np.array([0.1234565, 2 / 3])).tolist() == [round(0.1234565, 6), round(2 / 3, 6)]
    True
    """
    values = np.asarray(values, dtype=np.float64)
    out = np.round(values, 6)
    scaled = values * 1e6
    risky = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    for k in risky.tolist():
        out[k] = round(float(values[k]), 6)
    return out


@dataclass(frozen=True, slots=True)
class Overlap:
    """The overlap of two projects with what they share.

    Attributes
    ----------
    a, b : str
        The two projects (``a < b``).
    score : float
        Overlap in [0, 1].
    components : dict
        Component name -> score in [0, 1].
    shared : dict
        Set component -> tuple of shared feature ids, rarest first.
    """

    a: str
    b: str
    score: float
    components: Mapping[str, float]
    shared: Mapping[str, tuple[str, ...]]

    def other(self, project: str) -> str:
        """Return the project on the other side of the pair."""
        return self.b if project == self.a else self.a


def _ranks(projects: Sequence[str]) -> np.ndarray:
    """Position of each project in sorted (string) order."""
    order = sorted(range(len(projects)), key=projects.__getitem__)
    ranks = np.empty(len(projects), np.int64)
    ranks[order] = np.arange(len(projects))
    return ranks


def _shared_features(
    projects: Sequence[str], mapping: Mapping[str, Iterable[str]], a: np.ndarray, b: np.ndarray
) -> list[tuple[str, ...]]:
    """Per pair ``(a[n], b[n])``: the features both hold, rarest first (ties: by id)."""
    index = {p: n for n, p in enumerate(projects)}
    holders: dict[str, list[int]] = {}
    for project, feats in mapping.items():
        if project in index:
            for feature in set(feats):
                holders.setdefault(feature, []).append(index[project])
    shared_by_two = sorted((len(v), f) for f, v in holders.items() if len(v) >= 2)
    if a.size == 0 or not shared_by_two:
        return [()] * int(a.size)
    rows: list[int] = []
    cols: list[int] = []
    for col, (_k, feature) in enumerate(shared_by_two):
        rows += holders[feature]
        cols += [col] * len(holders[feature])
    matrix = sparse.csr_matrix((np.ones(len(rows), np.int8), (rows, cols)), shape=(len(projects), len(shared_by_two)))
    names = [f for _k, f in shared_by_two]
    result: list[tuple[str, ...]] = []
    for start in range(0, a.size, 200_000):
        both = matrix[a[start:start + 200_000]].multiply(matrix[b[start:start + 200_000]]).tocsr()
        both.sort_indices()
        found = [names[c] for c in both.indices.tolist()]
        bounds = both.indptr.tolist()
        result += [tuple(found[lo:hi]) for lo, hi in zip(bounds, bounds[1:])]
    return result


def overlap_records(
    table: OverlapTable, features: Mapping[str, Mapping[str, Iterable[str]]]
) -> list[Overlap]:
    """Turn an :class:`OverlapTable` into :class:`Overlap` records with shared features.

    Records are sorted by descending (rounded) score, then by project ids.
    Scores are rounded to 6 decimals; shared features are listed rarest first
    (Newman weight, then id). The shared features of all pairs come from one
    sparse product per component.

    Examples
    --------
    >>> from rdzl_graph.network.overlap import overlap_table
    >>> feats = {"themes": {"a": ["w"], "b": ["w"]}}
    >>> overlap_records(overlap_table(["a", "b"], feats), feats)[0].shared["themes"]
    ('w',)
    """
    projects = table.projects
    ranks = _ranks(projects)
    i, j = np.asarray(table.i, np.int64), np.asarray(table.j, np.int64)
    swap = ranks[i] > ranks[j]
    a, b = np.where(swap, j, i), np.where(swap, i, j)
    score = round6(table.score)
    order = np.lexsort((ranks[b], ranks[a], -score))
    a, b = a[order], b[order]
    scores = score[order].tolist()
    components = {k: round6(v[order]).tolist() for k, v in table.components.items()}
    shared = {name: _shared_features(projects, features.get(name, {}), a, b) for name in SET_COMPONENTS}
    names = list(components)
    return [
        Overlap(
            a=projects[pa],
            b=projects[pb],
            score=scores[n],
            components={k: components[k][n] for k in names},
            shared={name: shared[name][n] for name in SET_COMPONENTS},
        )
        for n, (pa, pb) in enumerate(zip(a.tolist(), b.tolist()))
    ]
