"""Export the reasoned graph (asserted + inferred) in a chosen RDF format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyoxigraph as ox

from .namespaces import PREFIXES
from .store import DEFAULT_BUILD_DIR, open_store

FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def canonical_quads(store: ox.Store) -> list[ox.Quad]:
    """Return the store's quads with canonical blank-node labels (RDFC-1.0), sorted.

    Canonical labels and sorting make the serializations byte-for-byte
    reproducible for the same input.
    """
    dataset = ox.Dataset(store)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(dataset, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def union_triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    """Return the distinct triples of all graphs, sorted."""
    triples = {quad.triple for quad in quads}
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def serialize_quads(quads: list[ox.Quad], fmt: str) -> bytes:
    """Serialize quads (see :func:`serialize`); ``trig`` keeps the named graphs."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {sorted(FORMATS)}")
    prefixes = dict(PREFIXES) if fmt in ("ttl", "trig") else None
    if fmt == "trig":
        return ox.serialize(quads, format=FORMATS[fmt], prefixes=prefixes)
    return ox.serialize(union_triples(quads), format=FORMATS[fmt], prefixes=prefixes)


def serialize(store: ox.Store, fmt: str) -> bytes:
    """Serialize the reasoned graph.

    Parameters
    ----------
    store : pyoxigraph.Store
        Store loaded with the built dataset.
    fmt : str
        ``ttl``, ``nt`` or ``jsonld`` (union of all graphs as one graph), or
        ``trig`` (the ontology, data and inferred named graphs).

    Returns
    -------
    bytes
        The serialization, reproducible for the same input.

    Raises
    ------
    ValueError
        For an unknown format.
    """
    return serialize_quads(canonical_quads(store), fmt)


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
        Path(output).write_bytes(data)
    return data


def _run(args: argparse.Namespace) -> int:
    data = export(args.format, args.output, args.build)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``export`` subcommand to the CLI."""
    parser = subparsers.add_parser("export", help="export the reasoned graph as ttl, nt, trig or jsonld")
    parser.add_argument("--format", choices=sorted(FORMATS), required=True)
    parser.add_argument("-o", "--output", default=None, help="output file (default: stdout)")
    parser.add_argument("--build", default=str(DEFAULT_BUILD_DIR), help="build directory (default: build)")
    parser.set_defaults(handler=_run)
