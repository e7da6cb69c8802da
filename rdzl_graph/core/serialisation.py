"""Reproducible serialisations of a dataset (the build's outputs and ``rdzl-graph export``).

Serializations are reproducible: blank nodes get canonical labels
(RDFC-1.0) and triples are sorted. At scale this is done on N-Triples lines
(:func:`graph_lines`, :func:`serialize_lines`): a term's N-Triples text is
what ``str()`` gives in pyoxigraph and UTF-8 byte order is code-point order,
so sorting lines gives the order of sorting ``(str(s), str(p), str(o))``,
without a Python object per triple; only the triples with blank nodes are
canonicalized (RDFC-1.0 labels depend on nothing else). The result is byte
for byte what canonicalising the whole dataset and serialising it with pyoxigraph gives (the
reference, in ``tests/reference_serialisation.py``; the tests compare both).
"""

from __future__ import annotations

import pyoxigraph as ox

from .namespaces import PREFIXES

FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def graph_lines(store: ox.Store, graphs: list[ox.NamedNode]) -> list[bytes]:
    """Return the distinct N-Triples lines (without newline) of the union of *graphs*, sorted.

    Parameters
    ----------
    store : pyoxigraph.Store
        The store.
    graphs : list of pyoxigraph.NamedNode
        Named graphs whose triples to merge (blank nodes keep their store labels).

    Returns
    -------
    list of bytes
    """
    if len(graphs) == 1:  # a graph holds each triple once: its lines need no merging
        single = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graphs[0]).split(b"\n")
        single.pop()  # after the last newline (or all of an empty dump)
        single.sort()
        return single
    merged: set[bytes] = set()
    for graph in graphs:
        merged.update(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).split(b"\n"))
    merged.discard(b"")
    return sorted(merged)


def _line(triple: ox.Triple | ox.Quad) -> bytes:
    return f"{triple.subject} {triple.predicate} {triple.object} .".encode("utf-8")


def canonical_lines(graphs: dict[str, list[bytes]]) -> dict[str, list[bytes]]:
    """Give the blank nodes of a dataset canonical labels (RDFC-1.0) and sort each graph.

    Parameters
    ----------
    graphs : dict
        Graph IRI -> N-Triples lines of that graph (any blank-node labels).

    Returns
    -------
    dict
        Graph IRI -> sorted lines with ``_:c14n<n>`` labels, as
        :func:`canonical_quads` labels the same dataset.
    """
    plain: dict[str, list[bytes]] = {}
    changed: set[str] = set()
    blank: list[ox.Quad] = []
    for iri, lines in graphs.items():
        suspects = [line for line in lines if b"_:" in line]
        if not suspects:
            plain[iri] = lines
            continue
        name = ox.NamedNode(iri)
        keep = [line for line in lines if b"_:" not in line]
        for line, triple in zip(suspects, ox.parse(b"\n".join(suspects), format=ox.RdfFormat.N_TRIPLES)):
            if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
                blank.append(ox.Quad(triple.subject, triple.predicate, triple.object, name))
            else:
                keep.append(line)
        plain[iri] = keep
        changed.add(iri)
    if blank:
        dataset = ox.Dataset(blank)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        for quad in dataset:
            plain[quad.graph_name.value].append(_line(quad))
    # lines given sorted and distinct stay so; Timsort merges the runs of the others
    return {iri: list(dict.fromkeys(sorted(lines))) if iri in changed else _sorted_distinct(lines)
            for iri, lines in plain.items()}


def _sorted_distinct(lines: list[bytes]) -> list[bytes]:
    if all(a < b for a, b in zip(lines, lines[1:])):
        return lines
    return list(dict.fromkeys(sorted(lines)))


def serialize_lines(graphs: dict[str, list[bytes]], fmt: str, union: list[bytes] | None = None) -> bytes:
    """Serialize canonical sorted lines (see :func:`canonical_lines`) as pyoxigraph would serialise the canonical, sorted quads.

    Parameters
    ----------
    graphs : dict
        Graph IRI -> sorted N-Triples lines.
    fmt : str
        ``trig`` (one block per graph, graphs in IRI order), or ``nt``,
        ``ttl``, ``jsonld`` (the union as one graph).
    union : list of bytes, optional
        :func:`union_lines` of *graphs*, if already at hand.

    Returns
    -------
    bytes
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {sorted(FORMATS)}")
    prefixes = dict(PREFIXES) if fmt in ("ttl", "trig") else None
    if fmt == "trig":
        nquads = bytearray()
        for iri in sorted(graphs, key=lambda i: str(ox.NamedNode(i))):
            suffix = f" <{iri}> .\n".encode("utf-8")
            for line in graphs[iri]:
                nquads += line[:-2]
                nquads += suffix
        quads = ox.parse(bytes(nquads), format=ox.RdfFormat.N_QUADS)
        return ox.serialize(quads, format=FORMATS[fmt], prefixes=prefixes)
    if union is None:
        union = union_lines(graphs)
    if fmt == "nt":
        return b"\n".join([*union, b""])  # every line ends with a newline
    triples = ox.parse(b"\n".join(union), format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=FORMATS[fmt], prefixes=prefixes)


def trig_block(iri: str, lines: list[bytes]) -> bytes:
    """The TriG serialization of one graph (prefix header included), see :func:`join_trig`."""
    return serialize_lines({iri: lines}, "trig")


def _header_length(block: bytes) -> int:
    end = 0
    while block.startswith(b"@prefix", end):
        end = block.index(b"\n", end) + 1
    return end


def join_trig(blocks: dict[str, bytes]) -> bytes:
    """Join per-graph TriG blocks (:func:`trig_block`) into what :func:`serialize_lines` writes for all graphs.

    The serializer writes the prefixes, then each graph as one block, graphs in
    IRI order; so the blocks can be written separately (and earlier) and joined
    without their repeated prefix header.
    """
    parts = [blocks[iri] for iri in sorted(blocks, key=lambda i: str(ox.NamedNode(i))) if blocks[iri]]
    if not parts:
        return b""
    return parts[0] + b"".join(part[_header_length(part):] for part in parts[1:])


def union_lines(graphs: dict[str, list[bytes]]) -> list[bytes]:
    """Return the distinct lines of all graphs, sorted (the union graph)."""
    merged: list[bytes] = []
    for lines in graphs.values():
        merged += lines
    merged.sort()  # sorted runs: Timsort merges them
    return list(dict.fromkeys(merged))


def store_lines(store: ox.Store) -> dict[str, list[bytes]]:
    """Canonical sorted lines of every named graph of *store* (see :func:`canonical_lines`)."""
    return canonical_lines({graph.value: graph_lines(store, [graph]) for graph in store.named_graphs()})


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
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {sorted(FORMATS)}")
    return serialize_lines(store_lines(store), fmt)
