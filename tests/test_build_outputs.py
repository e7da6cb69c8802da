"""The build's outputs: line-based serialization equals the reference, build-info says what was validated."""

from __future__ import annotations

import json
import subprocess

import pyoxigraph as ox
import pytest

from reference_serialisation import canonical_quads, serialize_quads

from rdzl_graph.core.serialisation import FORMATS, serialize
from rdzl_graph.query.store import load_store

BLANK = b"""@prefix : <http://t.example/> .
:a :p [ :q [ :r "x" ] ] ; :l ( :x :y [ :z 1 ] ) . [] :p :a . _:s :p _:s .
:b :p "text with _:b0 in it" , "_:y"@en , "caf\\u00e9 \\"q\\"\\n"@nl .
"""


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_line_based_serialization_equals_the_reference(store, fmt):
    assert serialize(store, fmt) == serialize_quads(canonical_quads(store), fmt)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_blank_nodes_across_graphs_get_the_reference_labels(fmt):
    store = ox.Store()
    store.load(BLANK, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:g1"))
    store.load(BLANK, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:g2"))
    store.load(b"<urn:s> <urn:p> <urn:o> .", format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:g0"))
    assert serialize(store, fmt) == serialize_quads(canonical_quads(store), fmt)


def test_the_trig_output_loads_back_to_the_same_graph(built):
    again = load_store(built.trig)
    assert serialize(again, "trig") == built.trig.read_bytes()


def test_build_info_records_what_was_validated(built):
    info = json.loads(built.info.read_text(encoding="utf-8"))
    validation = info["validation"]
    assert validation["mode"] == "changed" and validation["complete"] is True
    assert validation["scope"] == "all" and validation["reason"] == "no previous build"
    assert validation["focus_nodes"] > 300 and validation["shapes"]["rdzlsh:ProjectShape"] == 24
    assert validation["warnings"] == []
    assert set(info["timings_seconds"]) == {"load", "validate", "quality", "reason", "reason_wait", "write", "total"}


def test_a_second_build_validates_nothing_and_says_so(built, tmp_path, python_exe, cli_env):
    import shutil

    out = tmp_path / "build"
    shutil.copytree(built.out_dir, out)
    proc = subprocess.run([python_exe, "-m", "rdzl_graph", "build", "--out", str(out)],
                          capture_output=True, text=True, env=cli_env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "validated nothing (no data file changed)" in proc.stdout
    for name in ("rdzl-graph.trig", "rdzl-graph.nt", "rdzl-graph-reasoned.ttl"):
        assert (out / "graph" / name).read_bytes() == (built.graph_dir / name).read_bytes()


def test_trig_written_graph_by_graph_is_the_same(store):
    from rdzl_graph.core.serialisation import join_trig, serialize_lines, store_lines, trig_block

    graphs = store_lines(store)
    blank = ox.Store()
    blank.load(BLANK, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:g1"))
    blank.load(b"<urn:s> <urn:p> <urn:o> .", format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:g0"))
    for lines in (graphs, store_lines(blank)):
        assert join_trig({iri: trig_block(iri, got) for iri, got in lines.items()}) == serialize_lines(lines, "trig")
