"""Benchmark of the network analysis (run by hand, not part of the test suite).

    .venv/bin/python bench/bench_network.py [--sizes 1000 10000] [--seed 0]
    .venv/bin/python bench/bench_network.py --sizes --builds /tmp/x/build310 /tmp/x/build3100

Times the analysis of the real graph (needs ``build/``; run ``rdzl-graph build``)
and of synthetic programmes generated directly as the inputs of the network
functions: partners drawn with a Zipf-like skew (a few organisations, like a
province, are in a large share of the projects), themes, attention-point
categories, places and descriptions from a skewed vocabulary.

``--builds`` times the whole ``analyse`` on built graphs (e.g. of
``rdzl-graph synth --projects 3100 --seed 1`` and ``rdzl-graph build --reasoner
fast``), each in a fresh process: store load, ``load_network_data``,
``analyse_data`` and the peak RSS of that process (store included). Also the
cold import time of ``rdzl_graph.network``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx

from rdzl_graph.network.centrality import broker_ranking
from rdzl_graph.network.communities import consensus_communities, overlap_graph
from rdzl_graph.network.overlap import overlap_table
from rdzl_graph.network.records import overlap_records


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
    from rdzl_graph.query.store import open_store

    if not (build / "graph" / "rdzl-graph.trig").is_file():
        return None
    store = open_store(build)
    analyse(store)  # warm up imports
    t = time.perf_counter()
    analyse(store, seed=0)
    return time.perf_counter() - t


_CHILD = """
import json, resource, sys, time
from rdzl_graph.network.analysis import analyse_data
from rdzl_graph.network.graphs import load_network_data
from rdzl_graph.query.store import open_store
t = time.perf_counter(); store = open_store(sys.argv[1]); opened = time.perf_counter() - t
t = time.perf_counter(); data = load_network_data(store); loaded = time.perf_counter() - t
t = time.perf_counter(); result = analyse_data(data, seed=int(sys.argv[2])); analysed = time.perf_counter() - t
print(json.dumps({"projects": len(data.projects), "open_store": opened, "load": loaded, "analyse_data": analysed,
                  "overlaps": len(result.overlaps), "communities": len(result.communities),
                  "hubs": sum(len(v) for v in result.hubs.values()), "modularity": result.partition.modularity,
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def bench_build(build: Path, seed: int, timeout: float) -> dict | str:
    """``analyse`` on a built graph in a fresh process: timings (s) and peak RSS (MiB), or why not."""
    try:
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(build), str(seed)],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"timeout after {timeout:.0f} s"
    if proc.returncode != 0:
        return f"failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def import_time() -> float:
    """Cold import of the network package in a fresh interpreter (s)."""
    code = "import time; t = time.perf_counter(); import rdzl_graph.network; print(time.perf_counter() - t)"
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=10, help="Louvain runs per consensus round")
    parser.add_argument("--build", type=Path, default=Path("build"))
    parser.add_argument("--builds", type=Path, nargs="*", default=[], help="built graphs to run the whole analyse on")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per built graph")
    args = parser.parse_args()
    print(f"cold import of rdzl_graph.network: {import_time():.2f} s")
    if args.builds:
        print("| build | projects | open store s | load s | analyse_data s | load + analyse s | overlaps | hubs | communities | peak RSS MiB |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for build in args.builds:
            r = bench_build(build, args.seed, args.timeout)
            if isinstance(r, str):
                print(f"| {build} | | | | | {r} | | | | |", flush=True)
                continue
            print(f"| {build} | {r['projects']} | {r['open_store']:.2f} | {r['load']:.2f} | {r['analyse_data']:.2f} | "
                  f"{r['load'] + r['analyse_data']:.2f} | {r['overlaps']} | {r['hubs']} | {r['communities']} | "
                  f"{r['peak_rss_mib']:.0f} |", flush=True)
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
