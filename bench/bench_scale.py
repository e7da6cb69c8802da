"""Scale benchmark: every pipeline stage at 1x, 10x, 100x, 375x (about 1M asserted triples) and 1000x the real data.

Run manually (not part of pytest; takes up to ~30 minutes on 2 cores)::

    .venv/bin/python bench/bench_scale.py [--scales 1,10,100,1000] [--timeout 900]

1x is the real ``data/``; k x is a synthetic programme (``rdzl_graph.synth``, seed 1) of
``31 * k`` projects, about k times the real data's asserted triples. Each size runs in its own
subprocess (so peak memory, ``ru_maxrss``, is per size), writing its results stage by stage; a
size that exceeds ``--timeout`` keeps the stages it finished. Stages that would clearly take too
long (owlrl and rdflib SPARQL above ``--slow-limit``, rdflib parsing and pySHACL above
``--rdflib-limit`` asserted triples) are skipped and marked so. Writes ``bench/results/scale.md``: wall time and peak RSS per stage and size, the
fitted growth exponent (log-log slope), and the ratios fast/owlrl reasoning and
Oxigraph/rdflib SPARQL measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

RESULTS = REPO / "bench" / "results"
PROJECTS_PER_X = 31
SAMPLE_PARAMS = {  # sample values for required parameters, by IRI kind (synthetic data)
    "project": ["p1", "p2"], "orgs": ["organisatie-1"], "risk": ["capaciteit"], "status": ["op-schema"],
    "gm": ["gemeente-1"], "theme": ["circulaire-economie"], "role": ["partner"], "line": ["lijn-1"],
    "text": ["project 17"],  # plain text parameters, by name (``search``: about 111 rows at 100x and 375x)
}
RDFLIB_BUDGET_S = 5.0
OX_BUDGET_S = 60.0
OTHER_OWNERS = ("stats-", "site-", "network-", "endpoint-", "ontology-")


# --- worker: one size, in its own process ------------------------------------------------------

class Recorder:
    """Write each finished stage (seconds, peak RSS so far) to a JSON file at once."""

    def __init__(self, path: Path, info: dict):
        self.path, self.data = path, {"info": info, "stages": {}, "queries": {}}
        self.flush()

    def flush(self) -> None:
        self.path.write_text(json.dumps(self.data, indent=1), encoding="utf-8")

    def stage(self, name: str, func, *args, **kwargs):
        start = time.perf_counter()
        value = func(*args, **kwargs)
        seconds = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.data["stages"][name] = {"s": seconds, "peak_mb": peak_mb}
        self.flush()
        return value

    def skip(self, name: str, why: str) -> None:
        self.data["stages"][name] = {"skipped": why}
        self.flush()


def median_s(func, repeat: int) -> float:
    func()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class QueryTimeout(Exception):
    """A query took longer than its budget."""


def _alarm(_signum, _frame):
    raise QueryTimeout


def capped_s(func, budget: float) -> float | None:
    """Wall time of one run of *func*, or None when it exceeds *budget* seconds (SIGALRM)."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, budget)
    start = time.perf_counter()
    try:
        func()
        return time.perf_counter() - start
    except QueryTimeout:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def forked_median_s(func, repeat: int, budget: float) -> float | None:
    """Median time of *func* measured in a forked child, or None when it runs over *budget* seconds.

    The child shares the loaded store copy-on-write; a query that does not finish is killed,
    so one pathological query cannot stall the whole size.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        try:
            os.write(write_end, repr(median_s(func, repeat)).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    ready, _, _ = select.select([read_end], [], [], budget)
    if not ready:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    text = os.read(read_end, 64).decode() if ready else ""
    os.close(read_end)
    return float(text) if text else None


def sample_params(info, real: bool) -> dict[str, str] | None:
    from tests.test_queries import GOLDEN_PARAMS

    if real:
        return GOLDEN_PARAMS.get(info.name, {p.name: p.default for p in info.params if p.default})
    params, used = {}, {}
    for param in info.params:
        if not param.required:
            continue
        values = SAMPLE_PARAMS.get(param.kind or param.name)
        if not values:
            return None
        key = param.kind or param.name
        index = used.get(key, 0)
        used[key] = index + 1
        params[param.name] = values[min(index, len(values) - 1)]
    return params



def files_to_store(paths: list[Path]) -> "ox.Store":
    """Parse Turtle files straight into a new scratch store as the reasoner's asserted graph
    (the fastest way in: Oxigraph's bulk loader, no per-file graphs)."""
    import pyoxigraph as ox

    from rdzl_graph.core.sources import ASSERTED

    store = ox.Store()
    for path in paths:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ASSERTED)
    return store


