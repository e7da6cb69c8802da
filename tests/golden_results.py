"""Helpers of the tests of named questions: rows as dicts, and the golden result of a question.

Golden results live in ``tests/golden/<name>.json``; ``RDZL_REGENERATE_GOLDEN=1`` rewrites them
(only on purpose, then review the diff).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from rdzl_graph.query.named import run_query, to_json_data

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("RDZL_REGENERATE_GOLDEN") == "1"


def rows(store, name: str, **params: str) -> list[dict]:
    """The result of named question *name* as one dict per row (column -> plain value)."""
    result = run_query(store, name, params)
    return [dict(zip(result.columns, row)) for row in result.rows]


def check_golden(store, name: str, params: dict[str, str]) -> None:
    """Assert that question *name* with *params* gives its golden result (rewritten when regenerating)."""
    data = to_json_data(run_query(store, name, params))
    data["params"] = params
    path = GOLDEN / f"{name}.json"
    if REGENERATE:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert data == json.loads(path.read_text(encoding="utf-8"))
