"""Shared helpers of the circle sheet, decision and site tests (no tests here).

``sample_report()`` is a small hand-written report in the JSON shape of
``rdzl-graph circles --format json`` (issue 12), with real project IRIs of the
bundled data, for tests of the spreadsheets and pages that must not depend
on which circles the engine happens to choose.
"""

from __future__ import annotations

import copy
from typing import Any

ID = "https://w3id.org/rdzl-graph/id/"
TIM = ID + "project/tim-textiel-innovatie-maastricht"
GOEDE_MORGEN = ID + "project/goede-morgen"
CHEMELOT = ID + "project/circular-chemelot"
MAKERSPACE = ID + "project/makerspace-vitaliteitsincubator"
BROENEN = ID + "project/gebiedsvisie-zuidoost-beek-landgoed-broenen"
GEULDAL = ID + "project/van-geuldal-tot-geleenbeek-tot-roodenbach"
LINE_CIRC = ID + "line/circulaire-economie-en-samenleving"
LINE_COMM = ID + "line/sterke-en-gezonde-gemeenschappen"
LINE_LAND = ID + "line/versterken-uniek-landschap"

_REPORT: dict[str, Any] = {
    "circles": [
        {
            "id": "task-circulaire-werkplaats", "iri": ID + "circle/task-circulaire-werkplaats",
            "label": "Een circulaire werkplaats opzetten", "label_en": "Setting up a circular workshop",
            "basis": {"kind": "task", "label": "circulaire werkplaats", "iri": ID + "task/circulaire-werkplaats"},
            "projects": [
                {"iri": TIM, "label": "TIM: circulaire werkplaats Textiel Innovatie Maastricht",
                 "programme_line": LINE_CIRC, "programme_line_label": "Circulaire economie en samenleving",
                 "brings": [{"iri": ID + "milestone/tim-werkplaats", "label": "Werkplaats ingericht"}],
                 "struggles": []},
                {"iri": GOEDE_MORGEN, "label": "Goede Morgen: de circulaire werkplaats in Geleen",
                 "programme_line": LINE_CIRC, "programme_line_label": "Circulaire economie en samenleving",
                 "brings": [], "struggles": [{"iri": ID + "attention-point/gm-ruimte", "label": "Ruimte vinden"}]},
                {"iri": MAKERSPACE, "label": "Makerspace & vitaliteitsincubator in Maastricht",
                 "programme_line": LINE_COMM, "programme_line_label": "Sterke en gezonde gemeenschappen",
                 "brings": [], "struggles": []},
            ],
            "learn_from": [{"from": TIM, "to": GOEDE_MORGEN, "about": "circulaire werkplaats",
                            "about_iri": ID + "task/circulaire-werkplaats",
                            "milestone": {"iri": ID + "milestone/tim-werkplaats", "label": "Werkplaats ingericht"},
                            "attention_point": {"iri": ID + "attention-point/gm-ruimte", "label": "Ruimte vinden"}}],
            "linking": [{"iri": ID + "org/gemeente-maastricht", "label": "Gemeente Maastricht", "kind": "organisation",
                         "members": [TIM, MAKERSPACE]}],
            "host": {"iri": TIM, "label": "TIM: circulaire werkplaats Textiel Innovatie Maastricht",
                     "reason": "heeft de werkplaats al ingericht"},
            "starters": ["Hoe heeft TIM de werkplaats ingericht?", "Welke ruimte zoekt Goede Morgen?"],
            "contacts": [{"project": TIM, "organisation": "Stichting TIM", "person": "Lynn Biesmans",
                          "function": "Projectleider"}],
            "lines": [LINE_CIRC, LINE_COMM], "decision": "voorstel",
        },
        {
            "id": "problem-capaciteit", "iri": ID + "circle/problem-capaciteit",
            "label": "Te weinig mensen (capaciteit)", "label_en": "Too few people (capacity)",
            "basis": {"kind": "problem", "label": "capaciteit", "iri": ID + "risk/capaciteit"},
            "projects": [
                {"iri": MAKERSPACE, "label": "Makerspace & vitaliteitsincubator in Maastricht",
                 "programme_line": LINE_COMM, "programme_line_label": "Sterke en gezonde gemeenschappen",
                 "brings": [], "struggles": [{"iri": ID + "attention-point/ms-capaciteit", "label": "Te weinig handen"}]},
                {"iri": BROENEN, "label": "Ontwikkeling gebiedsvisie Zuidoost Beek rondom Landgoed Broenen",
                 "programme_line": LINE_LAND, "programme_line_label": "Versterken uniek landschap",
                 "brings": [], "struggles": [{"iri": ID + "attention-point/lb-capaciteit", "label": "Capaciteit"}]},
                {"iri": GEULDAL, "label": "Van Geuldal tot Geleenbeek tot Roodenbach",
                 "programme_line": LINE_LAND, "programme_line_label": "Versterken uniek landschap",
                 "brings": [], "struggles": [{"iri": ID + "attention-point/vg-capaciteit", "label": "Capaciteit"}]},
            ],
            "learn_from": [], "linking": [],
            "host": {"iri": GEULDAL, "label": "Van Geuldal tot Geleenbeek tot Roodenbach", "reason": "de meeste partners"},
            "starters": ["Hoe vinden jullie mensen?"],
            "contacts": [],
            "lines": [LINE_COMM, LINE_LAND], "decision": "voorstel",
        },
    ],
    "uncovered": [],
    "algorithm": {"name": "hand-written sample"},
}


def sample_report() -> dict[str, Any]:
    """A fresh deep copy of the hand-written two-circle report."""
    return copy.deepcopy(_REPORT)


#: Run in a separate process by the print tests (so that it never meets another test module's
#: Playwright in the same thread): opens each page given as argument from file:// in headless
#: Chromium, prints it to PDF (A4) and reports as JSON what the tests check.
BROWSER_SCRIPT = r'''
import json, re, sys
from pathlib import Path
from playwright.sync_api import sync_playwright

chromium, args, pages = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3:]
out, requests, errors = {}, [], []
with sync_playwright() as pw:
    browser = pw.chromium.launch(executable_path=chromium, args=args)
    page = browser.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in pages:
        page.emulate_media(media="screen")
        page.goto(Path(path).as_uri())
        info = {"screen_nav_visible": page.locator("header.top").is_visible()}
        page.emulate_media(media="print")
        info.update(
            nav_hidden=page.locator("header.top").is_hidden(), foot_hidden=page.locator("footer.foot").is_hidden(),
            hint_hidden=page.locator(".print-hint").count() == 0 or page.locator(".print-hint").is_hidden(),
            h1=page.locator("h1").first.inner_text(),
            member_breaks=page.eval_on_selector_all(".member", "els => els.map(e => getComputedStyle(e).breakInside)"),
            pdf=page.pdf(format="A4").hex())
        out[path] = info
    browser.close()
print(json.dumps({"pages": out, "requests": requests, "errors": errors}))
'''
