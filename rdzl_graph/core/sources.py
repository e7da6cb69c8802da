"""What the build loaded: the source files, the working store with one named graph per file, and
where a resource is defined (file and line) for the messages of validation, reasoning and the
quality checks. Loading itself is :mod:`rdzl_graph.core.loading`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

#: Named graph of the build's working store holding ontology + data (the reasoner's input).
ASSERTED = ox.NamedNode("urn:rdzl-graph:reasoning:asserted")
#: Prefix of the per-file named graphs of the build's working store (``<prefix><index>``).
SOURCE_GRAPH_PREFIX = "urn:rdzl-graph:source:"
_RDF_TYPE = ox.NamedNode(str(RDF.type))

_PREFIX_RE = re.compile(
    r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.\-]*)?:\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE
)


@dataclass
class SourceFile:
    """One parsed input file.

    Attributes
    ----------
    path : pathlib.Path
        Absolute path of the file.
    display : str
        Path for messages, e.g. ``data/projects/x.ttl``.
    sha256 : str
        Hex digest of the file bytes.
    triples : int
        Number of triples parsed from the file.
    """

    path: Path
    display: str
    sha256: str
    triples: int


class _Lookup:
    """Where a resource of the loaded files is: shared by :class:`LoadedGraphs` and :class:`SourceSet`."""

    files: list[SourceFile]

    def file_for(self, subject: object) -> str | None:  # pragma: no cover - defined by both subclasses
        raise NotImplementedError

    def path_for(self, display: str) -> Path | None:
        """Return the absolute path of a file given its display path."""
        for source in self.files:
            if source.display == display:
                return source.path
        return None

    def locate(self, focus: str) -> tuple[str | None, int | None]:
        """The file (display path) that defines the resource ``focus`` (an IRI) and its line there.

        The one lookup of "where is this resource" for the build's messages (inconsistencies,
        quality checks, carried-over warnings): the file from the store (:meth:`file_for`),
        the line from :func:`find_line`. Blank nodes (``_:...``) have no file.
        """
        if focus.startswith("_:"):
            return None, None
        file = self.file_for(URIRef(focus))
        path = self.path_for(file) if file else None
        return file, (find_line(path, focus) if path else None)


@dataclass
class LoadedGraphs(_Lookup):
    """The parsed inputs of a build.

    Attributes
    ----------
    ontology : rdflib.Graph
        Union of the ontology files (without the shapes).
    data : rdflib.Graph
        Union of all data files.
    shapes : rdflib.Graph or None
        The SHACL shapes (always set by :func:`load`).
    files : list of SourceFile
        Every parsed file, ontology first, in load order.
    subject_files : dict
        Subject node -> display path of the file that defines it (the file
        where it is typed, else the first file it appears in as subject).
    """

    ontology: Graph
    data: Graph
    shapes: Graph | None
    files: list[SourceFile] = field(default_factory=list)
    subject_files: dict[Node, str] = field(default_factory=dict)

    def file_for(self, subject: Node) -> str | None:
        """Return the display path of the file defining *subject*, if known."""
        return self.subject_files.get(subject)



def source_graph(index: int) -> ox.NamedNode:
    """Return the working-store graph name of the *index*-th loaded file.

    Examples
    --------
    >>> source_graph(3).value
    'urn:rdzl-graph:source:3'
    """
    return ox.NamedNode(f"{SOURCE_GRAPH_PREFIX}{index}")


def source_index(graph_name: object) -> int | None:
    """Return the file index encoded in a working-store graph name, or None for other graphs."""
    value = getattr(graph_name, "value", None)
    if isinstance(graph_name, ox.NamedNode) and value.startswith(SOURCE_GRAPH_PREFIX):
        return int(value[len(SOURCE_GRAPH_PREFIX):])
    return None


def to_ox_node(node: object) -> ox.NamedNode | ox.BlankNode | None:
    """Convert an rdflib IRI or blank node (or a pyoxigraph one) to a pyoxigraph node."""
    if isinstance(node, (ox.NamedNode, ox.BlankNode)):
        return node
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    return None


@dataclass
class SourceSet(_Lookup):
    """The inputs of a build parsed into one pyoxigraph store (see :func:`load_sources`).

    Attributes
    ----------
    store : pyoxigraph.Store
        Graph ``source_graph(i)`` holds the triples of ``files[i]`` (ontology
        files first, then data files); :data:`ASSERTED` holds their union.
    files : list of SourceFile
        Every parsed file in load order, the shapes file last (not in the store).
    ontology_files : int
        How many of ``files`` are ontology files.
    shapes : rdflib.Graph
        The SHACL shapes.
    """

    store: ox.Store
    files: list[SourceFile]
    ontology_files: int
    shapes: Graph

    @property
    def ontology_sources(self) -> list[SourceFile]:
        """The ontology files, in load order."""
        return self.files[: self.ontology_files]

    @property
    def data_sources(self) -> list[SourceFile]:
        """The data files, in load order."""
        return self.files[self.ontology_files:-1]

    @property
    def shapes_source(self) -> SourceFile:
        """The SHACL shapes file."""
        return self.files[-1]

    @property
    def ontology_graphs(self) -> list[ox.NamedNode]:
        """Working-store graphs of the ontology files."""
        return [source_graph(i) for i in range(self.ontology_files)]

    @property
    def data_graphs(self) -> list[ox.NamedNode]:
        """Working-store graphs of the data files."""
        return [source_graph(i) for i in range(self.ontology_files, len(self.files) - 1)]

    def _first_file(self, quads) -> str | None:
        indices = [i for i in (source_index(q.graph_name) for q in quads) if i is not None]
        return self.files[min(indices)].display if indices else None

    def file_for(self, subject: object) -> str | None:
        """Return the display path of the file defining *subject*, if known.

        As :meth:`LoadedGraphs.file_for`: the first file (in load order) that
        types it, else the first file where it is a subject.
        """
        node = to_ox_node(subject)
        if node is None:
            return None
        typed = self._first_file(self.store.quads_for_pattern(node, _RDF_TYPE, None, None))
        return typed or self._first_file(self.store.quads_for_pattern(node, None, None, None))

    def digests(self) -> dict[str, str]:
        """Display path -> sha256 of every file, shapes included."""
        return {f.display: f.sha256 for f in self.files}


def prefixes_in_text(text: str) -> dict[str, str]:
    """Return the prefix declarations of a Turtle text (prefix -> namespace)."""
    return {(m.group(1) or ""): m.group(2) for m in _PREFIX_RE.finditer(text)}


def find_line(path: Path, iri: str) -> int | None:
    """Find, best effort, the line where a resource appears in a Turtle file.

    A line where the resource starts a statement (subject position) is
    preferred; otherwise the first line mentioning it.

    Parameters
    ----------
    path : pathlib.Path
        The Turtle file.
    iri : str
        The full IRI of the resource.

    Returns
    -------
    int or None
        1-based line number, or None if not found.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    candidates = [f"<{iri}>"]
    for prefix, namespace in prefixes_in_text(text).items():
        if namespace and iri.startswith(namespace):
            candidates.append(f"{prefix}:{iri[len(namespace):]}")
    pattern = "|".join(re.escape(c) for c in candidates)
    # the name must not continue: no further name characters (a trailing '.' is fine)
    token = re.compile(rf"(?<![\w:/\-])(?:{pattern})(?![\w/\-%:#]|\.[\w])")
    first_any = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = token.search(line)
        if not match:
            continue
        if not line[: match.start()].strip():
            return number
        if first_any is None:
            first_any = number
    return first_any
