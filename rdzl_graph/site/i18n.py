"""User-interface strings of the static site, one small dict per language.

Data labels come from the graph in the chosen language (fallback Dutch); the
strings here are only the words of the interface around them.
"""

from __future__ import annotations

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

_NL = {
    "site_title": "Regio Deal Zuid-Limburg in beeld",
    "site_subtitle": "Projecten, partners en samenwerking uit de voortgangsrapportage 4e tranche (2025)",
    "nav_home": "Overzicht",
    "nav_network": "Netwerk",
    "nav_communities": "Kennisuitwisseling",
    "skip": "Naar de inhoud",
    "lines": "Programmalijnen",
    "projects": "Projecten",
    "project": "Project",
    "subproject_of": "Deelproject van",
    "subprojects": "Deelprojecten",
    "status": "Status",
    "amount": "Regio Deal-bijdrage",
    "amount_short": "Bijdrage",
    "uncertain": "onzeker",
    "uncertain_amount": "Bedrag onder voorbehoud",
    "why": "waarom?",
    "no_amount": "geen bedrag",
    "total": "Totaal",
    "funding_per_line": "Regio Deal-bijdrage per programmalijn",
    "funding_per_municipality": "Regio Deal-bijdrage per gemeente",
    "only_here": "alleen in deze gemeente",
    "shared": "gedeeld met andere gemeenten",
    "certain_part": "zeker toegewezen",
    "uncertain_part": "toewijzing onder voorbehoud",
    "municipality_note": "Een project in meerdere gemeenten telt bij elke gemeente mee; de balken tellen daardoor op tot meer dan het totaal. Deelprojecten tellen mee bij de gemeente van hun hoofdproject.",
    "communities": "Voorgestelde groepen voor kennisuitwisseling",
    "communities_intro": "Projecten die veel met elkaar delen (partners, thema's, gemeenten, risico's). De groepen zijn een voorstel op basis van de netwerkanalyse.",
    "community": "Groep",
    "rationale": "Waarom deze groep",
    "reasons": "Gedeeld",
    "linking": "Verbindende partijen",
    "search": "Zoeken",
    "search_placeholder": "Zoek een project of organisatie…",
    "search_none": "Niets gevonden.",
    "organisation": "Organisatie",
    "organisations": "Organisaties",
    "partners": "Partners en rollen",
    "role": "Rol",
    "type": "Soort",
    "people": "Geciteerde personen",
    "milestones": "Mijlpalen",
    "attention_points": "Aandachtspunten",
    "similar": "Vergelijkbare projecten",
    "similar_reasons": "Overeenkomsten",
    "ego": "Netwerk rond dit project",
    "municipalities": "Gemeenten",
    "themes": "Thema's",
    "places": "Plaatsen",
    "description": "Omschrijving",
    "provenance": "Bron",
    "source_section": "Hoofdstuk in de rapportage",
    "identifier": "Identificatie (IRI)",
    "no_partner": "De rapportage noemt bij dit project geen partnerorganisatie.",
    "none": "Geen.",
    "line": "Programmalijn",
    "all": "alle",
    "filters": "Filters",
    "colour_by": "Kleur naar",
    "colour_type": "soort",
    "colour_community": "groep (kennisuitwisseling)",
    "legend": "Legenda",
    "kind_project": "Project",
    "kind_organisation": "Organisatie",
    "kind_municipality": "Gemeente",
    "kind_theme": "Thema",
    "kind_place": "Plaats",
    "kind_risk": "Risico",
    "kind_person": "Persoon",
    "kind_community": "Groep",
    "no_community": "geen groep",
    "org_type": "Soort organisatie",
    "municipality": "Gemeente",
    "details": "Details",
    "details_hint": "Klik op een bol in het netwerk om de details te zien.",
    "size_note": "Grotere bollen zijn centraler in het netwerk.",
    "open_page": "Open de pagina",
    "find": "Zoek",
    "not_found": "Niet gevonden",
    "reset": "Alles tonen",
    "connections": "Verbonden met",
    "projects_of_org": "Projecten",
    "certainty": "Zekerheid",
    "footer": "Gemaakt met rdzl-graph uit de Voortgangsrapportage 4e tranche Regio Deal Zuid-Limburg (2025). Werkt zonder internet.",
    "license_note": "Netwerkweergave met vis-network (MIT/Apache-2.0).",
    "nodes_edges": "{nodes} bollen, {edges} verbindingen",
    "members": "Projecten in deze groep",
    "view_network": "Bekijk het hele netwerk",
    "affiliation": "Organisatie",
    "job_title": "Functie",
    "state": "Stand",
    "category": "Categorie",
    "period": "Periode",
    "back": "Terug naar het overzicht",
    "page_not_for_kind": "",
    "nodes_edges_of": "{nodes} van {all_nodes} bollen, {edges} van {all_edges} verbindingen",
    "selection": "Een selectie",
    "overview_note": "Het hele netwerk is te groot om in één keer te tonen ({nodes} bollen, {edges} verbindingen). Je ziet een selectie: per groep de projecten met de meeste verbindingen, met al hun partners, gemeenten en thema's ({shown_projects} van de {projects} projecten). Alle projecten en organisaties vind je met de zoekfunctie hieronder of op het overzicht; elke projectpagina toont het netwerk rond dat project.",
    "not_in_view": "staat niet in deze selectie",
    "community_view_note": "Het netwerk hieronder toont {shown} van de {projects} projecten van deze groep: de projecten met de meeste verbindingen, met hun gedeelde partners, gemeenten en thema's. De tabel hierboven noemt alle projecten.",
    "more_projects": "en nog {n} projecten",
    "show_projects": "Toon de {n} projecten van deze lijn",
    "nav_docs": "Documentatie",
    "nav_ontology": "Begrippen (ontologie)",
    "docs_missing_title": "Documentatie nog niet gemaakt",
    "docs_missing": "Deze pagina komt er zodra de documentatie gemaakt is (de vragen, de commando's en de begrippen van de graaf). Wie de site maakt, doet dat met het commando",
    "docs_missing_after": "(of met make run, dat het ook doet).",
}

