"""The organisation pages: an index of every organisation and a page per organisation in a project.

The index (``organisation/index.html``, the breadcrumb "Organisaties" of every
organisation page) lists the organisations with a role in a project, with
their type and number of projects, and then those the graph names without one
(for instance a person's employer), so that its count equals the key figures
(``queries/key-figures.rq``). An organisation page shows its role per project,
the people the report quotes for it, the themes of its projects, the circles
and families it links, and, where a project has the same name, a link to it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..core.sparql import query_file


def _themes(o: Mapping[str, Any], projects: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The themes of an organisation's projects, most frequent first: ``label`` and ``n`` (projects)."""
    counts: dict[str, dict[str, Any]] = {}
    for iri in dict.fromkeys(r["iri"] for r in o["projects"]):
        for theme in projects[iri]["themes"] if iri in projects else ():
            counts.setdefault(theme["iri"], {"label": theme["label"], "n": 0})["n"] += 1
    return sorted(counts.values(), key=lambda item: (-item["n"], item["label"].lower()))


class OrganisationLinks:
    """The people, circles and families of every organisation, found in one pass over each.

    Parameters
    ----------
    projects : mapping
        The site's projects (:func:`rdzl_graph.site.content.collect_content`).
    groups : list of dict
        The families (:func:`rdzl_graph.site.model.communities`).
    circle_list : list of dict
        The circles as the site shows them.

    Examples
    --------
    >>> links = OrganisationLinks({"p": {"slug": "p", "label": "P", "people": [
    ...     {"iri": "ann", "org": "o", "name": "Ann"}]}}, [{"linking": [{"iri": "o"}]}],
    ...     [{"linking": [], "basis": {"kind": "partner", "label": "O"}}])
    >>> links.people("o"), len(links.communities("o")), len(links.circles({"slug": "o", "label": "O"}))
    ([{'iri': 'ann', 'org': 'o', 'name': 'Ann', 'projects': [{'slug': 'p', 'label': 'P'}]}], 1, 1)
    """

    def __init__(self, projects: Mapping[str, Any], groups: list[dict[str, Any]],
                 circle_list: list[dict[str, Any]]) -> None:
        self._people: dict[str, dict[str, dict[str, Any]]] = {}
        for p in projects.values():
            for person in p["people"]:
                entry = self._people.setdefault(person["org"], {}).setdefault(person["iri"], {**person, "projects": []})
                entry["projects"].append({"slug": p["slug"], "label": p["label"]})
        self._circles, self._by_basis = circle_list, {}
        self._by_slug: dict[Any, list[int]] = {}
        for n, c in enumerate(circle_list):
            for item in c["linking"]:
                self._by_slug.setdefault(item["slug"], []).append(n)
            if c["basis"]["kind"] == "partner":
                self._by_basis.setdefault(c["basis"]["label"], []).append(n)
        self._groups = groups
        self._by_iri: dict[str, list[int]] = {}
        for n, c in enumerate(groups):
            for item in c["linking"]:
                self._by_iri.setdefault(item["iri"], []).append(n)

    def people(self, iri: str) -> list[dict[str, Any]]:
        """The people quoted for the organisation, once each, with the projects they are quoted in."""
        return list(self._people.get(iri, {}).values())

    def circles(self, o: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The circles the organisation links, or whose basis it is (as a partner), in circle order."""
        found = set(self._by_slug.get(o["slug"], ())) | set(self._by_basis.get(o["label"], ()))
        return [self._circles[n] for n in sorted(found)]

    def communities(self, iri: str) -> list[dict[str, Any]]:
        """The families the organisation links, in their order."""
        return [self._groups[n] for n in sorted(set(self._by_iri.get(iri, ())))]


def organisation_view(o: Mapping[str, Any], content: Mapping[str, Any], links: OrganisationLinks,
                      twins: Mapping[str, Any]) -> dict[str, Any]:
    """What an organisation page shows, as plain data.

    Parameters
    ----------
    o : mapping
        One organisation of :func:`rdzl_graph.site.content.collect_content`.
    content : mapping
        The site's content.
    links : OrganisationLinks
        The people, circles and families per organisation.
    twins : mapping
        Organisation IRI -> the project of the same name
        (:func:`rdzl_graph.site.twins.name_twins`).

    Returns
    -------
    dict
        ``rows`` (project ``slug``, ``label``, ``role_label``, ``parent``), ``people``,
        ``themes``, ``circles`` (those it links or is the basis of), ``communities`` and
        ``twin`` (the project of the same name, or ``None``).
    """
    projects = content["projects"]
    rows = [{"slug": projects[r["iri"]]["slug"], "label": projects[r["iri"]]["label"], "role_label": r["role_label"],
             "parent": projects.get(projects[r["iri"]]["parent"] or "")}
            for r in o["projects"] if r["iri"] in projects]
    return {"rows": rows, "people": links.people(o["iri"]), "themes": _themes(o, projects),
            "circles": links.circles(o), "communities": links.communities(o["iri"]), "twin": twins.get(o["iri"])}


def organisation_index(store: ox.Store, content: Mapping[str, Any], lang: str,
                       queries: Path | None = None) -> dict[str, Any]:
    """The rows of ``organisation/index.html``.

    Returns
    -------
    dict
        ``with_projects`` (the organisations with a page: ``label``, ``slug``,
        ``type_label``, ``n`` distinct projects), in label order, and ``others``
        (labels of the organisations in the graph without a role in a project).
    """
    orgs = content["organisations"]
    with_projects = [{"label": o["label"], "slug": o["slug"], "type_label": o["type_label"],
                      "n": len(dict.fromkeys(r["iri"] for r in o["projects"]))} for o in orgs.values()]
    rows = query_file(store, "site-organisations", queries, bindings={"lang": ox.Literal(lang)})
    others = sorted({row["label"] or row["org"] for row in rows if row["org"] not in orgs}, key=str.lower)
    return {"with_projects": with_projects, "others": others}


def write_organisation_pages(write: Callable[..., None], store: ox.Store, content: Mapping[str, Any],
                             groups: list[dict[str, Any]], circle_list: list[dict[str, Any]],
                             twins: Mapping[str, Any], lang: str, queries: Path | None = None) -> None:
    """Write ``organisation/index.html`` and a page per organisation with *write* (the site's page writer)."""
    write("organisation/index.html", "organisations.html.j2", root="../", page="organisations",
          **organisation_index(store, content, lang, queries))
    links = OrganisationLinks(content["projects"], groups, circle_list)
    for o in content["organisations"].values():
        write(f"organisation/{o['slug']}.html", "organisation.html.j2", root="../", page="organisation", o=o,
              **organisation_view(o, content, links, twins))
