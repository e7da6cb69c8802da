"""Benchmark of the assisted ingest (run by hand, not part of the test suite).

    .venv/bin/python bench/bench_ingest.py [--report PATH] [--repeat 5]

Ingests the 4th-tranche report (``../shared/sources/…`` beside the checkout, or ``--report``)
as if it were new, twice: into an EMPTY graph (no projects, organisations or people known) and
against the curated ``data/``. Compares what it finds with ``data/`` — precision and recall per
kind (projects, statuses, amounts, partners, persons, attention points) — counts the changes it
proposes against the curated data (all of them are false: the report is the data's source), and
times the ingest. Writes ``bench/results/ingest.md`` and ``bench/results/ingest.json``.

Matching predictions to the curated facts: a heading is the curated project whose name fits it
best (the ingest's own matcher, ``sections.similarity`` >= ``MATCH_THRESHOLD``); a new
organisation or person name is a curated one when its normalised name equals a curated label or
alternative label. Attention points are compared by count per project (the curated ones are
summaries in our own words; the report's are sentences): TP = min(found, curated).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdzl_graph.ingest import KnownGraph, analyse, ingest, read_known, read_report, store_from_data  # noqa: E402
from rdzl_graph.ingest.sections import MATCH_THRESHOLD, normalise, similarity  # noqa: E402

REPORT = ROOT.parent / "shared" / "sources" / "regio-deal-zuid-limburg-voortgangsrapportage-4e-tranche.txt"
KINDS = ("projects", "statuses", "amounts", "partners", "persons", "attention points")


def _pr(tp: int, predicted: int, truth: int) -> dict:
    return {"tp": tp, "predicted": predicted, "truth": truth,
            "precision": round(tp / predicted, 3) if predicted else None,
            "recall": round(tp / truth, 3) if truth else None}


def _map_projects(results, truth: KnownGraph) -> dict[int, str]:
    pairs = []
    for index, result in enumerate(results):
        for iri, project in truth.projects.items():
            score = max(similarity(name, result.section.heading.text) for name in (project.names or [project.label]))
            if score >= MATCH_THRESHOLD:
                pairs.append((-score, index, iri))
    mapping, used = {}, set()
    for _, index, iri in sorted(pairs):
        if index not in mapping and iri not in used:
            mapping[index] = iri
            used.add(iri)
    return mapping


def _resolve(candidate, names: dict[str, list[str]]) -> str | None:
    if candidate.iri:
        return candidate.iri
    wanted = normalise(str(candidate.value))
    for iri, labels in sorted(names.items()):
        if any(normalise(label) == wanted for label in labels):
            return iri
    return None


def evaluate(results, truth: KnownGraph) -> dict:
    """Precision and recall per kind of the ingest's findings against the curated graph."""
    mapping = _map_projects(results, truth)
    scores = {"projects": _pr(len(mapping), len(results), len(truth.projects))}
    status_tp = amount_tp = amount_cert = status_cert = 0
    statuses = amounts = 0
    partner_pred, person_pred = set(), set()
    att_tp = att_pred = 0
    for index, result in enumerate(results):
        iri = mapping.get(index)
        project = truth.projects.get(iri) if iri else None
        status, amount = result.first("status"), result.first("amount")
        statuses += status is not None
        amounts += amount is not None
        if project is not None and status is not None and status.value == project.status:
            status_tp += 1
            status_cert += status.certainty == project.status_certainty
        if project is not None and amount is not None and amount.value == project.amount:
            amount_tp += 1
            amount_cert += amount.certainty == project.amount_certainty
        for org in result.of_kind("organisation"):
            partner_pred.add((iri or result.slug, _resolve(org, truth.organisations) or str(org.value)))
        for person in result.of_kind("person"):
            if person.note == "geciteerd":
                person_pred.add((iri or result.slug, _resolve(person, truth.persons) or str(person.value)))
        found = len(result.of_kind("attention"))
        att_pred += found
        att_tp += min(found, len(project.attention)) if project else 0
    partner_truth = {(p.iri, org) for p in truth.projects.values() for org in p.partners}
    person_truth = {(p.iri, person) for p in truth.projects.values() for person in p.persons}
    scores["statuses"] = _pr(status_tp, statuses, sum(p.status is not None for p in truth.projects.values()))
    scores["amounts"] = _pr(amount_tp, amounts, sum(p.amount is not None for p in truth.projects.values()))
    scores["partners"] = _pr(len(partner_pred & partner_truth), len(partner_pred), len(partner_truth))
    scores["persons"] = _pr(len(person_pred & person_truth), len(person_pred), len(person_truth))
    scores["certainty"] = {"statuses": status_cert, "amounts": amount_cert}
    scores["attention points"] = _pr(att_tp, att_pred, sum(len(p.attention) for p in truth.projects.values()))
    return scores


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    if not args.report.is_file():
        print(f"report not found: {args.report}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    truth = read_known(store_from_data(ROOT / "data"))
    load_seconds = time.perf_counter() - started
    report = read_report(args.report)
    out = {"report": args.report.name, "lines": len(report.lines), "pages": report.pages, "modes": {}}
    for mode, known in (("empty graph", KnownGraph.empty()), ("curated data", truth)):
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            results, missing, changes = analyse(report, known, "bench")
            times.append(time.perf_counter() - t0)
        spurious: dict[str, int] = {}
        if mode == "curated data":
            for change in changes:
                spurious[change["kind"]] = spurious.get(change["kind"], 0) + 1
        out["modes"][mode] = {"scores": evaluate(results, truth), "analyse_seconds": round(statistics.median(times), 4),
                              "changes": len(changes), "changes_by_kind": dict(sorted(spurious.items())),
                              "missing": len(missing)}
    totals = []
    for _ in range(max(1, args.repeat // 2)):
        t0 = time.perf_counter()
        ingest(args.report, "bench", out_dir=Path("/tmp") / "rdzl-bench-ingest", data_dir=ROOT / "data")
        totals.append(time.perf_counter() - t0)
    out["graph_load_seconds"] = round(load_seconds, 3)
    out["ingest_seconds"] = round(statistics.median(totals), 3)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "ingest.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "ingest.md").write_text(render(out), encoding="utf-8")
    print(render(out))
    return 0


def render(out: dict) -> str:
    """The Markdown table of ``bench/results/ingest.md``."""
    rows = ["# Assisted ingest on the 4th-tranche report", "",
            f"`bench/bench_ingest.py` on `{out['report']}` ({out['lines']} lines, {out['pages']} pages found), "
            "ingested as if it were new. Truth: the curated `data/`. Attention points compared by count per project.", "",
            "| kind | empty graph: precision | recall | (tp / predicted / truth) | curated data: precision | recall | (tp / predicted / truth) |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for kind in KINDS:
        cells = [kind]
        for mode in ("empty graph", "curated data"):
            s = out["modes"][mode]["scores"][kind]
            cells += [f"{s['precision']:.3f}" if s["precision"] is not None else "–",
                      f"{s['recall']:.3f}" if s["recall"] is not None else "–",
                      f"{s['tp']} / {s['predicted']} / {s['truth']}"]
        rows.append("| " + " | ".join(cells) + " |")
    curated = out["modes"]["curated data"]
    cert = curated["scores"]["certainty"]
    rows += ["", f"Certainty (zeker / paginavolgorde / onzeker) equal to data/'s, where the value is right: statuses "
             f"{cert['statuses']} of {curated['scores']['statuses']['tp']}, amounts {cert['amounts']} of {curated['scores']['amounts']['tp']}."]
    rows += ["", f"Changes proposed against the curated data (the report is the data's source, so every one is a false change): "
             f"**{curated['changes']}** — " + ", ".join(f"{k} {v}" for k, v in curated["changes_by_kind"].items()) + ".",
             "", "| time | seconds |", "| --- | --- |",
             f"| analyse (report in memory, graph known), empty graph | {out['modes']['empty graph']['analyse_seconds']} |",
             f"| analyse, curated data | {curated['analyse_seconds']} |",
             f"| reading the current graph (ontology + data, parse + SPARQL) | {out['graph_load_seconds']} |",
             f"| whole `ingest` (read report + graph, analyse, write DIR) | {out['ingest_seconds']} |", ""]
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
