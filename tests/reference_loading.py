"""The rdflib loader the tests (and benchmarks) compare with: every file parsed by rdflib into an
ontology and a data graph, with the subject -> file map (test-only code; the build loads with
Oxigraph, :func:`rdzl_graph.core.loading.load_sources`)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF
from rdflib.term import Node

from rdzl_graph.core.loading import display_path, input_files, load_shapes, parse_turtle
from rdzl_graph.core.sources import LoadedGraphs, SourceFile
from rdzl_graph.core.namespaces import bind_prefixes


def load(data_dir: Path | str | None = None, ontology_dir: Path | str | None = None) -> LoadedGraphs:
    """Load the ontology, the shapes and all data files.

    Parameters
    ----------
    data_dir : path-like, optional
        Data root; defaults to the packaged/checkout ``data/``.
    ontology_dir : path-like, optional
        Ontology root; defaults to the packaged/checkout ``ontology/``.

    Returns
    -------
    LoadedGraphs
        Parsed graphs, the file list and the subject -> file map.

    Raises
    ------
    InputError
        If a directory or the shapes file is missing, a directory holds no
        Turtle files, or a file is bad.
    """
    ontology_root, data_root, ont_paths, data_paths = input_files(data_dir, ontology_dir)
    ontology = bind_prefixes(Graph())
    data = bind_prefixes(Graph())
    files: list[SourceFile] = []
    typed_in: dict[Node, str] = {}
    first_in: dict[Node, str] = {}

    for paths, root, target in ((ont_paths, ontology_root, ontology), (data_paths, data_root, data)):
        for path in paths:
            display = display_path(path, root)
            graph, raw = parse_turtle(path, display)
            target += graph
            files.append(SourceFile(path.resolve(), display, hashlib.sha256(raw).hexdigest(), len(graph)))
            for subject in graph.subjects(RDF.type, None):
                typed_in.setdefault(subject, display)
            for subject in graph.subjects():
                first_in.setdefault(subject, display)

    shapes, shapes_file_record = load_shapes(ontology_root)
    files.append(shapes_file_record)

    subject_files = {**first_in, **typed_in}
    return LoadedGraphs(ontology, data, shapes, files, subject_files)
