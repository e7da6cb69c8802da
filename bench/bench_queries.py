"""Benchmark the query library: pyoxigraph (embedded store) vs rdflib's own SPARQL engine.

Run manually (not part of pytest)::

    .venv/bin/rdzl-graph build && .venv/bin/python bench/bench_queries.py [--build build] [--repeat 20]

For every library question (with the example parameters of the golden tests) it prints the
median time on the embedded pyoxigraph store and on an rdflib ``Dataset`` loaded from the same
TriG file (``default_union=True``), running the same text (parameters injected as a VALUES
block, :meth:`rdzl_graph.query.named.PreparedQuery.remote_text`), and the ratio, as a markdown
table. Goals: every query < 20 ms median on the embedded store; >= 50x faster than rdflib on
the shared-partner questions.

At scale (issue 8: every library query < 1 s at 1M asserted triples), on a synthetic build::

    .venv/bin/rdzl-graph synth --projects 11600 --seed 1 -o /tmp/s && \
        .venv/bin/rdzl-graph build --data /tmp/s --out /tmp/b --reasoner fast
    .venv/bin/python bench/bench_queries.py --build /tmp/b --synthetic --no-rdflib --repeat 3 --goal-ms 1000

``--synthetic`` takes the parameters of :data:`SYNTHETIC_PARAMS` (names the generator always
writes) instead of the golden ones. The CPU column (process time of the run) is steadier than
wall time on a shared machine.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
from pathlib import Path

from rdflib import Dataset

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # the test modules import their helpers (golden_results) by name

from rdzl_graph.core.query_files import list_queries  # noqa: E402

from rdzl_graph.query.named import prepare, run_query  # noqa: E402
from rdzl_graph.core.resources import default_trig_path  # noqa: E402
from rdzl_graph.query.store import load_store  # noqa: E402
from tests.test_queries import GOLDEN_PARAMS, OTHER_OWNERS  # noqa: E402

GOAL_MS = 20.0
GOAL_RATIO = 50.0
# Parameters for a synthetic build (`rdzl-graph synth`): projects p1, p2 ..., organisatie-N, risk
# categories as in the real vocabulary. "project 17" finds about a hundred projects at any size.
SYNTHETIC_PARAMS: dict[str, str] = {
    "project": "p3", "project_a": "p1", "project_b": "p2", "organisation": "organisatie-1",
    "risk": "capaciteit", "text": "project 17",
}


def median_ms(func, repeat: int) -> float:
    """Median wall time of *func()* in milliseconds over *repeat* runs (after one warm-up)."""
    return median_wall_cpu_ms(func, repeat)[0]


def median_wall_cpu_ms(func, repeat: int) -> tuple[float, float]:
    """Median wall and CPU (process) time of *func()* in milliseconds over *repeat* runs, after a warm-up."""
    func()
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def params_for(info, synthetic: bool) -> dict[str, str]:
    """The benchmark parameters of a query: golden ones, or :data:`SYNTHETIC_PARAMS` for its required ones."""
    if not synthetic:
        return GOLDEN_PARAMS.get(info.name, {})
    return {p.name: SYNTHETIC_PARAMS[p.name] for p in info.params if p.required}


def _rdflib_worker(dataset: Dataset, text: str, repeat: int, out) -> None:
    out.put(median_ms(lambda: list(dataset.query(text)), repeat))


def rdflib_median_ms(dataset: Dataset, text: str, repeat: int, timeout: float) -> float | None:
    """Median on rdflib in a forked worker; ``None`` if it takes longer than *timeout* seconds."""
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    worker = context.Process(target=_rdflib_worker, args=(dataset, text, repeat, out))
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        worker.kill()
        worker.join()
        return None
    return out.get() if not out.empty() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rdflib-repeat", type=int, default=3)
    parser.add_argument("--rdflib-timeout", type=float, default=60.0, help="seconds per query on rdflib")
    parser.add_argument("--no-rdflib", action="store_true", help="only the embedded store (large graphs)")
    parser.add_argument("--synthetic", action="store_true", help="parameters for a `rdzl-graph synth` build")
    parser.add_argument("--goal-ms", type=float, default=GOAL_MS, help="goal for the median wall time")
    args = parser.parse_args(argv)
    trig = default_trig_path(args.build)
    store = load_store(trig)
    dataset = None
    if not args.no_rdflib:
        dataset = Dataset(default_union=True)
        dataset.parse(str(trig), format="trig")
    infos = [q for q in list_queries() if not q.name.startswith(OTHER_OWNERS)]
    print(f"{len(store):,} triples in the store")
    print("| query | rows | pyoxigraph median ms | CPU ms | rdflib median ms | ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    failures = []
    for info in infos:
        name = info.name
        params = params_for(info, args.synthetic)
        prepared = prepare(name, params)
        rows = len(run_query(store, prepared.info, params).rows)
        ox_ms, cpu_ms = median_wall_cpu_ms(lambda: run_query(store, prepared.info, params), args.repeat)
        ratio = float("inf")
        if dataset is None:
            rdf_text, ratio_text = "–", "–"
        else:
            rdf_ms = rdflib_median_ms(dataset, prepared.remote_text(), args.rdflib_repeat, args.rdflib_timeout)
            if rdf_ms is None:
                rdf_text, ratio_text = f"> {args.rdflib_timeout:.0f} s (stopped)", "–"
            else:
                ratio = rdf_ms / ox_ms if ox_ms else float("inf")
                rdf_text, ratio_text = f"{rdf_ms:.1f}", f"{ratio:.0f}x"
        print(f"| {name} | {rows} | {ox_ms:.2f} | {cpu_ms:.2f} | {rdf_text} | {ratio_text} |", flush=True)
        if ox_ms >= args.goal_ms:
            failures.append(f"{name}: {ox_ms:.1f} ms >= {args.goal_ms:g} ms")
        if dataset is not None and name.startswith("shared-partners") and ratio < GOAL_RATIO:
            failures.append(f"{name}: only {ratio:.0f}x faster than rdflib")
    print()
    print("goals met" if not failures else "goals missed:\n  " + "\n  ".join(failures))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
