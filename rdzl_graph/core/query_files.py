"""Query files: the header of a ``.rq`` file (title, description in Dutch and English, typed
parameters; the format is defined in ``queries/README.md``), its SPARQL syntax, and the library of
named questions in ``queries/``. Running them is :mod:`rdzl_graph.query.named`; the build reads
the quality checks (``*-violation.rq``) through this module too.
"""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError
from .namespaces import PREFIXES
from .resources import queries_dir

PARAM_TYPES = ("iri", "string", "integer", "decimal", "boolean")
_NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FIELD_RE = re.compile(r"^#\s?(title|description)@([a-z]{2})\s*:\s*(.*)$")
_PARAM_RE = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>iri|string|integer|decimal|boolean)(?:\((?P<kind>[a-z-]+)\))?\s+"
    r"(?:(?P<required>required)|(?P<optional>optional)|default=(?P<default>\"[^\"]*\"|\S+))"
    r"\s*(?:(?:—|--)\s*(?P<desc>.*))?$"
)
# Tolerated older form: "name (type ..., default unbound ...) description".
_LEGACY_PARAM_RE = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<spec>[^)]*)\)\s*(?P<desc>.*)$")


@dataclass(frozen=True)
class Param:
    """One declared query parameter: variable *name* (no ``?``), *type* (see
    :data:`PARAM_TYPES`), *kind* (the ID prefix bare names expand in, for
    ``iri(kind)``), *required*, *default* (text; ``None`` = required or
    unbound) and *description*."""

    name: str
    type: str
    kind: str | None = None
    required: bool = False
    default: str | None = None
    description: str = ""


@dataclass(frozen=True)
class QueryInfo:
    """A parsed query file: metadata, parameters and SPARQL text."""

    name: str
    path: Path
    title: dict[str, str]
    description: dict[str, str]
    params: tuple[Param, ...]
    sparql: str

    def title_in(self, lang: str = "nl") -> str:
        """Title in *lang*, falling back to Dutch, English, then the name."""
        return self.title.get(lang) or self.title.get("nl") or self.title.get("en") or self.name

    def description_in(self, lang: str = "nl") -> str:
        """Description in *lang*, falling back to Dutch then English."""
        return self.description.get(lang) or self.description.get("nl") or self.description.get("en") or ""


def _parse_param(spec: str, where: str) -> Param:
    match = _PARAM_RE.match(spec)
    if match:
        default = match["default"]
        if default is not None and default.startswith('"'):
            default = default[1:-1]
        return Param(match["name"], match["type"], match["kind"], bool(match["required"]), default,
                     (match["desc"] or "").strip())
    legacy = _LEGACY_PARAM_RE.match(spec)
    if legacy:
        words = re.findall(r"[a-z]+", legacy["spec"].lower())
        types = [w for w in words if w in PARAM_TYPES]
        if types:
            return Param(legacy["name"], types[0], None, "required" in words, None, legacy["desc"].strip())
    raise InputError(where, None, f"cannot read parameter declaration {spec!r} (see queries/README.md)")


def parse_query_text(text: str, name: str, path: Path | str) -> QueryInfo:
    """Parse the header of a query file (*name*, read from *path*) and check its syntax.

    Raises :class:`InputError` on a malformed parameter declaration or a
    SPARQL syntax error (with *path* in the message).

    Examples
    --------
    >>> info = parse_query_text("# title@en: Count\\nSELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "count", "-")
    >>> info.title_in("en")
    'Count'
    """
    where = str(path)
    title: dict[str, str] = {}
    description: dict[str, str] = {}
    params: list[Param] = []
    notes: list[str] = []
    current: tuple[dict[str, str], str] | None = None
    header = [line.rstrip() for line in itertools.takewhile(lambda x: x.startswith("#"), text.splitlines())]
    for number, line in enumerate(header, start=1):
        field_match = _FIELD_RE.match(line)
        body = line[1:].strip()
        if field_match:
            target = title if field_match[1] == "title" else description
            target[field_match[2]] = field_match[3].strip()
            current = (target, field_match[2])
        elif body.startswith("param:"):
            spec = body[len("param:"):].strip()
            if spec.lower() not in ("none", "geen", "-"):
                params.append(_parse_param(spec, f"{where}, line {number}"))
            current = None
        elif line.startswith("#   ") and current is not None and body:
            current[0][current[1]] += " " + body
        else:
            current = None
            if body and not title and not description:
                notes.append(body)
    if not title and notes:
        title = {"nl": notes[0], "en": notes[0]}
        if len(notes) > 1:
            description = {"nl": " ".join(notes[1:]), "en": " ".join(notes[1:])}
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise InputError(where, None, "a parameter is declared twice")
    check_syntax(text, where)
    return QueryInfo(name, Path(path), title, description, tuple(params), text)


