"""Load the ontology and data Turtle files.

Two loaders, with the same files, checks and error messages:

- :func:`load_sources` (the build): every file is parsed by Oxigraph into a
  named graph of its own in one pyoxigraph store, and the union is copied
  into the reasoner's asserted graph. Parsing costs about a microsecond a
  triple, and the per-file graphs say which file defines a resource
  (:meth:`SourceSet.file_for`) without a Python map of every subject.
- :func:`load` (the reference, for analysts and tests): rdflib graphs of the
  ontology and the data, with an eager subject -> file map.

Every file is parsed on its own so that a syntax error can name the file
and line (for Oxigraph's errors the file is parsed again with rdflib, whose
messages the tests pin, falling back to Oxigraph's own location).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from .errors import InputError
from .namespaces import bind_prefixes
from .resources import data_dir as default_data_dir
from .resources import ontology_dir as default_ontology_dir
from .sparql import query_file

SHAPES_FILE_NAME = "rdzl-shapes.ttl"

#: Named graph of the build's working store holding ontology + data (the reasoner's input).
ASSERTED = ox.NamedNode("urn:rdzl-graph:reasoning:asserted")
#: Prefix of the per-file named graphs of the build's working store (``<prefix><index>``).
SOURCE_GRAPH_PREFIX = "urn:rdzl-graph:source:"
_RDF_TYPE = ox.NamedNode(str(RDF.type))
_ASSERT_SOURCES = Path(__file__).resolve().parent / "assert-sources.ru"

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


@dataclass
class LoadedGraphs:
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

    def path_for(self, display: str) -> Path | None:
        """Return the absolute path of a file given its display path."""
        for source in self.files:
            if source.display == display:
                return source.path
        return None


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
class SourceSet:
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
        file = self.file_for(ox.NamedNode(focus))
        path = self.path_for(file) if file else None
        return file, (find_line(path, focus) if path else None)

    def digests(self) -> dict[str, str]:
        """Display path -> sha256 of every file, shapes included."""
        return {f.display: f.sha256 for f in self.files}


def display_path(path: Path, root: Path) -> str:
    """Return *path* as ``<root name>/<relative path>`` if it lies under *root*.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    root : pathlib.Path
        The data or ontology root directory.

    Returns
    -------
    str
        E.g. ``data/projects/x.ttl``; the plain path if not under *root*.
    """
    try:
        return (Path(root.name) / path.resolve().relative_to(root.resolve())).as_posix()
    except ValueError:
        return str(path)


def parse_turtle(path: Path, display: str) -> tuple[Graph, bytes]:
    """Parse one Turtle file, turning any failure into :class:`InputError`.

    Parameters
    ----------
    path : pathlib.Path
        The file to parse.
    display : str
        The name used in error messages.

    Returns
    -------
    (rdflib.Graph, bytes)
        The parsed graph and the raw file bytes.

    Raises
    ------
    InputError
        If the file cannot be read, is not UTF-8, or is not valid Turtle.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(display, None, f"cannot read file ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(display, line, "file is not valid UTF-8") from exc
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        line = bad_syntax_line(exc)
        cause = getattr(exc, "_why", None) or str(exc)
        raise InputError(display, line, cause) from exc
    except Exception as exc:  # rdflib raises assorted errors on bad input
        raise InputError(display, None, f"cannot parse Turtle: {exc}") from exc
    return graph, raw


def graph_sizes(store: ox.Store) -> dict[str, int]:
    """Triples per named graph of *store* (``queries/stats-graph-sizes.rq``)."""
    return {row["graph"]: int(row["triples"]) for row in query_file(store, "stats-graph-sizes")}


def read_source(path: Path, display: str) -> bytes:
    """Read a Turtle file's bytes and check that they are UTF-8.

    Raises
    ------
    InputError
        If the file cannot be read or is not UTF-8 (with the line).
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(display, None, f"cannot read file ({exc.strerror or exc})") from exc
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(display, line, "file is not valid UTF-8") from exc
    return raw


def syntax_error(path: Path, display: str, exc: SyntaxError) -> InputError:
    """Turn an Oxigraph Turtle ``SyntaxError`` into an :class:`InputError` naming file and line.

    The file is parsed again with rdflib, whose message (and line) is used
    when it fails too; otherwise Oxigraph's message and line are kept (the
    two parsers differ in a few corner cases).
    """
    try:
        parse_turtle(path, display)
    except InputError as rdflib_error:
        return rdflib_error
    message = str(exc.msg or exc)
    return InputError(display, exc.lineno, f"not valid Turtle: {message}")


def input_files(data_dir: Path | str | None, ontology_dir: Path | str | None) -> tuple[Path, Path, list[Path], list[Path]]:
    """Resolve the ontology and data roots and list their Turtle files (both loaders use this).

    Returns
    -------
    tuple
        ``(ontology_root, data_root, ontology_paths, data_paths)``.

    Raises
    ------
    InputError
        If a directory is missing or holds no Turtle files.
    """
    data_root = Path(data_dir) if data_dir is not None else default_data_dir()
    ontology_root = Path(ontology_dir) if ontology_dir is not None else default_ontology_dir()
    for root, kind in ((ontology_root, "ontology"), (data_root, "data")):
        if not root.is_dir():
            raise InputError(str(root), None, f"{kind} directory not found")
    ont_paths = ontology_files(ontology_root)
    if not ont_paths:
        raise InputError(str(ontology_root), None, "no ontology *.ttl files found")
    data_paths = data_files(data_root)
    if not data_paths:
        raise InputError(str(data_root), None, "no data *.ttl files found")
    return ontology_root, data_root, ont_paths, data_paths


def load_shapes(ontology_root: Path) -> tuple[Graph, SourceFile]:
    """Parse the SHACL shapes with rdflib (pySHACL needs them so); return them and their file record."""
    shapes_path = ontology_root / SHAPES_FILE_NAME
    display = display_path(shapes_path, ontology_root)
    if not shapes_path.is_file():
        raise InputError(display, None, "SHACL shapes file not found")
    shapes, raw = parse_turtle(shapes_path, display)
    return shapes, SourceFile(shapes_path.resolve(), display, hashlib.sha256(raw).hexdigest(), len(shapes))


def load_sources(data_dir: Path | str | None = None, ontology_dir: Path | str | None = None) -> SourceSet:
    """Parse the ontology and data files into a pyoxigraph store (the build's loader).

    Same files, order, checks and errors as :func:`load`; each file goes
    into its own named graph (:func:`source_graph`) and their union into
    :data:`ASSERTED`. The shapes are parsed with rdflib (pySHACL needs them so).

    Parameters
    ----------
    data_dir : path-like, optional
        Data root; defaults to the packaged/checkout ``data/``.
    ontology_dir : path-like, optional
        Ontology root; defaults to the packaged/checkout ``ontology/``.

    Returns
    -------
    SourceSet

    Raises
    ------
    InputError
        If a directory or the shapes file is missing, a directory holds no
        Turtle files, or a file is bad (file and line).
    """
    ontology_root, data_root, ont_paths, data_paths = input_files(data_dir, ontology_dir)
    store = ox.Store()
    files: list[SourceFile] = []
    for paths, root in ((ont_paths, ontology_root), (data_paths, data_root)):
        for path in paths:
            display = display_path(path, root)
            raw = read_source(path, display)
            resolved = path.resolve()
            try:
                store.load(raw, format=ox.RdfFormat.TURTLE, base_iri=resolved.as_uri(), to_graph=source_graph(len(files)))
            except SyntaxError as exc:
                raise syntax_error(path, display, exc) from exc
            files.append(SourceFile(resolved, display, hashlib.sha256(raw).hexdigest(), 0))

    shapes, shapes_file_record = load_shapes(ontology_root)
    files.append(shapes_file_record)

    for graph, triples in graph_sizes(store).items():
        index = source_index(ox.NamedNode(graph))
        if index is not None:
            files[index].triples = triples
    store.update(_ASSERT_SOURCES.read_text(encoding="utf-8"))
    return SourceSet(store, files, len(ont_paths), shapes)


def bad_syntax_line(exc: BadSyntax) -> int | None:
    """Return the 1-based line of an rdflib ``BadSyntax`` error.

    The error's position in the parsed text is used: rdflib's own ``lines``
    counter drifts after multi-line literals.
    """
    text, position = getattr(exc, "_str", None), getattr(exc, "_i", None)
    if isinstance(text, (bytes, str)) and isinstance(position, int):
        newline = b"\n" if isinstance(text, bytes) else "\n"
        return text[:position].count(newline) + 1
    lines = getattr(exc, "lines", None)
    return lines + 1 if isinstance(lines, int) else None


def ontology_files(ontology_root: Path) -> list[Path]:
    """List the ontology Turtle files (excluding the shapes file), sorted."""
    return sorted(p for p in ontology_root.glob("*.ttl") if p.name != SHAPES_FILE_NAME)


def data_files(data_root: Path) -> list[Path]:
    """List every ``*.ttl`` file under *data_root*, recursively, sorted."""
    return sorted(p for p in data_root.rglob("*.ttl") if p.is_file())


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
