"""The embedded query store: an in-memory pyoxigraph ``Store``.

The store is loaded from the built TriG file (named graphs ontology, data and
inferred). Queries see the union of the named graphs as their default graph.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import InputError
from .namespaces import PREFIXES
from .resources import query_text

DEFAULT_BUILD_DIR = Path("build")
GRAPH_DIR_NAME = "graph"
TRIG_NAME = "rdzl-graph.trig"

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {
    _XSD + name
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
        "unsignedByte",
    )
}


def default_trig_path(build_dir: Path | str = DEFAULT_BUILD_DIR) -> Path:
    """Return the path of the built TriG file inside a build directory."""
    return Path(build_dir) / GRAPH_DIR_NAME / TRIG_NAME


def load_store(trig: Path | str | bytes) -> ox.Store:
    """Create an in-memory store from TriG.

    Parameters
    ----------
    trig : pathlib.Path, str or bytes
        Path of a TriG file, or the TriG content itself as bytes.

    Returns
    -------
    pyoxigraph.Store
        A new in-memory store.

    Raises
    ------
    InputError
        If the file is missing or is not valid TriG.
    """
    store = ox.Store()
    try:
        if isinstance(trig, bytes):
            store.load(trig, format=ox.RdfFormat.TRIG)
        else:
            path = Path(trig)
            if not path.is_file():
                raise InputError(str(path), None, "built graph not found; run `rdzl-graph build` first")
            store.load(path=str(path), format=ox.RdfFormat.TRIG)
    except SyntaxError as exc:
        raise InputError(str(trig if not isinstance(trig, bytes) else "<trig>"), None, str(exc)) from exc
    return store


def open_store(build_dir: Path | str = DEFAULT_BUILD_DIR, analysis: bool = True) -> ox.Store:
    """Open the default built graph (``<build_dir>/graph/rdzl-graph.trig``).

    With ``analysis`` (the default) every analysis graph written beside it,
    ``<build_dir>/analysis/*.trig`` (such as the knowledge-exchange circles),
    is loaded too, in name order.
    """
    store = load_store(default_trig_path(build_dir))
    if analysis:
        load_analysis_graphs(store, build_dir)
    return store


# --- analysis graphs beside the built graph (build/analysis/*.trig) ---------------------------

ANALYSIS_DIR_NAME = "analysis"


def load_analysis_graphs(store: ox.Store, build_dir: Path | str = DEFAULT_BUILD_DIR) -> list[Path]:
    """Load every ``<build_dir>/analysis/*.trig`` into ``store``; return the files loaded.

    Raises
    ------
    InputError
        If one of them is not valid TriG.
    """
    paths = sorted((Path(build_dir) / ANALYSIS_DIR_NAME).glob("*.trig"))
    for path in paths:
        try:
            store.load(path=str(path), format=ox.RdfFormat.TRIG)
        except SyntaxError as exc:
            raise InputError(str(path), None, str(exc)) from exc
    return paths


def to_python(term: Any) -> Any:
    """Convert a pyoxigraph term to a plain Python value.

    IRIs become ``str``; blank nodes ``"_:id"``; literals become ``int``,
    ``Decimal``, ``float``, ``bool``, ``datetime.date`` or ``str`` by datatype;
    ``None`` stays ``None``.
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype is not None else None
        value = term.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(value)
            if datatype == _XSD + "decimal":
                return Decimal(value)
            if datatype in (_XSD + "double", _XSD + "float"):
                return float(value)
            if datatype == _XSD + "boolean":
                return value in ("true", "1")
            if datatype == _XSD + "date":
                return _dt.date.fromisoformat(value)
        except ValueError:
            return value
        return value
    return str(term)


def query(store: ox.Store, sparql: str, bindings: dict[str, Any] | None = None) -> list[dict[str, Any]] | bool:
    """Run a SPARQL query over the union of the named graphs.

    Parameters
    ----------
    store : pyoxigraph.Store
        The store to query.
    sparql : str
        Query text (the project prefixes are predeclared).
    bindings : dict, optional
        Variable name -> IRI string (or pyoxigraph term) substituted before
        evaluation.

    Returns
    -------
    list of dict or bool
        SELECT: one dict per row (variable -> plain Python value).
        ASK: a bool. CONSTRUCT/DESCRIBE: a list of ``(s, p, o)`` tuples of
        plain values.
    """
    substitutions = None
    if bindings:
        substitutions = {
            ox.Variable(name): value if not isinstance(value, str) else ox.NamedNode(value)
            for name, value in bindings.items()
        }
    result = store.query(
        sparql, use_default_graph_as_union=True, prefixes=dict(PREFIXES), substitutions=substitutions
    )
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return [{name: to_python(row[name]) for name in names} for row in result]
    return [(to_python(t.subject), to_python(t.predicate), to_python(t.object)) for t in result]


def query_file(
    store: ox.Store, name: str, queries: Path | None = None, bindings: dict[str, Any] | None = None
) -> list[dict[str, Any]] | bool:
    """Run a named query from the ``queries/`` directory (see :func:`query`)."""
    return query(store, query_text(name, queries), bindings)
