"""SHACL validation reports in plain words: one :class:`~rdzl_graph.core.errors.Violation` per result.

The report graph of either engine (pyshacl-turbo or pySHACL, :mod:`rdzl_graph.validation.validate`)
becomes records naming the file and line of each focus node, the rule's message (Dutch, then
English) and the offending value. A value that is no number at all is reported once: when it fails
``sh:datatype``, the results of the numeric comparisons (``sh:minInclusive`` ...) for the same
value are dropped, so ``"700.000"`` as an amount says "not a number", not also "negative"
(:func:`result_records`).
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from ..core.errors import Violation
from ..core.namespaces import short_name
from ..core.sources import LoadedGraphs, SourceSet
from .validation_scope import render_path

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
#: Constraints that compare a value with a number: meaningless (and misleading: "negative") for a
#: text, or a literal whose text does not fit its datatype, that already fails ``sh:datatype``.
_COMPARISONS = frozenset(SH[name] for name in (
    "MinInclusiveConstraintComponent", "MaxInclusiveConstraintComponent", "MinExclusiveConstraintComponent",
    "MaxExclusiveConstraintComponent",
))
_TEXT_TYPES = (None, XSD.string, RDF.langString)


def render_message(messages: list[Literal]) -> str:
    """Join the result messages, Dutch first, then English, then the rest.

    Examples
    --------
    >>> render_message([Literal("no line", lang="en"), Literal("geen lijn", lang="nl")])
    'geen lijn / no line'
    """
    order = {"nl": 0, "en": 1}
    ranked = sorted(set(messages), key=lambda m: (order.get(m.language or "", 2), str(m)))
    return " / ".join(str(m) for m in ranked)


def _render_value(value: Node | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, Literal):
        text = '"' + str(value) + '"'
        if value.language:
            return f"{text}@{value.language}"
        if value.datatype is not None and value.datatype != XSD.string:  # RDF 1.1: "a" is "a"^^xsd:string
            return f"{text}^^{short_name(value.datatype)}"
        return text
    if isinstance(value, BNode):
        return "[]"
    return short_name(value)


def sort_violations(violations: list[Violation]) -> list[Violation]:
    """Return the records sorted by severity, file, line, focus node, path and message."""
    return sorted(
        violations,
        key=lambda v: (_SEVERITY_ORDER.get(v.severity, 3), v.file or "", v.line or 0, v.focus, v.path, v.message,
                       v.value or ""),
    )


def results_to_violations(results: Graph, loaded: LoadedGraphs | SourceSet | None = None) -> list[Violation]:
    """Turn a SHACL validation report graph into plain-language records.

    Parameters
    ----------
    results : rdflib.Graph
        The ``sh:ValidationReport`` graph produced by pySHACL.
    loaded : LoadedGraphs or SourceSet, optional
        Used to name the file (and best-effort line) defining each focus node.

    Returns
    -------
    list of Violation
        Sorted by file, line, focus node and message.
    """
    return sort_violations([violation for _focus, violation in result_records(results, loaded)])


def result_records(results: Graph, loaded: LoadedGraphs | SourceSet | None = None) -> list[tuple[str, Violation]]:
    """Like :func:`results_to_violations`, unsorted, each with the focus node's IRI (or blank-node label).

    A numeric comparison (``sh:minInclusive`` ...) is left out when its value is no number (a text,
    or ill-typed) and the same focus node, path and value fail ``sh:datatype``: ``"700.000"`` is not
    a number, so whether it is negative is no question. A number of the wrong datatype (``-1``, an
    ``xsd:integer``, as an ``xsd:decimal`` amount) keeps both results.
    """
    records = []
    places: dict[str, tuple[str | None, int | None]] = {}
    wrong_type = _wrong_datatype(results)
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if results.value(result, SH.sourceConstraintComponent) in _COMPARISONS and _key(results, result) in wrong_type:
            continue  # the value is no number: its datatype result says so, in plain words
        focus = results.value(result, SH.focusNode)
        severity = results.value(result, SH.resultSeverity)
        value = results.value(result, SH.value)
        messages = [m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)]
        file_name = line = None
        if loaded is not None and isinstance(focus, BNode):
            file_name = loaded.file_for(focus)  # a blank node has a file but no line to point at
        elif loaded is not None and isinstance(focus, URIRef):  # a literal focus (nested results) has no file
            if str(focus) not in places:
                places[str(focus)] = loaded.locate(str(focus))
            file_name, line = places[str(focus)]
        records.append((str(focus), Violation(
            focus=_render_value(focus) or "",
            path=render_path(results, results.value(result, SH.resultPath)),
            message=render_message(messages) or short_name(results.value(result, SH.sourceConstraintComponent)),
            severity=short_name(severity).split(":")[-1] if severity is not None else "Violation",
            file=file_name,
            line=line,
            value=None if value == focus else _render_value(value),
        )))
    return records


def blocking(violations: list[Violation]) -> list[Violation]:
    """Return only the records with severity ``Violation`` (they fail a build)."""
    return [v for v in violations if v.severity == "Violation"]


def _key(results: Graph, result: Node) -> tuple:
    return (results.value(result, SH.focusNode), results.value(result, SH.resultPath), results.value(result, SH.value))


def _wrong_datatype(results: Graph) -> set[tuple]:
    """(focus, path, value) of every ``sh:datatype`` result of the report whose value is no number."""
    keys = {_key(results, result)
            for result in results.subjects(SH.sourceConstraintComponent, SH.DatatypeConstraintComponent)}
    return {key for key in keys if _no_number(key[2])}


def _no_number(value: Node | None) -> bool:
    """A text literal, or a literal whose text does not fit its datatype (``"veel"^^xsd:decimal``)."""
    return isinstance(value, Literal) and (value.ill_typed or value.datatype in _TEXT_TYPES)
