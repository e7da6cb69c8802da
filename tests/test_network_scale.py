"""The scalable network analysis equals straightforward reference computations.

On a small synthetic programme (62 projects, `rdzl-graph synth`), every
vectorised or indexed step is compared with a plain-Python version of its
definition: the overlapping pairs, their scores and shared features (also with
a small ``hub_cap`` so that hub pruning is exercised), the community
descriptions, the top-k overlap graph, the sampled betweenness and the TF-IDF
vectors. Speed is measured in ``bench/bench_network.py``, not here.
"""

from __future__ import annotations

import itertools
import math
import random
import re
import unicodedata
from collections import Counter, deque

import networkx as nx
import pytest

from rdzl_graph.build.pipeline import build
from rdzl_graph.network.analysis import Community, analyse_data, overlap_features
from rdzl_graph.network.centrality import sampled_betweenness
from rdzl_graph.network.communities import (
    binding_features,
    consensus_communities,
    linking_actors,
    linking_actors_of,
    overlap_graph,
)
from rdzl_graph.network.graphs import load_network_data
from rdzl_graph.network.overlap import DEFAULT_WEIGHTS, SET_COMPONENTS
from rdzl_graph.network.records import Overlap, round6
from rdzl_graph.network.tfidf import dutch_stop_words, tfidf_matrix
from rdzl_graph.query.store import load_store
from rdzl_graph.synth import synth

TOKEN = re.compile(r"(?u)\b[^\W\d_][^\W\d_]+\b")


@pytest.fixture(scope="module")
def data62(tmp_path_factory):
    root = tmp_path_factory.mktemp("synth62")
    summary = synth(root / "data", 62, seed=1)
    result = build(out_dir=root / "build", data_dir=summary.out_dir)
    return load_network_data(load_store(result.outputs["trig"]))


def _words(text: str) -> Counter:
    text = text.lower()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    stop = set(dutch_stop_words())
    return Counter(w for w in TOKEN.findall(text) if w not in stop)


def reference_overlaps(data, hub_cap: int, text_threshold: float = 0.1):
    """Every pair of projects, scored one by one from the definitions in overlap.py."""
    projects = data.projects
    features = overlap_features(data)
    total = sum(DEFAULT_WEIGHTS.values())
    weight = {k: w / total for k, w in DEFAULT_WEIGHTS.items()}
    holders = {c: Counter(f for p in projects for f in set(features[c].get(p, ()))) for c in SET_COMPONENTS}
    docs = {p: _words(data.nodes[p].get("description", "")) for p in projects}
    df = Counter(w for p in projects for w in docs[p])
    n = len(projects)
    vectors = {}
    for p in projects:
        raw = {w: (1 + math.log(c)) * (1 + math.log((1 + n) / (1 + df[w]))) for w, c in docs[p].items()}
        norm = math.sqrt(sum(v * v for v in raw.values()))
        vectors[p] = {w: v / norm for w, v in raw.items()} if norm else {}
    family = data.family_pairs()
    result = {}
    for a, b in itertools.combinations(projects, 2):
        if frozenset((a, b)) in family:
            continue
        components, shared, found = {}, {}, False
        for c in SET_COMPONENTS:
            common = set(features[c].get(a, ())) & set(features[c].get(b, ()))
            shared[c] = tuple(sorted(common, key=lambda f, c=c: (holders[c][f], f)))
            components[c] = min(1.0, sum(1 / (holders[c][f] - 1) for f in common))
            found |= any(holders[c][f] <= hub_cap for f in common)
        text = sum(v * vectors[b].get(w, 0.0) for w, v in vectors[a].items())
        components["text"] = min(1.0, max(0.0, text))
        found |= text >= text_threshold and any(df[w] <= hub_cap for w in set(docs[a]) & set(docs[b]))
        score = sum(weight[c] * components[c] for c in components)
        if found and score > 0:
            result[(a, b)] = (score, components, shared)
    hubs = {c: {f: k for f, k in holders[c].items() if k > hub_cap} for c in SET_COMPONENTS}
    hubs["text"] = {w: k for w, k in df.items() if k > hub_cap}
    return result, {c: h for c, h in hubs.items() if h}


