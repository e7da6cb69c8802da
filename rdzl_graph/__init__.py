"""rdzl-graph: a knowledge graph of the Regio Deal Zuid-Limburg projects.

The package is a library first; :mod:`rdzl_graph.cli` is a thin command-line
wrapper around it.
"""

__version__ = "0.1.0"
