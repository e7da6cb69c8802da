"""``rdzl-graph build --validate changed``: validate only what a change can affect, soundly.

Each test builds a small synthetic programme, changes its files and builds
again in the same build directory. A change that breaks a rule must fail the
build just as a full validation does, also when the broken rule involves
another file than the one that changed, or a deleted file.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from rdzl_graph.build.pipeline import build
from rdzl_graph.core.errors import ValidationError
from rdzl_graph.core.resources import ontology_dir
from rdzl_graph.synth import synth


@pytest.fixture
def programme(tmp_path: Path) -> dict[str, Path]:
    """A synthetic programme, its own ontology copy and a first (cold) build of it."""
    data = tmp_path / "data"
    synth(data, 40, seed=3)
    ontology = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), ontology)
    out = tmp_path / "build"
    result = build(out, data, ontology)
    assert result.validation["scope"] == "all" and result.validation["reason"] == "no previous build"
    assert result.validation["complete"] is True
    return {"data": data, "ontology": ontology, "out": out}


def rebuild(ws: dict[str, Path], validation: str = "changed", validator: str = "fast"):
    return build(ws["out"], ws["data"], ws["ontology"], validation=validation, validator=validator)


def info(ws: dict[str, Path]) -> dict:
    return json.loads((ws["out"] / "graph" / "build-info.json").read_text(encoding="utf-8"))


def edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text, count=1)
    assert count == 1, f"{pattern!r} not found in {path.name}"
    path.write_text(new, encoding="utf-8")


def fails_with(ws: dict[str, Path], validation: str = "changed", validator: str = "fast") -> list[str]:
    before = (ws["out"] / "graph" / "rdzl-graph.nt").read_bytes()
    with pytest.raises(ValidationError) as error:
        rebuild(ws, validation, validator)
    assert (ws["out"] / "graph" / "rdzl-graph.nt").read_bytes() == before  # the previous build stays
    return sorted(str(v) for v in error.value.violations)


def file_with(data: Path, text: str, without: tuple[str, ...] = ()) -> Path:
    for path in sorted((data / "projects").glob("*.ttl")):
        content = path.read_text(encoding="utf-8")
        if text in content and not any(other in content for other in without):
            return path
    pytest.fail(f"no project file contains {text!r}")


def test_unchanged_data_validates_nothing_and_a_comment_changes_no_triple(programme):
    result = rebuild(programme)
    assert result.validation["scope"] == "changed" and result.validation["focus_nodes"] == 0
    assert result.validation["reason"] == "no data file changed"
    path = sorted((programme["data"] / "projects").glob("*.ttl"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    result = rebuild(programme)
    assert result.validation["changed_files"] == [f"data/projects/{path.name}"]
    assert result.validation["triples_added"] == result.validation["triples_removed"] == 0
    assert result.validation["focus_nodes"] == 0


def test_an_edit_is_validated_and_only_its_neighbourhood(programme):
    path = sorted((programme["data"] / "projects").glob("*.ttl"))[0]
    edit(path, r'(rdfs:label "Project \d+)"@nl', r'\1 (nieuw)"@nl')
    result = rebuild(programme)
    validation = result.validation
    assert validation["scope"] == "changed" and validation["triples_added"] == 1
    assert 1 <= validation["focus_nodes"] <= 3
    assert validation["shapes"]["rdzlsh:ProjectShape"] == 1
    assert info(programme)["validation"] == validation


def test_a_broken_rule_in_the_changed_file_is_caught(programme):
    path = file_with(programme["data"], "rdzl:amountEUR")
    edit(path, r'rdzl:amountEUR "', 'rdzl:amountEUR "-')
    messages = fails_with(programme)
    assert len(messages) == 1 and "amount is negative" in messages[0] and path.name in messages[0]


def partner_in_a_project_file(data):
    """Slug of an organisation that a participation in some project file names."""
    project = file_with(data, "rdzl:organisation orgs:")
    return re.search(r"rdzl:organisation orgs:([\w-]+)", project.read_text(encoding="utf-8")).group(1)


def test_a_change_in_one_file_that_breaks_a_rule_in_another_is_caught(programme):
    """Untyping an organisation (organisations.ttl) breaks the participations in project files."""
    data = programme["data"]
    org = partner_in_a_project_file(data)
    edit(data / "organisations.ttl", rf"(orgs:{org}) a rdzl:\w+ ;", r"\1")
    incremental = fails_with(programme)
    assert any("unknown organisation" in m and "data/projects/" in m for m in incremental)
    assert incremental == fails_with(programme, "all")  # the same as validating everything
    assert incremental == fails_with(programme, "changed", "pyshacl")  # and as the reference


def test_deleting_a_file_breaks_the_references_to_it(programme):
    (programme["data"] / "persons.ttl").unlink()
    incremental = fails_with(programme)
    assert any("quoted person" in m and "data/projects/" in m for m in incremental)
    assert incremental == fails_with(programme, "all") == fails_with(programme, "all", "pyshacl")


def test_deleting_a_project_file_revalidates_its_partners(programme):
    data = programme["data"]
    path = file_with(data, "rdzl:organisation orgs:", without=("rdzl:isPartOf", "rdzl:hasPart ", "rdzl:hasQuote"))
    orgs = set(re.findall(r"rdzl:organisation (orgs:[\w-]+)", path.read_text(encoding="utf-8")))
    path.unlink()
    result = rebuild(programme)
    assert result.validation["removed_files"] == [f"data/projects/{path.name}"]
    assert result.validation["shapes"]["rdzlsh:OrganisationShape"] == len(orgs)


def test_shapes_or_ontology_changes_validate_everything(programme):
    shapes = programme["ontology"] / "rdzl-shapes.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    result = rebuild(programme)
    assert (result.validation["scope"], result.validation["reason"]) == ("all", "the shapes changed")
    ontology = programme["ontology"] / "rdzl.ttl"
    ontology.write_text(ontology.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    assert rebuild(programme).validation["reason"] == "the ontology changed"


def test_after_an_unvalidated_build_everything_is_validated(programme):
    path = file_with(programme["data"], "rdzl:amountEUR")
    edit(path, r'rdzl:amountEUR "', 'rdzl:amountEUR "-')
    result = rebuild(programme, "none")  # builds: nothing checked
    assert result.validation["scope"] == "none" and result.validation["complete"] is False
    messages = fails_with(programme)  # the next build does not trust it
    assert len(messages) == 1 and "amount is negative" in messages[0]


WARNING_SHAPE = """
rdzlsh:OrganisationCountryShape a sh:NodeShape ;
    sh:targetClass rdzl:Organisation ;
    sh:property [ sh:path rdzl:country ; sh:minCount 1 ; sh:severity sh:Warning ;
                  sh:message "Organisatie zonder land"@nl , "organisation without country"@en ] .