def worker(data_dir: Path, out: Path, slow_limit: int, rdflib_limit: int, network_limit: int, real: bool) -> None:
    import pyoxigraph as ox
    from rdflib import Dataset

    from rdzl_graph.reasoning import fast as fastreason
    from rdzl_graph.core.loading import data_files, ontology_files
    from tests.reference_loading import load
    from rdzl_graph.core.query_files import list_queries
    from rdzl_graph.query.named import prepare, run_query
    from rdzl_graph.reasoning.owlrl_reference import reason as owlrl_reason
    from rdzl_graph.core.resources import ontology_dir
    from rdzl_graph.query.store import load_store
    from rdzl_graph.core.loading import load_sources
    from rdzl_graph.validation.validate import validate, validate_sources

    paths = ontology_files(ontology_dir()) + data_files(data_dir)
    rec = Recorder(out, {"data_dir": str(data_dir), "files": len(paths)})

    store = rec.stage("parse (Oxigraph bulk load)", files_to_store, paths)
    asserted = len(store)
    rec.data["info"]["asserted"] = asserted
    sources = rec.stage("load sources (Oxigraph per file, as in build)", load_sources, data_dir)
    rec.stage("validate (pyshacl-turbo on the store, all, as in build)", validate_sources, sources)
    del sources
    slow = asserted <= slow_limit
    if asserted <= rdflib_limit:
        loaded = rec.stage("parse (rdflib, reference loader)", load, data_dir)
        rec.stage("validate (pySHACL, all files; reference)", validate, loaded)
        if slow:
            rec.stage("reason owlrl (reference)", owlrl_reason, loaded.ontology, loaded.data)
        else:
            rec.skip("reason owlrl (reference)", f"> {slow_limit:,} triples")
        rec.stage("reason fast (rdflib in/out)", fastreason.reason, loaded.ontology, loaded.data)
        del loaded
    else:
        for name in ("parse (rdflib, reference loader)", "validate (pySHACL, all files; reference)", "reason owlrl (reference)",
                     "reason fast (rdflib in/out)"):
            rec.skip(name, f"> {rdflib_limit:,} triples")
    stats = rec.stage("reason fast (in store)", fastreason.materialise, store)
    rec.data["info"]["inferred"] = stats.inferred
    rec.data["info"]["rounds"] = stats.rounds
    trig = store.dump(format=ox.RdfFormat.TRIG)
    del store
    store = rec.stage("load store (TriG, all graphs)", load_store, trig)
    rec.data["info"]["total"] = len(store)
    dataset = None
    if slow:
        dataset = Dataset(default_union=True)
        dataset.parse(data=trig.decode("utf-8"), format="trig")
    del trig

    repeat = 5 if asserted < 100_000 else 3 if asserted < 1_000_000 else 1
    start = time.perf_counter()
    for info in list_queries():
        if info.name.startswith(OTHER_OWNERS):
            continue
        params = sample_params(info, real)
        if params is None:
            rec.data["queries"][info.name] = {"skipped": "no sample parameter"}
            continue
        prepared = prepare(info.name, params)
        entry = {"ox_s": forked_median_s(lambda: run_query(store, prepared.info, params), repeat, OX_BUDGET_S)}
        if dataset is not None:
            text = prepared.remote_text()
            entry["rdflib_s"] = capped_s(lambda: list(dataset.query(text)), RDFLIB_BUDGET_S)
        rec.data["queries"][info.name] = entry
        rec.flush()
    rec.data["stages"]["library queries (all, median each)"] = {
        "s": time.perf_counter() - start, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    dataset = None  # free memory before the network stages
    rec.flush()

    if asserted > network_limit:
        for name in ("network: overlap + communities", "network: full graph", "site generation"):
            rec.skip(name, f"> {network_limit:,} triples")
        return
    try:
        from rdzl_graph.network import analyse, full_network
        from rdzl_graph.site import build_site
    except ImportError as exc:  # not landed yet
        rec.skip("network: overlap + communities", f"not importable: {exc}")
        return
    analysis = rec.stage("network: overlap + communities", analyse, store, seed=0)
    graph = rec.stage("network: full graph", full_network, store)
    with tempfile.TemporaryDirectory() as tmp:
        rec.stage("site generation", build_site, store, Path(tmp) / "site", graph=graph, analysis=analysis)


# --- parent: sizes, timing of the CLI build, report --------------------------------------------

def cli_build_seconds(reasoner: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "rdzl_graph", "build", "--out", tmp, "--reasoner", reasoner],
                       check=True, capture_output=True, cwd=REPO)
        return time.perf_counter() - start


