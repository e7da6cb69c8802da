"""The terminal tables of the network commands (``overlap``, ``communities``, ``centrality``).

Each function renders the plain data of one report function of
:mod:`rdzl_graph.network.reports` as text in Dutch or English; no control
character of a label reaches the terminal (:func:`rdzl_graph.text.safety.clean_lines`).
"""

from __future__ import annotations

from typing import Any

from .formatting import format_number, join_names
from .languages import DEFAULT_LANGUAGE, check_language
from .safety import clean_lines

_WORDS = {
    "nl": {
        "no_overlap": "geen overlap gevonden", "reasons": "redenen", "modularity": "Modulariteit",
        "stability": "stabiliteit", "community": "Gemeenschap {n} ({size} projecten)", "connectors": "Verbinders",
        "pruned": "Let op: {n} kenmerken komen in zoveel projecten voor dat ze zelf geen overlap aanwijzen: {names}.",
        "name": "naam", "kind": "soort", "degree": "graad", "projects": "projecten",
    },
    "en": {
        "no_overlap": "no overlap found", "reasons": "reasons", "modularity": "Modularity",
        "stability": "stability", "community": "Community {n} ({size} projects)", "connectors": "Connectors",
        "pruned": "Note: {n} features occur in so many projects that they do not point out overlap by themselves: {names}.",
        "name": "name", "kind": "kind", "degree": "degree", "projects": "projects",
    },
}
_KINDS = {"nl": {"organisation": "organisatie", "person": "persoon"}, "en": {}}


def render_overlaps(rows: list[dict[str, Any]], lang: str = DEFAULT_LANGUAGE) -> str:
    """Plain-text table of :func:`~rdzl_graph.network.reports.overlap_report` output.

    Examples
    --------
    >>> print(render_overlaps([{"score": 0.5, "a_label": "A", "b_label": "B", "reasons": ["x", "y"]}]))
    score  project  project  redenen
     0,50  A  ↔  B
           x; y
    >>> render_overlaps([], "en")
    'no overlap found'
    """
    words = _WORDS[check_language(lang)]
    if not rows:
        return words["no_overlap"]
    lines = ["  ".join(("score", "project", "project", words["reasons"]))]
    for row in rows:
        lines.append(
            f"{format_number(row['score'], lang):>5}  {row['a_label']}  ↔  {row['b_label']}\n"
            f"       {'; '.join(row['reasons'])}"
        )
    return clean_lines("\n".join(lines))


def render_communities(data: dict[str, Any], lang: str = DEFAULT_LANGUAGE) -> str:
    """Plain-text rendering of :func:`~rdzl_graph.network.reports.communities_report` output.

    Examples
    --------
    >>> data = {"modularity": 0.4, "stability": 1.0, "seed": 0, "pruned_features": [], "communities": [
    ...     {"projects": ["P1", "P2"], "reasons": ["r"], "linking": {"organisations": ["O"], "persons": []},
    ...      "rationale": "Why."}]}
    >>> print(render_communities(data, "en"))
    Modularity: 0.40   stability: 1.00   seed: 0
    <BLANKLINE>
    Community 1 (2 projects)
      - P1
      - P2
      * r
      Connectors: O
      Why.
    """
    words = _WORDS[check_language(lang)]
    lines = [
        f"{words['modularity']}: {format_number(data['modularity'], lang)}   "
        f"{words['stability']}: {format_number(data['stability'], lang)}   seed: {data['seed']}"
    ]
    pruned = data.get("pruned_features") or []
    if pruned:
        names = join_names([f"'{i['label']}'" if i["component"] == "text" else i["label"] for i in pruned], lang)
        lines.append(words["pruned"].format(n=len(pruned), names=names))
    for n, community in enumerate(data["communities"], 1):
        lines.append("")
        lines.append(words["community"].format(n=n, size=len(community["projects"])))
        lines += [f"  - {p}" for p in community["projects"]]
        lines += [f"  * {r}" for r in community["reasons"]]
        linking = community["linking"]["organisations"] + community["linking"]["persons"]
        if linking:
            lines.append(f"  {words['connectors']}: {', '.join(linking)}")
        lines.append(f"  {community['rationale']}")
    return clean_lines("\n".join(lines))


def render_centrality(rows: list[dict[str, Any]], lang: str = DEFAULT_LANGUAGE) -> str:
    """Plain-text table of :func:`~rdzl_graph.network.reports.centrality_report` output.

    Examples
    --------
    >>> print(render_centrality([{"label": "Envida", "label_en": "Envida", "kind": "organisation",
    ...                           "betweenness": 0.25, "degree": 3, "projects": ["p"]}]))
    naam    soort         betweenness   graad  projecten
    Envida  organisatie          0,25       3          1
    """
    words = _WORDS[check_language(lang)]
    key = "label_en" if lang == "en" else "label"
    width = max([len(r[key]) for r in rows] + [4])
    lines = [f"{words['name']:<{width}}  {words['kind']:<12}  "
             f"{'betweenness':>11}  {words['degree']:>6}  {words['projects']:>9}"]
    for row in rows:
        lines.append(
            f"{row[key]:<{width}}  {_KINDS[lang].get(row['kind'], row['kind']):<12}  "
            f"{format_number(row['betweenness'], lang):>11}  {row['degree']:>6}  {len(row['projects']):>9}"
        )
    return clean_lines("\n".join(lines))
