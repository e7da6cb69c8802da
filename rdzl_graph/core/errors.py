"""Exceptions raised by rdzl-graph.

All project exceptions derive from :class:`RdzlError`, so callers (such as the
CLI) can tell expected failures from bugs.
"""

from __future__ import annotations

from dataclasses import dataclass


class RdzlError(Exception):
    """Base class of all rdzl-graph errors."""


class InputError(RdzlError):
    """A bad input file: unreadable, missing or with a syntax error.

    Parameters
    ----------
    path : str
        The file, relative to the repository/data root where possible.
    line : int or None
        The line number of the problem, if known.
    message : str
        The cause, in plain words.
    column : int or None
        The column (1-based) on that line, if the parser gives it.

    Examples
    --------
    >>> str(InputError("data/x.ttl", 40, "unexpected end of file", column=68))
    'data/x.ttl, line 40, column 68: unexpected end of file'
    """

    def __init__(self, path: str, line: int | None, message: str, column: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        self.column = column if line is not None else None
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}, line {self.line}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Violation:
    """One SHACL violation, in plain words.

    Attributes
    ----------
    focus : str
        The resource that breaks the rule, as a prefixed name.
    path : str
        The property path of the rule, as a prefixed name (may be empty).
    message : str
        The rule in plain words (Dutch / English).
    severity : str
        ``Violation``, ``Warning`` or ``Info``.
    file : str or None
        The data file that defines the resource, if known.
    line : int or None
        Best-effort line in that file where the resource appears.
    value : str or None
        The offending value, if SHACL reports one.
    """

    focus: str
    path: str
    message: str
    severity: str = "Violation"
    file: str | None = None
    line: int | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = self.file or "<unknown file>"
        if self.line is not None:
            where += f", line {self.line}"
        text = f"{where}: {self.focus}: {self.message}"
        if self.path:
            text += f" [{self.path}]"
        if self.value:
            text += f" (value: {self.value})"
        return text


class ValidationError(RdzlError):
    """The data breaks the SHACL data contract.

    Parameters
    ----------
    violations : list of Violation
        The plain-language violation records.
    """

    def __init__(self, violations: list[Violation]) -> None:
        self.violations = list(violations)
        super().__init__(f"{len(self.violations)} SHACL violation(s)")


class EndpointError(RdzlError):
    """A remote endpoint failed: unreachable, too slow, refused or wrong answer."""