@pytest.mark.parametrize("hub_cap", [100, 8])
def test_overlaps_equal_the_pair_by_pair_reference(data62, hub_cap):
    analysis = analyse_data(data62, seed=0, hub_cap=hub_cap)
    expected, hubs = reference_overlaps(data62, hub_cap)
    assert len(expected) > 300
    assert {(o.a, o.b) for o in analysis.overlaps} == set(expected)
    for o in analysis.overlaps:
        score, components, shared = expected[(o.a, o.b)]
        assert o.score == pytest.approx(score, abs=5.1e-7)
        assert o.components == pytest.approx(components, abs=5.1e-7)
        assert dict(o.shared) == shared
    keys = [(-o.score, o.a, o.b) for o in analysis.overlaps]
    assert keys == sorted(keys)
    assert {c: dict(h) for c, h in analysis.hubs.items()} == hubs
    if hub_cap == 100:
        assert hubs == {} and analysis.pruned_features() == []
    else:
        assert hubs["text"] and hubs["themes"]  # the synthetic descriptions share all their words


def test_pruned_features_are_reported_with_a_reason(data62):
    analysis = analyse_data(data62, seed=0, hub_cap=8)
    items = analysis.to_json("en")["pruned_features"]
    assert items and items == analysis.pruned_features("en")
    counts = [item["projects"] for item in items]
    assert counts == sorted(counts, reverse=True) and min(counts) > 8
    theme = next(item for item in items if item["component"] == "themes")
    assert theme["label"] == data62.label(theme["feature"], "en")
    assert f"({theme['projects']} projects) occurs in more than 8 projects" in theme["reason"]
    word = next(item for item in analysis.pruned_features("nl") if item["component"] == "text")
    assert word["reason"].startswith(f"het woord '{word['feature']}' in de omschrijving")


def _reference_linking(members, partners, brokers, top=3):
    wanted = set(members)
    order = {row["node"]: n for n, row in enumerate(brokers)}
    scored = []
    for row in brokers:
        linked = wanted.intersection(row["projects"]) | {m for m in wanted if row["node"] in partners.get(m, ())}
        if len(linked) >= 2 or (linked and row["betweenness"] > 0):
            scored.append((-len(linked), order[row["node"]], row["node"]))
    return [node for *_rest, node in sorted(scored)[:top]]


def _reference_community(index, members, data, features, overlaps, brokers):
    inside = [o.score for o in overlaps if o.a in members and o.b in members]
    orgs = [r for r in brokers if r["kind"] == "organisation"]
    linking_orgs = _reference_linking(members, features["partners"], orgs)
    people = [r["node"] for r in brokers if r["kind"] == "person"]
    quoted = {p: {pr for pe, pr in data.quotes if pe == p} for p in people}
    persons = sorted(
        (-len(quoted[p] & set(members)), p)
        for p in quoted
        if quoted[p] & set(members) or data.nodes[p].get("affiliation") in linking_orgs
    )
    return Community(
        index=index,
        projects=members,
        binding={k: tuple(v) for k, v in binding_features(members, features).items()},
        linking_organisations=tuple(linking_orgs),
        linking_persons=tuple(p for _n, p in persons[:3]),
        mean_overlap=round(sum(inside) / len(inside), 6) if inside else 0.0,
    )


