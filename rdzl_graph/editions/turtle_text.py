"""Small edits of hand-written Turtle in the layout of ``data/`` (one subject block per resource,
starting at column 0 with its prefixed name and ending with a line that ends in `` .``; one
statement per indented line), so that ``ingest accept`` keeps the files' comments and style.

Every edit is checked afterwards by parsing the files and building the result
(:mod:`~rdzl_graph.editions.accept`); a file that does not follow the layout is refused, never guessed.
"""

from __future__ import annotations

import re


class LayoutError(ValueError):
    """A Turtle text does not follow the layout an edit needs."""


def block_span(lines: list[str], subject: str) -> tuple[int, int] | None:
    """``(first, last)`` line indices of the block of ``subject`` (a prefixed name), or None.

    Examples
    --------
    >>> block_span(["# x", "a:b a c:D ;", "    c:p 1 .", "", "a:c a c:D ."], "a:b")
    (1, 2)
    """
    start = next((i for i, line in enumerate(lines) if line.startswith(subject + " ")), None)
    if start is None:
        return None
    for end in range(start, len(lines)):
        if lines[end].rstrip().endswith(" ."):
            return start, end
    raise LayoutError(f"the block of {subject} does not end with ' .'")


def take_block(text: str, subject: str) -> tuple[str, str]:
    """Remove the block of ``subject`` (with the comment lines just above it); return (text, block).

    Examples
    --------
    >>> take_block("a:x a c:D .\\n\\n# over y\\na:y a c:D ;\\n    c:p 1 .\\n", "a:y")
    ('a:x a c:D .\\n', '# over y\\na:y a c:D ;\\n    c:p 1 .')
    """
    lines = text.split("\n")
    span = block_span(lines, subject)
    if span is None:
        raise LayoutError(f"no block for {subject}")
    start, end = span
    while start > 0 and lines[start - 1].startswith("#"):
        start -= 1
    block = "\n".join(lines[start:end + 1])
    del lines[start:end + 1]
    if start < len(lines) and start > 0 and lines[start] == "" and lines[start - 1] == "":
        del lines[start]
    return "\n".join(lines), block


def _statement(predicate: str, obj: str | None) -> re.Pattern:
    value = re.escape(obj) if obj is not None else r"\S.*?"
    return re.compile(rf"^\s+{re.escape(predicate)}\s+({value})\s*([;.])\s*$")


def take_statements(text: str, subject: str, predicate: str, obj: str | None = None) -> tuple[str, list[str]]:
    """Remove the one-line statements ``predicate obj`` from the block of ``subject``.

    Returns the new text and the objects removed (as written). A removed last statement hands its
    `` .`` to the statement before it.

    Examples
    --------
    >>> take_statements("a:x a c:D ;\\n    c:p a:1 ;\\n    c:q 2 .\\n", "a:x", "c:p")
    ('a:x a c:D ;\\n    c:q 2 .\\n', ['a:1'])
    """
    lines = text.split("\n")
    span = block_span(lines, subject)
    if span is None:
        raise LayoutError(f"no block for {subject}")
    pattern, taken, keep = _statement(predicate, obj), [], []
    start, end = span
    for index in range(start + 1, end + 1):
        match = pattern.match(lines[index])
        if match is None:
            keep.append(lines[index])
            continue
        if "," in match.group(1).replace('","', "") and not match.group(1).startswith('"'):
            raise LayoutError(f"{subject} {predicate} has more than one object on a line")
        taken.append(match.group(1))
        if match.group(2) == ".":
            if not keep or not keep[-1].rstrip().endswith(" ;"):
                raise LayoutError(f"cannot remove the last statement of {subject}")
            keep[-1] = keep[-1].rstrip()[:-2] + " ."
    return "\n".join(lines[:start + 1] + keep + lines[end + 1:]), taken


def add_statements(text: str, subject: str, statements: list[str]) -> str:
    """Add indented ``predicate object`` statements right after the subject line of ``subject``.

    Examples
    --------
    >>> add_statements("a:x a c:D .\\n", "a:x", ["c:p 1"])
    'a:x a c:D ;\\n    c:p 1 .\\n'
    """
    if not statements:
        return text
    lines = text.split("\n")
    span = block_span(lines, subject)
    if span is None:
        raise LayoutError(f"no block for {subject}")
    start, end = span
    head = lines[start].rstrip()
    if start == end:  # a one-line block: its ' .' moves to the last new statement
        lines[start] = head[:-2] + " ;"
        new = [f"    {s} ;" for s in statements[:-1]] + [f"    {statements[-1]} ."]
    elif head.endswith(" ;"):
        new = [f"    {s} ;" for s in statements]
    else:
        raise LayoutError(f"the subject line of {subject} does not end with ' ;'")
    return "\n".join(lines[:start + 1] + new + lines[start + 1:])


def prefix_lines(text: str) -> list[str]:
    """The ``@prefix`` lines of a Turtle text.

    Examples
    --------
    >>> prefix_lines("@prefix a: <x#> .\\n\\na:b a a:C .")
    ['@prefix a: <x#> .']
    """
    return [line for line in text.split("\n") if line.startswith("@prefix ")]
