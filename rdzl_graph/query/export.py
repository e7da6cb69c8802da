"""Export the built, reasoned graph (asserted + inferred) in a chosen RDF format."""

from __future__ import annotations

from pathlib import Path

from ..core.atomic import replace_file
from ..core.resources import DEFAULT_BUILD_DIR
from ..core.serialisation import serialize
from .store import open_store


def export(fmt: str, output: Path | str | None = None, build_dir: Path | str = DEFAULT_BUILD_DIR) -> bytes:
    """Export the built, reasoned graph to a file (or return the bytes).

    Parameters
    ----------
    fmt : str
        One of ``ttl``, ``nt``, ``trig``, ``jsonld``.
    output : path-like, optional
        File to write; if None nothing is written.
    build_dir : path-like
        The build directory holding ``graph/rdzl-graph.trig``.

    Returns
    -------
    bytes
        The serialization.
    """
    data = serialize(open_store(build_dir), fmt)
    if output is not None:
        replace_file(output, data)
    return data
