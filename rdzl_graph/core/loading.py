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

Every file is parsed on its own so that a syntax error can name the file,
line and column: Oxigraph's, the first parser's (:func:`syntax_error`); the rdflib
loader checks each file with Oxigraph first, so both loaders fail with the same
message. A UTF-8 byte-order mark at the start of a file is accepted.

Lost input is an error, not a smaller graph: each folder of the data layout
(:data:`~rdzl_graph.core.resources.REQUIRED_DATA_DIRS`) must be there, readable
and hold Turtle files, and every file must hold at least one triple
(:func:`check_not_empty`).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .errors import InputError
from .sources import SourceFile, SourceSet, source_graph, source_index
from .resources import REQUIRED_DATA_DIRS
from .resources import data_dir as default_data_dir
from .resources import ontology_dir as default_ontology_dir
from .sparql import query_file

SHAPES_FILE_NAME = "rdzl-shapes.ttl"
_ASSERT_SOURCES = Path(__file__).resolve().parent / "assert-sources.ru"
_BOM = b"\xef\xbb\xbf"
#: Oxigraph's messages start with the position ("Parser error at line 40 column 68: ..."), which
#: :class:`InputError` gives itself.
_POSITION = re.compile(r"^Parser error [^:]*: ")
#: Oxigraph messages said in plainer words.
_PLAIN = {
    "Unexpected end": "the file ends in the middle of a statement (is it cut off?)",
    "Unexpected end of file": "the file ends in the middle of a statement (is it cut off?)",
    "Line jumps are not allowed in string literals, use \\n":
        'a string between double quotes is not closed on its line (use """...""" for text over several lines)',
}


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
    """Parse one Turtle file with rdflib, turning any failure into :class:`InputError`.

    The file is checked with Oxigraph first (:func:`check_turtle`), so a syntax
    error carries Oxigraph's line, column and message, as in the build.

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
    raw = read_source(path, display)
    base = path.resolve().as_uri()
    check_turtle(raw, display, base)
    graph = Graph()
    try:
        graph.parse(data=without_bom(raw).decode("utf-8"), format="turtle", publicID=base)
    except Exception as exc:  # rdflib raises assorted errors on input Oxigraph accepts (rare)
        raise InputError(display, None, f"cannot parse Turtle: {exc}") from exc
    return graph, raw


def without_bom(raw: bytes) -> bytes:
    """The bytes of a file without a leading UTF-8 byte-order mark (which editors on Windows write).

    Examples
    --------
    >>> without_bom(b"\\xef\\xbb\\xbf@prefix x: <urn:x#> .")
    b'@prefix x: <urn:x#> .'
    """
    return raw[len(_BOM):] if raw.startswith(_BOM) else raw


def check_turtle(raw: bytes, display: str, base_iri: str) -> None:
    """Parse *raw* with Oxigraph and drop the triples: raise :class:`InputError` on a syntax error."""
    try:
        for _triple in ox.parse(without_bom(raw), format=ox.RdfFormat.TURTLE, base_iri=base_iri):
            pass
    except SyntaxError as exc:
        raise syntax_error(display, exc) from exc


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


def syntax_error(display: str, exc: SyntaxError) -> InputError:
    """Turn an Oxigraph Turtle ``SyntaxError`` into an :class:`InputError` with file, line and column.

    The position and the message are Oxigraph's (the first parser's), the
    message without its position prefix and, for a few, in plainer words.

    Examples
    --------
    >>> error = SyntaxError("Parser error at line 43 column 46: Unexpected end", (None, 43, 46, None, 43, 46))
    >>> str(syntax_error("data/x.ttl", error))
    'data/x.ttl, line 43, column 46: not valid Turtle: the file ends in the middle of a statement (is it cut off?)'
    """
    message = _POSITION.sub("", str(exc.msg or exc)).strip()
    message = _PLAIN.get(message, message)
    return InputError(display, exc.lineno, f"not valid Turtle: {message}", column=exc.offset)


def _walk_turtle(root: Path, display_root: Path) -> list[Path]:
    """Every ``*.ttl`` file under *root*, sorted; a folder that cannot be read is an error."""
    def unreadable(exc: OSError) -> None:
        where = display_path(Path(exc.filename or root), display_root)
        raise InputError(where, None, f"cannot read folder ({exc.strerror or exc})")

    found = []
    for folder, _dirs, names in os.walk(root, onerror=unreadable):
        found += [Path(folder) / name for name in names if name.endswith(".ttl")]
    return sorted(p for p in found if p.is_file())


def check_layout(data_root: Path) -> None:
    """Each folder of the data layout (:data:`REQUIRED_DATA_DIRS`) is there and holds Turtle files.

    Raises
    ------
    InputError
        Naming the folder: a missing folder would otherwise build a smaller graph with exit 0.
    """
    for name in REQUIRED_DATA_DIRS:
        folder = data_root / name
        display = display_path(folder, data_root)
        if not folder.is_dir():
            raise InputError(display, None, "folder not found: the data layout needs it (see data/README.md)")
        if not _walk_turtle(folder, data_root):
            raise InputError(display, None, "folder holds no *.ttl files: the data layout needs them")


def check_not_empty(files: list[SourceFile]) -> None:
    """Every loaded file holds at least one triple: an emptied file is lost input, not an empty part.

    Raises
    ------
    InputError
        For the first file without triples (in load order).
    """
    for source in files:
        if source.triples == 0:
            raise InputError(source.display, None, "the file holds no triples (it is empty or only comments); "
                             "restore its facts, or delete the file if it is not needed")


def input_files(data_dir: Path | str | None, ontology_dir: Path | str | None) -> tuple[Path, Path, list[Path], list[Path]]:
    """Resolve the ontology and data roots and list their Turtle files (both loaders use this).

    Returns
    -------
    tuple
        ``(ontology_root, data_root, ontology_paths, data_paths)``.

    Raises
    ------
    InputError
        If a directory is missing, unreadable or holds no Turtle files, or a
        folder of the data layout is missing (:func:`check_layout`).
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
    check_layout(data_root)
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
        Turtle files, a file is bad (file, line and column) or holds no triples.
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
                store.load(without_bom(raw), format=ox.RdfFormat.TURTLE, base_iri=resolved.as_uri(),
                           to_graph=source_graph(len(files)))
            except SyntaxError as exc:
                raise syntax_error(display, exc) from exc
            files.append(SourceFile(resolved, display, hashlib.sha256(raw).hexdigest(), 0))

    shapes, shapes_file_record = load_shapes(ontology_root)
    files.append(shapes_file_record)

    for graph, triples in graph_sizes(store).items():
        index = source_index(ox.NamedNode(graph))
        if index is not None:
            files[index].triples = triples
    check_not_empty(files[:-1])
    store.update(_ASSERT_SOURCES.read_text(encoding="utf-8"))
    return SourceSet(store, files, len(ont_paths), shapes)


def ontology_files(ontology_root: Path) -> list[Path]:
    """List the ontology Turtle files (excluding the shapes file), sorted."""
    return sorted(p for p in ontology_root.glob("*.ttl") if p.name != SHAPES_FILE_NAME)


def data_files(data_root: Path) -> list[Path]:
    """List every ``*.ttl`` file under *data_root*, recursively, sorted.

    Raises
    ------
    InputError
        If a folder under *data_root* cannot be read (its files would be missing from the graph).
    """
    return _walk_turtle(data_root, data_root)
