"""Check the data against the SHACL data contract (ontology/rdzl-shapes.ttl)."""

from __future__ import annotations

from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from .errors import InputError, Violation
from .loading import LoadedGraphs, find_line, parse_turtle
from .namespaces import short_name
from .resources import shapes_file

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


def render_path(results: Graph, path: Node | None) -> str:
    """Render a SHACL property path in SPARQL-like compact syntax.

    Parameters
    ----------
    results : rdflib.Graph
        The graph holding the path's blank nodes.
    path : rdflib.term.Node or None
        The ``sh:resultPath`` value.

    Returns
    -------
    str
        E.g. ``rdzl:programmeLine`` or ``^rdzl:hasFunding``; empty if None.
    """
    if path is None:
        return ""
    if not isinstance(path, BNode):
        return short_name(path)
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + render_path(results, inverse)
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = results.value(path, predicate)
        if inner is not None:
            return render_path(results, inner) + suffix
    alternative = results.value(path, SH.alternativePath)
    if alternative is not None:
        return "(" + "|".join(render_path(results, p) for p in Collection(results, alternative)) + ")"
    if results.value(path, RDF.first) is not None:
        return "/".join(render_path(results, p) for p in Collection(results, path))
    return str(path)


def render_message(messages: list[Literal]) -> str:
    """Join the result messages, Dutch first, then English, then the rest."""
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
        if value.datatype is not None:
            return f"{text}^^{short_name(value.datatype)}"
        return text
    if isinstance(value, BNode):
        return "[]"
    return short_name(value)


def results_to_violations(results: Graph, loaded: LoadedGraphs | None = None) -> list[Violation]:
    """Turn a SHACL validation report graph into plain-language records.

    Parameters
    ----------
    results : rdflib.Graph
        The ``sh:ValidationReport`` graph produced by pySHACL.
    loaded : LoadedGraphs, optional
        Used to name the file (and best-effort line) defining each focus node.

    Returns
    -------
    list of Violation
        Sorted by file, line, focus node and message.
    """
    violations = []
    line_cache: dict[tuple[str, str], int | None] = {}
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        severity = results.value(result, SH.resultSeverity)
        value = results.value(result, SH.value)
        messages = [m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)]
        file_name = line = None
        if loaded is not None and focus is not None:
            file_name = loaded.file_for(focus)
            if file_name is not None and not isinstance(focus, BNode):
                key = (file_name, str(focus))
                if key not in line_cache:
                    path = loaded.path_for(file_name)
                    line_cache[key] = find_line(path, str(focus)) if path else None
                line = line_cache[key]
        violations.append(
            Violation(
                focus=_render_value(focus) or "",
                path=render_path(results, results.value(result, SH.resultPath)),
                message=render_message(messages) or short_name(results.value(result, SH.sourceConstraintComponent)),
                severity=short_name(severity).split(":")[-1] if severity is not None else "Violation",
                file=file_name,
                line=line,
                value=None if value == focus else _render_value(value),
            )
        )
    violations.sort(
        key=lambda v: (_SEVERITY_ORDER.get(v.severity, 3), v.file or "", v.line or 0, v.focus, v.path, v.message)
    )
    return violations


def validate(
    loaded: LoadedGraphs | Graph,
    shapes: Graph | Path | str | None = None,
    ontology: Graph | None = None,
) -> list[Violation]:
    """Validate the loaded data against the SHACL shapes.

    The ontology is mixed into the data graph so that ``sh:targetClass``
    follows ``rdfs:subClassOf`` (a ``rdzl:SubProject`` is checked as a
    ``rdzl:Project``). No inference is run: an IRI that is not typed in the
    data stays untyped, which is how a reference to an unknown resource is
    caught.

    Parameters
    ----------
    loaded : LoadedGraphs or rdflib.Graph
        The ontology and data from :func:`rdzl_graph.loading.load` (whose
        subject -> file map names files and lines in the records), or a bare
        data graph.
    shapes : rdflib.Graph or path-like, optional
        Shapes to use; defaults to ``loaded.shapes``, else the packaged
        ``ontology/rdzl-shapes.ttl``.
    ontology : rdflib.Graph, optional
        Ontology to mix in when *loaded* is a bare data graph.

    Returns
    -------
    list of Violation
        Every result, of any severity; empty when the data conforms.

    Raises
    ------
    InputError
        If no shapes are available.
    """
    if isinstance(loaded, Graph):
        loaded = LoadedGraphs(ontology=ontology if ontology is not None else Graph(), data=loaded, shapes=None)
    if shapes is None:
        shapes = loaded.shapes if loaded.shapes is not None else shapes_file()
    if isinstance(shapes, Graph):
        shapes_graph = shapes
    else:
        path = Path(shapes)
        if not path.is_file():
            raise InputError(str(path), None, "SHACL shapes file not found")
        shapes_graph, _raw = parse_turtle(path, str(path))
    data_graph = Graph()
    data_graph += loaded.ontology
    data_graph += loaded.data
    _conforms, results, _text = shacl_validate(
        data_graph,
        shacl_graph=shapes_graph,
        inference="none",
        advanced=False,
        abort_on_first=False,
        allow_warnings=True,
        inplace=True,
    )
    return results_to_violations(results, loaded)


def blocking(violations: list[Violation]) -> list[Violation]:
    """Return only the records with severity ``Violation`` (they fail a build)."""
    return [v for v in violations if v.severity == "Violation"]
