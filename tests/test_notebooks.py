"""The notebooks: committed without outputs, executed here with the project's interpreter, saying true things.

Each notebook runs in a real Jupyter kernel (nbclient, kernel ``python3``, which
jupyter_client starts with the interpreter running the tests), offline, on the
session's fresh build (``RDZL_BUILD_DIR``). A failing cell fails the test.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="pip install -e '.[notebooks]'")
nbclient = pytest.importorskip("nbclient", reason="pip install -e '.[notebooks]'")

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = REPO_ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
KERNEL = "python3"
CELL_TIMEOUT = 120
EXPECTED = ("01-getting-started", "02-overlap-and-communities", "03-funding-status-risks", "04-remote-endpoint")


def kernel_env(build_dir: Path) -> dict[str, str]:
    """Environment of the kernel: the session's build, this checkout first on the path, no display."""
    env = dict(os.environ)
    env["RDZL_BUILD_DIR"] = str(build_dir)
    env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["MPLBACKEND"] = "Agg"
    env.pop("DISPLAY", None)
    return env


def run_notebook(nb, env: dict[str, str]):
    """Execute *nb* in place in ``notebooks/`` (raises CellExecutionError on a failing cell)."""
    client = nbclient.NotebookClient(
        nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT, resources={"metadata": {"path": str(NOTEBOOK_DIR)}}
    )
    client.execute(env=env)
    return nb


def output_text(nb) -> str:
    """All text the notebook's cells printed or displayed."""
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                parts.append(output.get("text", ""))
            data = output.get("data", {})
            for mime in ("text/plain", "text/html"):
                if mime in data:
                    parts.append(data[mime])
    return "\n".join(parts)


def images(nb) -> int:
    """Number of PNG images the notebook displayed."""
    return sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


@pytest.fixture(scope="module")
def executed(built) -> dict[str, tuple[object, float]]:
    """Every notebook executed once: name -> (notebook, seconds)."""
    env = kernel_env(built.out_dir)
    results = {}
    for path in NOTEBOOKS:
        start = time.perf_counter()
        nb = run_notebook(nbformat.read(path, as_version=4), env)
        results[path.stem] = (nb, time.perf_counter() - start)
    return results


def test_the_four_notebooks_are_there():
    assert tuple(p.stem for p in NOTEBOOKS) == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebooks_have_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == KERNEL
    for n, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {n} has outputs: strip them before committing"
            assert cell.execution_count is None, f"{path.name} cell {n} has an execution count"
        assert "execution" not in cell.get("metadata", {}), f"{path.name} cell {n} keeps execution timing"


def test_stripped_check_catches_outputs(tmp_path):
    """The check above fails on a notebook that was saved after running."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    nb.metadata.kernelspec = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    run_notebook(nb, dict(os.environ))
    assert nb.cells[0].execution_count == 1 and nb.cells[0].outputs[0]["data"]["text/plain"] == "2"


def test_kernel_runs_the_project_interpreter(built):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import json, sys, rdzl_graph\nprint(json.dumps([sys.executable, rdzl_graph.__file__]))")])
    run_notebook(nb, kernel_env(built.out_dir))
    executable, package = json.loads(nb.cells[0].outputs[0]["text"])
    assert executable == sys.executable
    assert Path(package).resolve() == (REPO_ROOT / "rdzl_graph" / "__init__.py").resolve()


def test_getting_started(executed):
    nb, _ = executed["01-getting-started"]
    text = output_text(nb)
    assert "totaal: 20332459 EUR over 22 toekenningen" in text
    assert "24 projecten en deelprojecten" in text
    assert "Envida" in text  # the partner Vallisveld and Pottenberg & Nazareth share
    assert "rdzl:SubProject" in text  # class counts
    assert "Circular Chemelot" in text  # the ad-hoc query's answer


def test_overlap_and_communities(executed):
    nb, _ = executed["02-overlap-and-communities"]
    text = output_text(nb)
    assert "beide werken met Envida" in text
    assert "Gemeenschap 1 (" in text and "verbinders:" in text
    assert "Provincie Limburg" in text  # a broker
    assert images(nb) == 1
    assert "24 projecten," in text  # the interactive overlap network (to_pyvis)
    frames = [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})
              and "<iframe srcdoc=" in o["data"]["text/html"]]
    assert len(frames) == 1 and "vis.Network(" in frames[0]
    assert "https://cdn" not in frames[0] and "src=&quot;http" not in frames[0]  # draws offline


def test_funding_status_risks(executed):
    nb, _ = executed["03-funding-status-risks"]
    text = output_text(nb)
    assert "20332459" in text
    assert "onzeker: " in text and "The Circular Mile" in text  # uncertain amounts shown apart
    assert "Capaciteitsgebrek" in text
    assert images(nb) == 4


def test_remote_endpoint(executed):
    nb, _ = executed["04-remote-endpoint"]
    text = output_text(nb)
    assert "zelfde antwoord op het eindpunt en in de ingebouwde store: True" in text
    assert "server gestopt: True" in text
    assert "alles aangekomen: True" in text
    assert "totaal bedrag: 20332459" in text
    comparison = nb.cells[-3].outputs[0]["data"]["text/plain"]
    assert "False" not in comparison and comparison.count("True") == 4
    assert "beschrijfbare server gestopt" in text
