"""Publish the built graph to a SPARQL 1.1 store, safely, and verify it.

Guarantee: a final graph on the endpoint is never replaced by an incomplete
one. Each graph is first uploaded to a *staging* graph (Graph Store Protocol
``PUT`` in one request, or SPARQL Update ``INSERT DATA`` in chunks), its
triple count is checked against the local build, and only when every graph is
staged and verified are they moved into place with ``MOVE <staging> TO
<final>`` operations sent in ONE update request. If the endpoint dies or
fails before that request, the final graphs are the old ones (or absent);
stores that run an update request as one transaction (Oxigraph, Fuseki,
GraphDB) switch all graphs at once; stores that commit per operation
(Virtuoso) switch graph by graph, each graph complete. Leftover staging
graphs are dropped by the next push; they are not read by the library
queries (those name their default graphs). Afterwards the final graphs are
counted again; :func:`verify` can be run alone to check an endpoint.
"""

from __future__ import annotations

import time
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..core.errors import EndpointError
from .client import Endpoint, count_triples, put_graph, run_update
from .templates import fill_template, ntriples, template_text
from ..core.namespaces import GRAPH_BASE
from ..core.resources import DEFAULT_BUILD_DIR, default_trig_path
from ..query.store import load_store

PROTOCOLS = ("gsp", "update")
STAGING_BASE = GRAPH_BASE + "staging/"

Progress = Callable[[str, str, int], None]


@dataclass(frozen=True)
class GraphCount:
    """Triples of one graph in the local build and on the endpoint."""

    graph: str
    local: int
    remote: int

    @property
    def ok(self) -> bool:
        """True when the endpoint holds as many triples as the build."""
        return self.local == self.remote


@dataclass(frozen=True)
class PushResult:
    """Outcome of :func:`push` (or :func:`verify`).

    Attributes
    ----------
    counts : tuple of GraphCount
        Per graph, local and remote triple counts after the push.
    protocol : str
        ``gsp``, ``update`` or ``verify`` (nothing uploaded).
    seconds : float
        Wall-clock time of the whole operation.
    """

    counts: tuple[GraphCount, ...]
    protocol: str
    seconds: float

    @property
    def ok(self) -> bool:
        """True when every graph has the same number of triples remotely."""
        return all(count.ok for count in self.counts)


def staging_iri(graph: str) -> str:
    """Return the staging graph IRI used while uploading *graph*.

    >>> staging_iri("https://w3id.org/rdzl-graph/graph/data")
    'https://w3id.org/rdzl-graph/graph/staging/https%3A%2F%2Fw3id.org%2Frdzl-graph%2Fgraph%2Fdata'
    """
    return STAGING_BASE + urllib.parse.quote(graph, safe="")


def local_graphs(trig: Path | str, only: Sequence[str] = ()) -> dict[str, list[ox.Triple]]:
    """Read the built TriG file: named graph IRI -> its triples (sorted).

    Parameters
    ----------
    trig : pathlib.Path or str
        The built dataset (``build/graph/rdzl-graph.trig``).
    only : sequence of str
        Keep just these graphs (all when empty).

    Raises
    ------
    EndpointError
        If a requested graph is not in the build.
    """
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in load_store(trig):
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs[quad.graph_name.value].append(quad.triple)
    missing = [g for g in only if g not in graphs]
    if missing:
        raise EndpointError(f"graph(s) not in the build: {', '.join(missing)}; known: {', '.join(sorted(graphs))}")
    keep = list(only) or sorted(graphs)
    return {g: sorted(graphs[g], key=str) for g in keep}


