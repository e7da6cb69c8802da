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
compared again, by count and by content (:mod:`rdzl_graph.endpoints.verify`: a SHA-256 of the
canonical N-Triples of each graph, locally and as the server gives it back); :func:`verify` can be
run alone to check an endpoint. Staging graphs left by an earlier failed push are dropped first.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..core.errors import EndpointError
from ..core.resources import DEFAULT_BUILD_DIR, default_trig_path
from .client import Endpoint, count_triples, make_endpoint, put_graph, run_update  # noqa: F401
from .options import PROTOCOLS  # noqa: F401 - also push's public name
from .templates import fill_template, ntriples, template_text
from .verify import (  # noqa: F401 - re-exported: push's public names before the split
    STAGING_BASE, GraphCount, PushResult, compare, local_graphs, staging_iri, staging_leftovers, verify, write_record,
)


Progress = Callable[[str, str, int], None]


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
    _drop(endpoint, staging)
    templates = {False: template_text("endpoint-insert-data.ru"), True: template_text("endpoint-insert-triples.ru")}
    for number, (blank, chunk) in enumerate(chunks(triples, chunk_size), start=1):
        text = fill_template(templates[blank], {"graph": staging, "triples": ntriples(chunk)})
        run_update(endpoint, text, f"upload of <{graph}> (part {number})")


def push(
    endpoint: Endpoint,
    build_dir: Path | str = DEFAULT_BUILD_DIR,
    *,
    graphs: Sequence[str] = (),
    protocol: str = "gsp",
    chunk_size: int = 2000,
    progress: Progress | None = None,
) -> PushResult:
    """Upload the built named graphs to a SPARQL 1.1 store and verify them (count and content).

    Parameters
    ----------
    endpoint : Endpoint
        Query URL (checks), update URL (always needed: staged graphs are moved into place with
        ``MOVE``), and for ``gsp`` the Graph Store URL.
    build_dir : pathlib.Path or str
        Build directory holding ``graph/rdzl-graph.trig``.
    graphs : sequence of str
        Graph IRIs to push (default: every graph of the build).
    protocol : {"gsp", "update"}
        ``gsp``: one HTTP ``PUT`` per graph; ``update``: ``INSERT DATA`` in chunks.
    chunk_size : int
        Triples per ``INSERT DATA`` request (``update`` only).
    progress : callable, optional
        Called as ``progress(event, graph, triples)``, events ``"staged"`` and ``"moved"``.

    Returns
    -------
    PushResult
        Local and remote counts and content hashes per graph, staging graphs left.

    Raises
    ------
    EndpointError
        If the endpoint is unreachable, too slow, refuses the credentials, or a staged graph is
        short (the final graphs are then unchanged; ``push --verify-only`` shows the difference).

    Examples
    --------
    >>> push(make_endpoint("http://127.0.0.1:7878/query"), "build").ok  # doctest: +SKIP
    True
    """
    _check_options(endpoint, protocol)
    start = time.perf_counter()
    local = local_graphs(default_trig_path(build_dir), graphs)
    for leftover in staging_leftovers(endpoint):  # of an earlier push that failed
        _drop(endpoint, leftover)
    for graph, triples in local.items():
        staged = _stage_checked(endpoint, graph, triples, protocol, chunk_size)
        if progress:
            progress("staged", graph, staged)
    run_update(endpoint, _moves(local), "moving the staged graphs into place")
    checks = compare(endpoint, local)
    for check in checks if progress else ():
        progress("moved", check.graph, check.remote)
    if all(check.ok for check in checks):
        write_record(build_dir, endpoint, checks)
    return PushResult(checks, protocol, time.perf_counter() - start, staging_leftovers(endpoint))


def _moves(graphs: Sequence[str]) -> str:
    """ONE update request that moves every staged graph into place."""
    move = template_text("endpoint-move-graph.ru")
    return " ;\n".join(fill_template(move, {"source": staging_iri(g), "target": g}).strip() for g in graphs)


def _check_options(endpoint: Endpoint, protocol: str) -> None:
    if protocol not in PROTOCOLS:
        raise EndpointError(f"unknown store protocol {protocol!r}; expected one of {', '.join(PROTOCOLS)}")
    if not endpoint.update_url:
        raise EndpointError("push needs a SPARQL Update endpoint (--update-endpoint) to move staged graphs")


def _drop(endpoint: Endpoint, graph: str) -> None:
    run_update(endpoint, fill_template(template_text("endpoint-drop-graph.ru"), {"graph": graph}), "clean-up")


def _stage_checked(endpoint: Endpoint, graph: str, triples: list[ox.Triple], protocol: str, chunk_size: int) -> int:
    """Upload *graph* to its staging graph and check the count there; on a short count drop it and raise."""
    _stage(endpoint, graph, triples, protocol, chunk_size)
    staged = count_triples(endpoint, [staging_iri(graph)])[staging_iri(graph)]
    if staged != len(triples):
        _drop(endpoint, staging_iri(graph))
        raise EndpointError(
            f"upload of <{graph}> is incomplete: {staged} of {len(triples)} triples arrived; "
            "the final graph was left unchanged"
        )
    return staged