_EN = {
    "site_title": "Regio Deal Zuid-Limburg at a glance",
    "site_subtitle": "Projects, partners and collaboration from the 4th-tranche progress report (2025)",
    "nav_home": "Overview",
    "nav_network": "Network",
    "nav_communities": "Knowledge exchange",
    "skip": "Skip to content",
    "lines": "Programme lines",
    "projects": "Projects",
    "project": "Project",
    "subproject_of": "Sub-project of",
    "subprojects": "Sub-projects",
    "status": "Status",
    "amount": "Regio Deal contribution",
    "amount_short": "Contribution",
    "uncertain": "uncertain",
    "uncertain_amount": "Amount with reservation",
    "why": "why?",
    "no_amount": "no amount",
    "total": "Total",
    "funding_per_line": "Regio Deal contribution per programme line",
    "funding_per_municipality": "Regio Deal contribution per municipality",
    "only_here": "only in this municipality",
    "shared": "shared with other municipalities",
    "certain_part": "assigned with certainty",
    "uncertain_part": "assignment with reservation",
    "municipality_note": "A project in several municipalities counts with each of them, so the bars add up to more than the total. Sub-projects count with the municipality of their main project.",
    "communities": "Proposed knowledge-exchange groups",
    "communities_intro": "Projects that share a lot (partners, themes, municipalities, risks). The groups are a proposal based on the network analysis.",
    "community": "Group",
    "rationale": "Why this group",
    "reasons": "Shared",
    "linking": "Linking parties",
    "search": "Search",
    "search_placeholder": "Search a project or organisation…",
    "search_none": "Nothing found.",
    "organisation": "Organisation",
    "organisations": "Organisations",
    "partners": "Partners and roles",
    "role": "Role",
    "type": "Type",
    "people": "People quoted",
    "milestones": "Milestones",
    "attention_points": "Attention points",
    "similar": "Similar projects",
    "similar_reasons": "In common",
    "ego": "Network around this project",
    "municipalities": "Municipalities",
    "themes": "Themes",
    "places": "Places",
    "description": "Description",
    "provenance": "Source",
    "source_section": "Section of the report",
    "identifier": "Identifier (IRI)",
    "no_partner": "The report names no partner organisation for this project.",
    "none": "None.",
    "line": "Programme line",
    "all": "all",
    "filters": "Filters",
    "colour_by": "Colour by",
    "colour_type": "type",
    "colour_community": "group (knowledge exchange)",
    "legend": "Legend",
    "kind_project": "Project",
    "kind_organisation": "Organisation",
    "kind_municipality": "Municipality",
    "kind_theme": "Theme",
    "kind_place": "Place",
    "kind_risk": "Risk",
    "kind_person": "Person",
    "kind_community": "Group",
    "no_community": "no group",
    "org_type": "Organisation type",
    "municipality": "Municipality",
    "details": "Details",
    "details_hint": "Click a circle in the network to see its details.",
    "size_note": "Larger circles are more central in the network.",
    "open_page": "Open the page",
    "find": "Find",
    "not_found": "Not found",
    "reset": "Show all",
    "connections": "Connected to",
    "projects_of_org": "Projects",
    "certainty": "Certainty",
    "footer": "Made with rdzl-graph from the progress report of the 4th tranche of Regio Deal Zuid-Limburg (2025). Works without internet.",
    "license_note": "Network view by vis-network (MIT/Apache-2.0).",
    "nodes_edges": "{nodes} circles, {edges} connections",
    "members": "Projects in this group",
    "view_network": "See the whole network",
    "affiliation": "Organisation",
    "job_title": "Job title",
    "state": "State",
    "category": "Category",
    "period": "Period",
    "back": "Back to the overview",
    "page_not_for_kind": "",
    "nodes_edges_of": "{nodes} of {all_nodes} circles, {edges} of {all_edges} connections",
    "selection": "A selection",
    "overview_note": "The whole network is too large to show at once ({nodes} circles, {edges} connections). You see a selection: per group the projects with the most connections, with all their partners, municipalities and themes ({shown_projects} of the {projects} projects). Find every project and organisation with the search below or on the overview; every project page shows the network around that project.",
    "not_in_view": "is not in this selection",
    "community_view_note": "The network below shows {shown} of the {projects} projects of this group: those with the most connections, with their shared partners, municipalities and themes. The table above lists every project.",
    "more_projects": "and {n} more projects",
    "show_projects": "Show the {n} projects of this line",
    "nav_docs": "Documentation",
    "nav_ontology": "Concepts (ontology)",
    "docs_missing_title": "Documentation not made yet",
    "docs_missing": "This page appears once the documentation has been made (the questions, the commands and the concepts of the graph). Whoever makes the site does so with the command",
    "docs_missing_after": "(or with make run, which does it too).",
}

_STRINGS = {"nl": _NL, "en": _EN}


def ui_strings(lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Return the interface strings of one language.

    Parameters
    ----------
    lang : str
        ``"nl"`` (default) or ``"en"``.

    Returns
    -------
    dict
        A fresh copy: key -> text.

    Raises
    ------
    ValueError
        If *lang* is not a supported language.

    Examples
    --------
    >>> ui_strings("en")["nav_network"]
    'Network'
    """
    if lang not in _STRINGS:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return dict(_STRINGS[lang])


def format_count(n: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """Write a whole number with the thousands separator of *lang*.

    Examples
    --------
    >>> format_count(45312), format_count(45312, "en")
    ('45.312', '45,312')
    """
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "nl" else text
