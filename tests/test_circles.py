"""Knowledge-exchange circles on small hand-made graphs: exact circles, learn-from pairs, texts, decisions."""

from __future__ import annotations

import doctest
import importlib
import json

import pyoxigraph as ox
import pytest

from rdzl_graph.circles import circles_report, learn_from_report
from rdzl_graph.circles.facts import CircleFacts, load_circle_facts
from rdzl_graph.circles.learn import pairs_between, programme_pairs
from rdzl_graph.circles.select import candidates, hyperedges, jaccard, select_circles
from rdzl_graph.text.circles import clean, render_circles, render_learn_from
from rdzl_graph.core.errors import InputError
from rdzl_graph.network.graphs import NetworkData, load_network_data

ID = "https://w3id.org/rdzl-graph/id/"
P = ID + "project/"

TINY = '''
@prefix rdzl: <https://w3id.org/rdzl-graph/ont#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix p: <https://w3id.org/rdzl-graph/id/project/> .
@prefix task: <https://w3id.org/rdzl-graph/id/task/> .
@prefix risk: <https://w3id.org/rdzl-graph/id/risk/> .
@prefix theme: <https://w3id.org/rdzl-graph/id/theme/> .
@prefix line: <https://w3id.org/rdzl-graph/id/line/> .
@prefix m: <https://w3id.org/rdzl-graph/id/milestone/> .
@prefix ap: <https://w3id.org/rdzl-graph/id/attention/> .
@prefix mstate: <https://w3id.org/rdzl-graph/id/milestone-state/> .
@prefix org: <https://w3id.org/rdzl-graph/id/org/> .
@prefix person: <https://w3id.org/rdzl-graph/id/person/> .

line:l1 rdfs:label "Lijn 1"@nl , "Line 1"@en .
line:l2 rdfs:label "Lijn 2"@nl , "Line 2"@en .
task:t1 a rdzl:Task ; skos:prefLabel "Werkplaats opzetten"@nl , "Setting up a workshop"@en .
task:t2 a rdzl:Task ; skos:prefLabel "Route aanleggen"@nl , "Building a route"@en .
risk:r1 a rdzl:AttentionCategory ; skos:prefLabel "Capaciteitsgebrek"@nl , "Capacity shortage"@en .
risk:r2 a rdzl:AttentionCategory ; skos:prefLabel "Vertraging"@nl , "Delay"@en .
org:shared a rdzl:Organisation ; rdfs:label "Gedeelde Stichting"@nl .
org:lead a rdzl:Organisation ; rdfs:label "Uitvoerder Charlie"@nl .
person:piet a rdzl:Person ; rdfs:label "Piet Jansen"@nl ; rdzl:jobTitle "Directeur"@nl ;
    rdzl:affiliation org:shared ; rdzl:quotedIn p:a , p:b .
theme:w skos:prefLabel "Water"@nl , "Water"@en .
theme:x skos:prefLabel "Textiel"@nl , "Textiles"@en .

p:a a rdzl:Project ; rdfs:label "Alfa"@nl , "Alpha"@en ; rdzl:programmeLine line:l1 ;
    rdzl:hasTask task:t1 ; rdzl:theme theme:w , theme:x ; rdzl:hasAttentionPoint ap:a-1 ;
    rdzl:hasParticipation [ rdzl:organisation org:shared ] .
p:a1 a rdzl:Project ; rdfs:label "Alfa-deel"@nl , "Alpha part"@en ; rdzl:programmeLine line:l1 ; rdzl:isPartOf p:a ;
    rdzl:hasTask task:t1 ; rdzl:hasAttentionPoint ap:a1-1 ; rdzl:hasMilestone m:a1-1 .
p:b a rdzl:Project ; rdfs:label "Bravo"@nl , "Bravo"@en ; rdzl:programmeLine line:l2 ;
    rdzl:hasTask task:t1 ; rdzl:theme theme:w , theme:x ; rdzl:hasMilestone m:b-1 , m:b-2 ;
    rdzl:hasParticipation [ rdzl:organisation org:shared ] .
p:c a rdzl:Project ; rdfs:label "Charlie"@nl , "Charlie"@en ; rdzl:programmeLine line:l1 ;
    rdzl:hasTaskAssignment [ rdzl:task task:t1 ] ; rdzl:theme theme:w , theme:x ;
    rdzl:hasParticipation [ rdzl:organisation org:lead ; rdzl:role <https://w3id.org/rdzl-graph/id/role/uitvoerder> ] .
p:d a rdzl:Project ; rdfs:label "Delta"@nl , "Delta"@en ; rdzl:programmeLine line:l2 ;
    rdzl:hasTask task:t2 ; rdzl:theme theme:w ; rdzl:hasAttentionPoint ap:d-1 ; rdzl:hasMilestone m:d-1 .
p:e a rdzl:Project ; rdfs:label "Echo"@nl , "Echo"@en ; rdzl:programmeLine line:l1 ;
    rdzl:hasTask task:t2 ; rdzl:theme theme:w ; rdzl:hasAttentionPoint ap:e-1 .
p:f a rdzl:Project ; rdfs:label "Foxtrot"@nl , "Foxtrot"@en ; rdzl:programmeLine line:l1 ;
    rdzl:theme theme:w ; rdzl:hasAttentionPoint ap:f-1 .

ap:a-1 rdfs:label "Alfa vindt geen vakmensen voor de werkplaats."@nl , "Alpha finds no craftspeople for the workshop."@en ;
    rdzl:attentionCategory risk:r1 ; rdzl:aboutTask task:t1 .
ap:a1-1 rdfs:label "Alfa-deel loopt vertraging op."@nl , "Alpha part is delayed."@en ; rdzl:attentionCategory risk:r2 .
ap:d-1 rdfs:label "Delta heeft te weinig mensen."@nl , "Delta has too few people."@en ; rdzl:attentionCategory risk:r1 .
ap:e-1 rdfs:label "Echo loopt vertraging op."@nl , "Echo is delayed."@en ; rdzl:attentionCategory risk:r2 .
ap:f-1 rdfs:label "Foxtrot mist projectleiding."@nl , "Foxtrot lacks project management."@en ; rdzl:attentionCategory risk:r1 .
m:a1-1 rdfs:label "Alfa-deel heeft de werkplaats ingericht."@nl , "Alpha part fitted out the workshop."@en ;
    rdzl:milestoneState mstate:behaald ; rdzl:aboutTask task:t1 .
m:b-1 rdfs:label "Bravo heeft de werkplaats geopend."@nl , "Bravo opened the workshop."@en ;
    rdzl:milestoneState mstate:behaald ; rdzl:aboutTask task:t1 .
m:b-2 rdfs:label "Bravo zoekt een tweede locatie."@nl , "Bravo looks for a second site."@en ;
    rdzl:milestoneState mstate:lopend ; rdzl:aboutTask task:t1 .
m:d-1 rdfs:label "Delta heeft een projectleider aangenomen."@nl , "Delta hired a project manager."@en ;
    rdzl:milestoneState mstate:behaald ; rdzl:addressesCategory risk:r1 .
'''


