"""Network analysis of the rdzl-graph: overlap of projects, knowledge-exchange communities, brokers.

Entry point: :func:`analyse` (``analyse(store, seed=0) -> Analysis``). Networks
for other modules: :func:`full_network` (node and edge attributes documented
in :mod:`rdzl_graph.network.graphs`).

The names below are imported on first use (PEP 562), so that importing a light
submodule such as :mod:`rdzl_graph.network.formats` does not load networkx,
numpy and scipy.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Analysis": ".analysis",
    "Community": ".analysis",
    "analyse": ".analysis",
    "analyse_data": ".analysis",
    "NetworkData": ".graphs",
    "full_network": ".graphs",
    "load_network_data": ".graphs",
    "DEFAULT_WEIGHTS": ".overlap",
    "Overlap": ".overlap",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
