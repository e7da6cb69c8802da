"""The query catalogue: every ``queries/*.rq`` question with its header, as Markdown and HTML.

The catalogue is generated from the headers parsed by
:func:`rdzl_graph.core.query_files.list_queries` (titles and descriptions in Dutch and
English, parameters with type and default) and adds an example command per
question. ``docs/queries.md`` is this module's Markdown output, committed and
checked by the tests (``python -m rdzl_graph.docs queries > docs/queries.md``
regenerates it).
"""

from __future__ import annotations

import dataclasses
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.query_files import Param, QueryInfo, list_queries
from ..text.docs import docs_strings
from ..text.languages import other_language
from .render import render_page

#: Example values for required parameters, by ``iri(kind)`` or by type.
EXAMPLE_BY_KIND = {"project": ("vallisveld", "pottenberg-nazareth"), "orgs": ("envida",), "org": ("envida",),
                   "risk": ("capaciteit",), "status": ("aandachtspunten",), "gm": ("vaals",), "theme": ("wonen",)}
EXAMPLE_BY_TYPE = {"string": "circulair", "integer": "2", "decimal": "1.5", "boolean": "true",
                   "iri": "project:vallisveld"}
#: Name prefixes of queries used by the build, the analysis, the site and the endpoint.
INTERNAL_PREFIXES = ("stats-", "network-", "site-", "endpoint-")

#: The catalogue's groups, in order (their headings: ``group_<key>`` in :mod:`rdzl_graph.text.docs`).
GROUPS = ("questions", "checks", "internal")


@dataclass(frozen=True)
class CatalogueEntry(QueryInfo):
    """One query in the catalogue: the parsed query file with its group and an example.

    Attributes
    ----------
    group : str
        ``questions``, ``checks`` or ``internal``.
    example : str
        A command line that runs the query.

    The other attributes are those of :class:`~rdzl_graph.core.query_files.QueryInfo`.
    """

    group: str = ""
    example: str = ""

    @classmethod
    def of(cls, info: QueryInfo) -> CatalogueEntry:
        """The catalogue entry of a parsed query."""
        fields = {f.name: getattr(info, f.name) for f in dataclasses.fields(QueryInfo)}
        return cls(**fields, group=group_of(info.name), example=example_command(info))


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

    >>> from rdzl_graph.core.query_files import load_query
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


def example_command(info: QueryInfo) -> str:
    """A shell command running *info* with example values (shell-quoted).

    >>> from rdzl_graph.core.query_files import load_query
    >>> example_command(load_query("search"))
    'rdzl-graph query search --param text=circulair'
    """
    words = ["rdzl-graph", "query", info.name]
    for name, value in example_params(info).items():
        words += ["--param", f"{name}={value}"]
    return shlex.join(words)


def catalogue(queries: Path | str | None = None) -> list[CatalogueEntry]:
    """The catalogue entries of every query, by group then name.

    Parameters
    ----------
    queries : pathlib.Path or str, optional
        Query directory (default: the packaged ``queries/``).

    Examples
    --------
    >>> entries = catalogue()
    >>> next(e for e in entries if e.name == "risk-overview").title["en"]
    'Overview of attention points per category'
    """
    order = {key: n for n, key in enumerate(GROUPS)}
    entries = [CatalogueEntry.of(q) for q in list_queries(queries)]
    return sorted(entries, key=lambda e: (order[e.group], e.name))


def _param_value(param: Param, t: dict[str, str]) -> str:
    if param.required:
        return t["required"]
    if param.default is None:
        return t["optional"]
    return f"{t['default']} {param.default}"


def _param_type(param: Param) -> str:
    return f"{param.type}({param.kind})" if param.kind else param.type


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _both(values: dict[str, str], lang: str) -> tuple[str, str]:
    return values.get(lang, ""), values.get(other_language(lang), "")


def catalogue_markdown(entries: Sequence[CatalogueEntry] | None = None, lang: str = "nl") -> str:
    """The catalogue as Markdown (``docs/queries.md``).

    Each query shows its title and description in *lang* with the other
    language as a quote, its parameters and an example command.

    Examples
    --------
    >>> catalogue_markdown().startswith("# Vragencatalogus")
    True
    """
    entries = catalogue() if entries is None else entries
    t, o = docs_strings("catalogue", lang), docs_strings("catalogue", other_language(lang))
    lines = [f"# {t['title']} / {o['title']}", "",
             "<!-- Generated by `python -m rdzl_graph.docs queries > docs/queries.md`; do not edit. -->", "",
             t["intro"], "", f"> {o['intro']}", ""]
    for key in GROUPS:
        members = [e for e in entries if e.group == key]
        if not members:
            continue
        lines += [f"## {t['group_' + key]} / {o['group_' + key]}", ""]
        lines += [f"- [`{e.name}`](#{e.name}): {_md_cell(e.title.get(lang, e.name))}" for e in members] + [""]
        for e in members:
            title, title_other = _both(e.title, lang)
            desc, desc_other = _both(e.description, lang)
            lines += [f"### {e.name}", "", f"**{_md_cell(title or e.name)}**"]
            if title_other and title_other != title:
                lines[-1] += f" — {_md_cell(title_other)}"
            lines.append("")
            if desc:
                lines += [" ".join(desc.split()), ""]
            if desc_other and desc_other != desc:
                lines += [f"> {' '.join(desc_other.split())}", ""]
            if e.params:
                lines += [f"| {t['name']} | {t['type']} | {t['value']} | {t['description']} |",
                          "| --- | --- | --- | --- |"]
                lines += [f"| `{p.name}` | `{_param_type(p)}` | {_md_cell(_param_value(p, t))} | "
                          f"{_md_cell(p.description)} |" for p in e.params]
                lines.append("")
            else:
                lines += [f"{t['params']}: {t['none']}.", ""]
            lines += ["```sh", e.example, "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def catalogue_html(entries: Sequence[CatalogueEntry] | None = None, lang: str = "nl") -> str:
    """The catalogue as one self-contained HTML page (every text escaped).

    Examples
    --------
    >>> "<h1>Vragencatalogus</h1>" in catalogue_html()
    True
    """
    entries = catalogue() if entries is None else entries
    t = docs_strings("catalogue", lang)
    groups = []
    for key in GROUPS:
        members = [_html_entry(e, lang, t) for e in entries if e.group == key]
        if members:
            groups.append({"key": key, "heading": t[f"group_{key}"], "entries": members})
    return render_page("catalogue.html.j2", lang=lang, title=t["title"], back=t["back"], viewport=True, t=t,
                       groups=groups)


def _html_entry(e: CatalogueEntry, lang: str, t: dict[str, str]) -> dict[str, object]:
    title, title_other = _both(e.title, lang)
    desc, desc_other = _both(e.description, lang)
    return {"name": e.name, "list_title": e.title.get(lang, e.name), "title": title, "title_other": title_other,
            "description": desc, "description_other": desc_other, "example": e.example,
            "params": [{"name": p.name, "type": _param_type(p), "value": _param_value(p, t),
                        "description": p.description} for p in e.params]}
