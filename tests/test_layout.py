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


# --- sizes: no module over ~400 lines, no function over ~60 lines without a reason -----------------

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60  # the body's lines, the docstring not counted (numpydoc docstrings are long by design)
REASON_MARKER = "Long:"  # a function over the limit says why in its docstring: "Long: <the reason>"

#: Modules over the limit, each with who is splitting it; an entry must go when its module is split.
LONG_MODULES = {
}


def function_lengths(source: str) -> dict[str, tuple[int, str]]:
    """Qualified function name -> (lines without its docstring, docstring) for every function in *source*."""
    found: dict[str, tuple[int, str]] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = child.end_lineno - child.lineno + 1
                first = child.body[0]
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                        and isinstance(first.value.value, str):
                    lines -= first.end_lineno - first.lineno + 1
                found[prefix + child.name] = (lines, ast.get_docstring(child) or "")
                visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")

    visit(ast.parse(source), "")
    return found


def too_long(source: str) -> list[str]:
    """Functions of *source* over :data:`MAX_FUNCTION_LINES` whose docstring gives no reason."""
    return sorted(name for name, (lines, doc) in function_lengths(source).items()
                  if lines > MAX_FUNCTION_LINES and REASON_MARKER not in doc)


def module_name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_no_module_over_400_lines(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    if module_name(path) in LONG_MODULES:
        assert lines > MAX_MODULE_LINES, f"{module_name(path)} is split: take it off LONG_MODULES"
    else:
        assert lines <= MAX_MODULE_LINES


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_no_function_over_60_lines_without_a_reason(path: Path) -> None:
    assert too_long(path.read_text(encoding="utf-8")) == []


def test_the_size_check_sees_long_functions() -> None:
    body = "".join(f"    x{n} = {n}\n" for n in range(MAX_FUNCTION_LINES))
    plain = f'def f():\n    """Doc."""\n{body}'
    assert function_lengths(plain)["f"][0] == MAX_FUNCTION_LINES + 1 and too_long(plain) == ["f"]
    method = f'class C:\n    def m(self):\n        """Doc."""\n' + body.replace("    ", "        ")
    assert too_long(method) == ["C.m"]
    assert too_long(f'def f():\n    """Doc.\n\n    Long: one table, row by row.\n    """\n{body}') == []
    shorter = "".join(body.splitlines(keepends=True)[:-1])
    assert too_long(f'def f():\n{shorter}') == []  # the def line and 59 more: at the limit


# --- the benchmarks follow the layout --------------------------------------------------------------

BENCH = PACKAGE.parent / "bench"


def package_imports(path: Path) -> list[tuple[str, str | None]]:
    """``(module, name)`` of every ``from rdzl_graph... import name`` / ``import rdzl_graph...`` in *path*."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").split(".")[0] == "rdzl_graph":
            found += [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names if alias.name.split(".")[0] == "rdzl_graph"]
    return found


@pytest.mark.parametrize("path", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_bench_scripts_import_what_exists(path: Path) -> None:
    import importlib

    missing = []
    for module, name in package_imports(path):
        try:
            imported = importlib.import_module(module)
        except ImportError:
            missing.append(module)
            continue
        if name is not None and not hasattr(imported, name):
            try:
                importlib.import_module(f"{module}.{name}")
            except ImportError:
                missing.append(f"{module}.{name}")
    assert missing == []
