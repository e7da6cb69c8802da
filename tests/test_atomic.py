"""core.atomic: one way to replace an output, and leftovers of a crashed run are cleaned up."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from rdzl_graph.core.atomic import clean_stale, recover, replace_file, replacing_dir


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    return int(done.stdout)


def test_failed_block_keeps_the_old_directory_and_leaves_nothing(tmp_path) -> None:
    target = tmp_path / "graph"
    with replacing_dir(target) as tmp:
        (tmp / "a.txt").write_text("1")
    with pytest.raises(KeyboardInterrupt):
        with replacing_dir(target) as tmp:
            (tmp / "a.txt").write_text("half")
            raise KeyboardInterrupt
    assert (target / "a.txt").read_text() == "1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph"]


def test_success_replaces_the_whole_directory(tmp_path) -> None:
    target = tmp_path / "site"
    with replacing_dir(target) as tmp:
        (tmp / "old.html").write_text("x")
    with replacing_dir(target) as tmp:
        (tmp / "new.html").write_text("y")
    assert sorted(p.name for p in target.iterdir()) == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_leftover_of_a_crashed_process_is_removed_one_of_a_live_process_kept(tmp_path) -> None:
    target = tmp_path / "site"
    crashed = tmp_path / f".site.rdzl-tmp-{_dead_pid()}-x1"
    (crashed / "half").mkdir(parents=True)
    live = tmp_path / f".site.rdzl-tmp-{os.getppid()}-x2"
    live.mkdir()
    other = tmp_path / ".other.rdzl-tmp-1-x3"
    other.mkdir()
    with replacing_dir(target) as tmp:
        (tmp / "index.html").write_text("ok")
    assert not crashed.exists()
    assert live.exists() and other.exists()


def test_replace_file_cleans_its_own_leftovers(tmp_path) -> None:
    stale = tmp_path / f".index.html.rdzl-tmp-{_dead_pid()}-abc"
    stale.write_text("half")
    replace_file(tmp_path / "index.html", b"<p>x</p>")
    assert (tmp_path / "index.html").read_bytes() == b"<p>x</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]
    assert oct((tmp_path / "index.html").stat().st_mode & 0o777) == "0o644"


def test_clean_stale_without_parent_is_a_no_op(tmp_path) -> None:
    assert clean_stale(tmp_path / "missing" / "site") == []


# --- issue 14: recovery after kill -9, modes from the umask (real commands, real processes) ---

import hashlib  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from rdzl_graph.core.resources import data_dir  # noqa: E402


def _rdzl(python_exe, cli_env, *args, umask=None, timeout=300):
    return subprocess.run([python_exe, "-m", "rdzl_graph", *args], capture_output=True, text=True, env=cli_env,
                          timeout=timeout, preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _modes(folder: Path) -> set[tuple[str, str]]:
    paths = [folder, *folder.rglob("*")]
    return {("dir" if p.is_dir() else "file", oct(p.stat().st_mode & 0o777)) for p in paths}


def test_outputs_follow_the_umask(python_exe, cli_env, tmp_path):
    """Regression: build/graph and build/site were 0700 (tempfile.mkdtemp) whatever the umask."""
    out = tmp_path / "out"
    done = _rdzl(python_exe, cli_env, "build", "--out", str(out), umask=0o022)
    assert done.returncode == 0, done.stderr
    done = _rdzl(python_exe, cli_env, "site", "--build", str(out), "--out", str(out / "site"), umask=0o022)
    assert done.returncode == 0, done.stderr
    assert _modes(out / "graph") == {("dir", "0o755"), ("file", "0o644")}
    assert _modes(out / "site") == {("dir", "0o755"), ("file", "0o644")}
    done = _rdzl(python_exe, cli_env, "build", "--out", str(tmp_path / "private"), umask=0o027)
    assert done.returncode == 0, done.stderr
    assert _modes(tmp_path / "private" / "graph") == {("dir", "0o750"), ("file", "0o640")}


def _crash_state(out: Path, name: str, dead: int) -> tuple[Path, Path]:
    """What a run killed between the two renames of replacing_dir leaves: the old output moved into
    its holder, the complete new output still in its temporary folder, the target absent."""
    target = out / name
    holder = out / f".{name}.rdzl-old-{dead}-0a1b2c3d"
    new = out / f".{name}.rdzl-tmp-{dead}-4e5f6a7b"
    shutil.copytree(target, new)
    (new / "only-in-the-new-output").write_text("new")
    holder.mkdir()
    os.rename(target, holder / name)
    return holder, new


def test_next_build_restores_the_output_a_crash_mid_swap_stranded(python_exe, cli_env, tmp_path):
    """Regression: a crash between the two renames left build/graph absent and the previous build in a
    hidden folder that the next run deleted. Now the next run, even a failing one, puts it back."""
    out = tmp_path / "out"
    assert _rdzl(python_exe, cli_env, "build", "--out", str(out)).returncode == 0
    before = _digest(out / "graph")
    holder, new = _crash_state(out, "graph", _dead_pid())
    assert not (out / "graph").exists()
    broken = tmp_path / "data"
    shutil.copytree(data_dir(), broken)
    project = sorted((broken / "projects").glob("*.ttl"))[0]
    project.write_text(project.read_text(encoding="utf-8") + "\nthis is not Turtle .\n", encoding="utf-8")
    done = _rdzl(python_exe, cli_env, "build", "--out", str(out), "--data", str(broken))
    assert done.returncode == 2  # the data error, reported as before
    assert _digest(out / "graph") == before  # the previous build is back, not the killed run's output
    assert sorted(p.name for p in out.iterdir()) == ["graph"]
    lines = [line for line in done.stderr.splitlines() if line.startswith("recovered:")]
    assert len(lines) == 1 and holder.name in lines[0] and new.name in lines[0] and "restored" in lines[0]
    again = _rdzl(python_exe, cli_env, "build", "--out", str(out))
    assert again.returncode == 0 and "recovered:" not in again.stderr


def test_site_kill_9_while_writing_then_next_run_cleans_up(python_exe, cli_env, built, tmp_path):
    """A real `rdzl-graph site` killed (SIGKILL) while it writes: the old site stays whole; the next run
    removes the leftover folder (and one of a run killed after its swap) and says so on stderr."""
    site = tmp_path / "site"
    assert _rdzl(python_exe, cli_env, "site", "--build", str(built.out_dir), "--out", str(site)).returncode == 0
    before = _digest(site)
    run = subprocess.Popen([python_exe, "-m", "rdzl_graph", "site", "--build", str(built.out_dir), "--out", str(site)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env)
    prefix = f".site.rdzl-tmp-{run.pid}-"
    deadline = time.monotonic() + 120
    writing = []
    while time.monotonic() < deadline and run.poll() is None:
        writing = [p for p in tmp_path.iterdir() if p.name.startswith(prefix) and any(p.rglob("*.html"))]
        if writing:
            break
        time.sleep(0.005)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert writing, "the site run ended before it wrote a page"
    assert _digest(site) == before
    assert writing[0].exists()
    after_swap = tmp_path / f".site.rdzl-old-{_dead_pid()}-99aa88bb"  # a run killed after its swap, before rmtree
    shutil.copytree(site, after_swap / "site")
    done = _rdzl(python_exe, cli_env, "site", "--build", str(built.out_dir), "--out", str(site))
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("recovered:")]
    assert len(lines) == 1 and writing[0].name in lines[0] and after_swap.name in lines[0]
    assert "restored" not in lines[0]  # the site was there: nothing to restore
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_recover_keeps_a_live_process_backup(tmp_path) -> None:
    live = tmp_path / f".graph.rdzl-old-{os.getppid()}-x1"
    (live / "graph").mkdir(parents=True)
    assert recover(tmp_path / "graph", notify=None) == (None, [])
    assert live.exists() and not (tmp_path / "graph").exists()


def test_swap_leaves_no_backup_behind(tmp_path) -> None:
    target = tmp_path / "graph"
    for text in ("1", "2"):
        with replacing_dir(target, notify=None) as tmp:
            (tmp / "a").write_text(text)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph"] and (target / "a").read_text() == "2"