@pytest.mark.parametrize("reference_limit", [1000, 0])
def test_communities_are_described_as_the_member_by_member_reference(data62, reference_limit):
    analysis = analyse_data(data62, seed=0, reference_limit=reference_limit)
    features = overlap_features(data62)
    members = [p for c in analysis.communities for p in c.projects]
    assert sorted(members) == data62.projects and len(analysis.communities) > 1
    expected = tuple(
        _reference_community(n + 1, c.projects, data62, features, analysis.overlaps, analysis.brokers)
        for n, c in enumerate(analysis.communities)
    )
    assert analysis.communities == expected
    assert any(c.linking_persons for c in expected) and any(c.linking_organisations for c in expected)
    for project in data62.projects[:10]:
        assert analysis.overlaps_of(project) == [o for o in analysis.overlaps if project in (o.a, o.b)]


def test_linking_actors_of_many_groups_equals_one_by_one():
    rng = random.Random(5)
    projects = [f"p{k}" for k in range(30)]
    brokers = [
        {"node": f"o{k}", "betweenness": rng.choice([0.0, rng.random()]), "projects": rng.sample(projects, rng.randint(0, 5))}
        for k in range(40)
    ]
    partners = {p: frozenset(rng.sample([f"o{k}" for k in range(45)], 2)) for p in projects}
    groups = [projects[k:k + rng.randint(1, 8)] for k in range(0, 30, 4)]
    assert linking_actors_of(groups, partners, brokers) == [_reference_linking(g, partners, brokers) for g in groups]
    assert linking_actors(groups[0], partners, brokers) == _reference_linking(groups[0], partners, brokers)


def _reference_overlap_graph(projects, overlaps, top_k):
    graph = nx.Graph()
    graph.add_nodes_from(sorted(projects))
    ranked = {}
    for item in sorted(overlaps, key=lambda o: (-o.score, o.a, o.b)):
        for end in (item.a, item.b):
            ranked.setdefault(end, []).append(item)
    chosen = {(o.a, o.b) for lst in ranked.values() for o in lst[:top_k]}
    for item in sorted((o for o in overlaps if (o.a, o.b) in chosen), key=lambda o: (o.a, o.b)):
        graph.add_edge(item.a, item.b, weight=item.score)
    return graph


def test_top_k_overlap_graph_equals_the_sorted_walk():
    rng = random.Random(7)
    projects = [f"p{k:02d}" for k in range(40)]
    overlaps = [
        Overlap(a, b, rng.choice([0.1, 0.2, 0.25, round(rng.random(), 3)]), {}, {})
        for a, b in itertools.combinations(projects, 2)
        if rng.random() < 0.4
    ]
    rng.shuffle(overlaps)
    for top_k in (1, 3, 10):
        got, want = overlap_graph(projects, overlaps, top_k), _reference_overlap_graph(projects, overlaps, top_k)
        assert list(got.nodes()) == list(want.nodes())
        assert list(got.edges(data="weight")) == list(want.edges(data="weight"))  # same order: Louvain depends on it


def test_igraph_louvain_leaves_the_random_sources_as_they_were():
    import random

    import igraph

    graph = nx.planted_partition_graph(4, 20, 0.5, 0.02, seed=3)
    random.seed(11)
    expected_python = random.random()
    random.seed(12)
    expected_igraph = igraph.Graph.Erdos_Renyi(n=40, p=0.1).get_edgelist()  # igraph draws from Python's random
    random.seed(11)
    first = consensus_communities(graph, seed=4, reference_limit=0)
    assert random.random() == expected_python  # the runs did not draw from Python's global generator
    random.seed(12)
    assert igraph.Graph.Erdos_Renyi(n=40, p=0.1).get_edgelist() == expected_igraph  # default source put back
    assert consensus_communities(graph, seed=4, reference_limit=0) == first


