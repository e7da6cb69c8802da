"""Generate a synthetic programme as texts (:func:`generate`) and write it in the ``data/`` layout (:func:`synth`)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..core.atomic import replacing_dir
from ..core.errors import InputError
from ..core.resources import data_dir
from .generator import Generator
from .projects import project_files


@dataclass(frozen=True)
class SynthSummary:
    """What :func:`synth` wrote.

    Attributes
    ----------
    out_dir : pathlib.Path
        The data directory written.
    projects, sub_projects, organisations, participations, files : int
        Counts of generated resources and files.
    """

    out_dir: Path
    projects: int
    sub_projects: int
    organisations: int
    participations: int
    files: int


def generate(n_projects: int, seed: int = 0) -> dict[str, str]:
    """Generate a synthetic programme as Turtle texts (vocabularies excluded).

    Parameters
    ----------
    n_projects : int
        Number of projects, sub-projects included (24 is the size of the real data).
    seed : int
        Random seed; the same seed gives the same texts.

    Returns
    -------
    dict
        Relative file path (``programme.ttl``, ``projects/p1.ttl``, ...) -> Turtle text.

    Examples
    --------
    >>> files = generate(24, seed=1)
    >>> sorted(files)[:3]
    ['municipalities.ttl', 'organisations.ttl', 'persons.ttl']
    >>> generate(24, seed=1) == files
    True
    """
    if not isinstance(n_projects, int) or n_projects < 1:
        raise InputError("--projects", None, f"number of projects must be a positive integer, got {n_projects!r}")
    gen = Generator(n_projects, seed)
    # projects first: persons are affiliated with organisations picked by their participation
    projects = project_files(gen)
    files = {
        "programme.ttl": gen.programme(),
        "municipalities.ttl": gen.municipalities(),
        "places.ttl": gen.places(),
        "organisations.ttl": gen.organisations(),
        "persons.ttl": gen.persons(),
    }
    files.update(projects)
    return files


def synth(out_dir: Path | str, n_projects: int, seed: int = 0, vocabularies: Path | None = None) -> SynthSummary:
    """Write a synthetic programme (data/ layout) to *out_dir*, all or nothing.

    Parameters
    ----------
    out_dir : path-like
        Target directory; must not exist or be empty. Written atomically.
    n_projects : int
        Number of projects, sub-projects included.
    seed : int
        Random seed.
    vocabularies : pathlib.Path, optional
        Directory with the SKOS vocabularies to copy (default: the real ``data/vocabularies``).

    Returns
    -------
    SynthSummary

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "synth"
    >>> synth(target, 24, seed=1).projects
    24
    """
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError(str(out), None, "output directory exists and is not empty")
    vocab_src = Path(vocabularies) if vocabularies is not None else data_dir() / "vocabularies"
    if not vocab_src.is_dir():
        raise InputError(str(vocab_src), None, "vocabulary directory not found")
    files = generate(n_projects, seed)
    with replacing_dir(out.resolve()) as tmp:
        (tmp / "projects").mkdir()
        for rel, text in files.items():
            (tmp / rel).write_text(text, encoding="utf-8")
        shutil.copytree(vocab_src, tmp / "vocabularies")
    texts = [t for rel, t in files.items() if rel.startswith("projects/")]
    subs = sum(t.count(" a rdzl:SubProject ;") for t in texts)
    participations = sum(t.count(" a rdzl:Participation ;") for t in texts)
    orgs = files["organisations.ttl"].count("\norgs:") + files["municipalities.ttl"].count("\norgs:")
    return SynthSummary(out, n_projects, subs, orgs, participations, len(files) + len(list(vocab_src.glob("*.ttl"))))
