"""The build's Oxigraph loader reads the same files as the rdflib reference loader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode

from rdzl_graph.core.errors import InputError
from reference_loading import load
from rdzl_graph.core.loading import load_sources
from rdzl_graph.core.sources import ASSERTED, source_graph, source_index
from rdzl_graph.core.resources import data_dir, ontology_dir


def test_same_files_digests_and_counts_as_the_reference():
    sources, reference = load_sources(), load()
    assert [(f.display, f.sha256, f.triples) for f in sources.files] == \
        [(f.display, f.sha256, f.triples) for f in reference.files]
    assert sources.files[-1].display == "ontology/rdzl-shapes.ttl"
    assert len(sources.ontology_graphs) == 1 and len(sources.data_graphs) == len(sources.files) - 2
    asserted = len(list(sources.store.quads_for_pattern(None, None, None, ASSERTED)))
    assert asserted == len(reference.ontology + reference.data)


def test_file_of_a_resource_as_the_reference():
    sources, reference = load_sources(), load()
    iris = [s for s in reference.subject_files if not isinstance(s, BNode)]
    assert len(iris) > 400
    assert {s: sources.file_for(s) for s in iris} == {s: reference.subject_files[s] for s in iris}
    assert sources.file_for(ox.NamedNode("https://w3id.org/rdzl-graph/id/nothing")) is None


def test_source_graph_names_round_trip():
    assert source_index(source_graph(17)) == 17
    assert source_index(ASSERTED) is None


@pytest.fixture
def copies(tmp_path: Path) -> dict[str, Path]:
    data, ontology = tmp_path / "data", tmp_path / "ontology"
    shutil.copytree(data_dir(), data)
    shutil.copytree(ontology_dir(), ontology)
    return {"data": data, "ontology": ontology}


def test_syntax_errors_name_file_line_and_column_with_oxigraphs_message(copies):
    """Regression: the file used to be parsed again with rdflib, whose line (43 for Oxigraph's 40) was
    reported; now both loaders give the first parser's line, column and message."""
    path = copies["data"] / "places.ttl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(20, 'place:oops rdfs:label "unterminated ;\n')
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_sources(copies["data"], copies["ontology"])
    with pytest.raises(InputError) as reference:
        load(copies["data"], copies["ontology"])
    assert str(error.value) == str(reference.value)
    assert (error.value.path, error.value.line, error.value.column) == ("data/places.ttl", 21, 38)
    assert str(error.value) == ("data/places.ttl, line 21, column 38: not valid Turtle: a string between double "
                                'quotes is not closed on its line (use """...""" for text over several lines)')


def test_an_iri_only_oxigraph_rejects_is_an_error_with_its_line(copies):
    """rdflib accepts an IRI with a space (the old build then crashed writing N-Triples)."""
    path = copies["data"] / "places.ttl"
    path.write_text(path.read_text(encoding="utf-8") + "\n<https://x.example/a b> a <https://x.example/C> .\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_sources(copies["data"], copies["ontology"])
    assert error.value.path == "data/places.ttl"
    assert error.value.line == len(path.read_text(encoding="utf-8").splitlines())
    assert "IRI" in error.value.message


def test_not_utf8_and_missing_shapes_as_the_reference(copies):
    (copies["data"] / "bad.ttl").write_bytes(b"# caf\xe9\n")
    with pytest.raises(InputError, match=r"data/bad.ttl, line 1: file is not valid UTF-8"):
        load_sources(copies["data"], copies["ontology"])
    (copies["data"] / "bad.ttl").unlink()
    (copies["ontology"] / "rdzl-shapes.ttl").unlink()
    with pytest.raises(InputError, match="SHACL shapes file not found"):
        load_sources(copies["data"], copies["ontology"])
