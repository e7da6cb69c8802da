"""The edits ``ingest accept`` makes, in memory: per project, per facet (data/README.md, "Editions").

:class:`Work` holds the changed texts of ``data/`` and the blocks of the previous edition's graph;
:func:`apply_project` and :func:`end_project` fill it; :meth:`Work.write` writes it into a directory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..core.errors import InputError
from ..core.namespaces import ID_PREFIXES
from ..core.resources import query_text
from ..core.sparql import query
from .turtle_text import LayoutError, add_statements, block_span, prefix_lines, take_block, take_statements

_HERE = Path(__file__).resolve().parent
#: Facets (data/README.md) as they are written in the data files.
FACET_TEXT = {
    "status": ("rdzl:reportedStatus", "rdzl:statusCertainty", "rdzl:assignmentNote"),
    "funding": ("rdzl:hasFunding",),
    "partners": ("rdzl:hasParticipation", "rdzl:reportNamesNoPartner"),
    "attention": ("rdzl:hasAttentionPoint",),
    "quotes": ("rdzl:hasQuote",),
    "source": ("rdzl:sourceReport",),
}
_NAMES = sorted(((base, "orgs" if prefix == "org" else prefix) for prefix, base in ID_PREFIXES.items()), key=lambda p: -len(p[0]))
_RDZL = "https://w3id.org/rdzl-graph/ont#"


def name(iri: str) -> str:
    """The prefixed name of a resource IRI, as the data files write it.

    Examples
    --------
    >>> name("https://w3id.org/rdzl-graph/id/org/lltb"), name("https://w3id.org/rdzl-graph/id/participation/a--b")
    ('orgs:lltb', 'partic:a--b')
    """
    for base, prefix in _NAMES:
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    if iri.startswith(_RDZL):
        return "rdzl:" + iri[len(_RDZL):]
    return f"<{iri}>"


def term_text(term) -> str:
    """A pyoxigraph term as Turtle text (prefixed names for resources)."""
    if isinstance(term, ox.NamedNode):
        return name(term.value)
    if isinstance(term, ox.Literal):
        text = term.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype.value.endswith("#boolean"):
            return term.value
        return f'"{text}"' if term.datatype.value.endswith("#string") else f'"{text}"^^<{term.datatype.value}>'
    raise InputError("staged Turtle", None, f"a blank node ({term}) cannot be accepted: give it an IRI")


@dataclass
class _History:
    prefixes: list[str]
    statements: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[str] = field(default_factory=list)


class Work:
    """The edits of one accept (see module docstring)."""

    def __init__(self, data_root: Path, previous: str, edition: str, staged: ox.Store, staged_texts: dict[str, str]) -> None:
        self.data_root, self.previous, self.edition = data_root, previous, edition
        self.staged, self.staged_texts = staged, staged_texts
        self.texts: dict[str, str] = {}
        self.deleted: set[str] = set()
        self.history: dict[str, _History] = {}
        self.stated: set[tuple[str, str]] = set()
        self.maybe_orphans: set[str] = set()
        self.ended: set[str] = set()
        self.applied: list[dict] = []
        self.current = ox.Store()
        self.index: dict[str, str] = {}
        for path in sorted(data_root.rglob("*.ttl")):
            rel = path.relative_to(data_root).as_posix()
            text = path.read_text(encoding="utf-8")
            self.texts[rel] = text
            self.current.load(text, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
            for line in text.split("\n"):
                if line[:1] not in ("", " ", "\t", "#", "@"):
                    self.index.setdefault(line.split(" ", 1)[0], rel)
        self.original = dict(self.texts)
        self.labels = {row["r"]: row["l"] for store in (self.staged, self.current) for row in query(
            store, query_text("accept-labels", _HERE))}
        links = query_text("accept-links", _HERE)
        self.current_links, self.staged_links = query(self.current, links), query(self.staged, links)

    # --- reading -------------------------------------------------------------------------------
    def file_of(self, subject: str) -> str:
        rel = self.index.get(subject)
        if rel is None or rel in self.deleted:
            raise InputError(str(self.data_root), None, f"no file of data/ describes {subject}")
        return rel

    def links(self, slug: str, kind: str, staged: bool = False) -> list[tuple[str, str]]:
        project = f"https://w3id.org/rdzl-graph/id/project/{slug}"
        rows = self.staged_links if staged else self.current_links
        return [(row["node"], row["target"]) for row in rows if row["project"] == project and row["kind"] == kind]

    def staged_block(self, subject: str) -> str:
        for rel, text in sorted(self.staged_texts.items()):
            if block_span(text.split("\n"), subject) is not None:
                return take_block(text, subject)[1]
        raise InputError(subject, None, "not found in the staged Turtle")

    def known(self, iri: str) -> bool:
        return name(iri) in self.index

    # --- history (the previous edition's graph) -----------------------------------------------------
    def hist(self, rel: str) -> _History:
        key = f"editions/{self.previous}/{rel.removesuffix('.ttl')}.trig"
        if key not in self.history:
            self.history[key] = _History(prefix_lines(self.original[rel]))
        return self.history[key]

    def move_block(self, subject: str) -> None:
        rel = self.file_of(subject)
        self.texts[rel], block = take_block(self.texts[rel], subject)
        self.hist(rel).blocks.append(block)

    def move_facet(self, slug: str, facet: str) -> list[str]:
        """Take a facet's statements out of a project's block; the first time, keep them as history."""
        subject = f"project:{slug}"
        rel = self.file_of(subject)
        taken: list[tuple[str, str]] = []
        for predicate in FACET_TEXT[facet]:
            self.texts[rel], objects = take_statements(self.texts[rel], subject, predicate)
            taken += [(predicate, obj) for obj in objects]
        if (slug, facet) not in self.stated:
            self.stated.add((slug, facet))
            old = [f"{p} {o}" for p, o in taken] or [f"rdzl:reportsNone {FACET_TEXT[facet][0]}"]
            self.hist(rel).statements.setdefault(subject, []).extend(old)
        return [o for p, o in taken if p == FACET_TEXT[facet][0]]

    # --- the current files -----------------------------------------------------------------------
    def add(self, slug: str, statements: list[str]) -> None:
        rel = self.file_of(f"project:{slug}")
        self.texts[rel] = add_statements(self.texts[rel], f"project:{slug}", statements)

    def append(self, rel: str, block: str) -> None:
        self.texts[rel] = self.texts[rel].rstrip("\n") + "\n\n" + block.strip("\n") + "\n"

    def add_staged_node(self, slug: str, iri: str) -> None:
        self.append(self.file_of(f"project:{slug}"), self.staged_block(name(iri)))
        self.index[name(iri)] = self.file_of(f"project:{slug}")

    def add_resource(self, iri: str, rel: str) -> None:
        """Add a new organisation or person from the staged Turtle to ``rel`` (once)."""
        if not self.known(iri):
            self.append(rel, self.staged_block(name(iri)))
            self.index[name(iri)] = rel

    def add_edition_file(self, report_text: str) -> None:
        subject = f"report:{self.edition}"
        text = add_statements(report_text, subject, [f"rdzl:previousEdition report:{self.previous}"])
        self.texts[f"editions/{self.edition}/edition.ttl"] = text

    def move_orphaned_organisations(self) -> None:
        """Organisations that no current file names any more move to the previous edition's graph."""
        for org in sorted(self.maybe_orphans):
            pattern = re.compile(re.escape(org) + r"(?![\w.-]*[\w-])")
            own = self.file_of(org)
            rest = take_block(self.texts[own], org)[0]
            uses = sum(len(pattern.findall(t)) for rel, t in self.texts.items() if rel != own and rel not in self.deleted)
            if uses + len(pattern.findall(rest)) == 0:
                self.move_block(org)

    def write(self, root: Path) -> list[str]:
        """Write the changed files into ``root`` (a copy of data/); return their relative paths."""
        written = []
        for rel, text in sorted(self.texts.items()):
            if self.original.get(rel) != text:
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / rel).write_text(text, encoding="utf-8")
                written.append(rel)
        for rel in sorted(self.deleted):
            (root / rel).unlink()
            written.append(rel)
        for rel, history in sorted(self.history.items()):
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render_history(history, self.previous, self.edition, path.read_text(encoding="utf-8") if path.exists() else None),
                            encoding="utf-8")
            written.append(rel)
        return written


