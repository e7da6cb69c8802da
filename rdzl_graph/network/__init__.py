"""Network analysis of the rdzl-graph: overlap of projects, knowledge-exchange communities, brokers.

Entry point: :func:`analyse` (``analyse(store, seed=0) -> Analysis``). Networks
for other modules: :func:`full_network` (node and edge attributes documented
in :mod:`rdzl_graph.network.graphs`).

The names below are imported on first use (PEP 562), so that importing a light
submodule such as :mod:`rdzl_graph.network.formats` does not load networkx,
numpy and scipy.
"""

from __future__ import annotations

from ..core.lazy import exported_names, lazy_exports

_EXPORTS = {
    ".analysis": ("Analysis", "Community", "analyse", "analyse_data"),
    ".graphs": ("NetworkData", "full_network", "load_network_data"),
    ".overlap": ("DEFAULT_WEIGHTS", "Overlap"),
}

__all__ = exported_names(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
