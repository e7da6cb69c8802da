"""Knowledge-exchange circles: overlapping, cross-line groups of projects around a shared task or problem.

Entry points: :func:`circles_report` (``circles_report(store, seed=0,
lang="nl", decisions=None) -> dict``) and :func:`learn_from_report`
(``learn_from_report(store, project, lang="nl") -> dict``); the algorithm is
documented in :mod:`rdzl_graph.circles.select`. Names are imported on first
use, so the CLI's ``--help`` does not load networkx.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "circles_report": ".report",
    "learn_from_report": ".report",
    "circles_quads": ".rdf",
    "circles_trig": ".rdf",
    "select_circles": ".select",
    "load_circle_facts": ".facts",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
