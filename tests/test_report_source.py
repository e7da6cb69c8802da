"""Cross-checks of the data against the text of the report itself.

The report is not part of the repository (it is cited, not copied). These tests read it from
``../shared/sources/`` beside the checkout, or from the path in ``RDZL_REPORT``, and skip cleanly
when it is absent (as on a user's clone).
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal, URIRef

from reference_loading import load
from rdzl_graph.core.namespaces import RDZL

REPORT_NAME = "regio-deal-zuid-limburg-voortgangsrapportage-4e-tranche.txt"


def report_path() -> Path | None:
    candidates = []
    if os.environ.get("RDZL_REPORT"):
        candidates.append(Path(os.environ["RDZL_REPORT"]))
    root = Path(__file__).resolve().parent.parent
    candidates.append(root.parent / "shared" / "sources" / REPORT_NAME)
    for path in candidates:
        if path.is_file():
            return path
    return None


@pytest.fixture(scope="module")
def report() -> str:
    path = report_path()
    if path is None:
        pytest.skip("the source report is not available beside this checkout")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data():
    return load().data


def squash(text: str) -> str:
    """Lower-case and keep letters and digits only, so PDF hyphenation and line breaks vanish."""
    return re.sub(r"[^0-9a-zà-ÿ+]", "", text.lower())


def label_nl(graph, node) -> str:
    for value in graph.objects(node, RDFS.label):
        if isinstance(value, Literal) and value.language == "nl":
            return str(value)
    raise AssertionError(f"{node} has no Dutch label")


# Labels that are our own wording for something the report names differently (documented in
# data/README.md): the report's spelling is given for each.
OWN_NAMES = {
    "Chemelot-terrein": "Chemelotterrein",
    "Zuid-Limburgs Heuvelland": "Zuid-Limburgse Heuvelland",
    "Zuidoost Beek": "Zuidoost Beek",
    "Rijksoverheid": "rijksoverheid",
}


def test_the_22_amount_blocks_in_page_order(report, data):
    printed = [Decimal(m.replace(".", "")) for m in re.findall(r"€\s*([0-9][0-9.]*)", report)]
    assert len(printed) == 22
    assert sum(printed) == Decimal(20_332_459)
    in_data = sorted(v.toPython() for v in data.objects(None, RDZL.amountEUR))
    assert in_data == sorted(printed)


def test_status_labels_as_printed(report, data):
    printed_on_schedule = len(re.findall(r"^(?:Regio Deal middelen)?Op schema\s*$", report, flags=re.M))
    on_schedule = len(list(data.subjects(RDZL.reportedStatus, URIRef("https://w3id.org/rdzl-graph/id/status/op-schema"))))
    assert printed_on_schedule == on_schedule == 11
    printed_attention_status = len(re.findall(r"^Aandachtspunten\s*$", report, flags=re.M))
    assert printed_attention_status == 1


@pytest.mark.parametrize(
    "cls", [RDZL.Organisation, RDZL.Person, RDZL.Place, RDZL.Project, RDZL.SubProject]
)
def test_every_name_is_in_the_report(report, data, cls):
    """Organisations, people, places and projects: their Dutch names occur in the report."""
    text = squash(report)
    ontology = load().ontology
    classes = {cls} | set(ontology.transitive_subjects(RDFS.subClassOf, cls))
    missing = []
    for c in classes:
        for node in data.subjects(RDF.type, c):
            if (node, RDF.type, RDZL.Country) in data:
                continue
            name = label_nl(data, node)
            name = OWN_NAMES.get(name, name)
            if name.startswith("Gemeente "):
                name = name.removeprefix("Gemeente ")
            if squash(name) not in text:
                missing.append(name)
    assert missing == []


def test_the_quoted_people_and_their_functions(report):
    text = squash(report)
    for phrase in (
        "Burgemeester Hans Verheijen",
        "Laura Cruts, strateeg gemeente Vaals",
        "Lynn Biesmans, verbonden aan TIM",
        "Koos van Haasteren, Executive Director van Chemelot",
        "Bob Joosten (Algemeen Directeur Wessem Port Services Group)",
    ):
        assert squash(phrase) in text, phrase


def test_programme_figures_are_in_the_report(report, data):
    text = squash(report)
    for phrase in ("40 miljoen euro", "10 miljoen euro", "meer dan 60 miljoen euro", "220 km", "4 miljoen inwoners",
                   "5 universiteiten", "7 vliegvelden", "2 HSL-stations", "12%", "veertien projecten", "vierentwintig"):
        assert squash(phrase) in text, phrase
