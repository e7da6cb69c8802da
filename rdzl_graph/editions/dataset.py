"""The editions of the report in one dataset: the current data (the latest edition) and, per older
edition, the named graph of its differing facts (``data/editions/<slug>/*.trig``).

The rule (data/README.md, "Editions") in code: :func:`view` computes what any edition says, from the
current data backwards through the older editions' graphs. Nothing here writes files.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..core.errors import InputError
from ..core.loading import display_path, input_files, load_sources
from ..core.namespaces import RDZL
from ..core.sources import ASSERTED, source_graph
from ..core.resources import query_text
from ..core.sparql import query

_HERE = Path(__file__).resolve().parent
EDITIONS_DIR = "editions"
"""Folder of ``data/`` holding the older editions' graphs (``<slug>/**/*.trig``)."""

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SOURCE_REPORT = ox.NamedNode(str(RDZL.sourceReport))
REPORTS_NONE = ox.NamedNode(str(RDZL.reportsNone))
PROJECT_CLASSES = frozenset(ox.NamedNode(str(RDZL[name])) for name in ("Project", "SubProject"))

#: Edition-dependent properties of a project, by facet: an edition graph that states one property of
#: a facet for a project states the whole facet (the others of the group are then absent in it).
FACETS: dict[str, tuple[str, ...]] = {
    "status": ("reportedStatus", "statusCertainty", "assignmentNote"),
    "funding": ("hasFunding",),
    "partners": ("hasParticipation", "reportNamesNoPartner"),
    "milestones": ("hasMilestone",),
    "attention": ("hasAttentionPoint",),
    "quotes": ("hasQuote",),
    "source": ("sourceReport",),
}
_FACET_OF = {ox.NamedNode(str(RDZL[name])): facet for facet, names in FACETS.items() for name in names}
#: Classes of the nodes a project's facets link to; such a node that no project links is not in a view.
FACT_CLASSES = frozenset(ox.NamedNode(str(RDZL[name])) for name in
                         ("Participation", "FundingAllocation", "Milestone", "AttentionPoint", "Quote"))

Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]


@dataclass(frozen=True)
class Edition:
    """One edition of the report: IRI, slug, place in the order (1 = first), label and date."""

    iri: str
    slug: str
    order: int
    label: str | None = None
    date: str | None = None
    previous: str | None = None


@dataclass
class EditionSet:
    """The current data and the older editions' graphs (see module docstring)."""

    current: frozenset
    editions: list[Edition]
    graphs: dict[str, frozenset] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    ontology: frozenset = frozenset()

    @property
    def latest(self) -> Edition:
        """The edition the current data is."""
        return self.editions[-1]

    def edition(self, name: str, option: str = "--edition") -> Edition:
        """An edition by slug or IRI; ``latest`` names the latest.

        Raises
        ------
        InputError
            If there is no such edition (the message lists the known ones).
        """
        if name == "latest":
            return self.latest
        for edition in self.editions:
            if name in (edition.slug, edition.iri, f"report:{edition.slug}"):
                return edition
        known = ", ".join(e.slug for e in self.editions)
        raise InputError(option, None, f"no edition {name!r} in the data (known: {known})")



def slug_of(iri: str) -> str:
    """The last path segment of an IRI.

    Examples
    --------
    >>> slug_of("https://w3id.org/rdzl-graph/id/report/voortgangsrapportage-4e-tranche")
    'voortgangsrapportage-4e-tranche'
    """
    return iri.rsplit("/", 1)[-1]


def order_editions(rows: list[dict], where: str = "data/") -> list[Edition]:
    """Put the editions in the order of their ``rdzl:previousEdition`` chain.

    Examples
    --------
    >>> rows = [{"edition": "r/b", "previous": "r/a"}, {"edition": "r/a"}]
    >>> [(e.slug, e.order) for e in order_editions(rows)]
    [('a', 1), ('b', 2)]
    """
    found: dict[str, dict] = {}
    for row in rows:
        found.setdefault(row["edition"], {}).update({k: v for k, v in row.items() if v is not None})
    if not found:
        raise InputError(where, None, "no report (rdzl:Report) in the data: there is no edition")
    following: dict[str | None, list[str]] = defaultdict(list)
    for iri, row in found.items():
        following[row.get("previous")].append(iri)
    firsts = following.get(None, [])
    if len(firsts) != 1:
        names = ", ".join(sorted(slug_of(i) for i in firsts)) or "none"
        raise InputError(where, None, f"the editions do not form one chain: {len(firsts)} have no previous edition ({names})")
    chain = [firsts[0]]
    while following.get(chain[-1]):
        nexts = following[chain[-1]]
        if len(nexts) > 1:
            raise InputError(where, None, f"editions {', '.join(sorted(slug_of(i) for i in nexts))} name the same previous edition {slug_of(chain[-1])}")
        chain.append(nexts[0])
    if len(chain) != len(found):
        left = sorted(slug_of(i) for i in set(found) - set(chain))
        raise InputError(where, None, f"editions {', '.join(left)} are not in the chain of rdzl:previousEdition (unknown previous edition or a loop)")
    return [Edition(iri, slug_of(iri), n, found[iri].get("label"), str(found[iri]["date"]) if "date" in found[iri] else None,
                    found[iri].get("previous")) for n, iri in enumerate(chain, 1)]