def check_syntax(sparql: str, where: str = "<query>") -> None:
    """Parse *sparql* with pyoxigraph (on an empty store) and raise on errors.

    Raises
    ------
    InputError
        ``where: SPARQL syntax error: ...`` with pyoxigraph's line:column.
    """
    try:
        result = ox.Store().query(sparql, prefixes=dict(PREFIXES))
        if isinstance(result, ox.QuerySolutions):
            list(result)
    except SyntaxError as exc:
        raise InputError(where, None, f"SPARQL syntax error: {exc}") from exc


def list_queries(directory: Path | str | None = None) -> list[QueryInfo]:
    """Parse every ``.rq`` file of the query library, sorted by name.

    Examples
    --------
    >>> "shared-partners" in [q.name for q in list_queries()]
    True
    """
    root = Path(directory or queries_dir())
    return [load_query(path) for path in sorted(root.glob("*.rq"))]


def load_query(name_or_path: str | Path, directory: Path | str | None = None) -> QueryInfo:
    """Load one query by library name (``shared-partners``) or by file path.

    Raises
    ------
    InputError
        If no such query exists, or its file is malformed.

    Examples
    --------
    >>> load_query("municipalities-without-project").title_in("en")
    'Municipalities without a project'
    """
    text_name = str(name_or_path)
    root = Path(directory or queries_dir())
    if isinstance(name_or_path, Path) or text_name.endswith(".rq") or "/" in text_name:
        path = Path(name_or_path)
        if not path.is_file():
            raise InputError(text_name, None, "query file not found")
    else:
        path = root / f"{text_name}.rq"
        if not _NAME_RE.match(text_name) or not path.is_file():
            known = [p.stem for p in root.glob("*.rq")]
            close = difflib.get_close_matches(text_name, known, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else "; `rdzl-graph queries` lists them"
            raise InputError(text_name, None, "unknown query" + hint)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), None, f"cannot read query file: {exc}") from exc
    return parse_query_text(text, path.stem, path)


def adhoc_query(sparql: str) -> QueryInfo:
    """Wrap ad-hoc SPARQL text (``rdzl-graph query -e``) as a parameterless query."""
    return parse_query_text(sparql, "ad-hoc", "<-e query>")


#: Example values for required parameters, by ``iri(kind)`` or by type.
EXAMPLE_BY_KIND = {"project": ("vallisveld", "pottenberg-nazareth"), "orgs": ("envida",), "org": ("envida",),
                   "risk": ("capaciteit",), "status": ("aandachtspunten",), "gm": ("vaals",), "theme": ("wonen",)}
EXAMPLE_BY_TYPE = {"string": "circulair", "integer": "2", "decimal": "1.5", "boolean": "true",
                   "iri": "project:vallisveld"}
#: Name prefixes of queries used by the build, the analysis, the site and the endpoint.
INTERNAL_PREFIXES = ("stats-", "network-", "site-", "endpoint-")


def group_of(name: str) -> str:
    """Catalogue group of a query name.

    >>> group_of("project-without-partner-violation"), group_of("site-projects"), group_of("search")
    ('checks', 'internal', 'questions')
    """
    if name.endswith("-violation"):
        return "checks"
    if name.startswith(INTERNAL_PREFIXES):
        return "internal"
    return "questions"


def example_params(info: QueryInfo) -> dict[str, str]:
    """Example values for the required parameters of a query (user-typed form).

    >>> example_params(load_query("shared-partners"))
    {'project_a': 'vallisveld', 'project_b': 'pottenberg-nazareth'}
    """
    values: dict[str, str] = {}
    used: dict[str, int] = {}
    for p in info.params:
        if not p.required:
            continue
        choices = EXAMPLE_BY_KIND.get(p.kind or "", (EXAMPLE_BY_TYPE[p.type],))
        n = used.get(p.kind or p.type, 0)
        used[p.kind or p.type] = n + 1
        values[p.name] = choices[n % len(choices)]
    return values
