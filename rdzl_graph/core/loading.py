"""Load the ontology and data Turtle files.

Two loaders, with the same files, checks and error messages:

- :func:`load_sources` (the build): every file is parsed by Oxigraph into a
  named graph of its own in one pyoxigraph store, and the union is copied
  into the reasoner's asserted graph (measured: ``bench/results/scale.md``,
  stage "load sources"); the per-file graphs say which file defines a resource
  (:meth:`~rdzl_graph.core.sources.SourceSet.file_for`) without a Python map of every subject.
- the rdflib loader of the tests (``tests/reference_loading.py``): rdflib graphs
  of the ontology and the data, with an eager subject -> file map
  (:class:`~rdzl_graph.core.sources.LoadedGraphs`).

Every file is parsed on its own so that a syntax error can name the file
and line (for Oxigraph's errors the file is parsed again with rdflib, whose
messages the tests pin, falling back to Oxigraph's own location).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from .errors import InputError
from .sources import SourceFile, SourceSet, source_graph, source_index
from .resources import data_dir as default_data_dir
from .resources import ontology_dir as default_ontology_dir
from .sparql import query_file

SHAPES_FILE_NAME = "rdzl-shapes.ttl"
_ASSERT_SOURCES = Path(__file__).resolve().parent / "assert-sources.ru"

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
    :data:`~rdzl_graph.core.sources.ASSERTED`. The shapes are parsed with rdflib (pySHACL needs them so).

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
