"""Write ``tests/golden/outputs-sha256.json``: the sha256 of every output of the main commands.

Run it deliberately, after an intended change of what the commands write or print, and review
the diff of the manifest::

    .venv/bin/python tests/make_outputs_manifest.py

``tests/test_outputs_identical.py`` runs the same commands in a temporary directory and compares
with the manifest (it never rewrites it), so a refactor that changes a byte of an output fails.

What is left out, and why (everything else is compared byte for byte):

- ``graph/build-info.json``: the fields ``built_at``, ``timings_seconds`` and
  ``validation.timings`` are the clock; the rest of the file is compared (hashed after removing
  those three fields, keys kept in the file's order).
- stdout: the output directory (a new temporary directory each run) is replaced by ``<OUT>`` and
  the build's elapsed time (``in 0.70s``) by ``in <T>s``.
- Nothing depends on ``PYTHONHASHSEED`` (the community pages once did; fixed), so the commands run
  with whatever hash seed the environment has.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

MANIFEST = Path(__file__).resolve().parent / "golden" / "outputs-sha256.json"

VOLATILE_BUILD_INFO = ("built_at", "timings_seconds")
VOLATILE_VALIDATION = ("timings",)


def commands(out: Path) -> list[tuple[str, list[str]]]:
    """The commands whose outputs are compared, as ``(name, arguments)`` in run order.

    Parameters
    ----------
    out : Path
        The directory everything is written into.
    """
    build = str(out / "build")
    return [
        ("build", ["build", "--out", build]),
        ("build-again", ["build", "--out", build]),
        ("site", ["site", "--build", build, "--out", str(out / "build" / "site")]),
        ("docs", ["docs", "--out", str(out / "build" / "site" / "docs")]),
        ("network-export-json", ["network-export", "--format", "json", "-o", str(out / "network-json"), "--build", build]),
        ("network-export-trig", ["network-export", "--format", "trig", "-o", str(out / "network-trig"), "--build", build]),
        ("communities", ["communities", "--build", build]),
        ("overlap", ["overlap", "--build", build]),
        ("centrality", ["centrality", "--build", build]),
        ("stats", ["stats", "--build", build]),
        ("queries", ["queries"]),
        ("export-ttl", ["export", "--format", "ttl", "--build", build]),
        ("circles", ["circles", "--build", build]),
        ("circles-json", ["circles", "--format", "json", "--build", build]),
        ("circles-trig", ["circles", "--format", "trig", "-o", str(out / "build" / "analysis" / "circles.trig"),
                          "--build", build]),
        ("learn-from", ["learn-from", "gebiedsvisie-zuidoost-beek-landgoed-broenen", "--build", build]),
    ]


def normalise_stdout(text: str, out: Path) -> str:
    """Replace what differs between two runs of the same tree in a command's stdout/stderr."""
    text = text.replace(str(out), "<OUT>")
    return re.sub(r"\bin \d+(?:\.\d+)?s\b", "in <T>s", text)


def normalise_build_info(data: bytes) -> bytes:
    """``build-info.json`` without the clock fields (see the module docstring)."""
    info = json.loads(data)
    for key in VOLATILE_BUILD_INFO:
        info.pop(key, None)
    for key in VOLATILE_VALIDATION:
        info.get("validation", {}).pop(key, None)
    return json.dumps(info, indent=2, ensure_ascii=False).encode("utf-8")


def sha256(data: bytes) -> str:
    """Hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def produce(out: Path) -> dict[str, dict[str, str]]:
    """Run every command into ``out`` and return the manifest.

    Returns
    -------
    dict
        ``{"files": {relative path: sha256}, "stdout": {command: sha256}, "exit": {command: code}}``.
    """
    env = dict(os.environ)
    stdout: dict[str, str] = {}
    exits: dict[str, str] = {}
    for name, args in commands(out):
        done = subprocess.run([sys.executable, "-m", "rdzl_graph", *args], cwd=out, env=env,
                              capture_output=True, text=True, check=False)
        exits[name] = str(done.returncode)
        stdout[name] = sha256(normalise_stdout(done.stdout + "\n--stderr--\n" + done.stderr, out).encode("utf-8"))
    files: dict[str, str] = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        relative = path.relative_to(out).as_posix()
        data = path.read_bytes()
        if relative == "build/graph/build-info.json":
            data = normalise_build_info(data)
        files[relative] = sha256(data)
    return {"files": files, "stdout": stdout, "exit": exits}


def main() -> int:
    """Produce the outputs in a temporary directory and write the manifest."""
    with tempfile.TemporaryDirectory(prefix="rdzl-outputs-") as tmp:
        manifest = produce(Path(tmp))
    MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"written: {MANIFEST} ({len(manifest['files'])} files, {len(manifest['stdout'])} commands)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
