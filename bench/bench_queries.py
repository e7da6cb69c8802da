"""Benchmark the query library: pyoxigraph (embedded store) vs rdflib's own SPARQL engine.

Run manually (not part of pytest)::

    .venv/bin/rdzl-graph build && .venv/bin/python bench/bench_queries.py [--build build] [--repeat 20]

For every library question (with the example parameters of the golden tests) it prints the
median time on the embedded pyoxigraph store and on an rdflib ``Dataset`` loaded from the same
TriG file (``default_union=True``), running the same text (parameters injected as a VALUES
block, :meth:`rdzl_graph.queries.PreparedQuery.remote_text`), and the ratio, as a markdown
table. Goals: every query < 20 ms median on the embedded store; >= 50x faster than rdflib on
the shared-partner questions.
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

from rdzl_graph.queries import list_queries, prepare, run_query  # noqa: E402
from rdzl_graph.store import default_trig_path, load_store  # noqa: E402
from tests.test_queries import GOLDEN_PARAMS, OTHER_OWNERS  # noqa: E402

GOAL_MS = 20.0
GOAL_RATIO = 50.0


def median_ms(func, repeat: int) -> float:
    """Median wall time of *func()* in milliseconds over *repeat* runs (after one warm-up)."""
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


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
    args = parser.parse_args(argv)
    trig = default_trig_path(args.build)
    store = load_store(trig)
    dataset = Dataset(default_union=True)
    dataset.parse(str(trig), format="trig")
    names = [q.name for q in list_queries() if not q.name.startswith(OTHER_OWNERS)]
    print("| query | rows | pyoxigraph median ms | rdflib median ms | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    failures = []
    for name in names:
        params = GOLDEN_PARAMS.get(name, {})
        prepared = prepare(name, params)
        text = prepared.remote_text()
        rows = len(run_query(store, prepared.info, params).rows)
        ox_ms = median_ms(lambda: run_query(store, prepared.info, params), args.repeat)
        rdf_ms = rdflib_median_ms(dataset, text, args.rdflib_repeat, args.rdflib_timeout)
        if rdf_ms is None:
            rdf_text, ratio_text, ratio = f"> {args.rdflib_timeout:.0f} s (stopped)", "–", float("inf")
        else:
            ratio = rdf_ms / ox_ms if ox_ms else float("inf")
            rdf_text, ratio_text = f"{rdf_ms:.1f}", f"{ratio:.0f}x"
        print(f"| {name} | {rows} | {ox_ms:.2f} | {rdf_text} | {ratio_text} |", flush=True)
        if ox_ms >= GOAL_MS:
            failures.append(f"{name}: {ox_ms:.1f} ms >= {GOAL_MS} ms")
        if name.startswith("shared-partners") and ratio < GOAL_RATIO:
            failures.append(f"{name}: only {ratio:.0f}x faster than rdflib")
    print()
    print("goals met" if not failures else "goals missed:\n  " + "\n  ".join(failures))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
