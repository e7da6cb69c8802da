"""Shared helpers of the site tests (no tests here): a hostile fixture graph, Chromium flags, a watched page."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

HOSTILE_ORG = "<img src=x onerror=alert(1)>"
HOSTILE_PROJECT = "<script>alert(1)</script>"

#: A small graph whose labels try to inject HTML and script.
HOSTILE_TRIG = f"""
@prefix rdzl: <https://w3id.org/rdzl-graph/ont#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/rdzl-graph/id/> .
<https://w3id.org/rdzl-graph/graph/data> {{
  <https://w3id.org/rdzl-graph/id/line/x> a rdzl:ProgrammeLine ; skos:notation "1" ;
      skos:prefLabel "Lijn </script><b>vet</b>"@nl .
  <https://w3id.org/rdzl-graph/id/project/evil> a rdzl:Project ;
      rdfs:label {HOSTILE_PROJECT!r}@nl ;
      dcterms:description "Omschrijving met <iframe src=x></iframe> erin"@nl ;
      rdzl:programmeLine <https://w3id.org/rdzl-graph/id/line/x> ;
      rdzl:theme <https://w3id.org/rdzl-graph/id/theme/t> ;
      rdzl:inMunicipality <https://w3id.org/rdzl-graph/id/municipality/m> ;
      rdzl:hasParticipation <https://w3id.org/rdzl-graph/id/participation/evil--org> ;
      rdzl:hasFunding <https://w3id.org/rdzl-graph/id/funding/evil> .
  <https://w3id.org/rdzl-graph/id/project/other> a rdzl:Project ;
      rdfs:label "Gewoon project"@nl ;
      dcterms:description "Omschrijving"@nl ;
      rdzl:programmeLine <https://w3id.org/rdzl-graph/id/line/x> ;
      rdzl:theme <https://w3id.org/rdzl-graph/id/theme/t> ;
      rdzl:inMunicipality <https://w3id.org/rdzl-graph/id/municipality/m> ;
      rdzl:hasParticipation <https://w3id.org/rdzl-graph/id/participation/other--org> .
  <https://w3id.org/rdzl-graph/id/participation/evil--org> rdzl:organisation <https://w3id.org/rdzl-graph/id/org/evil> .
  <https://w3id.org/rdzl-graph/id/participation/other--org> rdzl:organisation <https://w3id.org/rdzl-graph/id/org/evil> .
  <https://w3id.org/rdzl-graph/id/org/evil> a rdzl:Organisation ; rdfs:label {HOSTILE_ORG!r}@nl .
  <https://w3id.org/rdzl-graph/id/funding/evil> rdzl:amountEUR "1000"^^xsd:decimal ;
      rdzl:assignmentNote "<svg onload=alert(1)>"@nl ;
      rdzl:assignmentCertainty <https://w3id.org/rdzl-graph/id/certainty/onzeker> .
  <https://w3id.org/rdzl-graph/id/theme/t> a skos:Concept ; skos:prefLabel "Thema \\" ' & <u>"@nl .
  <https://w3id.org/rdzl-graph/id/municipality/m> a rdzl:Municipality ; rdfs:label "Gemeente <i>M</i>"@nl .
}}
"""


def wait_until(page, expression: str, timeout_ms: int = 30_000) -> None:
    """Wait until the JavaScript *expression* is true on *page*.

    Polls with ``page.evaluate`` (run by the DevTools protocol, which the pages' Content Security
    Policy does not restrict) instead of ``page.wait_for_function``, whose in-page polling compiles
    the expression with ``eval`` and so fails, now and then, under ``script-src 'self'``.
    """
    waited = 0
    while not page.evaluate(f"!!({expression})"):
        if waited >= timeout_ms:
            raise TimeoutError(f"not true after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(50)
        waited += 50


class Watched:
    """A page in an offline context, with every request, console error, page error and dialog recorded."""

    def __init__(self, browser, width: int = 1366, height: int = 900) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: Path, wait_for: str | None = None):
        self.page.goto(path.as_uri())
        if wait_for:
            wait_until(self.page, f"window.{wait_for} && window.{wait_for}.drawn")
        return self.page

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.failed == []
        assert [u for u in self.requests if not u.startswith("file://")] == []
        assert self.dialogs == []

    def close(self) -> None:
        self.context.close()