def tiny_store(text: str = TINY) -> ox.Store:
    store = ox.Store()
    store.load(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return tiny_store()


@pytest.fixture(scope="module")
def facts(store) -> CircleFacts:
    return load_circle_facts(store, load_network_data(store))


def synthetic(features: dict[str, dict[str, set[str]]], lines: dict[str, str] | None = None,
              parents: dict[str, str] | None = None) -> CircleFacts:
    """CircleFacts from plain dicts (kind -> project -> features), for the selection alone."""
    projects = sorted({p for by_project in features.values() for p in by_project} | set(parents or {}))
    nodes = {p: {"kind": "project", "label": p, "label_en": p, "line": (lines or {}).get(p, "L")} for p in projects}
    for child, parent in (parents or {}).items():
        nodes[child]["parent"] = parent
    return CircleFacts(NetworkData(nodes, (), {}),
                       {k: {p: frozenset(v) for p, v in d.items()} for k, d in features.items()})


def short(iris) -> list[str]:
    return [i.rsplit("/", 1)[-1] for i in iris]


# --- the selection ------------------------------------------------------------------------------

def test_sub_project_counts_for_its_parent_when_the_parent_holds_the_feature(facts):
    edges = hyperedges(facts)
    assert short(sorted(edges[("task", ID + "task/t1")])) == ["a", "b", "c"]  # a1 holds t1 too: it is a's
    assert short(sorted(edges[("problem", ID + "risk/r2")])) == ["a1", "e"]  # a does not report r2: a1 counts itself


def test_exact_circles_of_the_tiny_programme(facts):
    selection = select_circles(facts, {})
    assert [(c.id, short(c.members)) for c in selection.circles] == [
        ("task-t1", ["a", "b", "c"]),       # 4 * 3 new * (1 + 0.5 for two lines) = 18
        ("task-t2", ["d", "e"]),            # a task pair: 4 * 2 * 1.5 = 12 beats r1's 3 * 2 new * 1.5 = 9
        ("problem-r1", ["a", "d", "f"]),    # only f is new, but f is in no other candidate
    ]
    assert set(selection.phase.values()) == {"cover"}
    assert selection.uncovered == ()
    assert short(selection.required) == ["a", "b", "c", "d", "e", "f"]
    assert short(selection.represented_by) == ["a1"]


def test_hub_makes_no_circle_and_is_reported(facts):
    pool, hubs = candidates(facts, {})
    assert hubs == {"theme": {ID + "theme/w": 6}}  # 6 of the 7 members of any feature: more than half
    assert ID + "theme/w" not in {c.basis for c in pool}
    assert "theme-w" in {c.id for c in candidates(facts, {}, hub_share=1.0)[0]}


def test_problem_pair_is_no_circle_but_task_pair_is(facts):
    ids = {c.id for c in candidates(facts, {})[0]}
    assert "problem-r2" not in ids and "task-t2" in ids
    assert "task-t2" not in {c.id for c in candidates(facts, {}, min_task_size=3)[0]}


def test_near_duplicate_is_skipped_unless_allowed():
    lines = {"p1": "L1", "p2": "L2", "p3": "L1", "p4": "L1", "p5": "L2", "p6": "L1"}
    facts = synthetic({"task": {"p1": {"t1", "t2"}, "p2": {"t1", "t2"}, "p3": {"t1", "t2"},
                                "p4": {"t3"}, "p5": {"t3"}, "p6": {"t3"}}}, lines)
    assert [c.id for c in select_circles(facts).circles] == ["task-t1", "task-t3"]
    loose = select_circles(facts, duplicate_jaccard=1.01)
    assert [c.id for c in loose.circles] == ["task-t1", "task-t3", "task-t2"]
    assert loose.phase["task-t2"] == "exchange"


def test_large_candidate_is_trimmed_to_the_members_sharing_most():
    projects = [f"p{i}" for i in range(10)]
    facts = synthetic({"theme": {p: {"z"} for p in projects},
                       "partner": {p: {"o"} for p in projects[2:]} | {"p1": {"lonely"}}})
    pool, _hubs = candidates(facts, {}, hub_share=1.0, max_size=8)
    circle = next(c for c in pool if c.basis == "z")
    assert circle.members == tuple(projects[2:]) and circle.holders == 10 and circle.trimmed


def test_very_large_feature_makes_several_circles_on_the_same_basis():
    projects = [f"p{i:02d}" for i in range(20)]
    lines = {p: f"L{i % 3}" for i, p in enumerate(projects)}
    facts = synthetic({"task": {p: {"t"} for p in projects}, "partner": {p: {"o"} for p in projects[:8]}}, lines)
    pool, _hubs = candidates(facts, {}, hub_share=1.0, max_size=8)
    chunks = [c for c in pool if c.basis == "t"]
    assert [(c.id, c.members) for c in chunks] == [
        ("task-t", tuple(projects[:8])),  # those sharing the partner too come first
        ("task-t-2", tuple(projects[8:16])), ("task-t-3", tuple(projects[16:]))]
    selection = select_circles(facts, {}, hub_share=1.0)
    assert selection.uncovered == () and {"task-t", "task-t-2", "task-t-3"} <= set(selection.phase)


def test_sub_projects_of_one_parent_alone_make_no_circle():
    facts = synthetic({"task": {"s1": {"t"}, "s2": {"t"}, "s3": {"t"}}, "theme": {"top": {"w"}}},
                      parents={"s1": "top", "s2": "top", "s3": "top"})
    assert candidates(facts, {})[0] == []


def test_selection_without_any_task_still_covers(store):
    no_tasks = TINY.replace("rdzl:hasTask task:t1 ; ", "").replace("rdzl:hasTask task:t2 ; ", "")
    no_tasks = no_tasks.replace("rdzl:hasTaskAssignment [ rdzl:task task:t1 ] ; ", "")
    assert "hasTask " not in no_tasks and "hasTaskAssignment" not in no_tasks
    small = tiny_store(no_tasks)
    facts = load_circle_facts(small, load_network_data(small))
    assert not any(facts.features["task"].values())
    selection = select_circles(facts, {})
    assert all(c.kind != "task" for c in selection.circles)
    report = circles_report(small)
    assert {c["basis"]["kind"] for c in report["circles"]} <= {"problem", "theme", "partner"}


def test_jaccard():
    assert jaccard(["a"], ["a"]) == 1.0 and jaccard([], []) == 0.0


# --- learn-from pairs ---------------------------------------------------------------------------

def test_learn_from_pairs_of_the_tiny_programme(store):
    report = circles_report(store)
    assert [(short([p["from"]])[0], short([p["to"]])[0], short([p["about_iri"]])[0], p["circles"])
            for p in report["learning"]] == [
        ("b", "a", "t1", ["task-t1"]),     # b opened the workshop; a finds no craftspeople for it
        ("d", "a", "r1", ["problem-r1"]),  # d hired a project manager (addresses r1); a reports r1
        ("d", "f", "r1", ["problem-r1"]),
    ]
    used = {p["milestone"]["iri"] for p in report["learning"]}
    assert ID + "milestone/b-2" not in used   # not reached
    assert ID + "milestone/a1-1" not in used  # a1 is a's own sub-project


def test_pairs_between_respects_the_area(facts):
    owners = {P + x: P + x for x in "abcdef"} | {P + "a1": P + "a"}
    assert len(pairs_between(facts, owners)) == 3
    assert short(p.about for p in pairs_between(facts, owners, [ID + "risk/r1"])) == ["r1", "r1"]


def test_programme_pairs_keep_the_first_sources():
    facts = synthetic({"problem": {"l": {"k"}}})
    from rdzl_graph.circles.facts import AttentionPoint, Milestone
    reached = "https://w3id.org/rdzl-graph/id/milestone-state/behaald"
    facts = CircleFacts(facts.network, facts.features,
                        tuple(Milestone(f"m{x}", x, x, x, reached, categories=frozenset({"k"})) for x in ("x", "y", "z")),
                        (AttentionPoint("ap", "l", "l", "l", frozenset({"k"})),))
    assert [p.experienced for p in programme_pairs(facts, max_sources=2)] == ["x", "y"]
    assert [p.experienced for p in programme_pairs(facts, max_sources=2, together={"l": {"z"}})] == ["x", "z"]
    assert len(programme_pairs(facts, max_sources=0)) == 3


def test_learn_from_report_with_tasks(store):
    data = learn_from_report(store, "a")
    assert data["label"] == "Alfa"
    assert [(short([p["from"]])[0], p["about"]) for p in data["learn_from"]] == [
        ("b", "Werkplaats opzetten"), ("d", "Capaciteitsgebrek")]
    assert [(short([t["from"]])[0], t["task_label"], t["milestone"]["label"]) for t in data["tasks"]] == [
        ("b", "Werkplaats opzetten", "Bravo heeft de werkplaats geopend.")]
    assert learn_from_report(store, "project:a")["project"] == P + "a"
    assert learn_from_report(store, "Alpha", lang="en")["label"] == "Alpha"


def test_unknown_project_is_a_clear_error(store):
    with pytest.raises(InputError, match="unknown project 'zulu'"):
        learn_from_report(store, "zulu")
    with pytest.raises(InputError, match="did you mean a"):
        learn_from_report(store, "a2")


# --- what a circle says -------------------------------------------------------------------------

def test_circle_description_of_the_tiny_programme(store):
    circle = next(c for c in circles_report(store)["circles"] if c["id"] == "task-t1")
    assert circle["label"] == "Opgave: werkplaats opzetten" and circle["label_en"] == "Task: setting up a workshop"
    assert circle["iri"] == ID + "circle/task-t1" and circle["decision"] == "voorstel"
    brings = {p["label"]: [b["label"] for b in p["brings"]] for p in circle["projects"]}
    assert brings == {"Alfa": ["Alfa-deel heeft de werkplaats ingericht."],  # a member brings its sub-project's
                      "Bravo": ["Bravo heeft de werkplaats geopend."], "Charlie": []}
    assert [(p["iri"], p["kind"], short(p["members"])) for p in circle["linking"]] == [
        (ID + "org/shared", "organisation", ["a", "b"]), (ID + "person/piet", "person", ["a", "b"])]
    assert circle["host"]["iri"] == P + "a"  # ties with Bravo on milestones and pins; first by name
    assert "evenveel" in circle["host"]["reason"]
    assert circle["contacts"] == [
        {"project": P + "a", "project_label": "Alfa", "organisation_iri": ID + "org/shared",
         "organisation": "Gedeelde Stichting", "person_iri": ID + "person/piet", "person": "Piet Jansen",
         "function": "Directeur"},
        {"project": P + "b", "project_label": "Bravo", "organisation_iri": ID + "org/shared",
         "organisation": "Gedeelde Stichting", "person_iri": ID + "person/piet", "person": "Piet Jansen",
         "function": "Directeur"},
        {"project": P + "c", "project_label": "Charlie", "organisation_iri": ID + "org/lead",
         "organisation": "Uitvoerder Charlie", "person_iri": None, "person": None, "function": None},
    ]
    assert circle["lines"] == [ID + "line/l1", ID + "line/l2"]


def test_starters_quote_only_labels_from_the_graph(store, facts):
    labels = {m.label.rstrip(".") for m in facts.milestones} | {a.label.rstrip(".") for a in facts.attention_points}
    labels |= {m.label_en.rstrip(".") for m in facts.milestones} | {a.label_en.rstrip(".") for a in facts.attention_points}
    for lang in ("nl", "en"):
        for circle in circles_report(store, lang=lang)["circles"]:
            assert 2 <= len(circle["starters"]) <= 3
            for starter in circle["starters"]:
                for quoted in starter.split("‘")[1:]:
                    assert quoted.split("’")[0] in labels


def test_host_with_most_reached_milestones(store):
    circle = next(c for c in circles_report(store, lang="en")["circles"] if c["id"] == "problem-r1")
    assert circle["host"] == {"iri": P + "d", "label": "Delta",
                              "reason": "Delta has the most reached milestones in this area (1)"}
    assert circle["starters"][0].startswith("Delta has reached: ‘Delta hired a project manager’. Alpha reports:")


def test_report_is_plain_json_and_the_store_is_unchanged(store):
    before = sorted(str(q) for q in store)
    report = circles_report(store)
    assert json.loads(json.dumps(report)) == report
    assert sorted(str(q) for q in store) == before


# --- decisions ----------------------------------------------------------------------------------

DECISIONS = """
@prefix rdzl: <https://w3id.org/rdzl-graph/ont#> .
@prefix decision: <https://w3id.org/rdzl-graph/id/decision/> .
@prefix p: <https://w3id.org/rdzl-graph/id/project/> .
<https://w3id.org/rdzl-graph/graph/circle-decisions> {
  <https://w3id.org/rdzl-graph/id/circle-decision/problem-r1> a rdzl:CircleDecision ;
      rdzl:decisionOn <https://w3id.org/rdzl-graph/id/circle/problem-r1> ; rdzl:decision decision:aanvaard ;
      rdzl:addsMember p:e ; rdzl:removesMember p:f .
  <https://w3id.org/rdzl-graph/id/circle-decision/theme-x> a rdzl:CircleDecision ;
      rdzl:decisionOn <https://w3id.org/rdzl-graph/id/circle/theme-x> ; rdzl:decision decision:afgewezen .
}
"""


def test_decisions_are_applied_and_kept(store, tmp_path):
    path = tmp_path / "circle-decisions.trig"
    path.write_text(DECISIONS, encoding="utf-8")
    report = circles_report(store, decisions=path)
    state = {c["id"]: (c["decision"], short(p["iri"] for p in c["projects"])) for c in report["circles"]}
    assert state == {
        "task-t1": ("voorstel", ["a", "b", "c"]),
        "task-t2": ("voorstel", ["d", "e"]),
        "problem-r1": ("aanvaard", ["a", "d", "e"]),   # e added, f removed
        "theme-x": ("afgewezen", ["a", "b", "c"]),     # no longer proposed, but decided: kept
    }
    assert circles_report(store, decisions=tmp_path / "missing.trig") == circles_report(store)


# --- RDF ----------------------------------------------------------------------------------------

def test_circles_as_rdf(store):
    from rdzl_graph.circles.rdf import CIRCLES_GRAPH, circles_quads
    from rdzl_graph.circles.report import circles_reports

    quads = circles_quads(circles_reports(store))
    assert {q.graph_name.value for q in quads} == {CIRCLES_GRAPH}
    result = ox.Store()
    result.extend(quads)

    def count(cls):
        return len(list(result.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                                 ox.NamedNode("https://w3id.org/rdzl-graph/ont#" + cls))))
    assert count("KnowledgeCircle") == 3 and count("LearningOpportunity") == 3
    rows = result.query("""PREFIX rdzl: <https://w3id.org/rdzl-graph/ont#>
        SELECT ?l ?e WHERE { GRAPH ?g { ?l rdzl:canLearnFrom ?e } } ORDER BY ?l ?e""")
    assert [(short([r["l"].value])[0], short([r["e"].value])[0]) for r in rows] == [("a", "b"), ("a", "d"), ("f", "d")]
    labels = result.query("""PREFIX rdzl: <https://w3id.org/rdzl-graph/ont#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?c (COUNT(DISTINCT LANG(?label)) AS ?n) WHERE { GRAPH ?g { ?c a rdzl:KnowledgeCircle ; rdfs:label ?label } } GROUP BY ?c""")
    assert [int(r["n"].value) for r in labels] == [2, 2, 2]


