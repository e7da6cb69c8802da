"""Benchmark of the network analysis (run by hand, not part of the test suite).

    .venv/bin/python bench/bench_network.py [--sizes 1000 10000] [--seed 0]

Times the analysis of the real graph (needs ``build/``; run ``rdzl-graph build``)
and of synthetic programmes generated directly as the inputs of the network
functions: partners drawn with a Zipf-like skew (a few organisations, like a
province, are in a large share of the projects), themes, attention-point
categories, places and descriptions from a skewed vocabulary.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

import networkx as nx

from rdzl_graph.network.centrality import broker_ranking
from rdzl_graph.network.communities import consensus_communities, overlap_graph
from rdzl_graph.network.overlap import overlap_records, overlap_table


def synthetic_inputs(n: int, seed: int = 0):
    """Projects, features and texts of a synthetic programme with ``n`` projects."""
    rng = random.Random(seed)
    n_orgs, n_places = max(50, n // 2), max(30, n // 5)
    org_weights = [1.0 / (k + 1) ** 1.1 for k in range(n_orgs)]  # skewed participation
    vocab = [f"woord{k}" for k in range(max(500, n // 2))]
    vocab_weights = [1.0 / (k + 1) for k in range(len(vocab))]
    projects = [f"p{k:06d}" for k in range(n)]
    features = {"partners": {}, "themes": {}, "problems": {}, "municipalities": {}, "places": {}}
    texts = {}
    for p in projects:
        features["partners"][p] = {f"org{k}" for k in rng.choices(range(n_orgs), org_weights, k=rng.randint(1, 6))}
        features["themes"][p] = {f"theme{rng.randrange(25)}" for _ in range(rng.randint(1, 4))}
        features["problems"][p] = {f"risk{rng.randrange(17)}" for _ in range(rng.randint(0, 3))}
        features["municipalities"][p] = {f"gm{rng.randrange(10)}"}
        features["places"][p] = {f"place{rng.randrange(n_places)}" for _ in range(rng.randint(0, 3))}
        texts[p] = " ".join(rng.choices(vocab, vocab_weights, k=25))
    return projects, features, texts


def actor_graph_from(projects, partners) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(projects, kind="project", label="p")
    for p in projects:
        for org in sorted(partners[p]):
            graph.add_node(org, kind="organisation", label=org)
            graph.add_edge(p, org)
    return graph


def bench_synthetic(n: int, seed: int, runs: int) -> dict[str, float]:
    projects, features, texts = synthetic_inputs(n, seed)
    timings: dict[str, float] = {}
    t = time.perf_counter()
    table = overlap_table(projects, features, texts)
    timings["overlap"] = time.perf_counter() - t
    t = time.perf_counter()
    records = overlap_records(table, features)
    timings["reasons"] = time.perf_counter() - t
    t = time.perf_counter()
    partition = consensus_communities(overlap_graph(projects, records, top_k=10), seed=seed, runs=runs)
    timings["communities"] = time.perf_counter() - t
    t = time.perf_counter()
    broker_ranking(actor_graph_from(projects, features["partners"]), seed=seed)
    timings["centrality"] = time.perf_counter() - t
    timings["pairs"] = len(table)
    timings["communities_found"] = len(partition.communities)
    timings["modularity"] = partition.modularity
    return timings


def bench_real(build: Path) -> float | None:
    from rdzl_graph.network import analyse
    from rdzl_graph.store import open_store

    if not (build / "graph" / "rdzl-graph.trig").is_file():
        return None
    store = open_store(build)
    analyse(store)  # warm up imports
    t = time.perf_counter()
    analyse(store, seed=0)
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=10, help="Louvain runs per consensus round")
    parser.add_argument("--build", type=Path, default=Path("build"))
    args = parser.parse_args()
    real = bench_real(args.build)
    print(f"real graph (24 projects): analyse() {real:.3f} s" if real is not None else "real graph: no build/")
    print("| projects | pairs | overlap s | reasons s | communities s | centrality s | communities | modularity |")
    print("|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        r = bench_synthetic(n, args.seed, args.runs)
        print(f"| {n} | {r['pairs']} | {r['overlap']:.2f} | {r['reasons']:.2f} | {r['communities']:.2f} | "
              f"{r['centrality']:.2f} | {r['communities_found']} | {r['modularity']:.3f} |", flush=True)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
