"""Projects and organisations of the same name ("twins"), told apart on every page.

Several sub-projects of TIM carry the name of the organisation that runs them
(FIBRANT the project, FIBRANT the organisation); on the network they are two
nodes told apart only by their shape. The pairs are found from the graph (the
labels the site shows), not from a list: same name after folding case,
accents and spacing. Each page and the network's details panel say which of
the two it is and link to the other.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any


def fold_name(name: str) -> str:
    """A name without case, accents and repeated spaces, for comparing names.

    Examples
    --------
    >>> fold_name("  Repaircafé  Maastricht") == fold_name("repaircafe maastricht")
    True
    """
    decomposed = unicodedata.normalize("NFD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def name_twins(content: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Every project and organisation that share a name, each pointing at the other.

    Parameters
    ----------
    content : mapping
        :func:`rdzl_graph.site.content.collect_content` (``projects`` and
        ``organisations``, both with ``iri``, ``slug`` and ``label``).

    Returns
    -------
    dict
        IRI -> ``{"iri", "slug", "label", "kind"}`` of its twin (``kind`` is
        ``"project"`` or ``"organisation"``: the kind of the twin). A name
        shared by more than one project or organisation pairs nothing (it
        would not say which one is meant).

    Examples
    --------
    >>> content = {"projects": {"p": {"iri": "p", "slug": "fp", "label": "FIBRANT"}},
    ...            "organisations": {"o": {"iri": "o", "slug": "fo", "label": "Fibrant"}}}
    >>> name_twins(content)["o"]
    {'iri': 'p', 'slug': 'fp', 'label': 'FIBRANT', 'kind': 'project'}
    """
    def by_name(items: Mapping[str, Any]) -> dict[str, Any]:
        names: dict[str, list[Any]] = {}
        for item in items.values():
            names.setdefault(fold_name(item["label"]), []).append(item)
        return {name: found[0] for name, found in names.items() if len(found) == 1}

    projects, organisations = by_name(content["projects"]), by_name(content["organisations"])
    twins: dict[str, dict[str, str]] = {}
    for name in sorted(projects.keys() & organisations.keys()):
        p, o = projects[name], organisations[name]
        twins[p["iri"]] = {"iri": o["iri"], "slug": o["slug"], "label": o["label"], "kind": "organisation"}
        twins[o["iri"]] = {"iri": p["iri"], "slug": p["slug"], "label": p["label"], "kind": "project"}
    return twins


def with_twins(extras: Mapping[str, Mapping[str, Any]], twins: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, Any]]:
    """The network's node details with ``twin`` (the IRI of the node of the same name) where there is one.

    Returns a new dict; *extras* is not changed.

    Examples
    --------
    >>> with_twins({"p": {"label": "X"}, "q": {}}, {"p": {"iri": "o", "kind": "organisation"}})
    {'p': {'label': 'X', 'twin': 'o', 'twinKind': 'organisation'}, 'q': {}}
    """
    return {node: {**extra, **({"twin": twins[node]["iri"], "twinKind": twins[node]["kind"]} if node in twins else {})}
            for node, extra in extras.items()}
