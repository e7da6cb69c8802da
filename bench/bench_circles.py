"""Benchmark of the knowledge-exchange circles (run by hand, not part of the test suite).

    .venv/bin/python bench/bench_circles.py [--sizes 1000 10000] [--seed 1] [--work DIR]

For the real data and for synthetic programmes of each size (``rdzl-graph
synth --projects N``: with tasks and milestone tags; built with ``--reasoner
fast --validate none``), runs the circles in a fresh process and records, per
phase, the wall time, and the peak RSS of that process (store included):

* ``load``: the built TriG into the store;
* ``analysis``: the network analysis whose partition gives the families;
* ``facts``: the circles' own queries (features, milestones, attention points);
* ``select``: candidates and the weighted greedy set cover;
* ``report``: :func:`rdzl_graph.circles.report.circles_reports` for both
  languages, from the store: analysis, facts and selection again, then the
  learn-from pairs, pins, hosts, starters (so ``analysis``, ``facts`` and
  ``select`` are a breakdown of it, measured on their own);
* ``rdf``: the circles graph as TriG.

Total wall = load + report + rdf: what ``rdzl-graph circles --format trig`` does.

Writes ``bench/results/circles.md`` (and prints it). Building the synthetic
graphs is not timed (see ``bench/bench_pipeline.py``).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "circles.md"
PHASES = ("load", "analysis", "facts", "select", "report", "rdf")


def child(build_dir: str) -> dict:
    """Time the phases in this process; return timings, counts and peak RSS."""
    from rdzl_graph.circles.facts import load_circle_facts
    from rdzl_graph.circles.rdf import circles_quads
    from rdzl_graph.circles.report import circles_reports
    from rdzl_graph.circles.select import select_circles
    from rdzl_graph.network import analyse
    from rdzl_graph.query.store import open_store

    import pyoxigraph as ox

    times: dict[str, float] = {}
    start = time.perf_counter()
    store = open_store(build_dir, analysis=False)
    times["load"] = time.perf_counter() - start
    t = time.perf_counter()
    analysis = analyse(store, seed=0)
    times["analysis"] = time.perf_counter() - t
    t = time.perf_counter()
    facts = load_circle_facts(store, analysis.data)
    times["facts"] = time.perf_counter() - t
    t = time.perf_counter()
    selection = select_circles(facts, analysis.partition.membership())
    times["select"] = time.perf_counter() - t
    t = time.perf_counter()
    reports = circles_reports(store, seed=0)
    times["report"] = time.perf_counter() - t
    t = time.perf_counter()
    trig = ox.serialize(circles_quads(reports), format=ox.RdfFormat.TRIG)
    times["rdf"] = time.perf_counter() - t
    circles = reports["nl"]["circles"]
    return {
        "projects": len(facts.projects), "triples": len(store), "circles": len(circles),
        "required": len(selection.required), "uncovered": len(selection.uncovered),
        "learning": len(reports["nl"]["learning"]), "trig_bytes": len(trig),
        "mean_size": round(sum(len(c["projects"]) for c in circles) / max(1, len(circles)), 2),
        "times": times, "total": times["load"] + times["report"] + times["rdf"],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "rdzl_graph", *args], check=True, capture_output=True)


def measure(build_dir: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(build_dir)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout)


def prepare(size: int | None, seed: int, work: Path) -> Path:
    """Build the real data (``size`` None) or a synthetic programme of ``size`` projects into ``work``."""
    name = "real" if size is None else f"synth-{size}"
    build = work / name / "build"
    if (build / "graph" / "rdzl-graph.trig").is_file():
        return build
    if size is None:
        run("build", "--out", str(build))
    else:
        data = work / name / "data"
        run("synth", "--projects", str(size), "--seed", str(seed), "-o", str(data))
        run("build", "--data", str(data), "--out", str(build), "--reasoner", "fast", "--validate", "none")
    return build


def table(rows: list[tuple[str, dict]]) -> str:
    head = ("| programme | projects | triples | circles (mean size) | uncovered / required | learning pairs | "
            + " | ".join(PHASES) + " | total wall | peak RSS |")
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for name, r in rows:
        phases = " | ".join(f"{r['times'][p]:.2f} s" for p in PHASES)
        lines.append(f"| {name} | {r['projects']:,} | {r['triples']:,} | {r['circles']:,} ({r['mean_size']}) | "
                     f"{r['uncovered']:,} / {r['required']:,} | {r['learning']:,} | {phases} | "
                     f"{r['total']:.2f} s | {r['peak_rss_mb']:,.0f} MB |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="keep the builds here (default: a temporary directory)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-circles-"))
    rows = []
    for size in [None, *args.sizes]:
        name = "real data" if size is None else f"synthetic {size:,}"
        rows.append((name, measure(prepare(size, args.seed, work))))
        print(name, json.dumps(rows[-1][1]), flush=True)
    text = (
        "# Knowledge-exchange circles: benchmark\n\n"
        "`.venv/bin/python bench/bench_circles.py` (one fresh process per programme; synthetic programmes from "
        f"`rdzl-graph synth --projects N --seed {args.seed}`, built with `--reasoner fast --validate none`). "
        "Phases: load the built TriG; the network analysis (families), the circles' queries and the greedy set cover, "
        "each measured on its own; the whole report in both languages (which does those three again); the circles "
        "graph as TriG. Total wall = load + report + rdf (what `rdzl-graph circles --format trig` does). "
        "Peak RSS of the process, store included.\n\n"
        + table(rows) + "\n"
    )
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
