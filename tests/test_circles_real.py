"""Knowledge-exchange circles on the real data: the invariants, the cases the report supports, the CLI contract."""

from __future__ import annotations

import json
import subprocess
from itertools import combinations

import pytest

from rdzl_graph.circles import circles_report, learn_from_report
from rdzl_graph.circles.facts import load_circle_facts
from rdzl_graph.circles.learn import related
from rdzl_graph.circles.select import required_projects
from rdzl_graph.network.graphs import load_network_data

ID = "https://w3id.org/rdzl-graph/id/"
P = ID + "project/"
TIM, STICHTING_TIM, GOEDE_MORGEN = P + "tim-textiel-innovatie-maastricht", P + "tim-stichting-tim", P + "goede-morgen"
CAPACITY_TRIO = {P + "makerspace-vitaliteitsincubator", P + "gebiedsvisie-zuidoost-beek-landgoed-broenen",
                 P + "van-geuldal-tot-geleenbeek-tot-roodenbach"}


@pytest.fixture(scope="module")
def report(store):
    return circles_report(store)


@pytest.fixture(scope="module")
def facts(store):
    return load_circle_facts(store, load_network_data(store))


def members(circle) -> list[str]:
    return [p["iri"] for p in circle["projects"]]


def cli(python_exe, cli_env, *args, seed="0"):
    env = dict(cli_env, PYTHONHASHSEED=seed)
    return subprocess.run([python_exe, "-m", "rdzl_graph", *args], capture_output=True, env=env, timeout=300)


# --- the two cases of the issue -----------------------------------------------------------------

def test_tim_and_goede_morgen_share_the_circular_workshop_circle(report):
    circle = next(c for c in report["circles"] if c["basis"]["iri"] == ID + "task/circulaire-werkplaats")
    assert circle["id"] == "task-circulaire-werkplaats"
    assert GOEDE_MORGEN in members(circle) and {TIM, STICHTING_TIM} & set(members(circle))
    assert circle["basis"]["kind"] == "task" and circle["label"] == "Opgave: circulaire werkplaats opzetten"


def test_the_capacity_trio_shares_one_circle_around_capacity_shortage(report):
    circle = next(c for c in report["circles"] if c["basis"]["iri"] == ID + "risk/capaciteit")
    assert set(members(circle)) == CAPACITY_TRIO
    assert len(circle["lines"]) == 2  # line 1 (Makerspace) and the landscape line
    assert all(p["struggles"] for p in circle["projects"])  # each reports the shortage itself


# --- invariants ---------------------------------------------------------------------------------

def test_a_handful_of_small_circles(report):
    assert 6 <= len(report["circles"]) <= 12
    for circle in report["circles"]:
        assert 2 <= len(circle["projects"]) <= 8
        assert len(circle["projects"]) >= 3 or circle["basis"]["kind"] == "task"  # only a task makes a pair


def test_every_member_holds_the_basis_and_no_member_is_anothers_parent(report, facts):
    for circle in report["circles"]:
        basis, kind = circle["basis"]["iri"], circle["basis"]["kind"]
        for member in members(circle):
            assert basis in facts.held(kind, member), (circle["id"], member)
        for a, b in combinations(members(circle), 2):
            assert a not in facts.ancestors(b) and b not in facts.ancestors(a)
        assert len({facts.top(m) for m in members(circle)}) >= 2


def test_every_project_with_a_task_theme_or_attention_point_is_covered(report, facts):
    tops = {facts.top(m) for c in report["circles"] for m in members(c)}
    assert set(required_projects(facts)) <= tops
    assert report["uncovered"] == []
    with_facts = {p for p in facts.projects
                  if any(facts.held(k, p) for k in ("task", "theme")) or facts.attention_points_of(p)}
    assert {facts.top(p) for p in with_facts} <= tops


def test_no_near_duplicates_and_no_hub_circles(report):
    for a, b in combinations(report["circles"], 2):
        sa, sb = set(members(a)), set(members(b))
        assert len(sa & sb) / len(sa | sb) < 0.6, (a["id"], b["id"])
    hubs = {f for held in report["algorithm"]["hubs"].values() for f in held}
    assert not hubs & {c["basis"]["iri"] for c in report["circles"]}


def test_circles_cross_lines_and_overlap(report):
    crossing = [c for c in report["circles"] if len(c["lines"]) > 1]
    assert len(crossing) >= len(report["circles"]) // 2
    seen = [m for c in report["circles"] for m in members(c)]
    assert len(seen) > len(set(seen))  # overlapping: some project is in two circles


def test_learn_from_pairs_rest_on_facts(report, facts):
    assert report["learning"]
    for pair in report["learning"]:
        milestone = facts.milestone(pair["milestone"]["iri"])
        point = facts.attention_point(pair["attention_point"]["iri"])
        assert milestone.reached and milestone.project == pair["from"] and point.project == pair["to"]
        assert pair["about_iri"] in milestone.tags() & point.tags()
        assert not related(facts, pair["from"], pair["to"])
    for circle in report["circles"]:
        for pair in circle["learn_from"]:
            assert {pair["from"], pair["to"]} <= set(members(circle))
            area = {a["iri"] for a in circle["area"]}
            assert pair["about_iri"] in area


