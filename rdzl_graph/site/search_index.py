"""The site's search index: everything a trainee may type, and which projects it leads to.

Made once at site generation from the collected content (which comes from the
graph through the ``site-*`` queries): projects, organisations, people,
places, themes, municipalities and circles. Each entry names the projects it
leads to and why (``"partner: Envida"``), so that the overview can show those
projects and the reason next to each of them (``static/search.js``). The
matching itself (case and accents ignored: NFD, combining marks stripped) is
done in the browser.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _entry(label: str, kind: str, url: str | None, reason: str | None) -> dict[str, Any]:
    return {"label": label, "kind": kind, "url": url, "reason": reason, "projects": []}


def search_index(content: Mapping[str, Any], t: Mapping[str, str],
                 circle_list: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries of the site search, in a stable order.

    Parameters
    ----------
    content : mapping
        :func:`rdzl_graph.site.content.collect_content` (organisations without
        a page already unlinked by
        :func:`~rdzl_graph.site.views.link_only_existing_pages`).
    t : mapping
        The site's words (:func:`rdzl_graph.text.site.ui_strings`).
    circle_list : list of dict
        The circles as the site shows them (``label``, ``slug``, ``members``).

    Returns
    -------
    list of dict
        ``label``, ``kind`` (a word in the site's language), ``url`` (``None``
        where the item has no page), ``reason`` (how it is named next to a
        project it leads to, or ``None`` for a project itself), ``projects``
        (IRIs of the projects it leads to) and, for projects only, ``iri``
        and ``text`` (the description, searched as well).

    Examples
    --------
    >>> content = {"projects": {"p": {"iri": "p", "slug": "p", "label": "Repaircafé", "description": "",
    ...     "partners": [{"iri": "o", "label": "Envida"}], "people": [], "themes": [], "places": [],
    ...     "municipalities": []}}, "organisations": {"o": {"iri": "o", "slug": "o", "label": "Envida",
    ...     "type_label": "zorginstelling"}}}
    >>> t = {"kind_project": "Project", "kind_organisation": "Organisatie", "basis_partner": "partner",
    ...      "kind_person": "Persoon", "kind_theme": "Thema", "kind_place": "Plaats",
    ...      "kind_municipality": "Gemeente", "circle": "Kring"}
    >>> [(e["label"], e["kind"], e["reason"], e["projects"]) for e in search_index(content, t, [])]
    [('Repaircafé', 'Project', None, ['p']), ('Envida', 'Zorginstelling', 'partner: Envida', ['p'])]
    """
    projects = content["projects"]
    entries: dict[tuple[str, str], dict[str, Any]] = {}
    for iri, p in projects.items():
        entries[("project", iri)] = {**_entry(p["label"], t["kind_project"], f"project/{p['slug']}.html", None),
                                     "projects": [iri], "iri": iri, "text": p.get("description") or ""}
    for iri, o in content["organisations"].items():
        entries[("organisation", iri)] = _entry(o["label"], (o["type_label"] or t["kind_organisation"]).capitalize(),
                                                f"organisation/{o['slug']}.html", f"{t['basis_partner']}: {o['label']}")
    facets = (("themes", "kind_theme"), ("places", "kind_place"), ("municipalities", "kind_municipality"))
    for iri, p in projects.items():
        for partner in p["partners"]:
            _lead(entries, ("organisation", partner["iri"]), iri)
        for person in p["people"]:
            key = ("person", person["iri"])
            if key not in entries:
                entries[key] = _entry(person["name"], t["kind_person"], None,
                                      f"{t['kind_person'].lower()}: {person['name']}")
            _lead(entries, key, iri)
        for field, word in facets:
            for item in p[field]:
                key = (field, item["iri"])
                if key not in entries:
                    entries[key] = _entry(item["label"], t[word], None, f"{t[word].lower()}: {item['label']}")
                _lead(entries, key, iri)
    for c in circle_list:
        entries[("circle", c["slug"])] = {
            **_entry(c["label"], t["circle"], f"circle/{c['slug']}.html", f"{t['circle'].lower()}: {c['label']}"),
            "projects": [m["iri"] for m in c["members"] if m.get("iri") in projects]}
    return list(entries.values())


def _lead(entries: dict[tuple[str, str], dict[str, Any]], key: tuple[str, str], project: str) -> None:
    entry = entries.get(key)
    if entry is not None and project not in entry["projects"]:
        entry["projects"].append(project)


#: The words ``static/search.js`` writes into the overview.
SEARCH_WORDS = ("search_found", "search_found_one", "search_in_description", "search_leads",
                "search_leads_one")


def search_words(t: Mapping[str, str]) -> dict[str, str]:
    """The words of the search script, from the site's words *t*."""
    return {key: t[key] for key in SEARCH_WORDS}
