"""Whole-pipeline benchmark: the main job, command by command, as a user runs it.

Run manually (not part of pytest)::

    .venv/bin/python bench/bench_pipeline.py [--scales 1,10,100,375] [--timeout 900]

For each size, in a fresh temporary directory: generate the data (1x is the real ``data/``; k x is
``rdzl_graph.synth`` with ``31 * k`` projects, seed 1; 375x is about one million asserted triples),
then run the CLI commands of the main job in new processes, each timed on its own (wall clock) with
its own peak memory (``ru_maxrss`` of that child, from ``os.wait4``):

1. ``rdzl-graph build`` with no previous build (cold: everything is validated);
2. ``rdzl-graph site`` (network analysis, layout and all pages);
3. ``rdzl-graph docs``;
4. one project file is changed (its first Dutch literal edited), then ``rdzl-graph build`` again (warm: the build
   may validate only what changed).

The pipeline figure is 1 + 2 + 3 (the first run of the main job); its memory figure is the largest
peak of those processes (they run one after the other). Writes ``bench/results/pipeline.md`` and one
JSON file per size, ``bench/results/pipeline-<k>x.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
PROJECTS_PER_X = 31
GOAL_S, GOAL_MB = 120.0, 8 * 1024


def timed(cmd: list[str], timeout: float, cwd: Path = REPO) -> dict:
    """Run *cmd* in *cwd*; return wall seconds, peak RSS (MB) of that process, exit code and stderr tail."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return {"cmd": cmd[2:], "s": None, "peak_mb": None, "rc": None, "error": f"timeout after {timeout:.0f} s"}
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    stdout, stderr = proc.stdout.read().decode(), proc.stderr.read().decode()
    rc = os.waitstatus_to_exitcode(status)
    entry = {"cmd": cmd[2:], "s": seconds, "peak_mb": usage.ru_maxrss / 1024, "rc": rc,
             "stdout_tail": stdout.strip().splitlines()[-3:]}
    if rc != 0:
        entry["error"] = (stderr.strip().splitlines() or ["(no message)"])[-1][:300]
    return entry


def touch_one_project(data: Path) -> Path:
    """Edit one project file as a maintainer would: change the text of its first Dutch literal."""
    path = sorted((data / "projects").glob("*.ttl"))[0]
    text = path.read_text(encoding="utf-8")
    if '"@nl' not in text:
        raise ValueError(f"{path}: no Dutch literal to edit")
    path.write_text(text.replace('"@nl', ' (bewerkt)"@nl', 1), encoding="utf-8")
    return path


def run_size(scale: int, timeout: float) -> dict:
    from rdzl_graph.core.resources import data_dir
    from rdzl_graph.synth import synth

    cli = [sys.executable, "-m", "rdzl_graph"]
    with tempfile.TemporaryDirectory(prefix=f"rdzl-pipeline-{scale}x-") as tmp:
        work = Path(tmp)
        data = work / "data"
        start = time.perf_counter()
        if scale == 1:
            shutil.copytree(data_dir(), data)
        else:
            synth(data, PROJECTS_PER_X * scale, seed=1)
        result = {"scale": scale, "synth_s": time.perf_counter() - start, "steps": {}}
        build, site = work / "build", work / "build" / "site"
        steps = {
            "build (cold)": [*cli, "build", "--data", str(data), "--out", str(build)],
            "site": [*cli, "site", "--build", str(build), "--out", str(site)],
            "docs": [*cli, "docs", "--out", str(site / "docs")],
        }
        for name, cmd in steps.items():
            entry = result["steps"][name] = timed(cmd, timeout)
            print(f"  {scale}x {name}: {entry.get('s')} s, {entry.get('peak_mb')} MB {entry.get('error', '')}",
                  flush=True)
            if entry["rc"] != 0:
                return result
        info = json.loads((build / "graph" / "build-info.json").read_text(encoding="utf-8"))
        result["triples"] = info["triples"]
        result["cold_timings"] = info.get("timings_seconds")
        result["pages"] = sum(1 for _ in site.rglob("*.html"))
        touch_one_project(data)
        entry = result["steps"]["build (warm, one file changed)"] = timed(steps["build (cold)"], timeout)
        print(f"  {scale}x warm build: {entry.get('s')} s, {entry.get('peak_mb')} MB", flush=True)
        if entry["rc"] == 0:
            info = json.loads((build / "graph" / "build-info.json").read_text(encoding="utf-8"))
            result["warm_validation"] = info.get("validation")
            result["warm_timings"] = info.get("timings_seconds")
    return result


