"""Shared fixtures: the real graph, built once per test session."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from rdzl_graph.build import BuildResult, build
from rdzl_graph.core.resources import data_dir, ontology_dir, queries_dir
from rdzl_graph.query.store import load_store

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Built:
    """A real build of the graph in a temporary directory.

    Attributes
    ----------
    out_dir : Path
        The build directory passed to :func:`rdzl_graph.build.pipeline.build`.
    graph_dir : Path
        ``out_dir/graph`` holding the outputs.
    trig, nt, ttl, info : Path
        The output files.
    result : BuildResult
        Counts and timings of the build.
    """

    out_dir: Path
    graph_dir: Path
    trig: Path
    nt: Path
    ttl: Path
    info: Path
    result: BuildResult


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository checkout."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def source_dirs() -> dict[str, Path]:
    """The ontology, data and queries directories used by the build."""
    return {"ontology": ontology_dir(), "data": data_dir(), "queries": queries_dir()}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Build the real graph once per session into a temporary directory."""
    out = tmp_path_factory.mktemp("build")
    result = build(out_dir=out)
    return Built(
        out_dir=out,
        graph_dir=result.graph_dir,
        trig=result.outputs["trig"],
        nt=result.outputs["nt"],
        ttl=result.outputs["ttl"],
        info=result.outputs["info"],
        result=result,
    )


@pytest.fixture(scope="session")
def store(built: Built):
    """An in-memory pyoxigraph store loaded from the built TriG file."""
    return load_store(built.trig)


@pytest.fixture(scope="session")
def cli_env() -> dict[str, str]:
    """Environment for running ``python -m rdzl_graph`` in a subprocess."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


@pytest.fixture(scope="session")
def python_exe() -> str:
    """The interpreter running the tests (the project virtualenv)."""
    return sys.executable


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for every browser test of the session (Playwright's sync API
    allows one running instance per thread, so the browser test modules must share it)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from test_site_support import CHROMIUM, CHROMIUM_ARGS

    with sync_api.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
