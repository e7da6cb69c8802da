"""The reference serialisation the build's line-based one must equal byte for byte: canonicalise
the whole dataset (RDFC-1.0) with pyoxigraph, sort the quads, serialise them (test-only code)."""

from __future__ import annotations

import pyoxigraph as ox

from rdzl_graph.core.namespaces import PREFIXES
from rdzl_graph.core.serialisation import FORMATS


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