def fmt(entry: dict | None) -> str:
    if not entry:
        return "–"
    if entry.get("s") is None or entry.get("rc") not in (0, None):
        return entry.get("error", "failed")
    return f"{entry['s']:.2f} s / {entry['peak_mb']:,.0f} MB"


def report(results: list[dict]) -> str:
    heads = [f"{r['scale']}x" for r in results]
    lines = ["# Whole-pipeline benchmark (the main job, by CLI)", "",
             f"Machine: 2 cores, 24 GB (shared with other work while measured). Generated by "
             f"`bench/bench_pipeline.py` on {time.strftime('%Y-%m-%d %H:%M')}. Each step is a new process; "
             "time is wall clock, memory that process's peak RSS. 1x = the real data; kx = synthetic "
             f"programme of {PROJECTS_PER_X}·k projects (seed 1). Goal: the pipeline at about 1M asserted "
             "triples in < 2 min and < 8 GB; the main job on the real data in < 5 s.", "",
             "| | " + " | ".join(heads) + " |", "| --- |" + " ---: |" * len(heads)]
    def row(label: str, values: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    row("asserted triples", [f"{r.get('triples', {}).get('data', 0) + r.get('triples', {}).get('ontology', 0):,}"
                             for r in results])
    row("triples in store", [f"{r.get('triples', {}).get('total', 0):,}" for r in results])
    row("site pages", [f"{r.get('pages', 0):,}" for r in results])
    names = []
    for r in results:
        names += [n for n in r["steps"] if n not in names]
    for name in names:
        row(name, [fmt(r["steps"].get(name)) for r in results])
    totals = []
    for r in results:
        first = [r["steps"].get(n) for n in ("build (cold)", "site", "docs")]
        if all(e and e.get("rc") == 0 for e in first):
            seconds = sum(e["s"] for e in first)
            peak = max(e["peak_mb"] for e in first)
            verdict = "meets" if seconds < GOAL_S and peak < GOAL_MB else "misses"
            totals.append(f"**{seconds:.1f} s / {peak:,.0f} MB** ({verdict} 2 min / 8 GB)")
        else:
            totals.append("incomplete")
    row("pipeline: build + site + docs", totals)
    lines.append("")
    for r in results:
        if r.get("cold_timings"):
            lines.append(f"- {r['scale']}x cold build stages (s): {json.dumps(r['cold_timings'])}")
        if r.get("warm_validation"):
            lines.append(f"- {r['scale']}x warm build validated: {json.dumps(r['warm_validation'])[:300]}")
        if r.get("warm_timings"):
            lines.append(f"- {r['scale']}x warm build stages (s): {json.dumps(r['warm_timings'])}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100,375")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per command")
    parser.add_argument("--report-scales", default=None,
                        help="sizes in the report (default: --scales); others are read from their JSON files")
    parser.add_argument("--out", default=str(RESULTS / "pipeline.md"))
    args = parser.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    for scale in (int(s) for s in args.scales.split(",") if s):
        print(f"size {scale}x ...", flush=True)
        result = run_size(scale, args.timeout)
        (RESULTS / f"pipeline-{scale}x.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    results = []
    for scale in (int(s) for s in (args.report_scales or args.scales).split(",") if s):
        path = RESULTS / f"pipeline-{scale}x.json"
        if path.exists():
            results.append(json.loads(path.read_text(encoding="utf-8")))
    text = report(results)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
