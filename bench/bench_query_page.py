"""The query page (``query.html``) in headless Chromium: load and first-answer times, sizes.

Run manually (not part of pytest)::

    .venv/bin/python bench/bench_query_page.py [--site build/site] [--runs 10]

Opens the page from ``file://`` in a fresh offline browser context per run and reads the
``performance.now()`` marks the page records (``window.RdzlBrowser.times``, milliseconds since
navigation): the vendored script evaluated (base64 decoded), the WebAssembly inflated and
instantiated, the editor built, the graph loaded (``loaded``: the page is ready); then the time of
the first named question (``shared-partners``), of a COUNT over the whole graph and of every named
question in turn. Prints a Markdown table (median, min and max per figure) and the size of every
file the page loads. The goal (issue 15): ready in under 1 s, the page under ~8 MB.
"""

from __future__ import annotations

import argparse
import re
import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
MARKS = ("evaluated", "inflated", "instantiated", "editor", "loaded")
TIMED = """async () => {
  const t = {...window.RdzlBrowser.times};
  let t0 = performance.now(); await rdzlAsk('shared-partners'); t.first_question = performance.now() - t0;
  t0 = performance.now(); await rdzlQuery('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'); t.count_all = performance.now() - t0;
  const names = JSON.parse(document.getElementById('query-data').textContent).questions.map(q => q.name);
  t0 = performance.now(); for (const n of names) { await rdzlAsk(n); } t.every_question = performance.now() - t0;
  return t;
}"""


def measure(site: Path, runs: int) -> list[dict[str, float]]:
    """One dict of figures (ms) per run."""
    results = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            context = browser.new_context()
            context.set_offline(True)
            page = context.new_page()
            page.goto((site / "query.html").as_uri())
            page.evaluate("window.rdzlReady")
            results.append(page.evaluate(TIMED))
            context.close()
        browser.close()
    return results


def sizes(site: Path) -> dict[str, int]:
    """Bytes of the page and of every script and style sheet it loads."""
    html = (site / "query.html").read_text(encoding="utf-8")
    files = ["query.html", *re.findall(r'(?:src|href)="(assets/[^"]+\.(?:js|css))"', html)]
    return {name: (site / name).stat().st_size for name in dict.fromkeys(files)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("build/site"))
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    runs = measure(args.site.resolve(), args.runs)
    print(f"| figure (ms, {len(runs)} runs) | median | min | max |\n| --- | ---: | ---: | ---: |")
    for key in (*MARKS, "first_question", "count_all", "every_question"):
        values = [r[key] for r in runs if key in r]
        print(f"| {key} | {statistics.median(values):.0f} | {min(values):.0f} | {max(values):.0f} |")
    total = 0
    print("\n| file | bytes |\n| --- | ---: |")
    for name, size in sizes(args.site).items():
        total += size
        print(f"| {name} | {size:,} |")
    print(f"| total | {total:,} |")


if __name__ == "__main__":
    main()
