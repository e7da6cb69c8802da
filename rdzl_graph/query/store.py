"""The embedded query store: an in-memory pyoxigraph ``Store``.

The store is loaded from the built TriG file (named graphs ontology, data and
inferred). Queries see the union of the named graphs as their default graph.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..core.errors import InputError
from ..core.resources import ANALYSIS_DIR_NAME, DEFAULT_BUILD_DIR, default_trig_path

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