def render_history(history: _History, previous: str, edition: str, existing: str | None) -> str:
    """The TriG of the previous edition's graph (appended to ``existing`` when the file exists)."""
    statements = [f"{subject} " + " ;\n    ".join(lines) + " ." for subject, lines in history.statements.items()]
    graph = "\n\n".join(statements + history.blocks)
    body = f"GRAPH report:{previous} {{\n\n{graph}\n\n}}\n"
    if existing is not None:
        return existing.rstrip("\n") + "\n\n" + body
    prefixes = list(history.prefixes)
    if not any(p.startswith("@prefix report:") for p in prefixes):
        prefixes.append("@prefix report:    <https://w3id.org/rdzl-graph/id/report/> .")
    head = [f"# Editie {previous}: wat deze editie anders zegt dan editie {edition} (data/README.md, \"Editions\");",
            f"# geschreven door rdzl-graph ingest accept. Edition {previous}: what it says differently from {edition}."]
    return "\n".join(head + prefixes) + "\n\n" + body


def _labels(changes: list[dict], kind: str, key: str) -> set[str]:
    return {str(c[key]) for c in changes if c["kind"] == kind and c[key] is not None}


def _partners(work: Work, slug: str, changes: list[dict]) -> None:
    added, removed = _labels(changes, "partner-added", "new"), _labels(changes, "partner-removed", "old")
    if not added and not removed:
        return
    org_of = dict(work.links(slug, "partner"))
    keep = []
    for node in work.move_facet(slug, "partners"):
        if node.startswith("partic:") and work.labels.get(org_of.get(_iri(node), ""), "") in removed:
            work.maybe_orphans.add(name(org_of[_iri(node)]))
            work.move_block(node)
        elif node.startswith("partic:"):
            keep.append(node)
    for node, org in work.links(slug, "partner", staged=True):
        if work.labels.get(org) in added and name(node) not in keep:
            work.add_resource(org, "organisations.ttl")
            work.add_staged_node(slug, node)
            keep.append(name(node))
    work.add(slug, [f"rdzl:hasParticipation {n}" for n in keep] or ["rdzl:reportNamesNoPartner true"])


