"""core.atomic: one way to replace an output, and leftovers of a crashed run are cleaned up."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from rdzl_graph.core.atomic import clean_stale, replace_file, replacing_dir


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