# --- rendering and docstrings -------------------------------------------------------------------

def test_terminal_output_strips_control_characters(store):
    report = circles_report(store)
    report["circles"][0]["projects"][0]["label"] = "Alfa\x1b[2J\x07"
    report["circles"][0]["host"]["reason"] = "evil\rreason"
    text = render_circles(report)
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    assert clean("a\u202eb") == "a b"  # a bidi override is a format character
    learn = learn_from_report(store, "a")
    learn["learn_from"][0]["milestone"]["label"] = "x\x1b]0;title\x07"
    assert "\x1b" not in render_learn_from(learn)



def test_terminal_counts_are_singular_for_one(store):
    """Regression: a circle from one programme line said "1 lijnen" (and "1 kringen" for one circle)."""
    report = circles_report(store)
    one = {**report, "circles": [{**report["circles"][0], "lines": report["circles"][0]["lines"][:1]}],
           "learning": report["learning"][:1]}
    nl, en = render_circles(one, "nl"), render_circles(one, "en")
    assert "1 lijn)" in nl and "1 lijnen" not in nl and "1 line)" in en
    assert nl.splitlines()[-1] == "1 kring, 1 leerkans"
    assert en.splitlines()[-1] == "1 circle, 1 learning opportunity"
    two = {**report, "circles": [{**c, "lines": ["l1", "l2"]} for c in report["circles"][:2]]}
    assert "2 lijnen)" in render_circles(two, "nl").splitlines()[0]
    assert render_circles(two, "en").splitlines()[-1].startswith("2 circles, ")

MODULES = ["rdzl_graph.circles.facts", "rdzl_graph.circles.select", "rdzl_graph.circles.learn",
           "rdzl_graph.circles.describe", "rdzl_graph.circles.texts", "rdzl_graph.circles.report",
           "rdzl_graph.circles.rdf", "rdzl_graph.cli.circles"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
