"""Query-text helpers for running a library query somewhere that cannot bind variables.

The embedded store binds parameters with pyoxigraph ``substitutions``. A remote SPARQL endpoint
cannot, so :func:`inject_values` writes the same RDF terms into the query text as ``VALUES``
blocks, serialized by pyoxigraph (never from raw user text). One implementation, used by
:meth:`rdzl_graph.query.named.PreparedQuery.remote_text` and the remote runner in
:mod:`rdzl_graph.endpoints.client`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from ..core.errors import InputError

_SCOPE_TOKENS = re.compile(
    r"""(?P<skip>\#[^\n]*|"{3}.*?"{3}|'{3}.*?'{3}|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'"""
    r"""|<[^<>"{}|^`\\\x00-\x20]*>)|(?P<word>\b(?:WHERE|VALUES|SELECT)\b)|(?P<open>\{)""",
    re.IGNORECASE | re.DOTALL,
)


def inject_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """Inject parameter terms as a one-row ``VALUES`` block into EVERY group of the WHERE clause.

    A ``VALUES`` block only at the top of ``WHERE`` does not reach a FILTER
    inside a nested ``OPTIONAL`` (groups are evaluated bottom-up), whereas
    pyoxigraph ``substitutions`` replace the variable everywhere. Repeating
    the one-row block at the start of each group (not in a ``CONSTRUCT``
    template, a ``VALUES`` data block or before a sub-``SELECT``) gives the
    same answers as the embedded store. Terms are written by pyoxigraph
    (``str(term)``), never from raw user text.

    >>> inject_values('SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?l FILTER(LANG(?l) = ?lang) } }',
    ...               {"lang": ox.Literal("en")})  # doctest: +NORMALIZE_WHITESPACE
    'SELECT * WHERE { VALUES (?lang) { ("en") } ?s ?p ?o OPTIONAL { VALUES (?lang) { ("en") } ?s ?q ?l FILTER(LANG(?l) = ?lang) } }'
    """
    if not bindings:
        return sparql
    names = " ".join(str(ox.Variable(name)) for name in bindings)
    cells = " ".join(str(term if not isinstance(term, str) else ox.NamedNode(term)) for term in bindings.values())
    block = f" VALUES ({names}) {{ ({cells}) }}"
    tokens = [m for m in _SCOPE_TOKENS.finditer(sparql) if not m.group("skip")]
    inserts, in_where, after_values = [], False, False
    for index, token in enumerate(tokens):
        word = (token.group("word") or "").upper()
        if word:
            in_where = in_where or word == "WHERE"
            after_values = word == "VALUES"
            continue
        if after_values:  # the { of a VALUES data block
            after_values = False
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        starts_subselect = (following is not None and (following.group("word") or "").upper() == "SELECT"
                            and not sparql[token.end():following.start()].strip())
        if in_where and not starts_subselect:
            inserts.append(token.end())
    if not inserts:
        raise InputError("<query>", None, "cannot bind parameters remotely: the query has no WHERE { ... } clause")
    pieces, last = [], 0
    for position in inserts:
        pieces += [sparql[last:position], block]
        last = position
    return "".join(pieces + [sparql[last:]])
