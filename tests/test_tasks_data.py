"""Tasks (opgaven) as data: the scheme, the assignments to projects and the milestone tags.

Known answers were read off the report by hand (see data/README.md, "Tasks (opgaven)"); the tests
compare the built graph with them. The shapes for task assignments and circle decisions are
checked on small broken graphs. The last test reads the report itself (skipped when it is not
beside the checkout, as in tests/test_report_source.py).
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from reference_loading import load
from rdzl_graph.validation.validate import validate
from test_report_source import report_path

ID = "https://w3id.org/rdzl-graph/id/"
ONT = "https://w3id.org/rdzl-graph/ont#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def node(name: str) -> ox.NamedNode:
    return ox.NamedNode(ONT + name)


def skos(name: str) -> ox.NamedNode:
    return ox.NamedNode(SKOS + name)


def slug(term: ox.NamedNode) -> str:
    return term.value.rsplit("/", 1)[1]


def objects(store: ox.Store, subject, predicate) -> set:
    return {q.object for q in store.quads_for_pattern(subject, predicate, None)}


def subjects(store: ox.Store, predicate, obj) -> set:
    return {q.subject for q in store.quads_for_pattern(None, predicate, obj)}


def instances(store: ox.Store, cls: str) -> set:
    return subjects(store, TYPE, node(cls))


def holders(store: ox.Store) -> dict[str, set[str]]:
    """Task slug -> slugs of the projects holding it (the inferred rdzl:hasTask)."""
    result: dict[str, set[str]] = {}
    for quad in store.quads_for_pattern(None, node("hasTask"), None):
        result.setdefault(slug(quad.object), set()).add(slug(quad.subject))
    return result


# --- the scheme ---------------------------------------------------------------------------------

def test_sixteen_tasks_each_with_dutch_and_english_label_and_definition(store):
    tasks = instances(store, "Task")
    assert len(tasks) == 16
    for task in tasks:
        assert task.value.startswith(ID + "task/")
        assert objects(store, task, skos("inScheme")) == {ox.NamedNode(ID + "scheme/task")}
        for prop in ("prefLabel", "definition"):
            langs = sorted(v.language for v in objects(store, task, skos(prop)))
            assert langs == ["en", "nl"], (task, prop)


def test_every_task_is_held_by_a_project_and_every_project_has_a_task(store):
    tasks = {slug(t) for t in instances(store, "Task")}
    held = holders(store)
    assert set(held) == tasks
    with_task = {p for ps in held.values() for p in ps}
    projects = {slug(p) for p in instances(store, "Project")}
    assert len(projects) == 24
    assert with_task == projects


def test_known_holders(store):
    held = holders(store)
    # the two circular workshops, with the two TIM sub-projects that build and advise the workshop
    assert held["circulaire-werkplaats"] == {
        "tim-textiel-innovatie-maastricht", "goede-morgen", "tim-stichting-tim", "tim-fibrant"}
    assert held["circulaire-industrie"] == {"circular-chemelot", "haven-stein", "the-circular-mile"}
    assert held["grensoverschrijdend-landschap"] == {"landschapspark-grenzeloos-bocageland", "corio-glana"}
    assert held["internationaal-talent"] == {"welcome-to-maastricht-region"}
    assert held["energie-verduurzamen"] == {"glanerbrook-burgemeester-damenpark", "haven-stein"}
    assert {task: len(projects) for task, projects in held.items()} == {
        "bewoners-betrekken": 7, "circulaire-industrie": 3, "circulaire-materialen": 7,
        "circulaire-werkplaats": 4, "ecologische-verbinding": 2, "energie-verduurzamen": 2,
        "gebiedsvisie-opstellen": 5, "gebouw-verbouwen": 4, "gezond-ontmoeten-en-bewegen": 5,
        "grensoverschrijdend-landschap": 2, "internationaal-talent": 1, "jongeren-onderwijs": 3,
        "landbouw-en-voedsel": 2, "publiek-informeren": 3, "wandel-en-fietsroutes": 4,
        "watersysteem-herstellen": 5,
    }


def test_tim_and_goede_morgen_share_the_workshop_task(store):
    workshop = ox.NamedNode(ID + "task/circulaire-werkplaats")
    for project in ("tim-textiel-innovatie-maastricht", "goede-morgen"):
        assert workshop in objects(store, ox.NamedNode(ID + "project/" + project), node("hasTask"))


# --- the assignments ----------------------------------------------------------------------------

def test_every_assignment_has_one_task_a_section_evidence_and_the_report(store):
    assignments = instances(store, "TaskAssignment")
    assert len(assignments) == 59
    report = ox.NamedNode(ID + "report/voortgangsrapportage-4e-tranche")
    for assignment in assignments:
        owners = subjects(store, node("hasTaskAssignment"), assignment)
        assert len(owners) == 1, assignment
        (owner,) = owners
        (task,) = objects(store, assignment, node("task"))
        assert assignment.value == f"{ID}task-assignment/{slug(owner)}--{slug(task)}"
        assert objects(store, assignment, node("sourceReport")) == {report}
        # the section the project itself cites
        assert objects(store, assignment, node("sourceSection")) == objects(store, owner, node("sourceSection"))
        evidence = objects(store, assignment, node("evidence"))
        assert [v.language for v in evidence] == ["nl"], assignment
        assert 5 <= len(next(iter(evidence)).value.split()) <= 40


# --- milestone and attention-point tags --------------------------------------------------------

def test_a_tagged_task_is_one_of_the_owning_projects_tasks(store):
    tagged = 0
    for owner_prop in ("hasMilestone", "hasAttentionPoint"):
        for quad in store.quads_for_pattern(None, node(owner_prop), None):
            for task in objects(store, quad.object, node("aboutTask")):
                assert task in objects(store, quad.subject, node("hasTask")), (quad.object, task)
                tagged += 1
    assert tagged == 81  # 71 on 66 milestones, 10 on 10 attention points


ADDRESSES = {
    "circular-chemelot-2": {"vergunningen", "draagvlak"},
    "haven-stein-2": {"draagvlak"},
    "vallisveld-1": {"draagvlak"},
    "vallisveld-2": {"draagvlak", "capaciteit"},
    "pottenberg-nazareth-1": {"draagvlak"},
    "tim-toekomstbestendige-circulaire-mode-4": {"draagvlak"},
    "goede-morgen-1": {"afstemming"},
    "goede-morgen-2": {"bouwtechniek"},
    "makerspace-vitaliteitsincubator-5": {"afstemming"},
    "landschapspark-grenzeloos-bocageland-4": {"afstemming"},
}


def test_addressed_categories_are_the_known_ones_on_reached_milestones(store):
    found: dict[str, set[str]] = {}
    for quad in store.quads_for_pattern(None, node("addressesCategory"), None):
        found.setdefault(slug(quad.subject), set()).add(slug(quad.object))
        assert node("Milestone") in objects(store, quad.subject, TYPE)
        assert objects(store, quad.subject, node("milestoneState")) == {ox.NamedNode(ID + "milestone-state/behaald")}
    assert found == ADDRESSES


def test_the_capacity_trio_has_someone_to_learn_from(store):
    """The three projects short of capacity report it; Vallisveld found a new neighbourhood connector."""
    capacity = ox.NamedNode(ID + "risk/capaciteit")
    reporting = {slug(q.subject) for q in store.quads_for_pattern(None, node("facesRisk"), capacity)}
    assert reporting == {"makerspace-vitaliteitsincubator", "gebiedsvisie-zuidoost-beek-landgoed-broenen",
                         "van-geuldal-tot-geleenbeek-tot-roodenbach"}
    experienced = {slug(m) for m in subjects(store, node("addressesCategory"), capacity)}
    assert experienced == {"vallisveld-2"}


# --- the data contract ------------------------------------------------------------------------

RDZL = Namespace(ONT)
RD = Namespace(ID)
XSD_DATE_TIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


def violations_of(data: Graph) -> set[tuple[str, str]]:
    loaded = load()
    return {(v.focus, v.path) for v in validate(data, ontology=loaded.ontology)}


def test_shapes_reject_an_assignment_without_evidence_or_known_task():
    data = Graph()
    for triple in load().data:
        data.add(triple)
    assignment = RD["task-assignment/goede-morgen--circulaire-werkplaats"]
    data.remove((assignment, RDZL.evidence, None))
    data.set((assignment, RDZL.task, RD["task/bestaat-niet"]))
    found = {v for v in violations_of(data) if v[0].startswith("rd:task-assignment/")}
    assert found == {("rd:task-assignment/goede-morgen--circulaire-werkplaats", "rdzl:evidence"),
                     ("rd:task-assignment/goede-morgen--circulaire-werkplaats", "rdzl:task")}


def test_shapes_check_a_circle_decision():
    prov = Namespace("http://www.w3.org/ns/prov#")
    data = Graph()
    good, bad = RD["decision-record/good"], RD["decision-record/bad"]
    data.add((good, RDF.type, RDZL.CircleDecision))
    data.add((good, RDZL.decisionOn, RD["circle/task-circulaire-werkplaats"]))
    data.add((good, RDZL.decision, RD["decision/aanvaard"]))
    data.add((good, RDZL.addsMember, RD["project/corio-glana"]))
    data.add((good, RDZL.sheetRow, Literal(2)))
    data.add((good, prov.generatedAtTime, Literal("2026-12-01T10:00:00", datatype=XSD_DATE_TIME)))
    data.add((bad, RDF.type, RDZL.CircleDecision))
    data.add((bad, RDZL.decisionOn, Literal("task-circulaire-werkplaats")))
    data.add((bad, RDZL.decision, RD["decision/misschien"]))
    data.add((bad, RDZL.removesMember, Literal("Corio Glana")))
    data.add((bad, RDZL.sheetRow, Literal(1)))
    data.add((bad, prov.generatedAtTime, Literal("2026-12-01", datatype=XSD_DATE)))
    found = violations_of(data)
    assert not {v for v in found if "good" in v[0]}
    assert {path for focus, path in found if "bad" in focus} == {
        "rdzl:decisionOn", "rdzl:decision", "rdzl:removesMember", "rdzl:sheetRow", "prov:generatedAtTime"}


# --- our own words --------------------------------------------------------------------------

def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def test_evidence_and_task_definitions_share_no_ten_words_with_the_report():
    path = report_path()
    if path is None:
        pytest.skip("the source report is not available beside this checkout")
    text = path.read_text(encoding="utf-8")
    report_words = words(text) + words(re.sub(r"-\s*\n\s*", "", text))  # also words split at line ends
    shingles = {tuple(report_words[i:i + 10]) for i in range(len(report_words) - 9)}
    data = load().data
    task_class = URIRef(ONT + "Task")
    literals = [o for o in data.objects(None, RDZL.evidence)]
    for task in data.subjects(RDF.type, task_class):
        literals += list(data.objects(task, URIRef(SKOS + "definition")))
    assert len(literals) == 59 + 32
    for literal in literals:
        w = words(str(literal))
        copied = [" ".join(w[i:i + 10]) for i in range(len(w) - 9) if tuple(w[i:i + 10]) in shingles]
        assert not copied, f"{literal!r} copies the report: {copied[0]}"
