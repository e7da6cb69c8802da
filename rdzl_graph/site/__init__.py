"""The static site: offline interactive network pages and a knowledge-exchange overview.

Entry point: :func:`build_site` (``rdzl-graph site``), imported on first use
(PEP 562) so that importing a small module of the site (the charts, the
view helpers) does not load the generator.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["SiteResult", "build_site"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(".generator", __name__), name)
