"""The SHACL engines a build can validate with, apart from the engines themselves, so that the
command line lists them without loading rdflib and pySHACL."""

from __future__ import annotations

#: ``fast``: pyshacl-turbo on the Oxigraph store (the build's engine); ``pyshacl``: the reference.
ENGINES = ("fast", "pyshacl")
