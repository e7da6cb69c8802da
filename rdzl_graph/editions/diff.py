"""What changed between two editions, per project (``rdzl-graph diff``).

Each edition's view (:func:`~rdzl_graph.editions.dataset.view`) is read with the SPARQL files beside
this module (``state-*.rq``) into plain per-project states, which are compared. A change is
``{"project", "kind", "old", "new", "source": {"from": {...}, "to": {...}}}`` with ``kind`` one of
:data:`KINDS` (the names of ``changes.json``, plus ``project-ended``) and each source the edition
(slug and date) and the section of the report the project cites there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..core.resources import query_text
from ..core.sparql import query
from .dataset import Edition, EditionSet, load_editions, slug_of, view_store

_HERE = Path(__file__).resolve().parent

KINDS = ("project-added", "project-ended", "status", "amount", "partner-added", "partner-removed", "person-added",
         "attention-point-added", "attention-point-removed", "milestone-added")


@dataclass
class ProjectState:
    """What one edition says about one project (plain values)."""

    label: str
    status: str | None = None
    amount: int | None = None
    section: str | None = None
    partners: dict[str, str] = field(default_factory=dict)
    persons: dict[str, str] = field(default_factory=dict)
    attention: dict[str, str] = field(default_factory=dict)
    milestones: dict[str, str] = field(default_factory=dict)



def _amount(value) -> int | Decimal:
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else number


def edition_state(editions: EditionSet, name: str) -> dict[str, ProjectState]:
    """Project slug -> :class:`ProjectState` of one edition."""
    store = view_store(editions, name)
    states: dict[str, ProjectState] = {}
    for row in query(store, query_text("state-projects", _HERE)):
        state = states.setdefault(slug_of(row["project"]), ProjectState(row["label"]))
        state.status = row.get("status") or state.status
        state.section = row.get("section") or state.section
        if row.get("amount") is not None:
            state.amount = (state.amount or 0) + _amount(row["amount"])
    targets = {"partner": "partners", "person": "persons", "attention": "attention", "milestone": "milestones"}
    for row in query(store, query_text("state-links", _HERE)):
        state = states.get(slug_of(row["project"]))
        if state is not None:
            getattr(state, targets[row["kind"]])[row["target"]] = row.get("label") or slug_of(row["target"])
    return states


def _source(edition: Edition, state: ProjectState | None) -> dict:
    return {"edition": edition.slug, "date": edition.date, "section": state.section if state else None}


def _set_changes(old: dict[str, str], new: dict[str, str], added: str, removed: str | None) -> list[tuple]:
    out = [(added, None, new[k]) for k in sorted(set(new) - set(old), key=lambda k: (new[k], k))]
    if removed:
        out += [(removed, old[k], None) for k in sorted(set(old) - set(new), key=lambda k: (old[k], k))]
    return out


def project_changes(old: ProjectState | None, new: ProjectState | None) -> list[tuple]:
    """``(kind, old, new)`` for one project between two states (``None``: not in that edition).

    Examples
    --------
    >>> a = ProjectState("P", status="Op schema", amount=10, partners={"o/1": "Eén"})
    >>> b = ProjectState("P", status="Aandachtspunten", amount=10, partners={"o/2": "Twee"})
    >>> project_changes(a, b)
    [('status', 'Op schema', 'Aandachtspunten'), ('partner-added', None, 'Twee'), ('partner-removed', 'Eén', None)]
    >>> project_changes(a, None)
    [('project-ended', 'P', None)]
    """
    if new is None:
        return [("project-ended", old.label, None)] if old is not None else []
    changes = [("project-added", None, new.label)] if old is None else []
    base = old or ProjectState(new.label)
    if new.status != base.status:
        changes.append(("status", base.status, new.status))
    if new.amount != base.amount:
        changes.append(("amount", base.amount, new.amount))
    changes += _set_changes(base.partners, new.partners, "partner-added", "partner-removed")
    changes += _set_changes(base.persons, new.persons, "person-added", None)
    changes += _set_changes(base.attention, new.attention, "attention-point-added", "attention-point-removed")
    changes += _set_changes(base.milestones, new.milestones, "milestone-added", None)
    return changes


def diff_editions(editions: EditionSet, from_edition: str, to_edition: str) -> dict:
    """What changed per project from one edition to another.

    Returns
    -------
    dict
        ``{"from": {"edition", "date"}, "to": {...}, "changes": [...]}`` (see module docstring), the
        changes by project slug, then in the order of :data:`KINDS`.
    """
    first, second = editions.edition(from_edition, "--from"), editions.edition(to_edition, "--to")
    before, after = edition_state(editions, first.slug), edition_state(editions, second.slug)
    order = {kind: i for i, kind in enumerate(KINDS)}
    changes = []
    for slug in sorted(set(before) | set(after)):
        old, new = before.get(slug), after.get(slug)
        found = project_changes(old, new)
        found.sort(key=lambda c: order[c[0]])
        for kind, old_value, new_value in found:
            changes.append({"project": slug, "kind": kind, "old": old_value, "new": new_value,
                            "source": {"from": _source(first, old), "to": _source(second, new)}})
    return {"from": {"edition": first.slug, "date": first.date}, "to": {"edition": second.slug, "date": second.date},
            "changes": changes}


def diff(from_edition: str, to_edition: str, data_dir: Path | str | None = None,
         ontology_dir: Path | str | None = None) -> dict:
    """:func:`diff_editions` on the data in ``data_dir`` (default: the bundled ``data/``)."""
    return diff_editions(load_editions(data_dir, ontology_dir), from_edition, to_edition)