def run_size(scale: int, workdir: Path, timeout: float, limits: list[str]) -> dict:
    from rdzl_graph.core.resources import data_dir
    from rdzl_graph.synth import synth

    gen_s = 0.0
    if scale == 1:
        target = data_dir()
    else:
        target = workdir / f"synth-{scale}x"
        start = time.perf_counter()
        synth(target, PROJECTS_PER_X * scale, seed=1)
        gen_s = time.perf_counter() - start
    out = RESULTS / f"scale-{scale}x.json"
    cmd = [sys.executable, __file__, "--worker", str(target), "--json", str(out), *limits]
    if scale == 1:
        cmd.append("--real")
    status = "ok"
    try:
        proc = subprocess.run(cmd, timeout=timeout, capture_output=True, text=True, cwd=REPO)
        if proc.returncode < 0:
            status = f"killed by signal {-proc.returncode} (out of memory?)"
        elif proc.returncode != 0:
            lines = proc.stderr.strip().splitlines() or ["(no message)"]
            status = "failed: " + lines[-1][:200]
    except subprocess.TimeoutExpired:
        status = f"timeout after {timeout:.0f} s"
    result = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {"info": {}, "stages": {}, "queries": {}}
    result["info"].update(scale=scale, status=status, synth_s=gen_s)
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


def slope(points: list[tuple[float, float]]) -> float | None:
    points = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 1e-3]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else None