def chunks(triples: Sequence[ox.Triple], size: int) -> list[tuple[bool, list[ox.Triple]]]:
    """Split triples into upload chunks: ``(has_blank_nodes, triples)`` pairs.

    Triples without blank nodes go in chunks of *size* (sent as ``INSERT
    DATA``). Triples linked by shared blank nodes stay together in one
    chunk (each request gets fresh blank nodes), chunks of at most about
    ``size // 10`` triples (sent as an ``INSERT ... WHERE {}`` template,
    which stores compile to much more code).

    >>> t = [ox.Triple(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"), ox.Literal(i)) for i in range(5)]
    >>> [(blank, len(c)) for blank, c in chunks(t, 2)]
    [(False, 2), (False, 2), (False, 1)]
    """
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def blanks(triple: ox.Triple) -> list[str]:
        return [str(t) for t in (triple.subject, triple.object) if isinstance(t, ox.BlankNode)]

    for triple in triples:
        nodes = blanks(triple)
        for other in nodes[1:]:
            parent[root(other)] = root(nodes[0])
    ground = [t for t in triples if not blanks(t)]
    groups: dict[str, list[ox.Triple]] = defaultdict(list)
    for triple in triples:
        nodes = blanks(triple)
        if nodes:
            groups[root(nodes[0])].append(triple)
    result = [(False, list(ground[i:i + size])) for i in range(0, len(ground), size)]
    blank_size = max(1, size // 10)
    blank_chunks: list[list[ox.Triple]] = []
    for group in groups.values():
        if not blank_chunks or len(blank_chunks[-1]) + len(group) > blank_size:
            blank_chunks.append([])
        blank_chunks[-1].extend(group)
    return result + [(True, chunk) for chunk in blank_chunks]


def _stage(endpoint: Endpoint, graph: str, triples: list[ox.Triple], protocol: str, chunk_size: int) -> None:
    staging = staging_iri(graph)
    if protocol == "gsp":
        put_graph(endpoint, staging, ntriples(triples).encode("utf-8"))
        return
    run_update(endpoint, fill_template(template_text("endpoint-drop-graph.ru"), {"graph": staging}), "clean-up")
    templates = {False: template_text("endpoint-insert-data.ru"), True: template_text("endpoint-insert-triples.ru")}
    for number, (blank, chunk) in enumerate(chunks(triples, chunk_size), start=1):
        text = fill_template(templates[blank], {"graph": staging, "triples": ntriples(chunk)})
        run_update(endpoint, text, f"upload of <{graph}> (part {number})")


def verify(endpoint: Endpoint, build_dir: Path | str = DEFAULT_BUILD_DIR, graphs: Sequence[str] = ()) -> PushResult:
    """Compare the triple counts of the built graphs with those on the endpoint.

    Parameters
    ----------
    endpoint : Endpoint
        The store to check (only its query URL is used).
    build_dir : pathlib.Path or str
        Build directory holding ``graph/rdzl-graph.trig``.
    graphs : sequence of str
        Graph IRIs to check (default: every graph of the build).

    Returns
    -------
    PushResult
        With ``protocol="verify"``; ``ok`` tells whether all counts match.

    Examples
    --------
    >>> verify(Endpoint("http://127.0.0.1:7878/query")).ok  # doctest: +SKIP
    True
    """
    start = time.perf_counter()
    local = local_graphs(default_trig_path(build_dir), graphs)
    remote = count_triples(endpoint, list(local))
    counts = tuple(GraphCount(g, len(local[g]), remote[g]) for g in local)
    return PushResult(counts, "verify", time.perf_counter() - start)


def push(
    endpoint: Endpoint,
    build_dir: Path | str = DEFAULT_BUILD_DIR,
    *,
    graphs: Sequence[str] = (),
    protocol: str = "gsp",
    chunk_size: int = 2000,
    progress: Progress | None = None,
) -> PushResult:
    """Upload the built named graphs to a SPARQL 1.1 store and verify them.

    Parameters
    ----------
    endpoint : Endpoint
        Query URL (for the counts), update URL (always needed: staging
        graphs are moved into place with ``MOVE``), and for ``gsp`` the
        Graph Store URL.
    build_dir : pathlib.Path or str
        Build directory holding ``graph/rdzl-graph.trig``.
    graphs : sequence of str
        Graph IRIs to push (default: every graph of the build: ontology,
        data, inferred and analysis if present).
    protocol : {"gsp", "update"}
        ``gsp``: one HTTP ``PUT`` per graph; ``update``: ``INSERT DATA`` in
        chunks of *chunk_size* triples.
    chunk_size : int
        Triples per ``INSERT DATA`` request (``update`` only).
    progress : callable, optional
        Called as ``progress(event, graph, triples)`` with events
        ``"staged"`` (after a staging graph is verified) and ``"moved"``.

    Returns
    -------
    PushResult
        Local and remote counts per graph after the push.

    Raises
    ------
    EndpointError
        If the endpoint is unreachable, too slow, refuses the credentials,
        or a staged graph does not hold the expected number of triples.

    Examples
    --------
    >>> ep = Endpoint("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update",
    ...               "http://127.0.0.1:7878/store")
    >>> push(ep, "build").ok  # doctest: +SKIP
    True
    """
    if protocol not in PROTOCOLS:
        raise EndpointError(f"unknown store protocol {protocol!r}; expected one of {', '.join(PROTOCOLS)}")
    if not endpoint.update_url:
        raise EndpointError("push needs a SPARQL Update endpoint (--update-endpoint) to move staged graphs")
    start = time.perf_counter()
    local = local_graphs(default_trig_path(build_dir), graphs)
    for graph, triples in local.items():
        _stage(endpoint, graph, triples, protocol, chunk_size)
        staged = count_triples(endpoint, [staging_iri(graph)])[staging_iri(graph)]
        if staged != len(triples):
            drop = fill_template(template_text("endpoint-drop-graph.ru"), {"graph": staging_iri(graph)})
            run_update(endpoint, drop, "clean-up")
            raise EndpointError(
                f"upload of <{graph}> is incomplete: {staged} of {len(triples)} triples arrived; "
                "the final graph was left unchanged"
            )
        if progress:
            progress("staged", graph, staged)
    move = template_text("endpoint-move-graph.ru")
    operations = [fill_template(move, {"source": staging_iri(g), "target": g}).strip() for g in local]
    run_update(endpoint, " ;\n".join(operations), "moving the staged graphs into place")
    remote = count_triples(endpoint, list(local))
    counts = tuple(GraphCount(g, len(local[g]), remote[g]) for g in local)
    if progress:
        for count in counts:
            progress("moved", count.graph, count.remote)
    return PushResult(counts, protocol, time.perf_counter() - start)
