"""Knowledge-exchange circles: overlapping, cross-line groups of projects around a shared task or problem.

Entry points: :func:`circles_report` (``circles_report(store, seed=0,
lang="nl", decisions=None) -> dict``) and :func:`learn_from_report`
(``learn_from_report(store, project, lang="nl") -> dict``); the algorithm is
documented in :mod:`rdzl_graph.circles.select`. Names are imported on first
use, so the CLI's ``--help`` does not load networkx.
"""

from __future__ import annotations

from ..core.lazy import exported_names, lazy_exports

_EXPORTS = {
    ".report": ("circles_report", "learn_from_report"),
    ".rdf": ("circles_quads", "circles_trig"),
    ".select": ("select_circles",),
    ".facts": ("load_circle_facts",),
}

__all__ = exported_names(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
