"""Check that a SPARQL store holds exactly the built graphs: triple counts, then content.

Counting is not enough: a build that corrects a label or an amount has as many triples as the
old one, so after a failed push the old graphs "count" as complete. So each graph is compared by
content: a SHA-256 of its sorted N-Triples lines after RDF Dataset Canonicalization (RDFC-1.0,
:meth:`pyoxigraph.Dataset.canonicalize`), computed for the local build and for the graph as the
server gives it back (``queries/endpoint-graph-content.rq``, a ``CONSTRUCT``). Blank nodes (the
OWL lists of the ontology graph) get server-specific labels; canonicalization relabels them the
same way on both sides, so equal graphs give equal hashes whatever the labels. Literals must come
back with the same lexical form and datatype (a store that rewrites ``"1.50"^^xsd:decimal`` as
``"1.5"`` shows as a content difference: it holds other bytes than the build).

Leftover staging graphs (of a push that failed before it moved them into place) are listed
(``queries/endpoint-staging-graphs.rq``).
"""

from __future__ import annotations

import hashlib
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..core.errors import EndpointError
from ..core.namespaces import GRAPH_BASE
from ..core.resources import DEFAULT_BUILD_DIR, default_trig_path
from ..query.store import load_store
from .client import Endpoint, count_triples, remote_triples, run_remote
from .templates import template_text, values_clause

STAGING_BASE = GRAPH_BASE + "staging/"


@dataclass(frozen=True)
class GraphCount:
    """One graph in the local build and on the endpoint.

    Attributes
    ----------
    graph : str
        The graph IRI.
    local, remote : int
        Its triples in the build and on the endpoint.
    local_sha256, remote_sha256 : str or None
        :func:`content_hash` of both (``remote_sha256`` is ``None`` when the counts already differ).
    """

    graph: str
    local: int
    remote: int
    local_sha256: str | None = None
    remote_sha256: str | None = None

    @property
    def ok(self) -> bool:
        """True when the endpoint holds the same triples as the build (count and content)."""
        return self.local == self.remote and self.local_sha256 == self.remote_sha256


@dataclass(frozen=True)
class PushResult:
    """Outcome of :func:`rdzl_graph.endpoints.push.push` or :func:`verify`.

    Attributes
    ----------
    counts : tuple of GraphCount
        Per graph, local and remote triple counts and content hashes.
    protocol : str
        ``gsp``, ``update`` or ``verify`` (nothing uploaded).
    seconds : float
        Wall-clock time of the whole operation.
    leftovers : tuple of str
        Staging graphs still on the endpoint.
    """

    counts: tuple[GraphCount, ...]
    protocol: str
    seconds: float
    leftovers: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every graph has the same triples remotely."""
        return all(count.ok for count in self.counts)


def staging_iri(graph: str) -> str:
    """Return the staging graph IRI used while uploading *graph*.

    >>> staging_iri("https://w3id.org/rdzl-graph/graph/data")
    'https://w3id.org/rdzl-graph/graph/staging/https%3A%2F%2Fw3id.org%2Frdzl-graph%2Fgraph%2Fdata'
    """
    return STAGING_BASE + urllib.parse.quote(graph, safe="")


def content_hash(triples: Sequence[ox.Triple]) -> str:
    """SHA-256 (hex) of the triples' canonical form: RDFC-1.0 blank node labels, sorted N-Triples lines.

    >>> a = [ox.Triple(ox.BlankNode("x"), ox.NamedNode("http://e/p"), ox.Literal("1"))]
    >>> b = [ox.Triple(ox.BlankNode("other"), ox.NamedNode("http://e/p"), ox.Literal("1"))]
    >>> content_hash(a) == content_hash(b), content_hash(a) == content_hash([])
    (True, False)
    """
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    lines = sorted(f"{q.subject} {q.predicate} {q.object} .\n" for q in dataset)
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def remote_content_hash(endpoint: Endpoint, graph: str) -> tuple[int, str]:
    """Fetch one graph from the endpoint; return how many triples came back and their :func:`content_hash`."""
    text = template_text("endpoint-graph-content.rq") + "\n" + values_clause("graph", [graph])
    triples = remote_triples(endpoint, text)
    return len(triples), content_hash(triples)


def staging_leftovers(endpoint: Endpoint) -> tuple[str, ...]:
    """The staging graphs on the endpoint (sorted)."""
    text = template_text("endpoint-staging-graphs.rq")
    rows = run_remote(endpoint, text, default_graphs=None)
    return tuple(sorted(str(row["graph"]) for row in rows if isinstance(row, dict)))


def compare(endpoint: Endpoint, local: dict[str, list[ox.Triple]]) -> tuple[GraphCount, ...]:
    """Compare each local graph with the endpoint's copy: counts, then (when equal) content."""
    remote = count_triples(endpoint, list(local))
    checks = []
    for graph, triples in local.items():
        mine = content_hash(triples)
        theirs = None
        if remote[graph] == len(triples):
            fetched, theirs = remote_content_hash(endpoint, graph)
            if fetched != len(triples):  # e.g. a result row limit of the server
                theirs = f"only {fetched} of {len(triples)} triples came back"
        checks.append(GraphCount(graph, len(triples), remote[graph], mine, theirs))
    return tuple(checks)


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


def verify(endpoint: Endpoint, build_dir: Path | str = DEFAULT_BUILD_DIR, graphs: Sequence[str] = ()) -> PushResult:
    """Compare the built graphs with those on the endpoint: counts and content; list staging leftovers.

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
        With ``protocol="verify"``; ``ok`` tells whether every graph holds the same triples.

    Examples
    --------
    >>> verify(Endpoint("http://127.0.0.1:7878/query")).ok  # doctest: +SKIP
    True
    """
    start = time.perf_counter()
    checks = compare(endpoint, local_graphs(default_trig_path(build_dir), graphs))
    return PushResult(checks, "verify", time.perf_counter() - start, staging_leftovers(endpoint))