def _read_graphs(data_root: Path, editions: list[Edition]) -> tuple[dict[str, frozenset], list[str]]:
    older = {e.iri for e in editions[:-1]}
    graphs: dict[str, set] = defaultdict(set)
    files = []
    for path in sorted((data_root / EDITIONS_DIR).rglob("*.trig")):
        display = display_path(path, data_root)
        try:
            quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG, base_iri=path.resolve().as_uri()))
        except SyntaxError as exc:
            raise InputError(display, getattr(exc, "lineno", None), f"not valid TriG: {exc.msg or exc}") from exc
        except (OSError, ValueError) as exc:
            raise InputError(display, None, f"cannot read file ({exc})") from exc
        for quad in quads:
            name = quad.graph_name
            if not isinstance(name, ox.NamedNode) or name.value not in older:
                what = "the default graph" if not isinstance(name, ox.NamedNode) else f"graph <{name.value}>"
                raise InputError(display, None, f"{what} is not an older edition: every triple of an edition file must be "
                                 f"in the graph of an edition before the latest ({', '.join(slug_of(i) for i in sorted(older)) or 'there is none'})")
            graphs[name.value].add((quad.subject, quad.predicate, quad.object))
        files.append(display)
    return {iri: frozenset(triples) for iri, triples in graphs.items()}, files


def load_editions(data_dir: Path | str | None = None, ontology_dir: Path | str | None = None) -> EditionSet:
    """Load the current data (as the build does) and the older editions' graphs.

    Raises
    ------
    InputError
        A bad file (file and line), editions that do not form one chain, or an edition file whose
        triples are not in the graph of an older edition.
    """
    _, data_root, _, _ = input_files(data_dir, ontology_dir)
    sources = load_sources(data_dir, ontology_dir)
    current = frozenset((q.subject, q.predicate, q.object) for q in sources.store.quads_for_pattern(None, None, None, ASSERTED))
    editions = order_editions(query(sources.store, query_text("editions", _HERE)), display_path(data_root, data_root))
    graphs, files = _read_graphs(data_root, editions)
    ontology = frozenset((q.subject, q.predicate, q.object) for i in range(sources.ontology_files)
                         for q in sources.store.quads_for_pattern(None, None, None, source_graph(i)))
    return EditionSet(current, editions, graphs, files, ontology)


def _is_project(subject, *graphs) -> bool:
    return any((subject, _RDF_TYPE, cls) in graph for graph in graphs for cls in PROJECT_CLASSES)


def overlay(triples: set, graph: frozenset) -> set:
    """What an edition says, from what the next edition says and the edition's own graph.

    For a project, each facet (:data:`FACETS`; any other property is a facet of its own) that the
    graph states (or names with ``rdzl:reportsNone``) replaces the next edition's; any other resource
    the graph describes is replaced as a whole. Everything else stays as in ``triples`` (not changed).
    """
    stated: dict = defaultdict(set)
    for s, p, o in graph:
        if _is_project(s, graph, triples):
            stated[s].add(_FACET_OF.get(o if p == REPORTS_NONE else p, o if p == REPORTS_NONE else p))
        else:
            stated[s].add("*")
    def replaced(t) -> bool:
        groups = stated.get(t[0])
        return bool(groups) and ("*" in groups or _FACET_OF.get(t[1], t[1]) in groups)
    return {t for t in triples if not replaced(t)} | {t for t in graph if t[1] != REPORTS_NONE}


def _sweep(triples: set) -> set:
    """Drop fact nodes (:data:`FACT_CLASSES`) that no resource links any more."""
    facts = {s for s, p, o in triples if p == _RDF_TYPE and o in FACT_CLASSES}
    linked = {o for s, p, o in triples if p in _FACET_OF}
    orphans = facts - linked
    return {t for t in triples if t[0] not in orphans and t[2] not in orphans}


def view(editions: EditionSet, name: str) -> set:
    """The triples of one edition: the current data, without what was first reported later, with
    the older editions' graphs laid over it from the latest back to this edition.

    Parameters
    ----------
    editions : EditionSet
    name : str
        Slug or IRI of the edition (``latest`` for the current data).

    Returns
    -------
    set of (subject, predicate, object)
        pyoxigraph terms; a new set (``editions`` is not changed).
    """
    edition = editions.edition(name)
    triples = set(editions.current)
    later = {ox.NamedNode(e.iri) for e in editions.editions if e.order > edition.order}
    if not later:
        return triples
    sources: dict = defaultdict(set)
    for s, p, o in triples:
        if p == SOURCE_REPORT:
            sources[s].add(o)
    gone = {s for s, reports in sources.items() if reports <= later} | later
    triples = {t for t in triples if t[0] not in gone and t[2] not in gone}
    for older in reversed([e for e in editions.editions if edition.order <= e.order < editions.latest.order]):
        triples = overlay(triples, editions.graphs.get(older.iri, frozenset()))
    return _sweep(triples)


def view_store(editions: EditionSet, name: str) -> ox.Store:
    """:func:`view` in a new pyoxigraph store (default graph)."""
    store = ox.Store()
    store.extend(ox.Quad(*t) for t in view(editions, name))
    return store
