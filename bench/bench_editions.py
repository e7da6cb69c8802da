"""Benchmark of editions (run by hand, not part of the test suite).

    .venv/bin/python bench/bench_editions.py [--sizes 1 100] [--repeat 3] [--work DIR]

* ingest: the whole ``rdzl-graph ingest`` of the 4th-tranche report (``../shared/sources/…``,
  skipped when absent) against the curated ``data/``;
* diff between two editions, for synthetic programmes (``rdzl-graph synth --projects 24*N``) given
  a second edition: ``edition.ttl`` of a next report, and the older edition's graph saying, for
  every 10th project, another status and amount (a funding node of its own) and, for every 20th,
  no attention points. Timed: loading the editions (the current data as the build loads it, plus
  the edition graphs), the older edition's view, and ``diff_editions`` (both views and the
  comparison); the median of ``--repeat`` runs.

Writes ``bench/results/editions.md`` (and prints it).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdzl_graph.editions import diff_editions, load_editions, view  # noqa: E402
from rdzl_graph.ingest import ingest  # noqa: E402

REAL = ROOT.parent / "shared" / "sources" / "regio-deal-zuid-limburg-voortgangsrapportage-4e-tranche.txt"
RESULTS = ROOT / "bench" / "results" / "editions.md"
OLD = "synthetische-rapportage"
NEXT = "synthetische-rapportage-2"


def median_time(run, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def second_edition(data: Path) -> int:
    """Give the synthetic data a next edition; return how many projects differ in the older one."""
    projects = sorted(p.stem for p in (data / "projects").glob("*.ttl"))
    (data / "editions" / NEXT).mkdir(parents=True)
    (data / "editions" / NEXT / "edition.ttl").write_text(
        "@prefix rdzl: <https://w3id.org/rdzl-graph/ont#> .\n@prefix report: <https://w3id.org/rdzl-graph/id/report/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f"report:{NEXT} a rdzl:Report ; rdfs:label \"Tweede synthetische rapportage\"@nl ; rdzl:previousEdition report:{OLD} .\n",
        encoding="utf-8")
    blocks = []
    for n, slug in enumerate(projects):
        if n % 10 == 0:
            blocks.append(f"project:{slug} rdzl:reportedStatus status:aandachtspunten ; rdzl:statusCertainty certainty:onzeker ;\n"
                          f"    rdzl:hasFunding funding:{slug}--oud .\n"
                          f"funding:{slug}--oud a rdzl:FundingAllocation ; rdfs:label \"Regio Deal middelen (oud)\"@nl ;\n"
                          f"    rdzl:amountEUR {1000 + n}.0 ; rdzl:assignmentCertainty certainty:zeker ; rdzl:sourceReport report:{OLD} .")
        if n % 20 == 0:
            blocks.append(f"project:{slug} rdzl:reportsNone rdzl:hasAttentionPoint .")
    prefixes = "".join(f"@prefix {p}: <https://w3id.org/rdzl-graph/{b}> .\n" for p, b in (
        ("rdzl", "ont#"), ("rdfs", ""), ("project", "id/project/"), ("funding", "id/funding/"), ("status", "id/status/"),
        ("certainty", "id/certainty/"), ("report", "id/report/")))
    prefixes = prefixes.replace("<https://w3id.org/rdzl-graph/>", "<http://www.w3.org/2000/01/rdf-schema#>")
    (data / "editions" / OLD).mkdir(parents=True)
    (data / "editions" / OLD / "changes.trig").write_text(prefixes + f"\nGRAPH report:{OLD} {{\n" + "\n".join(blocks) + "\n}\n",
                                                          encoding="utf-8")
    return len(projects[::10])


def bench_diff(size: int, work: Path, repeat: int) -> dict:
    data = work / f"synth-{size}x"
    subprocess.run([sys.executable, "-m", "rdzl_graph", "synth", "--projects", str(24 * size), "-o", str(data)],
                   check=True, capture_output=True, cwd=ROOT)
    changed = second_edition(data)
    load, editions = median_time(lambda: load_editions(data), repeat)
    older, triples = median_time(lambda: view(editions, OLD), repeat)
    compare, result = median_time(lambda: diff_editions(editions, OLD, NEXT), repeat)
    return {"size": size, "projects": 24 * size, "triples": len(editions.current), "changed": changed,
            "changes": len(result["changes"]), "load": load, "view": older, "diff": compare,
            "view_triples": len(triples)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="rdzl-bench-editions-"))
    lines = ["# Editions: ingest and diff times", "",
             f"`bench/bench_editions.py --sizes {' '.join(map(str, args.sizes))} --repeat {args.repeat}`, median of the runs, "
             "on the shared 2-core machine (other jobs running).", ""]
    if REAL.is_file():
        seconds, result = median_time(lambda: ingest(REAL, "bench-4e", out_dir=work / "ingest"), args.repeat)
        lines += [f"Ingest of the real 4th-tranche report against `data/` (read report and graph, analyse, write DIR): "
                  f"**{seconds:.2f} s** ({len(result.report.lines)} lines, {len(result.changes)} proposed changes).", ""]
    else:
        lines += ["Ingest of the real report: skipped (the report is not beside the checkout).", ""]
    lines += ["| size | projects | current triples (ontology + data) | top-level projects differing | changes found | load editions s | older view s | diff s |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for size in args.sizes:
        row = bench_diff(size, work, args.repeat)
        lines.append(f"| {row['size']}x | {row['projects']} | {row['triples']:,} | {row['changed']} | {row['changes']} | "
                     f"{row['load']:.2f} | {row['view']:.3f} | {row['diff']:.2f} |")
    lines += ["", "`diff` computes both editions' views (sets of triples, data/README.md \"Editions\") and reads them "
              "with `editions/state-*.rq` in two fresh stores; loading is the build's loader (Oxigraph) plus the edition graphs."]
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
