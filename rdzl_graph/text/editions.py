"""The words of the editions (``rdzl-graph diff`` tables, timeline and what-changed pages), per language."""

from __future__ import annotations

from typing import Any

from .formatting import format_eur
from .languages import DEFAULT_LANGUAGE, check_language

_NL = {
    "editions_page": "Edities",
    "no_edition": "De graaf noemt geen editie van de voortgangsrapportage (geen rdzl:Report).",
    "what_changed_page": "Wat veranderde",
    "timelines": "Tijdlijn per project",
    "timeline_of": "Tijdlijn van {project}",
    "one_edition": "De graaf bevat één editie van de voortgangsrapportage: {label} ({date}). Een tijdlijn per project en een overzicht van wat er veranderde verschijnen zodra een volgende editie is aanvaard (rdzl-graph ingest accept).",
    "several_editions": "De graaf bevat {n} edities van de voortgangsrapportage; de laatste is de huidige stand op alle pagina's.",
    "first_edition": "Eerste editie waarin de graaf gegevens heeft.",
    "unchanged": "Geen wijzigingen ten opzichte van de vorige editie.",
    "diff_title": "Wijzigingen van editie {old} ({old_date}) naar editie {new} ({new_date})",
    "no_changes": "Geen wijzigingen.",
    "project": "Project",
    "kind": "Soort",
    "old": "Was",
    "new": "Wordt",
    "source": "Bron",
    "no_date": "zonder datum",
    "editions_title": "Edities van de voortgangsrapportage (de laatste is de huidige gegevens)",
    "edition": "Editie",
    "order": "Nr.",
    "date": "Datum",
    "latest": "laatste",
    "kind_project-added": "nieuw project",
    "kind_project-ended": "project afgelopen",
    "kind_status": "status",
    "kind_amount": "bedrag",
    "kind_partner-added": "partner erbij",
    "kind_partner-removed": "partner weg",
    "kind_person-added": "persoon erbij",
    "kind_attention-point-added": "aandachtspunt erbij",
    "kind_attention-point-removed": "aandachtspunt opgelost of weg",
    "kind_milestone-added": "mijlpaal erbij",
}

_EN = {
    "editions_page": "Editions",
    "no_edition": "The graph names no edition of the progress report (no rdzl:Report).",
    "what_changed_page": "What changed",
    "timelines": "Timeline per project",
    "timeline_of": "Timeline of {project}",
    "one_edition": "The graph holds one edition of the progress report: {label} ({date}). A timeline per project and an overview of what changed appear once a next edition is accepted (rdzl-graph ingest accept).",
    "several_editions": "The graph holds {n} editions of the progress report; the latest is what every page shows.",
    "first_edition": "First edition the graph has data from.",
    "unchanged": "No changes since the previous edition.",
    "diff_title": "Changes from edition {old} ({old_date}) to edition {new} ({new_date})",
    "no_changes": "No changes.",
    "project": "Project",
    "kind": "Kind",
    "old": "Was",
    "new": "Becomes",
    "source": "Source",
    "no_date": "no date",
    "editions_title": "Editions of the progress report (the latest is the current data)",
    "edition": "Edition",
    "order": "No.",
    "date": "Date",
    "latest": "latest",
    "kind_project-added": "new project",
    "kind_project-ended": "project ended",
    "kind_status": "status",
    "kind_amount": "amount",
    "kind_partner-added": "partner added",
    "kind_partner-removed": "partner gone",
    "kind_person-added": "person added",
    "kind_attention-point-added": "attention point added",
    "kind_attention-point-removed": "attention point resolved or gone",
    "kind_milestone-added": "milestone added",
}


def editions_strings(lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """The words for one language.

    Examples
    --------
    >>> editions_strings("en")["kind_project-ended"]
    'project ended'
    """
    return dict({"nl": _NL, "en": _EN}[check_language(lang)])


def printable(text: str) -> str:
    """``text`` with control characters escaped, safe for a terminal.

    Examples
    --------
    >>> printable("a\\x1b[31mb")
    'a\\\\x1b[31mb'
    """
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def value_text(kind: str, value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """A change's old or new value as text (amounts in euro, nothing as a dash).

    Examples
    --------
    >>> value_text("amount", 350000), value_text("status", None)
    ('€ 350.000', '—')
    """
    if value is None:
        return "—"
    return format_eur(value, lang) if kind == "amount" else str(value)


def render_diff(result: dict, lang: str = DEFAULT_LANGUAGE, width: int = 60) -> str:
    """The changes of :func:`rdzl_graph.editions.diff.diff_editions` as a plain-text table."""
    words = editions_strings(lang)
    old, new = result["from"], result["to"]
    lines = [words["diff_title"].format(old=old["edition"], old_date=old["date"] or words["no_date"],
                                        new=new["edition"], new_date=new["date"] or words["no_date"])]
    if not result["changes"]:
        return "\n".join(lines + [words["no_changes"]]) + "\n"
    clip = lambda text: text if len(text) <= width else text[: width - 1] + "…"  # noqa: E731
    rows = [(c["project"], words[f"kind_{c['kind']}"], clip(value_text(c["kind"], c["old"], lang)),
             clip(value_text(c["kind"], c["new"], lang))) for c in result["changes"]]
    header = (words["project"], words["kind"], words["old"], words["new"])
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(4)]
    for row in [header] + rows:
        lines.append(printable("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()))
    return "\n".join(lines) + "\n"


def render_editions(editions: list, lang: str = DEFAULT_LANGUAGE) -> str:
    """The editions (:class:`rdzl_graph.editions.Edition`) as a plain-text list, the latest marked."""
    words = editions_strings(lang)
    lines = [words["editions_title"]]
    for edition in editions:
        mark = f"  ({words['latest']})" if edition is editions[-1] else ""
        lines.append(printable(f"{edition.order:>3}  {edition.slug}  {edition.date or words['no_date']}  {edition.label or ''}".rstrip() + mark))
    return "\n".join(lines) + "\n"
