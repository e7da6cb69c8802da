"""The candidate record every extractor returns, and how certainty maps to confidence."""

from __future__ import annotations

from dataclasses import dataclass

from .reading import Line

CONFIDENCE = {"zeker": 0.95, "paginavolgorde": 0.8, "onzeker": 0.4}
"""Confidence (0-1) of a candidate by the certainty of its assignment (data/README.md)."""

UNSURE_BELOW = 0.5
"""A candidate with a lower confidence is marked unsure."""


def confidence_of(certainty: str) -> float:
    """The confidence of a certainty (``zeker``, ``paginavolgorde``, ``onzeker``).

    Examples
    --------
    >>> confidence_of("paginavolgorde")
    0.8
    """
    return CONFIDENCE[certainty]


@dataclass(frozen=True)
class Candidate:
    """One fact the extractor proposes for a section.

    Attributes
    ----------
    kind : str
        ``status``, ``amount``, ``attention``, ``organisation`` or ``person``.
    value : str or int
        The label, amount (whole euros), attention-point text, organisation or person name.
    line : Line
        Where it stands in the report (page and line).
    confidence : float
        0-1.
    certainty : str or None
        ``zeker``, ``paginavolgorde`` or ``onzeker`` for statuses and amounts.
    note : str
        Why (Dutch, for the reviewer).
    iri : str or None
        The known organisation or person it names.
    detail : str
        The function of a quoted person; the form an organisation was found by.
    """

    kind: str
    value: str | int
    line: Line
    confidence: float
    certainty: str | None = None
    note: str = ""
    iri: str | None = None
    detail: str = ""

    @property
    def unsure(self) -> bool:
        """True when the extractor is unsure of this candidate."""
        return self.confidence < UNSURE_BELOW or self.certainty == "onzeker"
