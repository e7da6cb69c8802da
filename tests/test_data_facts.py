"""The bundled data says what the report says.

Every expected value here was read off the progress report by hand (see data/README.md for the
reconciliation of counts and amounts); the tests compare the data against it, not against what the
code returns. They use the rdflib graph API on the asserted data, plus the reasoned graph where a
test is about reasoning.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, Literal, URIRef

from reference_loading import load
from rdzl_graph.core.namespaces import RD, RDZL

PROJECT = RD["project/"]
ORGS = RD["org/"]


def iri(kind: str, slug: str) -> URIRef:
    return URIRef(f"{RD}{kind}/{slug}")


@pytest.fixture(scope="module")
def data():
    return load().data


@pytest.fixture(scope="module")
def reasoned(store):
    """The built (reasoned) graph, as a set of triples over all named graphs."""
    return {(URIRef(q.subject.value), URIRef(q.predicate.value), q.object.value) for q in store}


def label_nl(graph, node) -> str:
    for value in graph.objects(node, RDFS.label):
        if isinstance(value, Literal) and value.language == "nl":
            return str(value)
    raise AssertionError(f"{node} has no Dutch label")


def amount_of(graph, project) -> Decimal | None:
    allocations = list(graph.objects(project, RDZL.hasFunding))
    if not allocations:
        return None
    assert len(allocations) == 1
    return next(graph.objects(allocations[0], RDZL.amountEUR)).toPython()


# --- municipalities and programme lines -------------------------------------------------------

CBS_CODES = {
    "Beek": "GM0888",
    "Beekdaelen": "GM1954",
    "Eijsden-Margraten": "GM1903",
    "Gulpen-Wittem": "GM1729",
    "Maastricht": "GM0935",
    "Meerssen": "GM0938",
    "Sittard-Geleen": "GM1883",
    "Stein": "GM0971",
    "Vaals": "GM0981",
    "Valkenburg aan de Geul": "GM0994",
}


def test_ten_municipalities_with_their_cbs_codes(data):
    found = {
        label_nl(data, m): str(next(data.objects(m, RDZL.cbsCode)))
        for m in data.subjects(RDF.type, RDZL.Municipality)
    }
    assert found == CBS_CODES


def test_each_municipal_government_is_party_to_the_deal(data):
    governed = {
        label_nl(data, m)
        for g in data.subjects(RDF.type, RDZL.MunicipalGovernment)
        for m in data.objects(g, RDZL.governs)
        if (g, RDZL.partyToProgramme, iri("programme", "regio-deal-zuid-limburg")) in data
    }
    assert governed == set(CBS_CODES)


def test_four_programme_lines(data):
    lines = {label_nl(data, line) for line in data.subjects(RDF.type, RDZL.ProgrammeLine)}
    assert lines == {
        "Sterke en gezonde gemeenschappen",
        "Circulaire economie en samenleving",
        "Versterken uniek landschap",
        "Internationaliseren arbeidsmarkt Zuid-Limburg",
    }


# --- projects ---------------------------------------------------------------------------------

def test_project_count_reconciles_with_the_report(data):
    subprojects = set(data.subjects(RDF.type, RDZL.SubProject))
    projects = set(data.subjects(RDF.type, RDZL.Project))
    assert len(projects) == 15, "15 project headings (see data/README.md)"
    assert len(subprojects) == 9, "2 under Wijkaanpak, 7 under TIM"
    assert len(projects) + len(subprojects) == 24, "the report's final count"
    stated = {
        label_nl(data, f): next(data.objects(f, RDZL.figureValue)).toPython()
        for f in data.subjects(RDF.type, RDZL.ProgrammeFigure)
    }
    assert stated["Definitief aantal projecten, deelprojecten meegeteld, volgens de rapportage"] == 24


def test_projects_per_programme_line(data):
    per_line: dict[str, int] = {}
    for project in data.subjects(RDF.type, RDZL.Project):
        line = label_nl(data, next(data.objects(project, RDZL.programmeLine)))
        per_line[line] = per_line.get(line, 0) + 1
    assert per_line == {
        "Sterke en gezonde gemeenschappen": 3,
        "Circulaire economie en samenleving": 5,
        "Versterken uniek landschap": 6,
        "Internationaliseren arbeidsmarkt Zuid-Limburg": 1,
    }


def test_subprojects_belong_to_wijkaanpak_and_tim(data):
    parents: dict[str, set[str]] = {}
    for sub in data.subjects(RDF.type, RDZL.SubProject):
        parent = next(data.objects(sub, RDZL.isPartOf))
        parents.setdefault(label_nl(data, parent), set()).add(label_nl(data, sub))
    assert parents == {
        "Wijkaanpak Vallisveld in Vaals en Pottenberg & Nazareth in Maastricht": {
            "Vallisveld",
            "Pottenberg & Nazareth",
        },
        "TIM: circulaire werkplaats Textiel Innovatie Maastricht": {
            "KINKLEID",
            "Stichting TIM",
            "FIBRANT",
            "Jan Van Eyck Academie",
            "Het grondstoffenproject",
            "Micro-2-biocycles",
            "Toekomstbestendige, circulaire mode",
        },
    }


# --- amounts ----------------------------------------------------------------------------------

# The 22 amount blocks of the report, by project label, as assigned by page order.
AMOUNTS = {
    "Glanerbrook & Burgemeester Damenpark": 2_500_000,
    "Vallisveld": 2_500_000,
    "Pottenberg & Nazareth": 1_000_000,
    "Makerspace & vitaliteitsincubator in Maastricht": 3_500_000,
    "KINKLEID": 34_500,
    "Stichting TIM": 69_850,
    "FIBRANT": 38_172,
    "Jan Van Eyck Academie": 67_464,
    "Het grondstoffenproject": 49_670,
    "Micro-2-biocycles": 313_403,
    "Toekomstbestendige, circulaire mode": 14_400,
    "Goede Morgen: de circulaire werkplaats in Geleen": 1_000_000,
    "Circular Chemelot": 700_000,
    "Haven Stein / Port of Chemelot": 700_000,
    "The Circular Mile": 2_150_000,
    "Corio Glana": 2_000_000,
    "Ontwikkeling gebiedsvisie Zuidoost Beek rondom Landgoed Broenen": 250_000,
    "Landschapspark Grenzeloos Bocageland": 1_500_000,
    "Poort van het Heuvelland": 400_000,
    "Van Geuldal tot Geleenbeek tot Roodenbach": 195_000,
    "Watervalderbeekdal": 350_000,
    "Welcome to Maastricht Region": 1_000_000,
}

UNCERTAIN = {
    "Het grondstoffenproject",
    "Micro-2-biocycles",
    "Toekomstbestendige, circulaire mode",
    "Haven Stein / Port of Chemelot",
    "The Circular Mile",
    "Landschapspark Grenzeloos Bocageland",
    "Poort van het Heuvelland",
}
CERTAIN = {
    "Glanerbrook & Burgemeester Damenpark",
    "Makerspace & vitaliteitsincubator in Maastricht",
    "Welcome to Maastricht Region",
}


def test_twenty_two_amounts_summing_to_the_report_total(data):
    amounts = [v.toPython() for v in data.objects(None, RDZL.amountEUR)]
    assert len(amounts) == 22
    assert sum(amounts) == Decimal(20_332_459)
    assert all(isinstance(a, Decimal) and a >= 0 for a in amounts)


def test_each_project_amount_as_the_report_gives_it(data):
    found = {}
    for project in set(data.subjects(RDF.type, RDZL.Project)) | set(data.subjects(RDF.type, RDZL.SubProject)):
        amount = amount_of(data, project)
        if amount is not None:
            found[label_nl(data, project)] = amount
    assert found == {label: Decimal(value) for label, value in AMOUNTS.items()}


def test_parents_with_subprojects_have_no_amount_of_their_own(data):
    for slug in ("wijkaanpak-vallisveld-pottenberg-nazareth", "tim-textiel-innovatie-maastricht"):
        assert amount_of(data, iri("project", slug)) is None


def test_assignment_certainty_of_amounts(data):
    by_certainty: dict[str, set[str]] = {}
    for project, allocation in data.subject_objects(RDZL.hasFunding):
        certainty = next(data.objects(allocation, RDZL.assignmentCertainty))
        by_certainty.setdefault(str(certainty).rsplit("/", 1)[-1], set()).add(label_nl(data, project))
        assert next(data.objects(allocation, RDZL.assignmentNote), None) is not None
    assert by_certainty["onzeker"] == UNCERTAIN
    assert by_certainty["zeker"] == CERTAIN
    assert by_certainty["paginavolgorde"] == set(AMOUNTS) - UNCERTAIN - CERTAIN


def test_tim_total_is_certain_even_where_its_split_is_not(data):
    tim = iri("project", "tim-textiel-innovatie-maastricht")
    total = sum(amount_of(data, sub) for sub in data.subjects(RDZL.isPartOf, tim))
    assert total == Decimal(587_459)


# --- status -----------------------------------------------------------------------------------

def test_landgoed_broenen_is_the_one_project_with_aandachtspunten(data):
    flagged = {
        label_nl(data, p)
        for p in data.subjects(RDZL.reportedStatus, iri("status", "aandachtspunten"))
    }
    assert flagged == {"Ontwikkeling gebiedsvisie Zuidoost Beek rondom Landgoed Broenen"}


def test_every_project_has_exactly_one_status_with_certainty(data):
    for project in set(data.subjects(RDF.type, RDZL.Project)) | set(data.subjects(RDF.type, RDZL.SubProject)):
        assert len(list(data.objects(project, RDZL.reportedStatus))) == 1, project
        assert len(list(data.objects(project, RDZL.statusCertainty))) == 1, project


def test_op_schema_labels_count(data):
    # The report prints the status label "Op schema" eleven times; each goes to exactly one project.
    on_schedule = list(data.subjects(RDZL.reportedStatus, iri("status", "op-schema")))
    assert len(on_schedule) == 11


# --- partners, people, places -------------------------------------------------------------------

def partners(graph, project) -> set[URIRef]:
    return {
        org
        for participation in graph.objects(project, RDZL.hasParticipation)
        for org in graph.objects(participation, RDZL.organisation)
    }


def test_envida_takes_part_in_both_neighbourhoods(data):
    envida = iri("org", "envida")
    assert envida in partners(data, iri("project", "vallisveld"))
    assert envida in partners(data, iri("project", "pottenberg-nazareth"))


def test_chemelot_in_several_circular_economy_projects(data):
    chemelot = iri("org", "chemelot")
    with_chemelot = {
        label_nl(data, p)
        for p in data.subjects(RDF.type, RDZL.Project)
        if chemelot in partners(data, p)
    }
    assert with_chemelot == {
        "Goede Morgen: de circulaire werkplaats in Geleen",
        "Circular Chemelot",
        "Haven Stein / Port of Chemelot",
    }
    line = iri("line", "circulaire-economie-en-samenleving")
    assert all(
        (p, RDZL.programmeLine, line) in data
        for p in data.subjects(RDF.type, RDZL.Project)
        if chemelot in partners(data, p)
    )


def test_pottenberg_nazareth_partners(data):
    names = {label_nl(data, o) for o in partners(data, iri("project", "pottenberg-nazareth"))}
    assert names == {
        "Gemeente Maastricht",
        "Servatius",
        "Woonpunt",
        "Trajekt",
        "Mondriaan",
        "Envida",
        "Provincie Limburg",
    }


def test_the_five_quoted_people(data):
    people = {}
    for person in data.subjects(RDF.type, RDZL.Person):
        org = next(data.objects(person, RDZL.affiliation), None)
        title = next(data.objects(person, RDZL.jobTitle), None)
        people[label_nl(data, person)] = (
            str(title) if title is not None else None,
            label_nl(data, org) if org is not None else None,
        )
    assert people == {
        "Hans Verheijen": ("Burgemeester", None),
        "Laura Cruts": ("Strateeg", "Gemeente Vaals"),
        "Lynn Biesmans": (None, "Stichting TIM"),
        "Koos van Haasteren": ("Executive Director", "Chemelot"),
        "Bob Joosten": ("Algemeen Directeur", "Wessem Port Services Group"),
    }


def test_each_quoted_person_is_quoted_with_one_project(data):
    quoted_with = {}
    for project, quote in data.subject_objects(RDZL.hasQuote):
        person = next(data.objects(quote, RDZL.quotedPerson))
        quoted_with[label_nl(data, person)] = label_nl(data, project)
    assert quoted_with == {
        "Hans Verheijen": "Glanerbrook & Burgemeester Damenpark",
        "Laura Cruts": "Vallisveld",
        "Lynn Biesmans": "Stichting TIM",
        "Koos van Haasteren": "Circular Chemelot",
        "Bob Joosten": "Haven Stein / Port of Chemelot",
    }


def test_foreign_places_are_in_belgium_germany_and_italy(data):
    countries = {}
    for place in data.subjects(RDZL.withinPlace, None):
        for country in data.objects(place, RDZL.withinPlace):
            if (country, RDF.type, RDZL.Country) in data:
                countries.setdefault(str(next(data.objects(country, RDZL.isoCode))), set()).add(label_nl(data, place))
    assert {"Genk", "Lanaken", "Hoge Kempen", "De Voerstreek", "Land van Herve"} <= countries["BE"]
    assert {"Eifel"} <= countries["DE"]
    assert {"Prato"} <= countries["IT"]


def test_gulpen_wittem_is_the_only_municipality_without_project(data):
    used = set(data.objects(None, RDZL.inMunicipality))
    unused = {label_nl(data, m) for m in data.subjects(RDF.type, RDZL.Municipality) if m not in used}
    assert unused == {"Gulpen-Wittem"}


def test_capacity_shortage_projects(data):
    capacity = iri("risk", "capaciteit")
    projects = {
        label_nl(data, p)
        for p, point in data.subject_objects(RDZL.hasAttentionPoint)
        if (point, RDZL.attentionCategory, capacity) in data
    }
    assert projects == {
        "Makerspace & vitaliteitsincubator in Maastricht",
        "Ontwikkeling gebiedsvisie Zuidoost Beek rondom Landgoed Broenen",
        "Van Geuldal tot Geleenbeek tot Roodenbach",
    }


def test_every_project_carries_provenance(data):
    report = iri("report", "voortgangsrapportage-4e-tranche")
    for project in set(data.subjects(RDF.type, RDZL.Project)) | set(data.subjects(RDF.type, RDZL.SubProject)):
        assert (project, RDZL.sourceReport, report) in data
        assert next(data.objects(project, RDZL.sourceSection), None) is not None


# --- reasoning on the real data -----------------------------------------------------------------

def test_reasoning_derives_partners_including_subprojects(reasoned):
    tim = iri("project", "tim-textiel-innovatie-maastricht")
    involved = {o for s, p, o in reasoned if s == tim and p == RDZL.involvesOrganisation}
    assert {str(iri("org", s)) for s in ("kinkleid", "zuyd-hogeschool", "lottozero")} <= involved
    assert (iri("org", "envida"), RDZL.partnerIn, str(iri("project", "vallisveld"))) in reasoned
    assert (iri("person", "bob-joosten"), RDZL.quotedIn, str(iri("project", "haven-stein"))) in reasoned
