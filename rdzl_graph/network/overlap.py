"""Pairwise overlap of projects, with its reasons kept per component.

The overlap of two projects is a weighted mean of component scores, each in
[0, 1]:

``partners``, ``themes``, ``problems`` (attention-point categories), ``municipalities``, ``places``
    Newman's collaboration weighting: every shared feature that ``k``
    projects have contributes ``1 / (k - 1)``; the sum is capped at 1. A
    partner only these two projects share is a full match; a partner in
    almost every project (such as a province) adds almost nothing.
``text``
    Cosine similarity of the TF-IDF vectors of the Dutch descriptions, with
    a Dutch stop-word list (``stopwords_nl.txt`` in this package).

Default weights (:data:`DEFAULT_WEIGHTS`): partners 0.30, themes 0.20,
problems 0.15, municipalities 0.05, places 0.10, text 0.20. Weights are
normalised by their sum, so the score stays in [0, 1].

Scaling: only pairs that share at least one feature are computed, via
sparse matrix products. A feature held by more than ``hub_cap`` projects
(a *hub*, such as a province in every project) does not create pairs by itself
(default 100; it would add at most ``1/hub_cap`` to a pair); pairs found
through another feature still count it and name it among their reasons. The
same holds for the words of the descriptions: a word used by more than
``hub_cap`` descriptions does not create text pairs by itself (it still counts
in the cosine of pairs found otherwise). Text pairs are pairs that share a
non-hub word and whose exact cosine is at least ``text_threshold``. The hubs
are recorded in :attr:`OverlapTable.hubs`, so a report can say what was not
used to find pairs and why. With fewer than ``hub_cap`` projects nothing is a
hub and every pair that shares something is found.

The TF-IDF vectors come from :mod:`rdzl_graph.network.tfidf` (numpy/scipy, the
definition of scikit-learn's ``TfidfVectorizer``); the records with their shared
features from :mod:`rdzl_graph.network.records`.

Pairs excluded by the caller (the analysis excludes a project and its own
parent project, which share features by construction) are never returned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from .tfidf import dutch_stop_words, tfidf_matrix

SET_COMPONENTS = ("partners", "themes", "problems", "municipalities", "places")
COMPONENTS = SET_COMPONENTS + ("text",)
DEFAULT_WEIGHTS: Mapping[str, float] = {
    "partners": 0.30,
    "themes": 0.20,
    "problems": 0.15,
    "municipalities": 0.05,
    "places": 0.10,
    "text": 0.20,
}
DEFAULT_HUB_CAP = 100
DEFAULT_TEXT_THRESHOLD = 0.1
_CHUNK = 2000


@dataclass(frozen=True)
class OverlapTable:
    """Overlap scores of project pairs as arrays (pairs ``i < j``).

    Attributes
    ----------
    projects : tuple of str
        Project ids; ``i`` and ``j`` index into it.
    i, j : numpy.ndarray
        Pair indices.
    score : numpy.ndarray
        Weighted overlap in [0, 1].
    components : dict
        Component name -> array of component scores in [0, 1].
    weights : dict
        The normalised weights used.
    hubs : dict
        Component (``text`` included: its features are words) -> feature ->
        number of projects holding it, for every feature held by more than
        ``hub_cap`` projects, which therefore created no pairs by itself.
    """

    projects: tuple[str, ...]
    i: np.ndarray
    j: np.ndarray
    score: np.ndarray
    components: Mapping[str, np.ndarray]
    weights: Mapping[str, float]
    hubs: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.i.shape[0])


def _incidence(
    index: Mapping[str, int], mapping: Mapping[str, Iterable[str]]
) -> tuple[sparse.csr_matrix, np.ndarray, list[str]]:
    feature_ids: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for project, feats in mapping.items():
        if project not in index:
            continue
        for feature in set(feats):
            rows.append(index[project])
            cols.append(feature_ids.setdefault(feature, len(feature_ids)))
    matrix = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(index), len(feature_ids))
    )
    counts = np.asarray(matrix.sum(axis=0)).ravel()
    weight = np.where(counts >= 2, 1.0 / np.maximum(counts - 1, 1), 0.0)
    return matrix, weight, list(feature_ids)


def feature_weights(projects: Sequence[str], mapping: Mapping[str, Iterable[str]]) -> dict[str, float]:
    """Newman weight ``1/(k-1)`` of each feature held by ``k >= 2`` of ``projects``.

    Examples
    --------
    >>> feature_weights(["a", "b", "c"], {"a": {"x", "y"}, "b": {"x"}, "c": {"x"}})
    {'x': 0.5}
    """
    counts: dict[str, int] = {}
    wanted = set(projects)
    for project, feats in mapping.items():
        if project in wanted:
            for feature in set(feats):
                counts[feature] = counts.get(feature, 0) + 1
    return {f: 1.0 / (k - 1) for f, k in sorted(counts.items()) if k >= 2}


def _hubs(matrix: sparse.csr_matrix, names: Sequence[str], hub_cap: int) -> dict[str, int]:
    counts = np.asarray((matrix != 0).sum(axis=0)).ravel()
    return {names[k]: int(counts[k]) for k in np.flatnonzero(counts > hub_cap)}


def _sharing_pairs(matrix: sparse.csr_matrix, hub_cap: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``i < j`` of rows with a common non-zero column held by 2..``hub_cap`` rows."""
    binary = (matrix != 0).astype(np.int32).tocsc()
    counts = np.diff(binary.indptr)
    usable = np.flatnonzero((counts >= 2) & (counts <= hub_cap))
    if usable.size == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    sub = binary[:, usable].tocsr()
    transposed = sub.T.tocsc()
    rows, cols = [], []
    for start in range(0, sub.shape[0], _CHUNK):
        block = (sub[start:start + _CHUNK] @ transposed).tocoo()
        r = block.row.astype(np.int64) + start
        keep = block.col > r
        rows.append(r[keep])
        cols.append(block.col[keep].astype(np.int64))
    return np.concatenate(rows), np.concatenate(cols)