def test_igraph_louvain_finds_planted_groups_and_is_seeded():
    graph = nx.planted_partition_graph(6, 25, 0.6, 0.01, seed=2)
    truth = sorted(tuple(sorted(c)) for c in graph.graph["partition"])
    fast = consensus_communities(graph, seed=4, reference_limit=0)
    assert sorted(fast.communities) == truth
    assert fast.modularity == pytest.approx(consensus_communities(graph, seed=4).modularity)
    assert consensus_communities(graph, seed=4, reference_limit=0) == fast
    karate = nx.karate_club_graph()
    before = sorted(karate.edges(data=True))
    result = consensus_communities(karate, seed=1, runs=5, reference_limit=0)
    assert sorted(n for c in result.communities for n in c) == sorted(karate)
    assert result.modularity > 0.3 and sorted(karate.edges(data=True)) == before


def _reference_betweenness(graph, pivots):
    """Brandes (2001) from the given sources, plain Python, normalised like networkx 3.6 with k pivots."""
    score = dict.fromkeys(graph, 0.0)
    for s in pivots:
        order, preds, sigma, dist = [], {v: [] for v in graph}, dict.fromkeys(graph, 0.0), {s: 0}
        sigma[s] = 1.0
        queue = deque([s])
        while queue:
            v = queue.popleft()
            order.append(v)
            for w in graph[v]:
                if w not in dist:
                    dist[w] = dist[v] + 1
                    queue.append(w)
                if dist[w] == dist[v] + 1:
                    sigma[w] += sigma[v]
                    preds[w].append(v)
        delta = dict.fromkeys(graph, 0.0)
        for w in reversed(order):
            for v in preds[w]:
                delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
            if w != s:
                score[w] += delta[w]
    n, k = len(graph), len(pivots)
    return {v: b / ((k - 1 if v in pivots else k) * (n - 2)) for v, b in score.items()}


def test_sampled_betweenness_equals_brandes_from_the_same_pivots():
    for trial in range(4):
        graph = nx.gnm_random_graph(120, 180, seed=trial)
        graph.add_nodes_from(["lonely", "alone"])
        graph.add_edge("lonely", "alone")
        pivots = random.Random(trial).sample(list(graph.nodes()), 30)
        expected = _reference_betweenness(graph, pivots)
        got = sampled_betweenness(graph, 30, seed=trial)
        assert got.keys() == expected.keys()
        assert all(got[v] == pytest.approx(expected[v], abs=1e-12) for v in graph)
        exact = nx.betweenness_centrality(graph)
        everything = sampled_betweenness(graph, graph.number_of_nodes(), seed=trial)
        assert all(everything[v] == pytest.approx(exact[v], abs=1e-12) for v in graph)


def test_tfidf_is_bit_identical_to_scikit_learn(data62, store):
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    real = load_network_data(store)
    rng = random.Random(3)
    vocab = ["Café", "ÉÉN", "water", "Water", "co-op", "x1", "naïef", "de", "het", "ﬁets", "straße", "zó", "a"]
    samples = [
        [real.nodes[p].get("description", "") for p in real.projects],
        [data62.nodes[p].get("description", "") for p in data62.projects],
        *([" ".join(rng.choice(vocab) for _ in range(rng.randint(0, 9))) for _ in range(15)] for _ in range(10)),
    ]
    stop = dutch_stop_words()
    for texts in samples:
        vectorizer = sklearn_text.TfidfVectorizer(
            stop_words=list(stop), strip_accents="unicode", lowercase=True, sublinear_tf=True,
            token_pattern=r"(?u)\b[^\W\d_][^\W\d_]+\b",
        )
        expected = vectorizer.fit_transform(texts).tocsr()
        matrix, words = tfidf_matrix(texts, stop)
        assert words == list(vectorizer.get_feature_names_out())
        assert (matrix != expected).nnz == 0
    assert tfidf_matrix(["de het", ""], stop) is None


def test_round6_matches_python_round():
    rng = random.Random(11)
    import numpy as np

    values = [rng.random() for _ in range(20000)] + [k / 2e6 for k in range(2000)] + [0.1234565, 0.0000005, 1.0]
    assert round6(np.array(values)).tolist() == [round(v, 6) for v in values]
