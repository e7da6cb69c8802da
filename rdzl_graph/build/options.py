"""The choices of ``rdzl-graph build``, apart from the pipeline, so that the command line lists them
without loading the build (rdflib, pySHACL, the reasoners)."""

from __future__ import annotations

#: ``--reasoner``: the fast rules (default) or the owlrl reference (same result).
REASONERS = ("fast", "owlrl")
#: ``--validate``: what the build validates (default: only what changed since the previous build).
VALIDATION_MODES = ("changed", "all", "none")
