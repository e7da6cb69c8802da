"""The main commands write and print exactly what the manifest recorded, byte for byte.

The manifest (``tests/golden/outputs-sha256.json``) is written by ``tests/make_outputs_manifest.py``,
run deliberately after an intended change of the outputs; this test never rewrites it. What is
normalised (the clock in ``build-info.json``, temporary paths and elapsed time in stdout) is
listed in that script's docstring.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from make_outputs_manifest import MANIFEST, produce


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Every command run once into a fresh temporary directory."""
    return produce(tmp_path_factory.mktemp("outputs"))


@pytest.fixture(scope="module")
def manifest() -> dict[str, dict[str, str]]:
    """The recorded manifest."""
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def test_every_command_exits_as_recorded(outputs, manifest) -> None:
    assert outputs["exit"] == manifest["exit"]
    assert set(manifest["exit"].values()) == {"0"}


def test_same_files_written(outputs, manifest) -> None:
    assert sorted(outputs["files"]) == sorted(manifest["files"])
    assert len(manifest["files"]) > 80  # the graph, the whole site, docs and both exports


def test_every_file_byte_identical(outputs, manifest) -> None:
    changed = sorted(path for path, digest in manifest["files"].items() if outputs["files"].get(path) != digest)
    assert changed == []


def test_every_stdout_identical(outputs, manifest) -> None:
    changed = sorted(name for name, digest in manifest["stdout"].items() if outputs["stdout"].get(name) != digest)
    assert changed == []


def test_manifest_is_not_the_output_of_a_failed_run(manifest) -> None:
    # The sha256 of an empty stdout+stderr would mean a command printed nothing at all.
    empty = hashlib.sha256(b"\n--stderr--\n").hexdigest()
    assert [name for name, digest in manifest["stdout"].items() if digest == empty] == []
