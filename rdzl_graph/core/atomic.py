"""Replace a directory or a file atomically: write beside it, then rename.

Every command that writes output uses these two functions, so a failure (bad input, an
exception, Ctrl-C) never leaves a half-written result: the previous output stays as it was.

* :func:`replacing_dir` — a context manager that yields a fresh temporary directory beside the
  target; when the block ends without an exception, the temporary directory replaces the target
  (two renames on the same file system); otherwise it is removed and the target is untouched.
* :func:`replace_file` — the same for one file (one rename).

Created directories and files follow the umask (``0o777`` / ``0o666`` minus the umask, as
``mkdir`` and ``open`` do), so with the usual umask 022 a site is readable by a web server that
runs as another user.

Temporary names carry the id of the process that made them: ``.<name>.rdzl-tmp-<pid>-<random>``
(the new output being written, or a backup being deleted) and ``.<name>.rdzl-old-<pid>-<random>``
(a folder holding the previous output, ``<holder>/<name>``, during the swap). A process killed
(power cut, ``kill -9``) leaves them behind. The next replace of the same target recovers
(:func:`recover`): if the target is absent and a killed run's backup holds the previous output
(the run died between its two renames), that output is put back, because the killed run never
reported success and the promise is that a failed run leaves the previous output as it was (its
new output, complete or not, is discarded); then every leftover of a process that no longer runs
is removed, and one line on stderr says what was done. Leftovers of a process that still runs are
never touched (a process id reused by an unrelated program keeps its leftover until it ends).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

_NEW = "rdzl-tmp"
_OLD = "rdzl-old"


def _prefix(target: Path, tag: str = _NEW) -> str:
    return f".{target.name}.{tag}-"


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _leftovers(target: Path) -> list[tuple[str, Path]]:
    """``(tag, path)`` of every leftover beside *target* whose process no longer runs, sorted."""
    found = []
    if not target.parent.is_dir():
        return found
    for path in sorted(target.parent.iterdir()):
        for tag in (_NEW, _OLD):
            prefix = _prefix(target, tag)
            if path.name.startswith(prefix):
                pid_text = path.name[len(prefix):].split("-", 1)[0]
                if pid_text.isdigit() and not _running(int(pid_text)):
                    found.append((tag, path))
    return found


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def recover(target: Path | str, notify: Callable[[str], None] | None = _stderr) -> tuple[Path | None, list[Path]]:
    """Undo what killed runs left beside ``target``: restore a stranded previous output, remove leftovers.

    Parameters
    ----------
    target : pathlib.Path or str
        The directory or file an earlier replace was writing.
    notify : callable or None
        Called with one line (English) saying what was done, if anything; default: print it on
        stderr. ``None``: silent.

    Returns
    -------
    tuple
        The backup folder the previous output was restored from (or ``None``), and the leftovers
        removed (sorted).

    Examples
    --------
    >>> import tempfile
    >>> parent = Path(tempfile.mkdtemp())
    >>> (parent / ".graph.rdzl-old-999999999-ab" / "graph").mkdir(parents=True)
    >>> _ = (parent / ".graph.rdzl-old-999999999-ab" / "graph" / "a.trig").write_text("old")
    >>> (parent / ".graph.rdzl-tmp-999999999-cd").mkdir()
    >>> restored, removed = recover(parent / "graph", notify=None)
    >>> restored.name, [p.name for p in removed], (parent / "graph" / "a.trig").read_text()
    ('.graph.rdzl-old-999999999-ab', ['.graph.rdzl-old-999999999-ab', '.graph.rdzl-tmp-999999999-cd'], 'old')
    """
    target = Path(target)
    leftovers = _leftovers(target)
    restored = None
    if not target.exists() and not target.is_symlink():
        backups = [p for tag, p in leftovers if tag == _OLD and (p / target.name).exists()]
        if backups:
            restored = max(backups, key=lambda p: (p / target.name).stat().st_mtime)
            os.rename(restored / target.name, target)
    for _tag, path in leftovers:
        _remove(path)
    removed = [path for _tag, path in leftovers]
    if notify and (restored or removed):
        done = [f"restored the previous {target} from {restored.name} (a run killed while swapping in its output)"] \
            if restored else []
        if removed:
            done.append(f"removed {len(removed)} leftover(s) of killed runs beside it: "
                        + ", ".join(p.name for p in removed))
        notify("recovered: " + "; ".join(done))
    return restored, removed


def clean_stale(target: Path | str) -> list[Path]:
    """Recover silently (:func:`recover`) and return the leftovers removed.

    Parameters
    ----------
    target : pathlib.Path or str
        The directory or file whose leftovers to remove.

    Returns
    -------
    list of pathlib.Path
        The leftovers removed, sorted.

    Examples
    --------
    >>> import tempfile
    >>> parent = Path(tempfile.mkdtemp())
    >>> (parent / ".site.rdzl-tmp-999999999-abc").mkdir()
    >>> [p.name for p in clean_stale(parent / "site")]
    ['.site.rdzl-tmp-999999999-abc']
    """
    return recover(target, notify=None)[1]


def _make_dir(target: Path, tag: str) -> Path:
    """Create a new, empty directory beside *target* named for this process (mode from the umask)."""
    while True:
        path = target.parent / f"{_prefix(target, tag)}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            path.mkdir(mode=0o777)
        except FileExistsError:
            continue
        return path


@contextlib.contextmanager
def replacing_dir(target: Path | str, notify: Callable[[str], None] | None = _stderr) -> Iterator[Path]:
    """Yield an empty directory that replaces ``target`` when the block succeeds.

    Parameters
    ----------
    target : pathlib.Path or str
        The directory to replace; it may not exist yet. Its parent is created.
    notify : callable or None
        Where :func:`recover` says what it restored or removed (default: stderr).

    Yields
    ------
    pathlib.Path
        A new directory beside ``target`` (same file system) to write the output into.

    Examples
    --------
    >>> import tempfile
    >>> site = Path(tempfile.mkdtemp()) / "site"
    >>> with replacing_dir(site) as tmp:
    ...     _ = (tmp / "index.html").write_text("new")
    >>> (site / "index.html").read_text()
    'new'
    >>> try:
    ...     with replacing_dir(site) as tmp:
    ...         _ = (tmp / "index.html").write_text("half")
    ...         raise RuntimeError("bad input")
    ... except RuntimeError:
    ...     pass
    >>> (site / "index.html").read_text(), sorted(p.name for p in site.parent.iterdir())
    ('new', ['site'])
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target, notify)
    tmp = _make_dir(target, _NEW)
    holder: Path | None = None
    try:
        yield tmp
        if target.exists():
            holder = _make_dir(target, _OLD)
            os.rename(target, holder / target.name)
        try:
            os.rename(tmp, target)
        except BaseException:
            if holder is not None:
                os.rename(holder / target.name, target)
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if holder is not None:
            # Rename before deleting: a holder named rdzl-old always holds a complete copy.
            trash = target.parent / f"{_prefix(target, _NEW)}{os.getpid()}-{secrets.token_hex(4)}"
            with contextlib.suppress(OSError):
                os.rename(holder, trash)
                holder = trash
            shutil.rmtree(holder, ignore_errors=True)


def replace_file(path: Path | str, data: bytes | str, notify: Callable[[str], None] | None = _stderr) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename (mode from the umask).

    Parameters
    ----------
    path : pathlib.Path or str
        The file to write; its directory is created.
    data : bytes or str
        The content; a str is encoded as UTF-8.
    notify : callable or None
        Where :func:`recover` says which leftovers it removed (default: stderr).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "docs" / "index.html"
    >>> replace_file(target, "<p>hoi</p>").read_text()
    '<p>hoi</p>'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    recover(path, notify)
    while True:
        tmp = path.parent / f"{_prefix(path)}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
