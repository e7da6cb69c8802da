"""Check that a SPARQL store holds exactly the built graphs: triple counts, then content.

Counting is not enough: a build that corrects a label or an amount has as many triples as the
old one, so after a failed push the old graphs "count" as complete. So each graph is compared by
content: a SHA-256 of its sorted N-Triples lines after RDF Dataset Canonicalization (RDFC-1.0,
:meth:`pyoxigraph.Dataset.canonicalize`), computed for the local build and for the graph as the
server gives it back (``queries/endpoint-graph-content.rq``, a ``CONSTRUCT``). Blank nodes (the
OWL lists of the ontology graph) get server-specific labels; canonicalization relabels them the
same way on both sides, so equal graphs give equal hashes whatever the labels. Literals must come
back with the same lexical form and datatype, with one exception: ``xsd:integer`` and
``xsd:decimal`` values are compared by value (Virtuoso 7 stores a whole ``"3"^^xsd:decimal`` as
``"3"^^xsd:integer``; a changed amount still shows, a decimal stored as an integer of the same
value does not).

Leftover staging graphs (of a push that failed before it moved them into place) are listed
(``queries/endpoint-staging-graphs.rq``).

A push that ends complete records the hashes it verified in ``<build>/push-record.json`` (per
endpoint URL: when, and per graph its triples and SHA-256); :func:`verify` reads it back, so a
difference can say whether the server still holds what an earlier push from this build folder sent.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from ..core.errors import EndpointError
from ..core.atomic import replace_file
from ..core.namespaces import GRAPH_BASE
from ..core.resources import DEFAULT_BUILD_DIR, default_trig_path
from ..query.sparql_values import inject_values
from ..query.store import load_store
from .client import Endpoint, count_triples, remote_triples, run_remote, safe_url
from .templates import template_text

STAGING_BASE = GRAPH_BASE + "staging/"
RECORD_NAME = "push-record.json"


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
    recorded : dict
        Graph IRI -> ``(time, sha256)`` of the last complete push to this endpoint from this build
        folder (``push-record.json``), for the graphs recorded.
    """

    counts: tuple[GraphCount, ...]
    protocol: str
    seconds: float
    leftovers: tuple[str, ...] = ()
    recorded: dict[str, tuple[str, str]] = field(default_factory=dict)

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
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, _by_value(t.object)) for t in triples)
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    lines = sorted(f"{q.subject} {q.predicate} {q.object} .\n" for q in dataset)
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


_NUMBERS = {ox.NamedNode("http://www.w3.org/2001/XMLSchema#" + name) for name in ("integer", "decimal")}
_NUMBER = ox.NamedNode("urn:rdzl-graph:content-hash:number")


def _by_value(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An ``xsd:integer``/``xsd:decimal`` literal as its value (``"3"`` for ``3``, ``3.0`` and ``3.00``).

    >>> _by_value(ox.Literal("3.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))).value
    '3.5'
    """
    if not isinstance(term, ox.Literal) or term.datatype not in _NUMBERS:
        return term
    try:
        value = Decimal(term.value)
    except InvalidOperation:
        return term
    return ox.Literal(format(value.normalize(), "f"), datatype=_NUMBER)


def remote_content_hash(endpoint: Endpoint, graph: str) -> tuple[int, str]:
    """Fetch one graph from the endpoint; return how many triples came back and their :func:`content_hash`."""
    # VALUES inside WHERE: Virtuoso refuses a top-level VALUES block in a CONSTRUCT.
    text = inject_values(template_text("endpoint-graph-content.rq"), {"graph": ox.NamedNode(graph)})
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
    return PushResult(checks, "verify", time.perf_counter() - start, staging_leftovers(endpoint),
                      read_record(build_dir, endpoint))


def write_record(build_dir: Path | str, endpoint: Endpoint, checks: Sequence[GraphCount]) -> Path:
    """Record the verified hashes of a complete push in ``<build>/push-record.json`` (per endpoint URL)."""
    path = Path(build_dir) / RECORD_NAME
    record = _read_json(path)
    record[safe_url(endpoint.query_url)] = {
        "pushed_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "graphs": {c.graph: {"triples": c.remote, "sha256": c.remote_sha256} for c in checks},
    }
    return replace_file(path, json.dumps(record, indent=2, sort_keys=True) + "\n")


def read_record(build_dir: Path | str, endpoint: Endpoint) -> dict[str, tuple[str, str]]:
    """Graph IRI -> ``(time, sha256)`` recorded by the last complete push to *endpoint* (empty if none)."""
    entry = _read_json(Path(build_dir) / RECORD_NAME).get(safe_url(endpoint.query_url), {})
    graphs = entry.get("graphs", {}) if isinstance(entry, dict) else {}
    return {g: (str(entry.get("pushed_at")), str(v.get("sha256"))) for g, v in graphs.items() if isinstance(v, dict)}


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
