"""Read a trainee's edited circles spreadsheet back as decisions, into their own named graph.

The spreadsheet is the one :mod:`rdzl_graph.circles.sheets` writes (XLSX
sheet ``Kringen``, or the CSV). Conventions, by Dutch column name (columns
may be moved; the header row is row 1):

* a **kring** row with *Beslissing* ``aanvaard``, ``afgewezen`` or ``open``
  records a decision on that circle (empty: nothing decided in this sheet);
  its *Notities* become the decision's note;
* a **lid** row with *Lid* ``nee`` removes that project from the circle;
  a lid row of a project that is not in the proposed circle (and *Lid*
  ``ja`` or empty) adds it. The project is found by *Project-IRI* (full
  IRI, ``project:slug`` or slug) or, when that is empty, by its exact name
  in *Project*. Deleting a row changes nothing: say ``nee``.

A circle is decided by a sheet when its kring row has a decision, or one of
its lid rows says ``nee`` or adds a project (the decision is then the
earlier one, else ``open``); other circles of the sheet are left alone.

Each decided circle becomes one ``rdzl:CircleDecision``
(``<https://w3id.org/rdzl-graph/id/circle-decision/<circle-id>>``) in the
named graph ``https://w3id.org/rdzl-graph/graph/circle-decisions``, with its
provenance (``prov:wasDerivedFrom`` the file name, ``prov:generatedAtTime``,
``dcterms:creator`` when given, ``rdzl:sheetRow``), validated against the
CircleDecision shapes. A later import replaces the decision on the circles
it decides and keeps all others; member changes accumulate (an earlier
added or removed member stays so until a later sheet says otherwise), so a
re-exported sheet, which shows the circles as decided, loses nothing.

Every problem is an :class:`~rdzl_graph.core.errors.InputError` naming the file,
the sheet and the cell, and nothing is written; the TriG file is replaced
atomically. Opening the spreadsheet and finding its columns is
:mod:`rdzl_graph.circles.sheet_reading`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..core.atomic import replace_file
from ..core.errors import InputError, ValidationError
from ..core.resources import DEFAULT_DECISIONS
from ..validation.validate import blocking, to_rdflib, validate
from .sheet_reading import Sheet, read_sheet
from .sheets import DECISION_WORDS, NO, ROW_CIRCLE, ROW_MEMBER, YES

GRAPH = "https://w3id.org/rdzl-graph/graph/circle-decisions"
ID = "https://w3id.org/rdzl-graph/id/"
DECISION_BASE = ID + "circle-decision/"
_RDZL = "https://w3id.org/rdzl-graph/ont#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_PROJECT = ox.NamedNode(_RDZL + "Project")
_P = {name: ox.NamedNode(_RDZL + name) for name in (
    "CircleDecision", "decisionOn", "decision", "addsMember", "removesMember", "decisionNote", "sheetRow")}
_PROV = "http://www.w3.org/ns/prov#"
_DERIVED, _GENERATED = ox.NamedNode(_PROV + "wasDerivedFrom"), ox.NamedNode(_PROV + "generatedAtTime")
_CREATOR = ox.NamedNode("http://purl.org/dc/terms/creator")
_XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = {"rdzl": _RDZL, "prov": _PROV, "dcterms": "http://purl.org/dc/terms/", "xsd": _XSD,
            "circle": ID + "circle/", "decision": ID + "decision/", "project": ID + "project/",
            "cdecision": DECISION_BASE}



@dataclass
class CircleEdit:
    """What one sheet says about one circle (row numbers are the sheet's)."""

    circle: str
    row: int
    decision: str | None = None
    note: str = ""
    yes: dict[str, int] = field(default_factory=dict)
    no: dict[str, int] = field(default_factory=dict)


def _projects(store: ox.Store) -> tuple[set[str], dict[str, set[str]]]:
    """Every project IRI of the store and, per lower-cased label, the projects that carry it."""
    iris = {q.subject.value for q in store.quads_for_pattern(None, _RDF_TYPE, _PROJECT)
            if isinstance(q.subject, ox.NamedNode)}
    by_label: dict[str, set[str]] = {}
    for iri in iris:
        for q in store.quads_for_pattern(ox.NamedNode(iri), _LABEL, None):
            by_label.setdefault(q.object.value.strip().lower(), set()).add(iri)
    return iris, by_label


def _find_project(sheet: Sheet, number: int, record: dict[str, str], iris: set[str],
                  by_label: dict[str, set[str]]) -> str:
    given = record["project_iri"]
    if given:
        for candidate in (given, ID + "project/" + given.removeprefix("project:")):
            if candidate in iris:
                return candidate
        raise sheet.error(sheet.cell("project_iri", number), f"onbekend project {given!r} (geen project in de graaf)")
    name = record["project"]
    if not name:
        raise sheet.error(sheet.cell("project", number), "project ontbreekt (vul de naam of de Project-IRI in)")
    found = by_label.get(name.lower(), set())
    if len(found) != 1:
        problem = "onbekend project" if not found else "de naam past bij meer dan één project"
        raise sheet.error(sheet.cell("project", number), f"{problem} {name!r}; vul de Project-IRI in")
    return next(iter(found))


def read_edits(sheet: Sheet, circles: set[str], iris: set[str], by_label: dict[str, set[str]]) -> dict[str, CircleEdit]:
    """What the sheet says per circle id, checking every cell it reads."""
    edits: dict[str, CircleEdit] = {}
    for number, record in sheet.records():
        kind = record["row"].lower() or (ROW_MEMBER if record["project"] or record["project_iri"] else "")
        if kind not in (ROW_CIRCLE, ROW_MEMBER):
            if not kind and not record["circle_id"]:
                continue
            raise sheet.error(sheet.cell("row", number), f"onbekende soort rij {record['row']!r} (kies kring of lid)")
        circle = record["circle_id"]
        if not circle:
            raise sheet.error(sheet.cell("circle_id", number), "Kring-id ontbreekt")
        if circle not in circles:
            raise sheet.error(sheet.cell("circle_id", number), f"onbekende kring {circle!r} (Kring-id niet veranderen)")
        edit = edits.setdefault(circle, CircleEdit(circle, number))
        if kind == ROW_CIRCLE:
            word = record["decision"].lower()
            if word and word not in DECISION_WORDS:
                raise sheet.error(sheet.cell("decision", number), f"onbekende beslissing {record['decision']!r} "
                                                                  "(kies aanvaard, afgewezen of open)")
            if word and edit.decision is not None and word != edit.decision:
                raise sheet.error(sheet.cell("decision", number), f"kring {circle!r} heeft al een andere beslissing "
                                                                  f"op regel {edit.row}")
            edit.decision, edit.row = (word or edit.decision), (number if word else edit.row)
            edit.note = record.get("notes", "") or edit.note
            continue
        member = record["member"].lower()
        if member not in ("", YES, NO):
            raise sheet.error(sheet.cell("member", number), f"onbekende waarde {record['member']!r} (kies ja of nee)")
        project = _find_project(sheet, number, record, iris, by_label)
        (edit.no if member == NO else edit.yes)[project] = number
        (edit.yes if member == NO else edit.no).pop(project, None)
    return edits


def read_decisions(path: Path | str | None) -> dict[str, dict[str, Any]]:
    """The decisions of a decisions TriG file, per circle id.

    Parameters
    ----------
    path : path-like or None
        The file :func:`import_decisions` writes; ``None`` or a missing file
        gives ``{}``.

    Returns
    -------
    dict
        Circle id -> ``{"iri", "circle", "decision" ("aanvaard" | "afgewezen" | "open"), "adds",
        "removes" (sorted project IRIs), "note", "file", "time", "creator", "row"}``.

    Examples
    --------
    >>> read_decisions(None)
    {}
    """
    if path is None or not Path(path).is_file():
        return {}
    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
    except SyntaxError as exc:
        raise InputError(str(path), None, f"geen geldige TriG: {exc}") from exc
    out: dict[str, dict[str, Any]] = {}
    for q in store.quads_for_pattern(None, _RDF_TYPE, _P["CircleDecision"]):
        def values(p: ox.NamedNode, s: Any = q.subject) -> list[str]:
            return sorted(x.object.value for x in store.quads_for_pattern(s, p, None))
        circle = (values(_P["decisionOn"]) or [""])[0]
        first = {key: (values(p) or [None])[0] for key, p in (
            ("decision", _P["decision"]), ("note", _P["decisionNote"]), ("file", _DERIVED), ("time", _GENERATED),
            ("creator", _CREATOR), ("row", _P["sheetRow"]))}
        out[circle.rsplit("/", 1)[-1]] = {
            "iri": q.subject.value, "circle": circle, **first,
            "decision": (first["decision"] or "").rsplit("/", 1)[-1],
            "row": int(first["row"]) if first["row"] else None,
            "adds": values(_P["addsMember"]), "removes": values(_P["removesMember"])}
    return dict(sorted(out.items()))


def _member_changes(edit: CircleEdit, proposed: set[str], earlier: dict[str, Any] | None) -> tuple[list[str], list[str]]:
    """Added and removed members after this sheet.

    The sheet decides for the projects it lists (``ja``: in the circle,
    ``nee``: out); an earlier change on a project it does not list stays.
    """
    adds = set(earlier["adds"] if earlier else ()) - set(edit.no)
    removes = set(earlier["removes"] if earlier else ()) - set(edit.yes)
    adds |= set(edit.yes) - proposed
    removes |= set(edit.no) & proposed
    return sorted(adds), sorted(removes)


def _decision_quads(record: dict[str, Any]) -> list[ox.Quad]:
    graph = ox.NamedNode(GRAPH)
    s = ox.NamedNode(record["iri"])
    triples = [
        (_RDF_TYPE, _P["CircleDecision"]),
        (_P["decisionOn"], ox.NamedNode(record["circle"])),
        (_P["decision"], ox.NamedNode(ID + "decision/" + record["decision"])),
        (_DERIVED, ox.Literal(record["file"])),
        (_GENERATED, ox.Literal(record["time"], datatype=ox.NamedNode(_XSD + "dateTime"))),
        *((_P["addsMember"], ox.NamedNode(p)) for p in record["adds"]),
        *((_P["removesMember"], ox.NamedNode(p)) for p in record["removes"]),
    ]
    if record.get("row") is not None:
        triples.append((_P["sheetRow"], ox.Literal(str(record["row"]), datatype=ox.NamedNode(_XSD + "integer"))))
    if record.get("note"):
        triples.append((_P["decisionNote"], ox.Literal(record["note"])))
    if record.get("creator"):
        triples.append((_CREATOR, ox.Literal(record["creator"])))
    return [ox.Quad(s, p, o, graph) for p, o in triples]


def decisions_trig(decisions: dict[str, dict[str, Any]]) -> bytes:
    """The decisions (as :func:`read_decisions` gives them) as TriG, in a fixed order."""
    quads = sorted((q for _c, record in sorted(decisions.items()) for q in _decision_quads(record)), key=str)
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


def _timestamp(today: _dt.date | _dt.datetime | None) -> str:
    if today is None:
        today = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    elif not isinstance(today, _dt.datetime):
        today = _dt.datetime(today.year, today.month, today.day, tzinfo=_dt.timezone.utc)
    elif today.tzinfo is None:
        today = today.replace(tzinfo=_dt.timezone.utc)
    return today.isoformat().replace("+00:00", "Z")


def _check(data: bytes) -> None:
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.TRIG)
    violations = blocking(validate(to_rdflib(store.quads_for_pattern(None, None, None))))
    if violations:
        raise ValidationError(violations)


