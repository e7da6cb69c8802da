"""The static site: offline interactive network pages and a knowledge-exchange overview.

Entry point: :func:`build_site` (``rdzl-graph site``).
"""

from __future__ import annotations

from .generator import SiteResult, build_site

__all__ = ["SiteResult", "build_site"]
