"""The editions pages of the site: ``editions.html`` (always: which editions the graph holds), and
with two editions or more a timeline per project (``timeline/<slug>.html``) and ``what-changed.html``
(the two latest editions). The changes come from the analysis graph of ``rdzl-graph editions
--timeline`` (``build/analysis/editions.trig``), the editions from the built graph.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..core.resources import query_text
from ..core.sparql import query
from ..editions.diff import KINDS
from ..text.editions import editions_strings, value_text

_HERE = Path(__file__).resolve().parent



def _ordered(rows: list[dict]) -> list[dict]:
    """Editions in the order of their previousEdition chain (rows that form no chain keep IRI order)."""
    by_previous = {row.get("previous"): row for row in rows}
    chain, current = [], by_previous.get(None)
    while current is not None and current not in chain:
        chain.append(current)
        current = by_previous.get(current["edition"])
    return chain if len(chain) == len(rows) else rows


def edition_model(store: ox.Store, projects: Mapping[str, Mapping[str, Any]], lang: str) -> dict[str, Any]:
    """Plain data of the editions pages: editions (oldest first), changes per project and the latest pair."""
    editions = [{"iri": r["edition"], "slug": r["edition"].rsplit("/", 1)[-1], "label": r.get("label"),
                 "date": str(r["date"]) if r.get("date") is not None else None} for r in _ordered(query(store, query_text("edition-list", _HERE)))]
    words = editions_strings(lang)
    changes = [{"project": r["project"], "from": r["from"], "to": r["to"], "kind": r["kind"],
                "kind_text": words[f"kind_{r['kind']}"] if f"kind_{r['kind']}" in words else r["kind"],
                "old": value_text(r["kind"], _number(r["kind"], r.get("old")), lang),
                "new": value_text(r["kind"], _number(r["kind"], r.get("new")), lang)} for r in query(store, query_text("edition-changes", _HERE))]
    order = {e["iri"]: i for i, e in enumerate(editions)}
    changes.sort(key=lambda c: (order.get(c["to"], 0), c["project"], KINDS.index(c["kind"]) if c["kind"] in KINDS else 99))
    timelines = {}
    for iri in projects:
        rows = [{"edition": e, "changes": [c for c in changes if c["project"] == iri and c["to"] == e["iri"]]} for e in editions]
        added = [i for i, row in enumerate(rows) if any(c["kind"] == "project-added" for c in row["changes"])]
        timelines[iri] = rows[added[-1]:] if added else rows  # a project starts in the edition that added it
    latest = [c for c in changes if len(editions) > 1 and c["to"] == editions[-1]["iri"] and c["from"] == editions[-2]["iri"]]
    return {"editions": editions, "timelines": timelines, "latest_changes": latest}


def _number(kind: str, value: Any) -> Any:
    if kind == "amount" and value is not None:
        try:
            return int(str(value))
        except ValueError:
            return value
    return value


def write_edition_pages(write: Callable[..., None], store: ox.Store, projects: Mapping[str, Mapping[str, Any]],
                        lang: str = "nl") -> None:
    """Write the editions pages with ``write(rel, template, **context)`` (the site's page writer)."""
    model = edition_model(store, projects, lang)
    words = editions_strings(lang)
    several = len(model["editions"]) > 1
    labels = {iri: project for iri, project in projects.items()}
    write("editions.html", "editions.html.j2", root="", page="editions", e=words, m=model, several=several, projects=labels)
    if not several:
        return
    write("what-changed.html", "what-changed.html.j2", root="", page="editions", e=words, m=model, projects=labels)
    for iri, project in projects.items():
        write(f"timeline/{project['slug']}.html", "timeline.html.j2", root="../", page="editions", e=words,
              p=project, rows=model["timelines"][iri])
