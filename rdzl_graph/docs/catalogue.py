"""The query catalogue: every ``queries/*.rq`` question with its header, as Markdown and HTML.

The catalogue is generated from the headers parsed by
:func:`rdzl_graph.query.named.list_queries` (titles and descriptions in Dutch and
English, parameters with type and default) and adds an example command per
question. ``docs/queries.md`` is this module's Markdown output, committed and
checked by the tests (``python -m rdzl_graph.docs queries > docs/queries.md``
regenerates it).
"""

from __future__ import annotations

import html
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..query.named import Param, QueryInfo, list_queries

#: Example values for required parameters, by ``iri(kind)`` or by type.
EXAMPLE_BY_KIND = {"project": ("vallisveld", "pottenberg-nazareth"), "orgs": ("envida",), "org": ("envida",),
                   "risk": ("capaciteit",), "status": ("aandachtspunten",), "gm": ("vaals",), "theme": ("wonen",)}
EXAMPLE_BY_TYPE = {"string": "circulair", "integer": "2", "decimal": "1.5", "boolean": "true",
                   "iri": "project:vallisveld"}
#: Name prefixes of queries used by the build, the analysis, the site and the endpoint.
INTERNAL_PREFIXES = ("stats-", "network-", "site-", "endpoint-")

GROUPS = (
    ("questions", {"nl": "Vragen", "en": "Questions"}),
    ("checks", {"nl": "Kwaliteitscontroles (geen rijen = in orde)", "en": "Quality checks (no rows = OK)"}),
    ("internal", {"nl": "Intern (gebruikt door build, analyse, site en eindpunt)",
                  "en": "Internal (used by the build, analysis, site and endpoint)"}),
)

_TEXT = {
    "title": {"nl": "Vragencatalogus", "en": "Query catalogue"},
    "intro": {
        "nl": "Alle benoemde SPARQL-vragen van rdzl-graph, uit de koppen van de bestanden in "
              "queries/. Draai een vraag met rdzl-graph query NAAM, of in Python met "
              "rdzl_graph.query.run_query(store, NAAM, params).",
        "en": "Every named SPARQL question of rdzl-graph, from the headers of the files in queries/. "
              "Run one with rdzl-graph query NAME, or in Python with "
              "rdzl_graph.query.run_query(store, NAME, params).",
    },
    "params": {"nl": "Parameters", "en": "Parameters"},
    "none": {"nl": "geen", "en": "none"},
    "example": {"nl": "Voorbeeld", "en": "Example"},
    "name": {"nl": "naam", "en": "name"},
    "type": {"nl": "type", "en": "type"},
    "value": {"nl": "waarde", "en": "value"},
    "description": {"nl": "omschrijving", "en": "description"},
    "required": {"nl": "verplicht", "en": "required"},
    "optional": {"nl": "optioneel (niet gebonden)", "en": "optional (unbound)"},
    "default": {"nl": "standaard", "en": "default"},
    "back": {"nl": "terug naar de site", "en": "back to the site"},
}


@dataclass(frozen=True)
class CatalogueEntry:
    """One query in the catalogue (plain data).

    Attributes
    ----------
    name : str
        Library name (file name without ``.rq``).
    group : str
        ``questions``, ``checks`` or ``internal``.
    title, description : dict
        Language -> text (``nl``, ``en``).
    params : tuple of Param
        The declared parameters.
    example : str
        A command line that runs the query.
    """

    name: str
    group: str
    title: dict[str, str]
    description: dict[str, str]
    params: tuple[Param, ...]
    example: str


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

    >>> from rdzl_graph.query.named import load_query
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

    >>> from rdzl_graph.query.named import load_query
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
    order = {key: n for n, (key, _) in enumerate(GROUPS)}
    entries = [CatalogueEntry(q.name, group_of(q.name), dict(q.title), dict(q.description), q.params,
                              example_command(q)) for q in list_queries(queries)]
    return sorted(entries, key=lambda e: (order[e.group], e.name))


def _param_value(param: Param, lang: str) -> str:
    if param.required:
        return _TEXT["required"][lang]
    if param.default is None:
        return _TEXT["optional"][lang]
    return f"{_TEXT['default'][lang]} {param.default}"


