"""The build: load ontology + data, validate, reason, write ``<out>/graph/`` atomically.

* :mod:`.pipeline` — :func:`~.pipeline.build` and :class:`~.pipeline.BuildResult`;
* :mod:`.validation_plan` — what a build validates (changed-only by default) and its record;
* :mod:`.options` — the choices of ``rdzl-graph build`` (reasoners, validation modes).
"""

from ..core.lazy import exported_names, lazy_exports

# imported on first use (PEP 562): the command line reads the choices of :mod:`.options` without the pipeline
_EXPORTS = {".pipeline": ("BuildResult", "build")}

__all__ = exported_names(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
