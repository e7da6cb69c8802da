"""The quality checks of the build: every ``queries/*-violation.rq`` must return nothing.

The checks are named questions (``rdzl-graph queries`` lists them) that find what the SHACL
shapes cannot say well: a project without partner, a sub-project in another programme line than
its project, an ontology term without a definition, ... The build runs them on the asserted and
inferred triples; any row fails the build like a violation of the data contract (exit 1,
nothing written), in plain words with the file and line of the resource.

Two checks need the files themselves and are code: :func:`defined_twice`, a resource typed or
labelled in two files (a project copied into a second file, its facts then silently merged), and
:func:`thousands_points`, an amount written ``700.000`` (a valid decimal: seven hundred; the store
keeps only the number, so no shape can see how it was written).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from ..core.errors import Violation
from ..core.loading import without_bom
from ..core.sources import ASSERTED, SourceSet, find_line, source_index
from ..core.namespaces import PREFIXES, short_name
from ..core.query_files import QueryInfo, load_query
from ..core.resources import queries_dir
from ..core.sparql import plain_result
from ..reasoning.graphs import INFERRED
from ..text.checks import defined_twice as defined_twice_text
from ..text.checks import thousands_point

#: The predicates that define a resource in a file: it is typed or labelled there.
_DEFINING = (ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(PREFIXES["rdfs"] + "label"))
_AMOUNT = ox.NamedNode(PREFIXES["rdzl"] + "amountEUR")
_DECIMAL = ox.NamedNode(PREFIXES["xsd"] + "decimal")
#: A number with exactly three digits after the point: in Dutch, how thousands are written.
_THREE_DECIMALS = re.compile(r"^-?[0-9]+\.[0-9]{3}$")
_MAYBE_THREE_DECIMALS = re.compile(rb"[0-9]\.[0-9]{3}(?![0-9])")

SUFFIX = "-violation"


def quality_checks(queries: Path | str | None = None) -> list[QueryInfo]:
    """The ``*-violation`` questions of the query library, sorted by name.

    Examples
    --------
    >>> "project-without-partner-violation" in [q.name for q in quality_checks()]
    True
    """
    root = Path(queries) if queries is not None else queries_dir()
    return [load_query(path) for path in sorted(root.glob(f"*{SUFFIX}.rq"))]


def _violation(check: QueryInfo, columns: list[str], row: tuple, sources: SourceSet | None) -> Violation:
    values = {c: v for c, v in zip(columns, row) if v is not None}
    focus = next((v for v in values.values() if isinstance(v, str) and v.startswith(("http", "_:"))), "")
    file, line = sources.locate(focus) if sources is not None and focus else (None, None)
    rest = ", ".join(f"{c}={short_name(v)}" for c, v in values.items() if v != focus)
    return Violation(focus=short_name(focus) if focus else check.name,
                     path=f"queries/{check.name}.rq",
                     message=f"{check.title_in('nl')} / {check.title_in('en')}",
                     file=file, line=line, value=rest or None)


def check_quality(store: ox.Store, sources: SourceSet | None = None,
                  graphs: tuple[ox.NamedNode, ...] = (ASSERTED, INFERRED),
                  queries: Path | str | None = None) -> list[Violation]:
    """Run every quality check on ``graphs`` of ``store``; one violation per row found.

    Parameters
    ----------
    store : pyoxigraph.Store
        The build's working store (or any store holding ``graphs``).
    sources : SourceSet, optional
        The loaded inputs, to name the file and line of each resource.
    graphs : tuple of pyoxigraph.NamedNode
        The named graphs the checks read as their default graph.
    queries : path, optional
        The query directory (default: the packaged ``queries/``).

    Returns
    -------
    list of Violation
        In check order, then row order; empty if the graph passes.

    Examples
    --------
    >>> store = ox.Store()
    >>> project = ox.NamedNode("https://w3id.org/rdzl-graph/id/project/x")
    >>> rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    >>> store.add(ox.Quad(project, rdf_type, ox.NamedNode(PREFIXES["rdzl"] + "Project"), ASSERTED))
    >>> sorted({v.path for v in check_quality(store)})[:2]
    ['queries/label-missing-dutch-violation.rq', 'queries/project-without-partner-violation.rq']
    """
    found: list[Violation] = []
    for check in quality_checks(queries):
        result = plain_result(store.query(check.sparql, default_graph=list(graphs), prefixes=dict(PREFIXES)))
        if isinstance(result, tuple):
            columns, rows = result
            found += [_violation(check, columns, row, sources) for row in rows]
        elif result:  # an ASK check that holds
            found.append(Violation(focus=check.name, path=f"queries/{check.name}.rq",
                                   message=f"{check.title_in('nl')} / {check.title_in('en')}"))
    return found


def defined_twice(sources: SourceSet) -> list[Violation]:
    """Resources (IRIs) typed or labelled in more than one loaded file, each naming every file.

    The record's file and line are the first file's (load order); its message names the others.
    Every resource of the real data is defined in one file (blank nodes are local to a file).

    Parameters
    ----------
    sources : SourceSet
        The loaded inputs, with their per-file graphs.

    Returns
    -------
    list of Violation
        One per resource defined twice, sorted by IRI; empty if there is none.
    """
    files: dict[str, set[int]] = {}
    # file by file: the other graphs (the asserted union, the reasoner's graph, which may be
    # growing meanwhile) are not read at all
    for graph in sources.ontology_graphs + sources.data_graphs:
        index = source_index(graph)
        for predicate in _DEFINING:
            for quad in sources.store.quads_for_pattern(None, predicate, None, graph):
                if isinstance(quad.subject, ox.NamedNode):
                    files.setdefault(quad.subject.value, set()).add(index)
    found = []
    for iri, indices in sorted(files.items()):
        if len(indices) < 2:
            continue
        places = [(sources.files[i].display, find_line(sources.files[i].path, iri)) for i in sorted(indices)]
        (file, line), others = places[0], places[1:]
        found.append(Violation(focus=short_name(iri), path="",
                               message=f"{defined_twice_text(others, 'nl')} / {defined_twice_text(others, 'en')}",
                               file=file, line=line))
    return found


def thousands_points(sources: SourceSet) -> list[Violation]:
    """Amounts (``rdzl:amountEUR``) written with three digits after the point, like ``700.000``.

    The file is parsed again (only if its text holds such a number) because the store keeps a
    decimal as its value (700), not as written.

    Parameters
    ----------
    sources : SourceSet
        The loaded inputs.

    Returns
    -------
    list of Violation
        One per such amount, in file order; empty for the real data.
    """
    found = []
    for source in sources.data_sources:
        raw = source.path.read_bytes()
        if not _MAYBE_THREE_DECIMALS.search(raw):
            continue
        for triple in ox.parse(without_bom(raw), format=ox.RdfFormat.TURTLE, base_iri=source.path.as_uri()):
            value = triple.object
            if (triple.predicate == _AMOUNT and isinstance(value, ox.Literal) and value.datatype == _DECIMAL
                    and _THREE_DECIMALS.match(value.value) and isinstance(triple.subject, ox.NamedNode)):
                iri = triple.subject.value
                found.append(Violation(focus=short_name(iri), path="rdzl:amountEUR", file=source.display,
                                       line=find_line(source.path, iri), value=value.value,
                                       message=f"{thousands_point(value.value, 'nl')} / {thousands_point(value.value, 'en')}"))
    return found
