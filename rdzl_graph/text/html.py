"""The one Jinja2 setup of every HTML page the package writes (site and documentation).

Autoescape is always on and an undefined name is an error, so a missing
value or a label such as ``<script>`` can never reach a page unescaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup


def _escape_like_stdlib(value: Any) -> Any:
    """Escape like :func:`html.escape` (``&#x27;``, ``&quot;``) instead of markupsafe (``&#39;``, ``&#34;``)."""
    if value is None or isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value)))


def html_environment(template_dir: Path | str, *, filters: Mapping[str, Callable[..., Any]] | None = None,
                     stdlib_escape: bool = False, keep_trailing_newline: bool = False) -> jinja2.Environment:
    """A Jinja2 environment for the templates in *template_dir*: autoescape, strict, blocks trimmed.

    Parameters
    ----------
    template_dir : pathlib.Path or str
        Directory of the ``*.html.j2`` templates.
    filters : mapping, optional
        Extra template filters by name.
    stdlib_escape : bool
        Write the entities of :func:`html.escape` (``'`` as ``&#x27;``); the
        documentation pages were written that way before they had templates,
        and keep their bytes. Both forms are the same HTML.
    keep_trailing_newline : bool
        Keep the newline at the end of a template (Jinja2 drops it by default).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()); _ = (folder / "p.html.j2").write_text("<b>{{ x }}</b>")
    >>> html_environment(folder).get_template("p.html.j2").render(x="<i>'")
    '<b>&lt;i&gt;&#39;</b>'
    >>> html_environment(folder, stdlib_escape=True).get_template("p.html.j2").render(x="<i>'")
    '<b>&lt;i&gt;&#x27;</b>'
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline, finalize=_escape_like_stdlib if stdlib_escape else None,
    )
    env.filters.update(filters or {})
    return env