def _param_type(param: Param) -> str:
    return f"{param.type}({param.kind})" if param.kind else param.type


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _both(values: dict[str, str], lang: str) -> tuple[str, str]:
    other = "en" if lang == "nl" else "nl"
    return values.get(lang, ""), values.get(other, "")


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
    other = "en" if lang == "nl" else "nl"
    lines = [f"# {_TEXT['title'][lang]} / {_TEXT['title'][other]}", "",
             "<!-- Generated by `python -m rdzl_graph.docs queries > docs/queries.md`; do not edit. -->", "",
             _TEXT["intro"][lang], "", f"> {_TEXT['intro'][other]}", ""]
    for key, heading in GROUPS:
        members = [e for e in entries if e.group == key]
        if not members:
            continue
        lines += [f"## {heading[lang]} / {heading[other]}", ""]
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
                t = _TEXT
                lines += [f"| {t['name'][lang]} | {t['type'][lang]} | {t['value'][lang]} | {t['description'][lang]} |",
                          "| --- | --- | --- | --- |"]
                lines += [f"| `{p.name}` | `{_param_type(p)}` | {_md_cell(_param_value(p, lang))} | "
                          f"{_md_cell(p.description)} |" for p in e.params]
                lines.append("")
            else:
                lines += [f"{_TEXT['params'][lang]}: {_TEXT['none'][lang]}.", ""]
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
    esc = html.escape
    t = {key: value[lang] for key, value in _TEXT.items()}
    out = [f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
           f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{esc(t["title"])}</title>\n'
           "<style>body{font-family:system-ui,sans-serif;max-width:62rem;margin:1.5rem auto;padding:0 1rem;"
           "line-height:1.45}section{border-top:1px solid #ccc;padding:.4rem 0}.other{color:#555;font-style:italic}"
           "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}"
           "pre{background:#f4f4f4;padding:.5rem;overflow-x:auto}</style>\n</head>\n<body>\n",
           f'<p><a href="../index.html">&larr; {esc(t["back"])}</a></p>\n<h1>{esc(t["title"])}</h1>\n'
           f"<p>{esc(t['intro'])}</p>\n"]
    for key, heading in GROUPS:
        members = [e for e in entries if e.group == key]
        if not members:
            continue
        out.append(f'<h2 id="group-{key}">{esc(heading[lang])}</h2>\n<ul>\n')
        out += [f'<li><a href="#{esc(e.name)}"><code>{esc(e.name)}</code></a>: {esc(e.title.get(lang, e.name))}</li>\n'
                for e in members]
        out.append("</ul>\n")
        for e in members:
            title, title_other = _both(e.title, lang)
            desc, desc_other = _both(e.description, lang)
            out.append(f'<section id="{esc(e.name)}">\n<h3>{esc(title or e.name)} <code>{esc(e.name)}</code></h3>\n')
            if title_other and title_other != title:
                out.append(f'<p class="other">{esc(title_other)}</p>\n')
            if desc:
                out.append(f"<p>{esc(desc)}</p>\n")
            if desc_other and desc_other != desc:
                out.append(f'<p class="other">{esc(desc_other)}</p>\n')
            if e.params:
                out.append(f"<table>\n<tr><th>{esc(t['name'])}</th><th>{esc(t['type'])}</th><th>{esc(t['value'])}</th>"
                           f"<th>{esc(t['description'])}</th></tr>\n")
                out += [f"<tr><td><code>{esc(p.name)}</code></td><td><code>{esc(_param_type(p))}</code></td>"
                        f"<td>{esc(_param_value(p, lang))}</td><td>{esc(p.description)}</td></tr>\n" for p in e.params]
                out.append("</table>\n")
            else:
                out.append(f"<p>{esc(t['params'])}: {esc(t['none'])}.</p>\n")
            out.append(f"<p>{esc(t['example'])}:</p>\n<pre><code>{esc(e.example)}</code></pre>\n</section>\n")
    out.append("</body>\n</html>\n")
    return "".join(out)
