"""Benchmark the site: writing it at scale, and the network page in Chromium.

Run manually (not part of pytest)::

    .venv/bin/rdzl-graph build && .venv/bin/python bench/bench_site.py [--build build] [--nodes 5000]
    .venv/bin/python bench/bench_site.py --scale 310 3100 11600 [--workdir /tmp/site-bench] [--no-browser]

Default mode: for the real graph (full site) and a synthetic graph of ``--nodes`` nodes
(Barabási–Albert, with project/organisation/municipality/theme kinds) it prints, as a markdown
table, the time to write the page(s), and in headless Chromium from file:// the time from
navigation to vis' first ``afterDrawing`` (drawn) and to ``stabilized`` (physics graphs; graphs
above the physics threshold are laid out in Python and are stable once drawn).

``--scale N ...``: for each size a synthetic programme of N projects (seed 1) is generated and
built (``--validate none``; kept in ``--workdir`` for the next run), then, in a fresh process per
size, the network analysis (``analyse`` + ``full_network``, timed apart: not the site's work)
and ``build_site`` run; it prints wall time, the process's peak RSS after the analysis and after
the site, the number of pages and their size, and (unless ``--no-browser``) the time until the
network page is drawn in Chromium. The machine may be shared: compare numbers of one run.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from rdzl_graph.site import build_site  # noqa: E402
from rdzl_graph.site.generator import write_network_page  # noqa: E402
from rdzl_graph.query.store import open_store  # noqa: E402
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


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def site_worker(build_dir: Path, out: Path) -> dict:
    """One size in this process: analysis, then the site; wall times and peak RSS."""
    from rdzl_graph.network import analyse, full_network

    store = open_store(build_dir)
    start = time.perf_counter()
    analysis = analyse(store, seed=0)
    graph = full_network(store)
    network_s, network_mb = time.perf_counter() - start, _peak_mb()
    start = time.perf_counter()
    result = build_site(store, out, graph=graph, analysis=analysis)
    site_s = time.perf_counter() - start
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return {"network_s": network_s, "network_mb": network_mb, "site_s": site_s, "site_mb": _peak_mb(),
            "pages": len(result.pages), "site_bytes": size, "nodes": result.nodes, "edges": result.edges,
            "network_html_bytes": (out / "network.html").stat().st_size}


def prepare(n: int, workdir: Path) -> Path:
    """Synthesise and build a programme of *n* projects once; return its build directory."""
    data, build = workdir / f"data-{n}", workdir / f"build-{n}"
    if not (build / "graph" / "rdzl-graph.trig").is_file():
        if not data.is_dir():
            subprocess.run([sys.executable, "-m", "rdzl_graph", "synth", "--projects", str(n), "--seed", "1",
                            "-o", str(data)], check=True, cwd=REPO, stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, "-m", "rdzl_graph", "build", "--data", str(data), "--out", str(build),
                        "--validate", "none"], check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    return build


def scale(sizes: list[int], workdir: Path, browser: bool) -> int:
    rows = []
    for n in sizes:
        build = prepare(n, workdir)
        out = workdir / f"site-{n}"
        done = subprocess.run([sys.executable, __file__, "--worker", str(build), str(out)], check=True,
                              capture_output=True, text=True, cwd=REPO)
        row = {"projects": n, **json.loads(done.stdout.strip().splitlines()[-1])}
        if browser:
            from playwright.sync_api import sync_playwright
            with sync_playwright() as pw:
                instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                row["drawn_s"], row["stable_s"], row["shown"] = time_page(instance, out / "network.html")
                instance.close()
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    print("| projects | nodes / edges | analysis s (peak MB) | site s | peak MB after site | pages | site MB "
          "| network.html MB | drawn s | nodes drawn |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['projects']:,} | {r['nodes']:,} / {r['edges']:,} | {r['network_s']:.1f} ({r['network_mb']:,.0f}) "
              f"| {r['site_s']:.1f} | {r['site_mb']:,.0f} | {r['pages']:,} | {r['site_bytes'] / 1e6:.0f} "
              f"| {r['network_html_bytes'] / 1e6:.1f} | {r.get('drawn_s', float('nan')):.2f} | {r.get('shown', '–')} |")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=REPO / "build")
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--scale", type=int, nargs="+", help="sizes in projects (synthetic programmes)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "rdzl-site-bench")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--worker", type=Path, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(site_worker(*args.worker)))
        return 0
    if args.scale:
        args.workdir.mkdir(parents=True, exist_ok=True)
        return scale(args.scale, args.workdir, not args.no_browser)
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