def import_decisions(store: ox.Store, sheet_path: Path | str, out_path: Path | str = DEFAULT_DECISIONS,
                     who: str | None = None, today: _dt.date | _dt.datetime | None = None,
                     report: dict[str, Any] | None = None, seed: int = 0) -> dict[str, Any]:
    """Read an edited circles spreadsheet and merge its decisions into the decisions TriG file.

    Parameters
    ----------
    store : pyoxigraph.Store
        The built graph (read only): the projects a sheet may name.
    sheet_path : path-like
        The edited ``.xlsx`` (sheet ``Kringen``) or ``.csv``.
    out_path : path-like
        The decisions file (default ``decisions/circle-decisions.trig``); its
        decisions on other circles are kept.
    who : str, optional
        Who decided (``dcterms:creator``).
    today : date or datetime, optional
        Time of the decisions (``prov:generatedAtTime``; default now, UTC).
    report : dict, optional
        The proposals (:func:`rdzl_graph.circles.circles_report` without
        decisions), computed from *store* with *seed* when not given: the
        known circle ids and their proposed members.
    seed : int
        Seed of the proposals when *report* is not given.

    Returns
    -------
    dict
        ``file`` (sheet name), ``out`` (path), ``decided`` (per decided
        circle: ``circle``, ``decision``, ``adds``, ``removes``, ``row``),
        ``kept`` (ids of earlier decisions left as they were).

    Raises
    ------
    InputError
        A bad sheet (the message names the sheet and cell); nothing written.
    ValidationError
        The decisions break the CircleDecision shapes; nothing written.

    Examples
    --------
    >>> import_decisions(open_store("build"), "kringen.xlsx", who="Sanne")  # doctest: +SKIP
    {'file': 'kringen.xlsx', 'decided': [{'circle': 'task-circulaire-werkplaats', ...}], ...}
    """
    sheet = read_sheet(sheet_path)
    if report is None:
        from . import circles_report  # the engine (same package); here so that reading a sheet does not need it

        report = circles_report(store, seed=seed, lang="nl", decisions=None)
    circles = {c["id"]: c for c in report.get("circles", [])}
    iris, by_label = _projects(store)
    edits = read_edits(sheet, set(circles), iris, by_label)
    out = Path(out_path)
    decisions = read_decisions(out)
    stamp, decided = _timestamp(today), []
    for circle_id, edit in sorted(edits.items()):
        earlier = decisions.get(circle_id)
        proposed = {p["iri"] for p in circles[circle_id].get("projects", [])}
        if edit.decision is None and not edit.no and set(edit.yes) <= proposed:
            continue  # nothing decided on this circle in this sheet: an earlier decision stays as it is
        adds, removes = _member_changes(edit, proposed, earlier)
        word = edit.decision or (earlier["decision"] if earlier else "open")
        decisions[circle_id] = {
            "iri": DECISION_BASE + circle_id, "circle": circles[circle_id].get("iri") or ID + "circle/" + circle_id,
            "decision": word, "adds": adds, "removes": removes, "note": edit.note or (earlier or {}).get("note") or "", "file": sheet.path.name,
            "time": stamp, "creator": who, "row": edit.row}
        decided.append({"circle": circle_id, "decision": word, "adds": adds, "removes": removes, "row": edit.row})
    if decided:
        data = decisions_trig(decisions)
        _check(data)
        replace_file(out, data)
    done = {d["circle"] for d in decided}
    return {"file": sheet.path.name, "out": str(out), "decided": decided,
            "kept": sorted(c for c in decisions if c not in done)}
