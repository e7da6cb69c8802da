"""Core: what every stage uses (errors, namespaces and prefixes, packaged resources, loading
Turtle with file/line errors, serialisation, atomic replacement of outputs, package-internal
SPARQL). Nothing here imports from another sub-package of rdzl_graph."""
