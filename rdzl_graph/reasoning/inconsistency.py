"""An inconsistency found by a reasoner, as a violation naming the resource, its file and line."""

from __future__ import annotations

import re

from ..core.errors import Violation
from ..core.sources import LoadedGraphs, SourceSet


def inconsistency(message: str, loaded: LoadedGraphs | SourceSet | None = None) -> Violation:
    """Turn an owlrl inconsistency message into a violation naming the resource and its file.

    Examples
    --------
    >>> v = inconsistency("Disjoint classes A and B have a common individual https://x.org/a")
    >>> v.focus
    'https://x.org/a'
    """
    iris = re.findall(r"https?://[^\s>]+", message)
    focus = iris[-1] if iris else "(graaf)"
    file, line = loaded.locate(focus) if loaded is not None and iris else (None, None)
    return Violation(
        focus=focus,
        path="owl",
        message=f"De graaf is inconsistent / the graph is inconsistent: {message}",
        file=file,
        line=line,
    )