def _iri(prefixed: str) -> str:
    prefix, local = prefixed.split(":", 1)
    base = ID_PREFIXES["org" if prefix == "orgs" else prefix]
    return base + local


def _attention(work: Work, slug: str, changes: list[dict]) -> None:
    added = any(c["kind"] == "attention-point-added" for c in changes)
    removed = _labels(changes, "attention-point-removed", "old")
    if not added and not removed:
        return
    keep = []
    for node in work.move_facet(slug, "attention"):
        if work.labels.get(_iri(node), node) in removed:
            work.move_block(node)
        else:
            keep.append(node)
    if added:
        for node, _ in work.links(slug, "attention", staged=True):
            if not work.known(node) and name(node) not in keep:
                work.add_staged_node(slug, node)
                keep.append(name(node))
    if keep:
        work.add(slug, [f"rdzl:hasAttentionPoint {n}" for n in keep])


def _quotes(work: Work, slug: str, changes: list[dict]) -> None:
    names = _labels(changes, "person-added", "new")
    if not names:
        return
    keep = work.move_facet(slug, "quotes")
    for node, person in work.links(slug, "person", staged=True):
        if work.labels.get(person) in names and not work.known(node):
            work.add_resource(person, "persons.ttl")
            work.add_staged_node(slug, node)
            keep.append(name(node))
    work.add(slug, [f"rdzl:hasQuote {n}" for n in keep])


def _status_and_funding(work: Work, slug: str, kinds: set[str]) -> None:
    project = ox.NamedNode(f"https://w3id.org/rdzl-graph/id/project/{slug}")
    if "status" in kinds:
        work.move_facet(slug, "status")
        statements = [f"{p} {term_text(q.object)}" for p in FACET_TEXT["status"]
                      for q in work.staged.quads_for_pattern(project, ox.NamedNode(_RDZL + p.split(':')[1]), None)]
        work.add(slug, statements)
    if "amount" in kinds:
        for node in work.move_facet(slug, "funding"):
            work.move_block(node)
        for node, _ in work.links(slug, "funding", staged=True):
            work.add_staged_node(slug, node)
            work.add(slug, [f"rdzl:hasFunding {name(node)}"])


def apply_project(work: Work, slug: str, changes: list[dict]) -> None:
    """Apply one project's accepted changes (and cite the new edition) in ``work``."""
    kinds = {c["kind"] for c in changes}
    try:
        if "project-added" in kinds:
            _add_project(work, slug)
            return
        _status_and_funding(work, slug, kinds)
        _partners(work, slug, changes)
        _quotes(work, slug, changes)
        _attention(work, slug, changes)
        sources = work.move_facet(slug, "source")
        sources += [] if f"report:{work.edition}" in sources else [f"report:{work.edition}"]
        work.add(slug, [f"rdzl:sourceReport {s}" for s in sources])
    except LayoutError as exc:
        raise InputError(work.file_of(f"project:{slug}"), None, f"cannot edit this file safely ({exc}); apply the change by hand") from None


def _add_project(work: Work, slug: str) -> None:
    rel = f"projects/{slug}.ttl"
    if rel not in work.staged_texts or block_span(work.staged_texts[rel].split("\n"), f"project:{slug}") is None:
        raise InputError(rel, None, f"the staged Turtle has no file {rel} describing the new project project:{slug}")
    if rel in work.texts:
        raise InputError(str(work.data_root / rel), None, "exists already: the new project's slug is taken")
    work.texts[rel] = work.staged_texts[rel]
    for line in work.staged_texts[rel].split("\n"):
        if line[:1] not in ("", " ", "\t", "#", "@"):
            work.index.setdefault(line.split(" ", 1)[0], rel)
    for kind, target in (("partner", "organisations.ttl"), ("person", "persons.ttl")):
        for _, resource in work.links(slug, kind, staged=True):
            work.add_resource(resource, target)


def end_project(work: Work, slug: str) -> None:
    """Move a project the new edition says has ended, with its file, into the previous edition's graph."""
    rel = work.file_of(f"project:{slug}")
    if rel != f"projects/{slug}.ttl":
        raise InputError(rel, None, f"project:{slug} is not the only project of its file; move it to data/editions/{work.previous}/ by hand")
    text = work.texts[rel]
    work.hist(rel).blocks.append("\n".join(line for line in text.split("\n") if not line.startswith("@prefix ")).strip("\n"))
    work.deleted.add(rel)
    work.maybe_orphans |= set(re.findall(r"orgs:[\w.-]*[\w-]", text))