def test_host_is_a_member_and_starters_quote_the_graph(report, facts):
    labels = {m.label.rstrip(".") for m in facts.milestones} | {a.label.rstrip(".") for a in facts.attention_points}
    for circle in report["circles"]:
        assert circle["host"]["iri"] in members(circle) and circle["host"]["reason"]
        assert 2 <= len(circle["starters"]) <= 3
        for starter in circle["starters"]:
            for quoted in starter.split("‘")[1:]:
                assert quoted.split("’")[0] in labels


def test_learn_from_goede_morgen(store, facts):
    data = learn_from_report(store, "goede-morgen")
    assert data["project"] == GOEDE_MORGEN and data["learn_from"] and data["tasks"]
    assert all(p["to"] == GOEDE_MORGEN and p["from"] != GOEDE_MORGEN for p in data["learn_from"])
    for item in data["tasks"]:
        milestone = facts.milestone(item["milestone"]["iri"])
        assert item["task"] in facts.held("task", GOEDE_MORGEN) and item["task"] in milestone.tasks
        assert milestone.reached and milestone.project == item["from"] != GOEDE_MORGEN


def test_input_store_is_not_modified(store):
    before = len(store)
    circles_report(store, lang="en")
    assert len(store) == before


# --- the CLI ------------------------------------------------------------------------------------

def test_json_contract_and_determinism_across_hash_seeds(python_exe, cli_env, built):
    runs = [cli(python_exe, cli_env, "circles", "--format", "json", "--build", str(built.out_dir), seed=s)
            for s in ("1", "4242")]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    data = json.loads(runs[0].stdout)
    assert {"circles", "uncovered", "algorithm"} <= set(data)
    for circle in data["circles"]:
        assert {"id", "label", "basis", "projects", "learn_from", "linking", "host", "starters", "contacts",
                "lines", "decision", "iri", "label_en"} <= set(circle)
        assert {"kind", "label", "iri"} <= set(circle["basis"])
        assert all({"iri", "label", "programme_line", "brings", "struggles"} <= set(p) for p in circle["projects"])
        assert all({"from", "to", "about"} <= set(p) for p in circle["learn_from"])
        assert all({"iri", "label"} <= set(p) for p in circle["linking"])
        assert {"iri", "label", "reason"} <= set(circle["host"])


def test_trig_is_identical_across_hash_seeds(python_exe, cli_env, built, tmp_path):
    outs = []
    for seed in ("3", "99"):
        target = tmp_path / f"circles-{seed}.trig"
        result = cli(python_exe, cli_env, "circles", "--format", "trig", "-o", str(target),
                     "--build", str(built.out_dir), seed=seed)
        assert result.returncode == 0, result.stderr
        outs.append(target.read_bytes())
    assert outs[0] == outs[1] and b"rdzl:KnowledgeCircle" in outs[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["circles-3.trig", "circles-99.trig"]  # no temp files


def test_learn_from_unknown_project_exits_2(python_exe, cli_env, built):
    result = cli(python_exe, cli_env, "learn-from", "vallisveldt", "--build", str(built.out_dir))
    assert result.returncode == 2
    assert b"unknown project 'vallisveldt'" in result.stderr and b"did you mean vallisveld" in result.stderr
    assert result.stdout == b""


def test_learn_from_and_table(python_exe, cli_env, built):
    result = cli(python_exe, cli_env, "learn-from", "project:goede-morgen", "--format", "json", "--build", str(built.out_dir))
    assert result.returncode == 0 and json.loads(result.stdout)["project"] == GOEDE_MORGEN
    table = cli(python_exe, cli_env, "circles", "--build", str(built.out_dir))
    assert table.returncode == 0 and "Knelpunt: capaciteitsgebrek" in table.stdout.decode()


def test_spreadsheet_formats_need_an_output_file(python_exe, cli_env, built):
    result = cli(python_exe, cli_env, "circles", "--format", "xlsx", "--build", str(built.out_dir))
    assert result.returncode == 2 and b"-o FILE" in result.stderr


def test_cli_spreadsheet_round_trip(python_exe, cli_env, built, tmp_path):
    build = str(built.out_dir)

    def run(*args):
        return subprocess.run([python_exe, "-m", "rdzl_graph", *args], capture_output=True, text=True,
                              env=cli_env, cwd=tmp_path, timeout=300)

    assert run("circles", "--format", "csv", "-o", "kringen.csv", "--build", build).returncode == 0
    rows = (tmp_path / "kringen.csv").read_text(encoding="utf-8-sig").splitlines()
    edited = []
    for row in rows:
        cells = row.split(";")
        if cells[:2] == ["kring", "problem-capaciteit"]:
            cells[5] = "aanvaard"
        edited.append(";".join(cells))
    (tmp_path / "kringen.csv").write_text("\n".join(edited) + "\n", encoding="utf-8-sig")
    imported = run("circles", "import", "kringen.csv", "--who", "Sanne", "--build", build)
    assert imported.returncode == 0, imported.stderr
    assert (tmp_path / "decisions" / "circle-decisions.trig").is_file()  # the default, beside the working directory
    result = run("circles", "--format", "json", "--build", build)
    decided = {c["id"]: c["decision"] for c in json.loads(result.stdout)["circles"]}
    assert decided["problem-capaciteit"] == "aanvaard"
    assert {d for cid, d in decided.items() if cid != "problem-capaciteit"} == {"voorstel"}