def fmt_s(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def report(results: list[dict], build_s: dict[str, float]) -> str:
    sizes = [r for r in results if r["info"].get("asserted")]
    lines = ["# Scale benchmark", "",
             f"Machine: 2 cores (shared with other work while measured). Generated by `bench/bench_scale.py` "
             f"on {time.strftime('%Y-%m-%d %H:%M')}. 1x = the real data; kx = synthetic programme of "
             f"{PROJECTS_PER_X}·k projects (seed 1). Times are wall clock; memory is the peak RSS of the "
             "size's process so far (monotonic: a stage's figure includes everything before it).", ""]
    head = "| stage | " + " | ".join(f"{r['info']['scale']}x" for r in sizes) + " | growth exponent |"
    lines += ["| size | " + " | ".join(f"{r['info']['scale']}x" for r in sizes) + " |",
              "| --- | " + " | ".join("---:" for _ in sizes) + " |"]
    for key, label in (("asserted", "asserted triples"), ("inferred", "inferred triples"),
                       ("total", "triples in store"), ("files", "files"), ("rounds", "rule rounds")):
        lines.append(f"| {label} | " + " | ".join(f"{r['info'].get(key, '–'):,}" if isinstance(r['info'].get(key), int)
                                                   else "–" for r in sizes) + " |")
    lines.append("| status | " + " | ".join(r["info"]["status"] for r in sizes) + " |")
    lines += ["", head, "| --- | " + " | ".join("---:" for _ in sizes) + " | ---: |"]
    stage_names: list[str] = []
    for r in sizes:
        stage_names += [s for s in r["stages"] if s not in stage_names]
    for name in stage_names:
        cells, points = [], []
        for r in sizes:
            entry = r["stages"].get(name)
            if entry is None:
                cells.append("–")
            elif "skipped" in entry:
                cells.append(f"skipped ({entry['skipped']})")
            else:
                cells.append(f"{fmt_s(entry['s'])} / {entry['peak_mb']:,.0f} MB")
                points.append((r["info"]["asserted"], entry["s"]))
        exponent = slope(points)
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {exponent:.2f} |" if exponent is not None
                     else f"| {name} | " + " | ".join(cells) + " | – |")
    lines += ["", "## Ratios measured in the same run", "",
              "| size | owlrl / fast (rdflib in/out) | owlrl / fast (in store) | rdflib SPARQL / Oxigraph (median over queries; "
              f"a query over the {RDFLIB_BUDGET_S:.0f} s rdflib budget counts as {RDFLIB_BUDGET_S:.0f} s) |",
              "| --- | ---: | ---: | ---: |"]
    for r in sizes:
        st = r["stages"]
        owl = st.get("reason owlrl (reference)", {}).get("s")
        fast_rdf = st.get("reason fast (rdflib in/out)", {}).get("s")
        fast = st.get("reason fast (in store)", {}).get("s")
        ratios = [(q["rdflib_s"] or RDFLIB_BUDGET_S) / q["ox_s"] for q in r["queries"].values()
                  if "rdflib_s" in q and q.get("ox_s")]
        lines.append(f"| {r['info']['scale']}x | " + " | ".join([
            f"{owl / fast_rdf:.0f}x" if owl and fast_rdf else "–",
            f"{owl / fast:.0f}x" if owl and fast else "–",
            f"{statistics.median(ratios):.0f}x (min {min(ratios):.0f}x)" if ratios else "–"]) + " |")
    lines += ["", "## Library queries (median wall time on the embedded Oxigraph store)", "",
              "| query | " + " | ".join(f"{r['info']['scale']}x" for r in sizes) + " | growth exponent | rdflib at 1x |",
              "| --- | " + " | ".join("---:" for _ in sizes) + " | ---: | ---: |"]
    names = sorted({n for r in sizes for n in r["queries"]})
    for name in names:
        cells, points = [], []
        for r in sizes:
            q = r["queries"].get(name)
            if q is not None and "ox_s" in q and q["ox_s"] is None:
                cells.append(f"> {OX_BUDGET_S:.0f} s")
            elif q is None or "ox_s" not in q:
                cells.append("–" if q is None else q.get("skipped", "–"))
            else:
                cells.append(fmt_s(q["ox_s"]))
                points.append((r["info"]["asserted"], q["ox_s"]))
        exponent = slope(points)
        first = sizes[0]["queries"].get(name, {}) if sizes else {}
        rdflib = ("–" if "rdflib_s" not in first else f"> {RDFLIB_BUDGET_S:.0f} s" if first["rdflib_s"] is None
                  else fmt_s(first["rdflib_s"]))
        lines.append(f"| {name} | " + " | ".join(cells) + (f" | {exponent:.2f}" if exponent is not None else " | –")
                     + f" | {rdflib} |")
    lines += ["", "## CLI build of the real data (`rdzl-graph build`, new process, after install)", ""]
    for reasoner, seconds in build_s.items():
        lines.append(f"- `--reasoner {reasoner}`: {seconds:.2f} s")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100,375,1000")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per size")
    parser.add_argument("--slow-limit", type=int, default=40_000,
                        help="run owlrl and rdflib SPARQL only up to this many asserted triples")
    parser.add_argument("--rdflib-limit", type=int, default=400_000,
                        help="run rdflib parsing and pySHACL only up to this many asserted triples")
    parser.add_argument("--network-limit", type=int, default=1_200_000,
                        help="run network analysis and site generation only up to this many asserted triples "
                             "(about 375x; at 1000x the site writes some 60,000 pages)")
    parser.add_argument("--report-scales", default="1,10,100,375,1000",
                        help="sizes to put in the report; sizes not run now are read from bench/results/scale-<k>x.json")
    parser.add_argument("--out", default=str(RESULTS / "scale.md"))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--json", help=argparse.SUPPRESS)
    parser.add_argument("--real", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(Path(args.worker), Path(args.json), args.slow_limit, args.rdflib_limit, args.network_limit, args.real)
        return 0
    build_s = {r: cli_build_seconds(r) for r in ("owlrl", "fast")}
    limits = ["--slow-limit", str(args.slow_limit), "--rdflib-limit", str(args.rdflib_limit),
              "--network-limit", str(args.network_limit)]
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rdzl-scale-") as tmp:
        for scale in (int(s) for s in args.scales.split(",") if s):
            print(f"size {scale}x ...", flush=True)
            info = run_size(scale, Path(tmp), args.timeout, limits)["info"]
            print(f"  {info}", flush=True)
    results = []
    for scale in (int(s) for s in args.report_scales.split(",")):
        path = RESULTS / f"scale-{scale}x.json"
        if path.exists():
            results.append(json.loads(path.read_text(encoding="utf-8")))
    text = report(results, build_s)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