def _pair_dot(matrix: sparse.csr_matrix, i: np.ndarray, j: np.ndarray, weight: np.ndarray | None) -> np.ndarray:
    if i.size == 0 or matrix.shape[1] == 0:
        return np.zeros(i.size)
    out = np.empty(i.size)
    for start in range(0, i.size, 200_000):
        a = matrix[i[start:start + 200_000]]
        b = matrix[j[start:start + 200_000]]
        product = a.multiply(b).tocsr()
        if weight is not None:
            product = product @ sparse.diags(weight)
        out[start:start + 200_000] = np.asarray(product.sum(axis=1)).ravel()
    return out


def _normalised_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    merged = dict(DEFAULT_WEIGHTS)
    if weights:
        unknown = set(weights) - set(COMPONENTS)
        if unknown:
            raise ValueError(f"unknown overlap components {sorted(unknown)}; expected {COMPONENTS}")
        merged.update(weights)
    if any(w < 0 for w in merged.values()) or sum(merged.values()) <= 0:
        raise ValueError("overlap weights must be >= 0 with a positive sum")
    total = sum(merged.values())
    return {name: merged[name] / total for name in COMPONENTS}


def _candidate_pairs(index: Mapping[str, int], matrices: Mapping[str, tuple], norm: Mapping[str, float],
                     text_matrix: Any, hub_cap: int, text_threshold: float,
                     exclude: Iterable[Iterable[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Index arrays ``(i, j)``, ``i < j``, of the pairs that share a weighted feature below the hub cap
    or whose descriptions are at least *text_threshold* alike, without the *exclude* pairs; sorted."""
    n = len(index)
    keys = [np.empty(0, np.int64)]
    for name, (matrix, _weight, _names) in matrices.items():
        if norm[name] > 0:
            i, j = _sharing_pairs(matrix, hub_cap)
            keys.append(i * n + j)
    if text_matrix is not None:
        i, j = _sharing_pairs(text_matrix, hub_cap)
        close = _pair_dot(text_matrix, i, j, None) >= text_threshold
        keys.append(i[close] * n + j[close])
    keys = np.unique(np.concatenate(keys))
    excluded = set()
    for pair in exclude:
        a, b = sorted(index[p] for p in pair)
        excluded.add(a * n + b)
    if excluded:
        keys = keys[~np.isin(keys, np.fromiter(excluded, np.int64))]
    return keys // n, keys % n


def overlap_table(
    projects: Sequence[str],
    features: Mapping[str, Mapping[str, Iterable[str]]],
    texts: Mapping[str, str] | None = None,
    *,
    weights: Mapping[str, float] | None = None,
    exclude: Iterable[Iterable[str]] = (),
    hub_cap: int = DEFAULT_HUB_CAP,
    text_threshold: float = DEFAULT_TEXT_THRESHOLD,
    stop_words: Sequence[str] | None = None,
) -> OverlapTable:
    """Compute the overlap of every pair of projects that shares something.

    Parameters
    ----------
    projects : sequence of str
        Project ids (order defines the indices of the result).
    features : mapping
        Component name (:data:`SET_COMPONENTS`) -> project -> iterable of
        feature ids. Missing components count as empty.
    texts : mapping, optional
        Project -> description (Dutch) for the ``text`` component.
    weights : mapping, optional
        Component weights overriding :data:`DEFAULT_WEIGHTS`.
    exclude : iterable of pairs
        Project pairs never to report (e.g. a project and its parent).
    hub_cap : int
        Features (and description words) held by more projects than this do
        not create pairs by themselves; they are listed in ``hubs``.
    text_threshold : float
        Minimum cosine for a pair to be found through text alone.
    stop_words : sequence of str, optional
        Defaults to :func:`dutch_stop_words`.

    Returns
    -------
    OverlapTable

    Examples
    --------
    >>> t = overlap_table(["a", "b", "c"], {"partners": {"a": ["x"], "b": ["x"], "c": ["y"]}})
    >>> [(t.projects[i], t.projects[j], round(float(s), 2)) for i, j, s in zip(t.i, t.j, t.score)]
    [('a', 'b', 0.3)]
    """
    projects = tuple(projects)
    index = {p: n for n, p in enumerate(projects)}
    if len(index) != len(projects):
        raise ValueError("project ids must be unique")
    norm = _normalised_weights(weights)
    matrices = {name: _incidence(index, features.get(name, {})) for name in SET_COMPONENTS}
    hubs: dict[str, dict[str, int]] = {}
    text_matrix = None
    if texts is not None and norm["text"] > 0:
        tfidf = tfidf_matrix([texts.get(p, "") or "" for p in projects], stop_words or dutch_stop_words())
        if tfidf is not None:
            text_matrix = tfidf[0]
            hubs["text"] = _hubs(text_matrix, tfidf[1], hub_cap)
    for name, (matrix, _weight, names) in matrices.items():
        if norm[name] > 0:
            hubs[name] = _hubs(matrix, names, hub_cap)
    i, j = _candidate_pairs(index, matrices, norm, text_matrix, hub_cap, text_threshold, exclude)

    components: dict[str, np.ndarray] = {}
    score = np.zeros(i.size)
    for name, (matrix, weight, _names) in matrices.items():
        components[name] = np.minimum(1.0, _pair_dot(matrix, i, j, weight))
        score += norm[name] * components[name]
    text = _pair_dot(text_matrix, i, j, None) if text_matrix is not None else np.zeros(i.size)
    components["text"] = np.clip(text, 0.0, 1.0)
    score += norm["text"] * components["text"]
    keep = score > 0
    return OverlapTable(
        projects=projects,
        i=i[keep],
        j=j[keep],
        score=np.clip(score[keep], 0.0, 1.0),
        components={k: v[keep] for k, v in components.items()},
        weights=norm,
        hubs={k: dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))) for k, v in hubs.items() if v},
    )
