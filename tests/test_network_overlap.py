"""Overlap scores: invariants and known answers on small hand-made inputs."""

from __future__ import annotations

import copy
import itertools
import random

import pytest

from rdzl_graph.text.reasons import overlap_reasons
from rdzl_graph.network.overlap import DEFAULT_WEIGHTS, feature_weights, overlap_table
from rdzl_graph.network.records import overlap_records


def _scores(table):
    return {
        frozenset((table.projects[i], table.projects[j])): float(s)
        for i, j, s in zip(table.i, table.j, table.score)
    }


def _random_inputs(seed: int, n: int = 40):
    rng = random.Random(seed)
    projects = [f"p{k}" for k in range(n)]
    vocab = ["water", "landschap", "chemie", "textiel", "wijk", "zorg", "fiets", "energie", "bewoners"]
    features = {
        "partners": {p: {f"o{rng.randint(0, 15)}" for _ in range(rng.randint(0, 4))} | ({"provincie"} if rng.random() < 0.8 else set()) for p in projects},
        "themes": {p: {f"t{rng.randint(0, 6)}" for _ in range(rng.randint(1, 3))} for p in projects},
        "problems": {p: {f"r{rng.randint(0, 5)}" for _ in range(rng.randint(0, 2))} for p in projects},
        "places": {p: {f"pl{rng.randint(0, 20)}"} for p in projects},
    }
    texts = {p: " ".join(rng.choice(vocab) for _ in range(8)) for p in projects}
    return projects, features, texts


def test_scores_are_within_unit_interval_and_symmetric():
    projects, features, texts = _random_inputs(1)
    forward = overlap_table(projects, features, texts)
    backward = overlap_table(list(reversed(projects)), features, texts)
    assert len(forward) > 50
    assert all(0.0 < s <= 1.0 for s in forward.score)
    for values in forward.components.values():
        assert ((values >= 0) & (values <= 1)).all()
    fs, bs = _scores(forward), _scores(backward)
    assert fs.keys() == bs.keys()
    assert all(fs[k] == pytest.approx(bs[k]) for k in fs)
    assert all(i < j for i, j in zip(forward.i, forward.j))


def test_inputs_are_not_mutated():
    projects, features, texts = _random_inputs(2)
    before = (list(projects), copy.deepcopy(features), dict(texts))
    table = overlap_table(projects, features, texts, exclude=[("p0", "p1")])
    overlap_records(table, features)
    assert (projects, features, texts) == before


def test_rare_shared_partner_counts_more_than_a_partner_of_almost_every_project():
    projects = [f"p{k}" for k in range(10)]
    partners = {p: {"provincie"} for p in projects}
    partners["p0"] = {"provincie", "envida"}
    partners["p1"] = {"provincie", "envida"}
    scores = _scores(overlap_table(projects, {"partners": partners}))
    assert scores[frozenset(("p0", "p1"))] == pytest.approx(DEFAULT_WEIGHTS["partners"])  # capped at 1 x weight
    assert scores[frozenset(("p2", "p3"))] == pytest.approx(DEFAULT_WEIGHTS["partners"] / 9)
    assert feature_weights(projects, partners) == {"envida": 1.0, "provincie": pytest.approx(1 / 9)}


def test_excluded_pairs_are_never_reported():
    feats = {"themes": {"a": {"x"}, "b": {"x"}, "c": {"x"}}}
    scores = _scores(overlap_table(["a", "b", "c"], feats, exclude=[("b", "a")]))
    assert frozenset(("a", "b")) not in scores
    assert set(scores) == {frozenset(("a", "c")), frozenset(("b", "c"))}


def test_hub_features_do_not_create_pairs_but_still_count():
    projects = [f"p{k}" for k in range(6)]
    themes = {p: {"hub"} for p in projects}
    partners = {"p0": {"rare"}, "p1": {"rare"}}
    table = overlap_table(projects, {"themes": themes, "partners": partners}, hub_cap=3)
    scores = _scores(table)
    assert set(scores) == {frozenset(("p0", "p1"))}
    expected = DEFAULT_WEIGHTS["partners"] * 1.0 + DEFAULT_WEIGHTS["themes"] * (1 / 5)
    assert scores[frozenset(("p0", "p1"))] == pytest.approx(expected)
    full = _scores(overlap_table(projects, {"themes": themes, "partners": partners}))
    assert len(full) == 15 and full[frozenset(("p0", "p1"))] == pytest.approx(expected)


def test_text_component_uses_dutch_stop_words():
    texts = {
        "a": "De herinrichting van het beekdal met waterbuffers voor droge voeten.",
        "b": "Waterbuffers en beekdal herstel voor droge voeten in het dal.",
        "c": "Een textielwerkplaats voor circulaire mode met de scholen en het bedrijfsleven.",
        "d": "Een circulaire werkplaats van de en het met een voor.",
    }
    table = overlap_table(list(texts), {}, texts, weights={"text": 1.0, **{k: 0.0 for k in DEFAULT_WEIGHTS if k != "text"}})
    scores = _scores(table)
    assert scores[frozenset(("a", "b"))] > 0.3
    assert frozenset(("a", "c")) not in scores  # only stop words in common
    assert scores[frozenset(("c", "d"))] > 0


def test_weights_are_validated():
    with pytest.raises(ValueError):
        overlap_table(["a"], {}, weights={"colour": 1.0})
    with pytest.raises(ValueError):
        overlap_table(["a"], {}, weights={k: 0.0 for k in DEFAULT_WEIGHTS})


def test_reasons_name_what_is_shared_in_both_languages():
    projects = ["a", "b"]
    feats = {"partners": {"a": {"env"}, "b": {"env"}}, "problems": {"a": {"cap"}, "b": {"cap"}}}
    record = overlap_records(overlap_table(projects, feats), feats)[0]
    labels = {("env", "nl"): "Envida", ("env", "en"): "Envida", ("cap", "nl"): "Capaciteitsgebrek", ("cap", "en"): "Capacity shortage"}
    label = lambda iri, lang: labels[(iri, lang)]  # noqa: E731
    assert overlap_reasons(record.shared, record.components, label, "nl") == ["beide werken met Envida", "beide melden capaciteitsgebrek"]
    assert overlap_reasons(record.shared, record.components, label, "en") == ["both work with Envida", "both report capacity shortage"]


def test_every_pair_sharing_a_feature_is_found():
    projects, features, texts = _random_inputs(3)
    found = set(_scores(overlap_table(projects, features)))
    for a, b in itertools.combinations(projects, 2):
        shares = any(set(m.get(a, ())) & set(m.get(b, ())) for m in features.values())
        assert (frozenset((a, b)) in found) == shares