"""

TWO_STEP_SHAPE = """
rdzlsh:ParticipationOrganisationLabelShape a sh:NodeShape ;
    sh:targetClass rdzl:Participation ;
    sh:property [ sh:path ( rdzl:organisation rdfs:label ) ; sh:minCount 1 ;
                  sh:message "Organisatie van de deelname heeft geen naam"@nl ,
                             "the organisation of the participation has no name"@en ] .
"""


def add_shape(programme: dict[str, Path], text: str):
    shapes = programme["ontology"] / "rdzl-shapes.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8") + text, encoding="utf-8")
    return rebuild(programme)


def test_warnings_of_nodes_not_checked_again_are_kept(programme):
    result = add_shape(programme, WARNING_SHAPE)
    warnings = sorted(str(w) for w in result.warnings)
    assert warnings and all("organisation without country" in w for w in warnings)
    project = sorted((programme["data"] / "projects").glob("*.ttl"))[0]
    edit(project, r'(rdfs:label "Project \d+)"@nl', r'\1 (nieuw)"@nl')
    result = rebuild(programme)
    assert result.validation["scope"] == "changed"
    assert sorted(str(w) for w in result.warnings) == warnings
    assert info(programme)["warnings"] == [str(w) for w in result.warnings]
    org = re.search(r"org/(organisatie-\d+)", warnings[0]).group(1)
    edit(programme["data"] / "organisations.ttl", rf"(orgs:{org} a rdzl:\w+ ;)", r"\1 rdzl:country country:NL ;")
    result = rebuild(programme)
    assert sorted(str(w) for w in result.warnings) == [w for w in warnings if f"/{org}:" not in w]


def test_a_shape_reaching_two_steps_is_validated_in_full(programme):
    result = add_shape(programme, TWO_STEP_SHAPE)
    assert result.validation["scope"] == "all"
    data = programme["data"]
    org = partner_in_a_project_file(data)
    edit(data / "organisations.ttl", rf'(orgs:{org}[^.]*?)rdfs:label "[^"]*"@nl ;', r"\1")
    messages = fails_with(programme)
    assert any("the organisation of the participation has no name" in m and "data/projects/" in m for m in messages)
    assert info(programme)["validation"]["scope"] == "all"  # the failed build left the previous one


def test_the_reason_for_a_full_shape_is_recorded(programme):
    add_shape(programme, TWO_STEP_SHAPE)
    path = sorted((programme["data"] / "projects").glob("*.ttl"))[0]
    edit(path, r'(rdfs:label "Project \d+)"@nl', r'\1 (nieuw)"@nl')
    validation = rebuild(programme).validation
    reason = validation["full_shapes"]["rdzlsh:ParticipationOrganisationLabelShape"]
    assert "path" in reason and validation["scope"] == "changed"


def test_another_validator_than_the_previous_build_validates_everything(programme):
    result = rebuild(programme, validator="pyshacl")
    assert result.validation["scope"] == "all" and result.validation["engine"] == "pyshacl"
    assert result.validation["reason"] == "the previous build was validated by fast"
    assert rebuild(programme, validator="pyshacl").validation["focus_nodes"] == 0


def test_the_previous_data_graph_is_read_in_full_unless_its_block_is_complete(tmp_path):
    from rdzl_graph.build.validation_plan import previous_data_lines

    data, other = "https://w3id.org/rdzl-graph/graph/data", "https://w3id.org/rdzl-graph/graph/inferred"
    (tmp_path / "rdzl-graph.trig").write_text(
        f"<{data}> {{ <urn:a> <urn:p> <urn:b> . }}\n<{other}> {{ <urn:x> <urn:p> <urn:y> . }}\n"
        f"<{data}> {{ <urn:c> <urn:p> <urn:d> . }}\n", encoding="utf-8")
    everything = {b"<urn:a> <urn:p> <urn:b> .", b"<urn:c> <urn:p> <urn:d> ."}
    assert set(previous_data_lines(tmp_path, expected=2)) == everything  # first block short: read on
    assert set(previous_data_lines(tmp_path)) == everything
    assert previous_data_lines(tmp_path / "missing") is None
