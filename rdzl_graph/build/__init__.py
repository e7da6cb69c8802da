"""The build: load ontology + data, validate, reason, write ``<out>/graph/`` atomically.

* :mod:`.pipeline` — :func:`~.pipeline.build` and :class:`~.pipeline.BuildResult`;
* :mod:`.validation_plan` — what a build validates (changed-only by default) and its record.
"""

from .pipeline import BuildResult, build

__all__ = ["BuildResult", "build"]
