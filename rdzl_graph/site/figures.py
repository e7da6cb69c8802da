"""The figures of the overview, each from the named question that defines it.

One definition per figure, computed in one place: the overview's key figures
come from ``queries/key-figures.rq``, its chart per programme line from
``funding-per-programme-line.rq`` and its chart per municipality from
``funding-per-municipality.rq`` — the same questions ``rdzl-graph query``,
``rdzl-graph stats`` and the notebooks ask. This module only picks the
columns and the labels in the site's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..core.namespaces import ID_PREFIXES
from ..core.sparql import query_file
from ..query.stats import key_figures
from .charts import bar_chart

#: The assignment certainty levels of ``data/vocabularies/statuses.ttl``, surest first, with the
#: columns of the funding questions that hold their amounts.
CERTAINTY_LEVELS = (("zeker", "amount_certain"), ("paginavolgorde", "amount_page_order"),
                    ("onzeker", "amount_uncertain"))
#: The CSS class of each level's part of a bar.
LEVEL_CLASS = {"zeker": "seg-sure", "paginavolgorde": "seg-page-order", "onzeker": "seg-unsure"}


def certainty_iri(level: str) -> str:
    """The IRI of an assignment certainty level.

    Examples
    --------
    >>> certainty_iri("onzeker")
    'https://w3id.org/rdzl-graph/id/certainty/onzeker'
    """
    return ID_PREFIXES["certainty"] + level


def certainty_labels(content: Mapping[str, Any]) -> dict[str, str]:
    """Level (``zeker``, ``paginavolgorde``, ``onzeker``) -> its label in the site's language.

    The words of ``data/README.md``: the vocabulary's ``skos:prefLabel`` as ``site-funding`` gives
    it with each allocation, lower-cased as it stands in a sentence; a level no allocation has keeps
    its own name.
    """
    labels = {f["certainty"]: f["certainty_label"] for p in content["projects"].values() for f in p["funding"]
              if f["certainty"] and f["certainty_label"]}
    return {level: (labels.get(certainty_iri(level)) or level).lower() for level, _column in CERTAINTY_LEVELS}


def line_chart_rows(store: ox.Store, content: Mapping[str, Any],
                    queries: Path | None = None) -> list[dict[str, Any]]:
    """The bars per programme line: ``label`` (in the site's language) and one amount per level."""
    labels = {line["iri"]: line["label"] for line in content["lines"]}
    return [{"label": labels.get(row["line"], row["line_label"]),
             **{level: row[column] for level, column in CERTAINTY_LEVELS}}
            for row in query_file(store, "funding-per-programme-line", queries) if row["line"] is not None]


def municipality_chart_rows(store: ox.Store, content: Mapping[str, Any], no_municipality: str,
                            queries: Path | None = None) -> list[dict[str, Any]]:
    """The bars per municipality: ``label``, ``only`` and ``shared`` (together ``amount_full``).

    Labels in the site's language where a project page names the municipality;
    *no_municipality* names the bar of the projects for which the report names none.
    """
    names = {m["iri"]: m["label"] for p in content["projects"].values() for m in p["municipalities"]}
    return [{"label": names.get(row["municipality"], row["municipality_label"]) if row["municipality"]
             else no_municipality, "only": row["amount_only"], "shared": row["amount_shared"]}
            for row in query_file(store, "funding-per-municipality", queries)]


def overview_figures(store: ox.Store, content: Mapping[str, Any], t: Mapping[str, str], lang: str,
                     queries: Path | None = None) -> dict[str, Any]:
    """What the overview shows of the figures: the key figures, both charts and their rows as tables.

    Returns
    -------
    dict
        ``figures`` (:func:`rdzl_graph.query.stats.key_figures`), ``levels`` (``[(level, label, css class)]``),
        ``level_definitions`` (level -> the vocabulary's definition, or ``None``),
        ``line_rows`` and ``municipality_rows`` (the bars as plain rows, also shown as a table
        under each chart), ``chart_lines`` and ``chart_municipalities`` (SVG markup).
    """
    labels = certainty_labels(content)
    definitions = {f["certainty"].rsplit("/", 1)[-1]: f["certainty_definition"] for p in content["projects"].values()
                   for f in p["funding"] if f["certainty"] and f["certainty_definition"]}
    levels = [(level, labels[level], LEVEL_CLASS[level]) for level, _column in CERTAINTY_LEVELS]
    line_rows = line_chart_rows(store, content, queries)
    municipality_rows = municipality_chart_rows(store, content, t["no_municipality"], queries)
    return {
        "figures": key_figures(store, queries), "levels": levels,
        "level_definitions": {level: definitions.get(level) for level, _column in CERTAINTY_LEVELS},
        "line_rows": line_rows, "municipality_rows": municipality_rows,
        "chart_lines": bar_chart(line_rows, levels, t["funding_per_line"], lang),
        "chart_municipalities": bar_chart(municipality_rows, [("only", t["only_here"], "seg-only"),
                                                              ("shared", t["shared"], "seg-shared")],
                                          t["funding_per_municipality"], lang),
    }
