"""The circles' own queries ship in the wheel, and the installed package computes circles outside the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path


def test_installed_wheel_computes_circles(tmp_path: Path, repo_root: Path, python_exe: str):
    wheel_dir = tmp_path / "wheel"
    subprocess.run([python_exe, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(repo_root),
                    "-w", str(wheel_dir)], check=True, capture_output=True, text=True, timeout=300)
    wheel = next(wheel_dir.glob("rdzl_graph-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    own = sorted(p.name for p in (repo_root / "rdzl_graph" / "circles" / "queries").glob("*.rq"))
    assert own and all(f"rdzl_graph/circles/queries/{name}" in names for name in own)
    assert "rdzl_graph/_resources/queries/circles.rq" in names
    site = tmp_path / "site"
    subprocess.run([python_exe, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, text=True, timeout=300)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = dict(os.environ, PYTHONPATH=str(site))
    for args in (["build", "--out", "out"], ["circles", "--build", "out", "--format", "json", "-o", "c.json"]):
        proc = subprocess.run([python_exe, "-m", "rdzl_graph", *args], capture_output=True, text=True,
                              cwd=work, env=env, timeout=300)
        assert proc.returncode == 0, proc.stderr
    assert json.loads((work / "c.json").read_text(encoding="utf-8"))["circles"]
