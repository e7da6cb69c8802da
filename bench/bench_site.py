"""Benchmark the site's network page: time until the network is drawn and stable in Chromium.

Run manually (not part of pytest)::

    .venv/bin/rdzl-graph build && .venv/bin/python bench/bench_site.py [--build build] [--nodes 5000]

For the real graph (full site) and a synthetic graph of ``--nodes`` nodes (Barabási–Albert,
with project/organisation/municipality/theme kinds) it prints, as a markdown table, the time
to write the page(s), and in headless Chromium from file:// the time from navigation to vis'
first ``afterDrawing`` (drawn) and to ``stabilized`` (physics graphs; graphs above the physics
threshold are laid out in Python and are stable once drawn).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from rdzl_graph.site import build_site  # noqa: E402
from rdzl_graph.site.generator import write_network_page  # noqa: E402
from rdzl_graph.store import open_store  # noqa: E402
from tests.test_site_support import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

KINDS = ("project", "organisation", "municipality", "theme")


def synthetic_graph(n: int, seed: int = 0) -> nx.Graph:
    """A scale-free graph of *n* nodes with random kinds and labels."""
    rng = random.Random(seed)
    graph = nx.barabasi_albert_graph(n, 2, seed=seed)
    for node in graph:
        kind = rng.choices(KINDS, weights=(30, 50, 5, 15))[0]
        graph.nodes[node].update(kind=kind, label=f"{kind} {node}")
    return graph


def time_page(browser, path: Path, timeout_ms: int = 600_000) -> tuple[float, float, int]:
    """Seconds to first drawing and to stable, and the number of nodes in the DataSet."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("window.rdzlNetwork && window.rdzlNetwork.drawn", timeout=timeout_ms, polling=20)
    drawn = time.perf_counter() - start
    page.wait_for_function("window.rdzlNetwork.stable", timeout=timeout_ms, polling=20)
    stable = time.perf_counter() - start
    count = page.evaluate("window.rdzlNetwork.nodes.length")
    page.close()
    return drawn, stable, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=REPO / "build")
    parser.add_argument("--nodes", type=int, default=5000)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        t0 = time.perf_counter()
        result = build_site(open_store(args.build), Path(tmp) / "real")
        write_real = time.perf_counter() - t0
        rows.append(("real graph (full site)", result.nodes, result.edges, write_real,
                     *time_page(browser, result.out_dir / "network.html")))
        graph = synthetic_graph(args.nodes)
        t0 = time.perf_counter()
        page = write_network_page(graph, Path(tmp) / "synthetic")
        write_synth = time.perf_counter() - t0
        rows.append((f"synthetic {args.nodes} nodes", graph.number_of_nodes(), graph.number_of_edges(), write_synth,
                     *time_page(browser, page)))
        browser.close()
    print("| graph | nodes | edges | write page(s) s | drawn s | stable s | nodes in page |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, nodes, edges, write, drawn, stable, count in rows:
        print(f"| {name} | {nodes} | {edges} | {write:.1f} | {drawn:.2f} | {stable:.2f} | {count} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
