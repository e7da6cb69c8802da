"""The wheel ships the ontology, data and queries, and works outside the checkout."""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory, repo_root: Path, python_exe: str) -> Path:
    """Build the wheel of the checkout (no build isolation: hatchling is a test extra)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [python_exe, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(repo_root), "-w", str(out)],
        check=True, capture_output=True, text=True, timeout=300,
    )
    wheels = list(out.glob("rdzl_graph-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_contains_resources(wheel: Path, repo_root: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "rdzl_graph/cli/app.py" in names
    # the package-internal SPARQL beside its modules
    assert "rdzl_graph/core/assert-sources.ru" in names
    assert "rdzl_graph/reasoning/rules/finish.ru" in names
    assert "rdzl_graph/_resources/ontology/rdzl.ttl" in names
    assert "rdzl_graph/_resources/ontology/rdzl-shapes.ttl" in names
    assert "rdzl_graph/_resources/queries/stats-class-counts.rq" in names
    for top in ("data", "queries", "ontology"):
        for path in (repo_root / top).rglob("*"):
            if path.is_file():
                rel = path.relative_to(repo_root).as_posix()
                assert f"rdzl_graph/_resources/{rel}" in names, rel
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    ).decode()
    assert "rdzl-graph = rdzl_graph.cli:main" in entry_points


def test_serve_needs_no_extra(wheel: Path):
    """Regression (issue 14): the Oxigraph server that `rdzl-graph serve` runs was only in the test
    extra, so `make run` (which installs the notebooks extra only) gave a `serve` that could not start."""
    metadata = zipfile.ZipFile(wheel).read(
        next(n for n in zipfile.ZipFile(wheel).namelist() if n.endswith(".dist-info/METADATA"))
    ).decode()
    requires = [line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    unconditional = [r for r in requires if "extra ==" not in r]
    assert any(re.match(r"oxigraph\b", r) and "<0.6" in r for r in unconditional), unconditional


def test_installed_wheel_builds_outside_checkout(wheel: Path, tmp_path: Path, python_exe: str):
    site = tmp_path / "site"
    subprocess.run(
        [python_exe, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True, capture_output=True, text=True, timeout=300,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = dict(os.environ, PYTHONPATH=str(site))
    where = subprocess.run(
        [python_exe, "-c", "import rdzl_graph.core.resources as r; print(r.data_dir())"],
        check=True, capture_output=True, text=True, cwd=work, env=env,
    ).stdout.strip()
    assert Path(where) == site / "rdzl_graph" / "_resources" / "data"
    proc = subprocess.run(
        [python_exe, "-m", "rdzl_graph", "build", "--out", str(work / "out")],
        capture_output=True, text=True, cwd=work, env=env, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert (work / "out" / "graph" / "rdzl-graph.trig").is_file()
