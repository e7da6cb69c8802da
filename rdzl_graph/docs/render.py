"""Render a documentation page from its Jinja2 template (``docs/templates/``).

The pages share one skeleton (``page.html.j2``: language, title, the link
back to the site, a small inline style) and escape every value. They escape
like :func:`html.escape`, as they did before they had templates, so their
bytes did not change.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from ..text.html import html_environment

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def _environment() -> jinja2.Environment:
    return html_environment(TEMPLATES, stdlib_escape=True, keep_trailing_newline=True)


def render_page(template: str, *, lang: str, title: str, back: str | None = None, viewport: bool = False,
                **context: Any) -> str:
    """Render one documentation page.

    Parameters
    ----------
    template : str
        Template file name in ``docs/templates/``.
    lang : str
        ``lang`` attribute of the page.
    title : str
        Title and first heading.
    back : str, optional
        Text of the link back to the site (no link when not given).
    viewport : bool
        Whether the page declares a mobile viewport.
    **context
        What the template shows.

    Examples
    --------
    >>> page = render_page("index.html.j2", lang="nl", title="<Docs>", links=[("a.html", "A & B", "it's")])
    >>> "<title>&lt;Docs&gt;</title>" in page and "A &amp; B</a> — it&#x27;s" in page
    True
    """
    return _environment().get_template(template).render(lang=lang, title=title, back=back, viewport=viewport,
                                                         **context)
