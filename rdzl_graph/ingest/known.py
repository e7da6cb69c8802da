"""What the current graph knows: projects, their names, status, amount, partners, people and
attention points; organisations, people and programme lines by label and alternative label.

The graph is read with the SPARQL files beside this module (``known-*.rq``) from a pyoxigraph
store holding the ontology and the data. An empty :class:`KnownGraph` (``KnownGraph.empty()``)
stands for a graph without projects: every heading of the report is then new.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from ..core.loading import load_sources
from ..core.sources import ASSERTED
from ..core.namespaces import RD
from ..core.resources import query_text
from ..core.sparql import query

_HERE = Path(__file__).resolve().parent


@dataclass
class KnownProject:
    """A project of the current graph (IRI, slug, names and the facts the ingest compares)."""

    iri: str
    slug: str
    label: str
    names: list[str] = field(default_factory=list)
    number: int | None = None
    parent: str | None = None
    status: str | None = None
    amount: int | None = None
    status_certainty: str | None = None
    amount_certainty: str | None = None
    line: str | None = None
    partners: dict[str, str] = field(default_factory=dict)
    persons: dict[str, str] = field(default_factory=dict)
    attention: dict[str, str] = field(default_factory=dict)
    milestones: int = 0


@dataclass
class KnownGraph:
    """The current graph as plain data (see module docstring)."""

    projects: dict[str, KnownProject] = field(default_factory=dict)
    organisations: dict[str, list[str]] = field(default_factory=dict)
    persons: dict[str, list[str]] = field(default_factory=dict)
    lines: dict[str, list[str]] = field(default_factory=dict)
    places: dict[str, list[str]] = field(default_factory=dict)
    statuses: list[str] = field(default_factory=list)

    @classmethod
    def empty(cls) -> KnownGraph:
        """A graph that knows nothing (no projects, organisations or people)."""
        return cls()

    def label(self, iri: str) -> str:
        """The first name of an organisation or person, else the IRI's last segment."""
        names = self.organisations.get(iri) or self.persons.get(iri)
        return names[0] if names else iri.rsplit("/", 1)[-1]


def slug_of(iri: str) -> str:
    """The last path segment of an rdzl-graph IRI."""
    return iri.rsplit("/", 1)[-1]



def store_from_data(data_dir: Path | str | None = None, ontology_dir: Path | str | None = None) -> ox.Store:
    """Load ontology and data (file/line errors as the build reports them) into a new store."""
    sources = load_sources(data_dir, ontology_dir)
    store = ox.Store()
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in sources.store.quads_for_pattern(None, None, None, ASSERTED))
    return store


def _number(value: object) -> int | None:
    return int(value) if isinstance(value, (int, Decimal)) else None


def read_known(store: ox.Store) -> KnownGraph:
    """Read what the ingest compares from a store with ontology and data.

    Parameters
    ----------
    store : pyoxigraph.Store

    Returns
    -------
    KnownGraph
    """
    known = KnownGraph()
    for row in query(store, query_text("known-projects", _HERE)):
        iri = row["project"]
        project = known.projects.setdefault(iri, KnownProject(iri, slug_of(iri), row["label"]))
        project.number = _number(row.get("number")) or project.number
        project.parent = row.get("parent") or project.parent
        project.status = row.get("status") or project.status
        amount = row.get("amount")
        project.amount = int(amount) if amount is not None else project.amount
        project.line = row.get("line") or project.line
        for key, column in (("status_certainty", "statusCertainty"), ("amount_certainty", "amountCertainty")):
            if row.get(column):
                setattr(project, key, slug_of(row[column]))
    for row in query(store, query_text("known-names", _HERE)):
        target = {"project": None, "organisation": known.organisations, "person": known.persons, "line": known.lines,
                  "place": known.places}[row["kind"]]
        if target is None:
            project = known.projects.get(row["resource"])
            if project is not None and row["name"] not in project.names:
                project.names.append(row["name"])
        else:
            names = target.setdefault(row["resource"], [])
            if row["name"] not in names:
                names.append(row["name"])
    for row in query(store, query_text("known-links", _HERE)):
        project = known.projects.get(row["project"])
        if project is None:
            continue
        label = row.get("label") or ""
        if row["kind"] == "partner":
            project.partners[row["target"]] = label or known.label(row["target"])
        elif row["kind"] == "person":
            project.persons[row["target"]] = label or known.label(row["target"])
        elif row["kind"] == "attention":
            project.attention.setdefault(row["target"], label)
        else:
            project.milestones += 1
    known.statuses = sorted({row["label"] for row in query(store, query_text("known-statuses", _HERE))})
    return known


def project_iri(slug: str) -> str:
    """The IRI of a project slug (data/README.md)."""
    return f"{RD}project/{slug}"
