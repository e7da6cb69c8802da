"""Replace a directory or a file atomically: write beside it, then rename.

Every command that writes output uses these two functions, so a failure (bad input, an
exception, Ctrl-C) never leaves a half-written result: the previous output stays as it was.

* :func:`replacing_dir` — a context manager that yields a fresh temporary directory beside the
  target; when the block ends without an exception, the temporary directory replaces the target
  (two renames on the same file system); otherwise it is removed and the target is untouched.
* :func:`replace_file` — the same for one file.

Temporary names carry the id of the process that made them
(``.<name>.rdzl-tmp-<pid>-<random>``). A process killed before it could clean up (power cut,
``kill -9``) leaves such a directory behind; the next replace of the same target removes every
leftover whose process no longer runs, and never touches one of a process that still runs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

_TAG = "rdzl-tmp"


def _prefix(target: Path) -> str:
    return f".{target.name}.{_TAG}-"


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


def clean_stale(target: Path | str) -> list[Path]:
    """Remove the temporary leftovers of earlier, crashed replaces of ``target``.

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
    target = Path(target)
    removed = []
    if not target.parent.is_dir():
        return removed
    prefix = _prefix(target)
    for path in sorted(target.parent.iterdir()):
        if not path.name.startswith(prefix):
            continue
        pid_text = path.name[len(prefix):].split("-", 1)[0]
        if not pid_text.isdigit() or _running(int(pid_text)):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _temporary_name(target: Path) -> str:
    return f"{_prefix(target)}{os.getpid()}-"


@contextlib.contextmanager
def replacing_dir(target: Path | str) -> Iterator[Path]:
    """Yield an empty directory that replaces ``target`` when the block succeeds.

    Parameters
    ----------
    target : pathlib.Path or str
        The directory to replace; it may not exist yet. Its parent is created.

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
    clean_stale(target)
    tmp = Path(tempfile.mkdtemp(prefix=_temporary_name(target), dir=target.parent))
    old: Path | None = None
    try:
        yield tmp
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=_temporary_name(target), dir=target.parent)) / target.name
            os.rename(target, old)
        try:
            os.rename(tmp, target)
        except BaseException:
            if old is not None:
                os.rename(old, target)
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old.parent, ignore_errors=True)


def replace_file(path: Path | str, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename (mode 0644).

    Parameters
    ----------
    path : pathlib.Path or str
        The file to write; its directory is created.
    data : bytes or str
        The content; a str is encoded as UTF-8.

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
    clean_stale(path)
    fd, tmp = tempfile.mkstemp(prefix=_temporary_name(path), dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
