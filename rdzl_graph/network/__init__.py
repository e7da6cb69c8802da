"""Network analysis of the rdzl-graph: overlap of projects, knowledge-exchange communities, brokers.

Entry point: :func:`analyse` (``analyse(store, seed=0) -> Analysis``). Networks
for other modules: :func:`full_network` (node and edge attributes documented
in :mod:`rdzl_graph.network.graphs`).
"""

from __future__ import annotations

from .analysis import Analysis, Community, analyse, analyse_data
from .graphs import NetworkData, full_network, load_network_data
from .overlap import DEFAULT_WEIGHTS, Overlap

__all__ = [
    "Analysis",
    "Community",
    "DEFAULT_WEIGHTS",
    "NetworkData",
    "Overlap",
    "analyse",
    "analyse_data",
    "full_network",
    "load_network_data",
]
