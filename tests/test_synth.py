"""The synthetic programme generator: deterministic, valid, and shaped like the real data."""

from __future__ import annotations

import subprocess
from collections import Counter

import pyoxigraph as ox
import pytest

from rdzl_graph.build.pipeline import build
from rdzl_graph.core.errors import InputError
from rdzl_graph.synth import generate, synth

RDZL = "https://w3id.org/rdzl-graph/ont#"


def _store(files: dict[str, str]) -> ox.Store:
    store = ox.Store()
    for rel, text in files.items():
        if rel.endswith(".ttl"):
            store.load(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return store


def _objects(store: ox.Store, predicate: str) -> list:
    return [q.object for q in store.quads_for_pattern(None, ox.NamedNode(RDZL + predicate), None)]


def test_same_seed_same_programme_other_seed_other_programme():
    assert generate(60, seed=5) == generate(60, seed=5)
    assert generate(60, seed=5) != generate(60, seed=6)


def test_builds_and_validates_against_the_shapes(tmp_path):
    summary = synth(tmp_path / "data", 30, seed=2)
    result = build(out_dir=tmp_path / "build", data_dir=summary.out_dir)
    assert result.triples["data"] > 2000
    assert result.class_counts["rdzl:Project"] == 30
    assert (summary.out_dir / "vocabularies" / "themes.ttl").is_file()
    assert len(list((summary.out_dir / "projects").glob("*.ttl"))) == 30 - summary.sub_projects


def test_partner_participation_is_skewed_with_hubs():
    store = _store(generate(400, seed=1))
    degrees = Counter(_objects(store, "organisation"))
    counts = sorted(degrees.values(), reverse=True)
    assert len(counts) > 100
    median = counts[len(counts) // 2]
    assert counts[0] >= 8 * median  # a few hubs take part in many projects
    assert sum(1 for c in counts if c == 1) > len(counts) / 3  # most organisations in one


def test_projects_have_the_real_shape():
    store = _store(generate(200, seed=4))
    projects = {q.subject for q in store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None)
                if q.object.value in (RDZL + "Project", RDZL + "SubProject")}
    assert len(projects) == 200
    assert len(_objects(store, "isPartOf")) > 10
    assert len(_objects(store, "hasFunding")) == len(_objects(store, "amountEUR"))
    assert all(float(a.value) > 0 for a in _objects(store, "amountEUR"))
    assert {c.value.rsplit("/", 1)[1] for c in _objects(store, "assignmentCertainty")} == {"zeker", "paginavolgorde", "onzeker"}
    assert len(_objects(store, "hasAttentionPoint")) > 100 and len(_objects(store, "quotedPerson")) > 10
    labels = [q.object.value for q in store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None)]
    assert "Project 1" in labels and "Organisatie 1" in labels  # clearly synthetic names


def test_bad_input_is_an_error_and_writes_nothing(tmp_path, python_exe, cli_env):
    with pytest.raises(InputError):
        generate(0)
    target = tmp_path / "full"
    target.mkdir()
    (target / "keep.txt").write_text("x")
    proc = subprocess.run([python_exe, "-m", "rdzl_graph", "synth", "--projects", "10", "-o", str(target)],
                          capture_output=True, text=True, env=cli_env)
    assert proc.returncode == 2 and "not empty" in proc.stderr
    assert sorted(p.name for p in target.iterdir()) == ["keep.txt"]
    proc = subprocess.run([python_exe, "-m", "rdzl_graph", "synth", "--projects", "0", "-o", str(tmp_path / "new")],
                          capture_output=True, text=True, env=cli_env)
    assert proc.returncode == 2 and not (tmp_path / "new").exists()


def test_cli_writes_a_programme(tmp_path, python_exe, cli_env):
    proc = subprocess.run([python_exe, "-m", "rdzl_graph", "synth", "--projects", "12", "--seed", "3",
                           "-o", str(tmp_path / "s")], capture_output=True, text=True, env=cli_env)
    assert proc.returncode == 0, proc.stderr
    assert "12 synthetic projects" in proc.stdout
    assert (tmp_path / "s" / "programme.ttl").read_text(encoding="utf-8").count("SYNTHETIC DATA") == 1
