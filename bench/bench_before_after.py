"""Before/after benchmark: two checkouts of rdzl-graph timed on the main job, interleaved.

Run manually (not part of pytest), with a second worktree at the commit to compare with and its
own venv (``git worktree add /work/wt-before 38466f1``, then ``python3 -m venv .venv`` and
``.venv/bin/pip install -e '.[test]'`` in it)::

    .venv/bin/python bench/bench_before_after.py --before /work/wt-before [--scales 1,10,100] [--reps 3]

Each checkout runs its own code on its own data: 1x is its ``data/``; kx is its own
``rdzl_graph.synth`` with ``31 * k`` projects, seed 1 (as ``bench/bench_pipeline.py``). With
``--same-data`` both run on the after's data (its ``data/``, its synth): the same triples, so a
difference is the code's, not the data's (the after's data has more facts per project). Per size and
repetition, both checkouts run, one after the other, in alternating order (before, after; then
after, before; ...) so that the load of a shared machine falls on both alike:

1. ``rdzl-graph build`` into an empty directory (cold: everything is validated);
2. ``rdzl-graph site``;
3. ``rdzl-graph build --validate all`` again into the same directory (a full validation with a
   previous build present).

Each command is a new process (``bench_pipeline.timed``: wall clock and peak RSS); the build's own
stage timings come from its ``build-info.json``. The load average is noted before each command.
Writes ``bench/results/before-after.json`` (every run) and prints a table of medians.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_pipeline import PROJECTS_PER_X, REPO, RESULTS, timed

STEPS = ("build (cold)", "site", "build --validate all")


def make_data(checkout: Path, scale: int, target: Path, timeout: float) -> None:
    """The data of *scale* for *checkout*, made by its own code."""
    if scale == 1:
        shutil.copytree(checkout / "data", target)
        return
    code = f"from rdzl_graph.synth import synth; synth({str(target)!r}, {PROJECTS_PER_X * scale}, seed=1)"
    entry = timed([str(checkout / ".venv" / "bin" / "python"), "-c", code], timeout, cwd=checkout)
    if entry["rc"] != 0:
        raise RuntimeError(f"{checkout}: synth {scale}x failed: {entry.get('error')}")


def run_once(checkout: Path, data: Path, work: Path, timeout: float) -> dict:
    """The three steps of one repetition for one checkout; stage timings from build-info.json."""
    python = str(checkout / ".venv" / "bin" / "python")
    out = work / "build"
    shutil.rmtree(out, ignore_errors=True)
    commands = {
        "build (cold)": [python, "-m", "rdzl_graph", "build", "--data", str(data), "--out", str(out)],
        "site": [python, "-m", "rdzl_graph", "site", "--build", str(out), "--out", str(out / "site")],
        "build --validate all": [python, "-m", "rdzl_graph", "build", "--data", str(data), "--out", str(out),
                                 "--validate", "all"],
    }
    result: dict = {}
    for name, cmd in commands.items():
        load = os.getloadavg()[0]
        entry = timed(cmd, timeout, cwd=checkout)
        entry["load"] = load
        info_path = out / "graph" / "build-info.json"
        if name.startswith("build") and entry["rc"] == 0 and info_path.is_file():
            info = json.loads(info_path.read_text(encoding="utf-8"))
            entry["stages"] = info.get("timings_seconds")
            entry["validation"] = {k: info.get("validation", {}).get(k) for k in ("scope", "engine", "timings")}
            entry["triples"] = info.get("triples")
        result[name] = entry
        if entry["rc"] != 0:
            break
    return result


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def table(runs: list[dict], scales: list[int]) -> str:
    """Markdown: per size and command, the median wall time (and validate stage) before and after."""
    lines = ["| size | command | before: median s (runs) | after: median s (runs) | after / before |",
             "| --- | --- | ---: | ---: | ---: |"]
    for scale in scales:
        for step in STEPS:
            cells = {}
            for version in ("before", "after"):
                entries = [r["steps"].get(step, {}) for r in runs if r["scale"] == scale and r["version"] == version]
                seconds = [e.get("s") for e in entries]
                cells[version] = (median(seconds), seconds)
            b, a = cells["before"][0], cells["after"][0]
            ratio = f"{a / b:.2f}" if a and b else "–"
            def cell(v):
                med, all_ = cells[v]
                return "–" if med is None else f"{med:.2f} ({', '.join(f'{s:.1f}' for s in all_ if s is not None)})"
            lines.append(f"| {scale}x | {step} | {cell('before')} | {cell('after')} | {ratio} |")
        for step in ("build (cold)", "build --validate all"):
            stages = {}
            for version in ("before", "after"):
                entries = [r["steps"].get(step, {}) for r in runs if r["scale"] == scale and r["version"] == version]
                stages[version] = median([(e.get("stages") or {}).get("validate") for e in entries])
            if stages["before"] is not None and stages["after"] is not None:
                lines.append(f"| {scale}x | {step}: its validate stage | {stages['before']:.2f} | {stages['after']:.2f} | "
                             f"{stages['after'] / stages['before']:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="checkout to compare with (its own .venv)")
    parser.add_argument("--after", default=str(REPO), help="checkout measured (default: this one)")
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per command")
    parser.add_argument("--out", default=str(RESULTS / "before-after.json"))
    parser.add_argument("--same-data", action="store_true",
                        help="both checkouts build the after's data (its data/ and its synth); the before's code "
                             "reads it (its loader and shapes accept the after's data) and does the same work")
    args = parser.parse_args(argv)
    checkouts = {"before": Path(args.before).resolve(), "after": Path(args.after).resolve()}
    scales = [int(s) for s in args.scales.split(",") if s]
    runs: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="rdzl-before-after-") as tmp:
        work = Path(tmp)
        for version, checkout in checkouts.items():
            for scale in scales:
                maker = checkouts["after"] if args.same_data else checkout
                make_data(maker, scale, work / version / f"data-{scale}x", args.timeout)
        for rep in range(args.reps):
            for scale in scales:
                order = ("before", "after") if rep % 2 == 0 else ("after", "before")
                for version in order:
                    steps = run_once(checkouts[version], work / version / f"data-{scale}x", work / version, args.timeout)
                    runs.append({"version": version, "scale": scale, "rep": rep, "steps": steps,
                                 "at": time.strftime("%H:%M:%S")})
                    print(f"rep {rep} {scale}x {version}: " + ", ".join(
                        f"{k} {v.get('s') or 0:.1f} s (load {v['load']:.1f})" for k, v in steps.items()), flush=True)
                    record = {"checkouts": {k: str(v) for k, v in checkouts.items()}, "same_data": args.same_data}
                    Path(args.out).write_text(json.dumps({**record,
                                                          "runs": runs}, indent=1), encoding="utf-8")
    print(table(runs, scales))
    return 0


if __name__ == "__main__":
    sys.exit(main())
