"""The words of the ingest's review page (``review.html``), per language."""

from __future__ import annotations

from .languages import DEFAULT_LANGUAGE, check_language

_NL = {
    "title": "Voorstel voor editie {edition}",
    "intro": "Elke voorgestelde wijziging staat naast de tekst van de rapportage waar ze vandaan komt. Niets komt in data/ zonder controle.",
    "report": "Rapportage",
    "date": "Datum",
    "found": "Gevonden projecten",
    "missing": "Niet gevonden (ontbreken in deze rapportage)",
    "new_headings": "Onbekende koppen (mogelijk nieuwe projecten)",
    "changes": "Voorgestelde wijzigingen",
    "none": "geen",
    "project": "Project",
    "kind": "Soort",
    "old": "Nu in de graaf",
    "new": "Voorstel",
    "confidence": "Zekerheid",
    "source": "Bron",
    "page_line": "p. {page}, r. {line}",
    "unsure": "onzeker",
    "empty": "—",
    "no_changes": "Geen wijzigingen gevonden.",
    "kind_project-added": "nieuw project",
    "kind_status": "status",
    "kind_amount": "bedrag",
    "kind_partner-added": "partner erbij",
    "kind_partner-removed": "partner niet meer genoemd",
    "kind_person-added": "persoon erbij",
    "kind_attention-point-added": "aandachtspunt erbij",
    "kind_attention-point-removed": "aandachtspunt niet meer genoemd",
    "kind_milestone-added": "mijlpaal erbij",
}

_EN = {
    "title": "Proposal for edition {edition}",
    "intro": "Each proposed change stands beside the report text it came from. Nothing reaches data/ without review.",
    "report": "Report",
    "date": "Date",
    "found": "Projects found",
    "missing": "Not found (missing from this report)",
    "new_headings": "Unknown headings (possibly new projects)",
    "changes": "Proposed changes",
    "none": "none",
    "project": "Project",
    "kind": "Kind",
    "old": "Now in the graph",
    "new": "Proposal",
    "confidence": "Confidence",
    "source": "Source",
    "page_line": "p. {page}, l. {line}",
    "unsure": "unsure",
    "empty": "—",
    "no_changes": "No changes found.",
    "kind_project-added": "new project",
    "kind_status": "status",
    "kind_amount": "amount",
    "kind_partner-added": "partner added",
    "kind_partner-removed": "partner no longer named",
    "kind_person-added": "person added",
    "kind_attention-point-added": "attention point added",
    "kind_attention-point-removed": "attention point no longer named",
    "kind_milestone-added": "milestone added",
}


def ingest_strings(lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """The review page's words in ``lang`` (``nl`` or ``en``).

    Examples
    --------
    >>> ingest_strings("en")["kind_status"]
    'status'
    """
    return dict(_NL if check_language(lang) == "nl" else _EN)
