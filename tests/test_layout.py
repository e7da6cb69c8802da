"""The layout shows the architecture: data flows one way, no module imports "upward".

core <- validation, reasoning <- build <- query <- endpoints, network <- site, docs <- cli.
A program (``__main__.py``) is an entry point like the CLI and may import it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "rdzl_graph"

# sub-package -> the sub-packages it must not import
FORBIDDEN = {
    "core": {"validation", "reasoning", "build", "query", "endpoints", "network", "site", "docs", "text", "cli"},
    "validation": {"reasoning", "build", "query", "endpoints", "network", "site", "docs", "cli"},
    "reasoning": {"validation", "build", "query", "endpoints", "network", "site", "docs", "cli"},
    "build": {"query", "endpoints", "network", "site", "docs", "cli"},
    "query": {"endpoints", "network", "site", "docs", "cli"},
    "endpoints": {"network", "site", "docs", "cli"},
    "network": {"site", "docs", "cli", "endpoints"},
    "site": {"docs", "cli", "endpoints"},
    "docs": {"cli", "site", "endpoints"},
}


def _imported(path: Path) -> set[str]:
    """Sub-packages of rdzl_graph that the module at *path* imports (anywhere in the module)."""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                target = base + (node.module.split(".") if node.module else [])
                names = [target] if node.module else [target + [a.name] for a in node.names]
            else:
                names = [(node.module or "").split(".")]
        elif isinstance(node, ast.Import):
            names = [a.name.split(".") for a in node.names]
        else:
            continue
        found |= {parts[1] for parts in names if len(parts) > 1 and parts[0] == "rdzl_graph"}
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_upward(path: Path) -> None:
    sub = path.relative_to(PACKAGE).parts[0]
    assert _imported(path) & FORBIDDEN.get(sub, set()) == set()


def test_the_check_sees_imports() -> None:
    assert {"core", "validation", "reasoning"} <= _imported(PACKAGE / "build" / "pipeline.py")
    assert "cli" in _imported(PACKAGE / "docs" / "__main__.py")


def test_every_command_lives_in_cli() -> None:
    registering = sorted(str(p.relative_to(PACKAGE)) for p in MODULES
                         if "def register(" in p.read_text(encoding="utf-8") and p.parent.name != "cli")
    assert registering == []
    assert "importlib" not in (PACKAGE / "cli" / "app.py").read_text(encoding="utf-8")


def test_readme_layout_table_is_the_folder_list() -> None:
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    listed = {line.split("`")[1] for line in layout.splitlines() if line.startswith("| `rdzl_graph/")}
    folders = {f"rdzl_graph/{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    modules = {f"rdzl_graph/{p.name}" for p in PACKAGE.glob("*.py") if not p.name.startswith("__")}
    assert listed == folders | modules
