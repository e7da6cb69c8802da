"""Locate the ontology, data and query directories.

In an installed wheel they live in ``rdzl_graph/_resources/``; in a source
checkout they are the top-level ``ontology/``, ``data/`` and ``queries/``
directories next to the package.
"""

from __future__ import annotations

from pathlib import Path

RESOURCE_NAMES = ("ontology", "data", "queries")
#: Folders of ``data/`` that the layout requires (``data/README.md``): a build fails when one is
#: missing, unreadable or holds no Turtle files, instead of building a graph without their facts.
REQUIRED_DATA_DIRS = ("projects", "vocabularies")

# Where a build writes the graph and every reader finds it: <build dir>/graph/rdzl-graph.trig
DEFAULT_BUILD_DIR = Path("build")
GRAPH_DIR_NAME = "graph"
#: Folder beside the built graph with the analysis graphs (``<build>/analysis/*.trig``).
ANALYSIS_DIR_NAME = "analysis"
#: The trainee's circle decisions (``rdzl-graph circles import``), relative to the working directory,
#: outside build/ so that a rebuild never loses them.
DEFAULT_DECISIONS = Path("decisions") / "circle-decisions.trig"
TRIG_NAME = "rdzl-graph.trig"
NT_NAME = "rdzl-graph.nt"
REASONED_TTL_NAME = "rdzl-graph-reasoned.ttl"
INFO_NAME = "build-info.json"


def resource_dir(name: str) -> Path:
    """Return the directory holding one kind of packaged resource.

    Parameters
    ----------
    name : str
        One of ``"ontology"``, ``"data"`` or ``"queries"``.

    Returns
    -------
    pathlib.Path
        The packaged ``_resources/<name>`` copy if present, else the
        checkout directory ``<repo>/<name>``.

    Raises
    ------
    ValueError
        If *name* is not a known resource name.
    """
    if name not in RESOURCE_NAMES:
        raise ValueError(f"unknown resource {name!r}; expected one of {RESOURCE_NAMES}")
    package_dir = Path(__file__).resolve().parent.parent
    packaged = package_dir / "_resources" / name
    if packaged.is_dir():
        return packaged
    return package_dir.parent / name


def ontology_dir() -> Path:
    """Return the ontology directory (see :func:`resource_dir`)."""
    return resource_dir("ontology")


def data_dir() -> Path:
    """Return the data directory (see :func:`resource_dir`)."""
    return resource_dir("data")


def queries_dir() -> Path:
    """Return the SPARQL query directory (see :func:`resource_dir`)."""
    return resource_dir("queries")


def shapes_file(ontology: Path | None = None) -> Path:
    """Return the SHACL shapes file inside an ontology directory.

    Parameters
    ----------
    ontology : pathlib.Path, optional
        The ontology directory; defaults to :func:`ontology_dir`.
    """
    return Path(ontology or ontology_dir()) / "rdzl-shapes.ttl"


def query_text(name: str, queries: Path | None = None) -> str:
    """Read one SPARQL query file.

    Parameters
    ----------
    name : str
        File name, with or without the ``.rq`` suffix.
    queries : pathlib.Path, optional
        Query directory; defaults to :func:`queries_dir`.

    Returns
    -------
    str
        The query text.
    """
    file_name = name if name.endswith(".rq") else f"{name}.rq"
    return (Path(queries or queries_dir()) / file_name).read_text(encoding="utf-8")


def default_trig_path(build_dir: Path | str = DEFAULT_BUILD_DIR) -> Path:
    """Return the path of the built TriG file inside a build directory."""
    return Path(build_dir) / GRAPH_DIR_NAME / TRIG_NAME
