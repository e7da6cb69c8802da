"""Collect the facts shown on the site from the store, as plain data.

Every fact comes from a named query in ``queries/site-*.rq``; this module only
groups the rows per project and adds totals.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..core.sparql import query_file

_SLUG_RE = re.compile(r"[^a-z0-9-]+")


def slug(iri: str) -> str:
    """Return a file-name-safe slug for an IRI.

    The last path segment, lower-cased and reduced to ``[a-z0-9-]``; a short
    hash is appended when that changed the text, so that two IRIs never share
    a slug.

    Examples
    --------
    >>> slug("https://w3id.org/rdzl-graph/id/project/goede-morgen")
    'goede-morgen'
    >>> slug("https://example.org/x/<b>")[:2]
    'b-'
    """
    last = iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    clean = _SLUG_RE.sub("-", last.lower()).strip("-")
    if clean != last or not clean:
        clean = f"{clean[:40] or 'x'}-{hashlib.sha1(iri.encode('utf-8')).hexdigest()[:8]}"
    return clean


def _rows(store: ox.Store, name: str, lang: str, queries: Path | None) -> list[dict[str, Any]]:
    return query_file(store, name, queries, bindings={"lang": ox.Literal(lang)})


def _uncertain(certainty: str | None) -> bool:
    return certainty is None or not certainty.endswith("/zeker")


def _level(certainty: str | None) -> str:
    """The local name of an assignment certainty (``zeker``, ``paginavolgorde``, ``onzeker``); none: ``onzeker``."""
    return certainty.rsplit("/", 1)[-1] if certainty else "onzeker"


def _projects(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """One record per project (first row wins), with empty lists for what is added later."""
    projects: dict[str, dict[str, Any]] = {}
    for r in rows:
        projects.setdefault(r["project"], {
            "iri": r["project"], "slug": slug(r["project"]), "label": r["label"],
            "description": r["description"], "line": r["line"], "parent": r["parent"],
            "status": r["status"], "status_label": r["statusLabel"],
            "status_certainty": r["statusCertainty"], "status_certainty_label": r["statusCertaintyLabel"],
            "status_uncertain": r["status"] is not None and _uncertain(r["statusCertainty"]),
            "status_note": r["statusNote"], "no_partner": bool(r["noPartner"]), "section": r["section"],
            "funding": [], "amount": None, "amount_uncertain": False, "amount_levels": [],
            "municipalities": [], "themes": [], "places": [], "partners": [], "people": [],
            "milestones": [], "attention_points": [], "children": [],
        })
    return projects


def _add_funding(projects: dict[str, dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    for r in rows:
        project = projects.get(r["project"])
        if project is None:
            continue
        uncertain = _uncertain(r["certainty"])
        project["funding"].append({
            "amount": Decimal(r["amount"]), "certainty": r["certainty"], "certainty_label": r["certaintyLabel"],
            "certainty_definition": r["certaintyDefinition"], "note": r["note"], "uncertain": uncertain,
        })
        project["amount"] = (project["amount"] or Decimal(0)) + Decimal(r["amount"])
        project["amount_uncertain"] = project["amount_uncertain"] or uncertain
        level = {"level": _level(r["certainty"]), "label": (r["certaintyLabel"] or _level(r["certainty"])).lower()}
        if uncertain and level not in project["amount_levels"]:
            project["amount_levels"].append(level)


def _add_partners(projects: dict[str, dict[str, Any]], rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Add each project's partners (once per organisation and role); return the organisations."""
    organisations: dict[str, dict[str, Any]] = {}
    for r in rows:
        project = projects.get(r["project"])
        if project is None or any(p["iri"] == r["org"] and p["role"] == r["role"] for p in project["partners"]):
            continue
        org = organisations.setdefault(r["org"], {
            "iri": r["org"], "slug": slug(r["org"]), "label": r["orgLabel"], "type": r["orgType"],
            "type_label": r["orgTypeLabel"], "projects": [],
        })
        org["projects"].append({"iri": project["iri"], "role_label": r["roleLabel"]})
        project["partners"].append({"iri": r["org"], "slug": org["slug"], "label": r["orgLabel"], "role": r["role"],
                                    "role_label": r["roleLabel"], "type_label": r["orgTypeLabel"]})
    return organisations


def collect_content(store: ox.Store, lang: str = "nl", queries: Path | None = None) -> dict[str, Any]:
    """Gather programme lines, projects, organisations and funding totals.

    Parameters
    ----------
    store : pyoxigraph.Store
        Store loaded with the built graph.
    lang : str
        Language of the labels (``"nl"`` or ``"en"``; missing labels fall
        back to Dutch).
    queries : pathlib.Path, optional
        Query directory; defaults to the packaged ``queries/``.

    Returns
    -------
    dict
        ``lines`` (list), ``projects`` (IRI -> dict, in report order),
        ``organisations`` (IRI -> dict). The figures of the overview (totals,
        charts) come from their named questions (:mod:`rdzl_graph.site.figures`).

    Examples
    --------
    >>> from rdzl_graph.query.store import open_store
    >>> store = open_store("build")  # doctest: +SKIP
    >>> content = collect_content(store, "en")
    >>> len(content["projects"])
    24
    """
    lines = [
        {"iri": r["line"], "slug": slug(r["line"]), "notation": r["notation"], "label": r["label"],
         "definition": r["definition"], "projects": []}
        for r in _rows(store, "site-programme-lines", lang, queries)
    ]
    projects = _projects(_rows(store, "site-projects", lang, queries))
    _add_funding(projects, _rows(store, "site-funding", lang, queries))
    facet_keys = {"municipality": "municipalities", "theme": "themes", "place": "places"}
    for r in _rows(store, "site-project-facets", lang, queries):
        if r["project"] in projects:
            projects[r["project"]][facet_keys[r["kind"]]].append(
                {"iri": r["item"], "slug": slug(r["item"]), "label": r["label"]})
    organisations = _add_partners(projects, _rows(store, "site-project-partners", lang, queries))
    for r in _rows(store, "site-project-people", lang, queries):
        if r["project"] in projects:
            projects[r["project"]]["people"].append({
                "iri": r["person"], "name": r["name"], "job_title": r["jobTitle"], "org": r["org"],
                "org_label": r["orgLabel"], "org_slug": slug(r["org"]) if r["org"] else None})
    for r in _rows(store, "site-project-progress", lang, queries):
        if r["project"] in projects:
            key = "milestones" if r["kind"] == "milestone" else "attention_points"
            projects[r["project"]][key].append({"iri": r["item"], "label": r["label"],
                                                "category_label": r["categoryLabel"], "period": r["period"]})
    for project in projects.values():
        if project["parent"] in projects:
            projects[project["parent"]]["children"].append(project["iri"])
    by_line = {line["iri"]: line for line in lines}
    for project in projects.values():
        if project["line"] in by_line and project["parent"] is None:
            by_line[project["line"]]["projects"].append(project["iri"])
    return {
        "lines": lines,
        "projects": projects,
        "organisations": dict(sorted(organisations.items(), key=lambda kv: kv[1]["label"].lower())),
    }


def project_municipalities(project: dict[str, Any], projects: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """A project's municipalities, or those of its nearest ancestor that has some."""
    seen = set()
    while project is not None and not project["municipalities"] and project["parent"] not in seen:
        seen.add(project["iri"])
        project = projects.get(project["parent"])
    return project["municipalities"] if project else []
