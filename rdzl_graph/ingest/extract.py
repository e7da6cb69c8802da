"""Candidates found in a section's text: attention points, quotes with name and function, known
organisations and persons by label and alternative label, new organisations by their form.

The section's lines are joined into running text (hyphenation undone, see
:func:`~rdzl_graph.ingest.layout.join_lines`) with a map back to the line each character came
from, so that every candidate keeps its page and line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .candidates_model import Candidate
from .known import KnownGraph
from .layout import join_lines
from .reading import Line
from .sections import normalise

_ATTENTION = re.compile(r"^\s*Aandachtspunt(?:en)?\s*:\s*", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?")
_FOLLOW_ON = ("dit ", "deze ", "dat ", "die ", "zij ", "hierdoor ", "daardoor ")
_OPEN_QUOTES = ("‘", "“", "'", '"', "„")
_CLOSE_QUOTES = ("’", "”", "'", '"')
_PARTICLES = {"van", "de", "der", "den", "ter", "te", "ten", "het", "la", "le", "du", "von", "zu", "vd"}
FUNCTION_WORDS = {
    "burgemeester", "wethouder", "gedeputeerde", "directeur", "voorzitter", "projectleider",
    "programmamanager", "strateeg", "bestuurder", "coordinator", "coördinator", "manager",
}
"""Titles that may stand before a quoted person's name ("Burgemeester Hans Verheijen")."""

_NAME = r"[A-ZÀ-Ý][\wÀ-ÿ'&+-]*"
_NAME_RUN = rf"{_NAME}(?:\s+(?:{_NAME}|aan de|van der|van de|van|de|der|den))*"
ORGANISATION_FORMS = [
    ("gemeente", re.compile(rf"(?<![\w-])(?<!in de )(?<!in )[Gg]emeente\s+({_NAME_RUN})"), "Gemeente {0}"),
    ("beschrijving", re.compile(rf"(?<![\w-])(?:zorginstelling|woningcorporatie|welzijnsorganisatie|vastgoedgroep|"
                                rf"textielinnovatielab|onderzoekscel|kennisinstelling|organisatie)(?:s|en)?\s+({_NAME_RUN}(?:\s+en\s+{_NAME_RUN})?)"), "{0}"),
    ("stichting", re.compile(rf"(?<![\w-])[Ss]tichting\s+({_NAME_RUN})"), "Stichting {0}"),
    ("provincie", re.compile(rf"(?<![\w-])[Pp]rovincie\s+({_NAME_RUN})"), "Provincie {0}"),
    ("waterschap", re.compile(rf"(?<![\w-])[Ww]aterschap\s+({_NAME_RUN})"), "Waterschap {0}"),
    ("bv", re.compile(rf"((?:{_NAME}\s+){{0,3}}{_NAME})\s+B\.?V\.?(?![\w])"), "{0} B.V."),
    ("universiteit", re.compile(rf"(?<![\w-])(Universiteit(?:\s+(?:van\s+)?{_NAME})+|(?:{_NAME}\s+)+University)"), "{0}"),
    ("hogeschool", re.compile(rf"((?:{_NAME}\s+)?Hogeschool(?:\s+{_NAME})*)"), "{0}"),
    ("academie", re.compile(rf"((?:{_NAME}\s+){{1,3}}Academie)"), "{0}"),
    ("college", re.compile(rf"((?:{_NAME}\s+){{1,2}}[Cc]ollege(?:\s+{_NAME})?)"), "{0}"),
    ("met", re.compile(rf"(?<![\w-])(?:samen met|met de organisatie|met)\s+((?:{_NAME_RUN})(?:,\s+{_NAME_RUN})*(?:\s+en\s+{_NAME_RUN})?)"), "{0}"),
]
"""How a new organisation shows itself: (form, pattern, how its name is written)."""

_LISTS = {"beschrijving", "met"}
_FORM_CONFIDENCE = {"beschrijving": 0.5, "met": 0.4}
"""Forms that name an organisation less surely than a legal form (the rest: 0.6)."""


@dataclass(frozen=True)
class Flow:
    """A section's running text with, per character, the line it came from."""

    text: str
    starts: tuple[int, ...]
    lines: tuple[Line, ...]

    def line_at(self, offset: int) -> Line:
        """The line the character at ``offset`` came from."""
        return self.lines[max(0, bisect.bisect_right(self.starts, offset) - 1)]


def flow(lines: Sequence[Line]) -> Flow:
    """Join lines into running text, keeping where each line starts.

    Examples
    --------
    >>> f = flow([Line(1, 1, "gemeente Eijsden-Mar-"), Line(2, 1, "graten en Stein")])
    >>> f.text, f.line_at(f.text.index("Stein")).number
    ('gemeente Eijsden-Margraten en Stein', 2)
    """
    text, starts, kept = "", [], []
    for line in lines:
        if line.blank:
            continue
        joined = join_lines([text, line.text]) if text else line.text.strip()
        start = len(joined) - len(line.text.strip())
        starts.append(max(0, start))
        kept.append(line)
        text = joined
    return Flow(text, tuple(starts), tuple(kept))


def _paragraphs(lines: Sequence[Line]) -> list[list[Line]]:
    """Paragraphs; one that stops mid-sentence continues after a blank line when the next line starts in lower case."""
    paragraphs: list[list[Line]] = []
    current: list[Line] = []
    rows = list(lines)
    for i, line in enumerate(rows):
        if line.blank:
            following = next((row for row in rows[i + 1:] if not row.blank), None)
            continues = (current and not current[-1].text.rstrip().endswith(_SENTENCE_END)
                         and following is not None and following.text.strip()[:1].islower())
            if current and not continues:
                paragraphs.append(current)
                current = []
            continue
        current.append(line)
    if current:
        paragraphs.append(current)
    return paragraphs


def split_sentences(text: str) -> list[str]:
    """Sentences of an attention paragraph; one that elaborates the previous joins it.

    Examples
    --------
    >>> split_sentences("Er is vertraging. Dit kost geld. Ook is er te weinig personeel.")
    ['Er is vertraging. Dit kost geld.', 'Ook is er te weinig personeel.']
    """
    pieces = [p.strip() for p in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])", text) if p.strip()]
    sentences: list[str] = []
    for piece in pieces:
        if sentences and piece.lower().startswith(_FOLLOW_ON):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return sentences


def attention_points(lines: Sequence[Line]) -> list[Candidate]:
    """One candidate per point of each "Aandachtspunt(en): …" paragraph."""
    out = []
    for paragraph in _paragraphs(lines):
        if not _ATTENTION.match(paragraph[0].text):
            continue
        paragraph_flow = flow(paragraph)
        body = _ATTENTION.sub("", paragraph_flow.text, count=1)
        offset = len(paragraph_flow.text) - len(body)
        sentences = split_sentences(body[:1].upper() + body[1:]) if body else []
        for sentence in sentences:
            where = paragraph_flow.text.find(sentence[1:], offset) - 1 if len(sentence) > 1 else offset
            line = paragraph_flow.line_at(max(offset, where))
            out.append(Candidate("attention", sentence, line, 0.9 if len(sentences) == 1 else 0.75,
                                 note="aandachtspuntenalinea"))
    return out


def _person(attribution: str) -> tuple[str, str] | None:
    """(name, function) of a quote's attribution line, or None when no name is found.

    Examples
    --------
    >>> _person("Burgemeester Hans Verheijen")
    ('Hans Verheijen', 'Burgemeester')
    >>> _person("Koos van Haasteren, Executive Director van Chemelot")
    ('Koos van Haasteren', 'Executive Director van Chemelot')
    >>> _person("Bob Joosten (Algemeen Directeur Wessem Port Services Group)")
    ('Bob Joosten', 'Algemeen Directeur Wessem Port Services Group')
    """
    cut = re.search(r"[,(]", attribution)
    head, rest = (attribution[: cut.start()], attribution[cut.end():]) if cut else (attribution, "")
    tokens = head.split()
    function = rest.rstrip(")").strip()
    function = re.split(r",\s*over\s", function)[0].strip().rstrip(",")
    if len(tokens) >= 3 and tokens[0].lower() in FUNCTION_WORDS:
        function, tokens = tokens[0], tokens[1:]
    if not 2 <= len(tokens) <= 5 or not tokens[0][0].isupper() or not tokens[-1][0].isupper():
        return None
    if not all(token[0].isupper() or token.lower() in _PARTICLES for token in tokens):
        return None
    return " ".join(tokens), function


def quotes(lines: Sequence[Line]) -> tuple[list[Candidate], set[int]]:
    """Quoted persons (an opening quote mark, its closing mark, then the attribution), and the
    numbers of the lines the quotes and attributions stand on."""
    out, covered = [], set()
    rows = [line for line in lines]
    i = 0
    while i < len(rows):
        if not rows[i].text.strip().startswith(_OPEN_QUOTES):
            i += 1
            continue
        j = i
        while j < len(rows) and not rows[j].text.rstrip().endswith(_CLOSE_QUOTES):
            j += 1
        k = j + 1
        while k < len(rows) and rows[k].blank:
            k += 1
        attribution = []
        while k < len(rows) and not rows[k].blank and len(attribution) < 3:
            attribution.append(rows[k])
            k += 1
        person = _person(join_lines([row.text for row in attribution])) if attribution else None
        if person is not None:
            out.append(Candidate("person", person[0], attribution[0], 0.85, note="geciteerd", detail=person[1]))
            covered.update(row.number for row in rows[i:k])
        i = max(k, i + 1)
    return out, covered


def _name_pattern(name: str) -> re.Pattern[str]:
    first, rest = re.escape(name[0]), re.escape(name[1:])
    first = f"[{name[0].upper()}{name[0].lower()}]" if name[0].isalpha() else first
    return re.compile(rf"(?<![\w-]){first}{rest}(?![\w])")


def _as_place(text: str, start: int, name: str) -> bool:
    """True for "in de gemeente X": a municipality or province named as a place, not a party."""
    return name.split()[0].lower() in _PLACE_FORMS and bool(re.search(r"\bin (?:de )?$", text[max(0, start - 6):start], re.IGNORECASE))


_PLACE_FORMS = {"gemeente", "provincie"}


def known_names(text_flow: Flow, names: dict[str, list[str]], kind: str) -> list[tuple[int, int, Candidate]]:
    """Known organisations or persons named in the text: (start, end, candidate), longest first."""
    found = []
    for iri, labels in sorted(names.items()):
        for name in sorted(set(labels), key=len, reverse=True):
            if len(name) < 3:
                continue
            for match in _name_pattern(name).finditer(text_flow.text):
                if _as_place(text_flow.text, match.start(), name):
                    continue
                found.append((match.start(), match.end(), Candidate(kind, labels[0], text_flow.line_at(match.start()), 0.9, iri=iri, note=f"naam '{name}'")))
    found.sort(key=lambda item: (-(item[1] - item[0]), item[0], item[2].iri or ""))
    kept: list[tuple[int, int, Candidate]] = []
    for start, end, candidate in found:
        if not any(start < e and s < end for s, e, _ in kept):
            kept.append((start, end, candidate))
    return kept


def _trim(name: str) -> str:
    words = name.split()
    while words and words[-1].lower() in _PARTICLES | {"aan"}:
        words.pop()
    return " ".join(words)


def new_organisations(text_flow: Flow, taken: Sequence[tuple[int, int]], known: KnownGraph) -> list[Candidate]:
    """Organisations recognised by their form and not already matched as known ones."""
    known_norm = {normalise(name): iri for iri, names in known.organisations.items() for name in names}
    places = {normalise(name) for names in known.places.values() for name in names}
    out, seen = [], set()
    for form, pattern, template in ORGANISATION_FORMS:
        for match in pattern.finditer(text_flow.text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            parts = re.split(r",\s+|\s+en\s+", match.group(1)) if form in _LISTS else [match.group(1)]
            for part in parts:
                name = template.format(_trim(part))
                if (len(name.split()) < 2 and form not in _LISTS) or not name or normalise(name) in seen | places:
                    continue
                seen.add(normalise(name))
                iri = known_norm.get(normalise(name))
                confidence = 0.9 if iri else _FORM_CONFIDENCE.get(form, 0.6)
                out.append(Candidate("organisation", name, text_flow.line_at(start), confidence,
                                     iri=iri, note=f"vorm '{form}'", detail=form))
    return out


def section_candidates(lines: Sequence[Line], known: KnownGraph) -> list[Candidate]:
    """All text candidates of one section (attention points, quoted and named people,
    known and new organisations), in a fixed order."""
    text_flow = flow(lines)
    quoted, quote_lines = quotes(lines)
    orgs = [item for item in known_names(text_flow, known.organisations, "organisation") if item[2].line.number not in quote_lines]
    people = known_names(text_flow, known.persons, "person")
    quoted_names = {normalise(str(c.value)) for c in quoted}
    people_out = [c for _, _, c in people if normalise(str(c.value)) not in quoted_names]
    iri_of = {normalise(name): iri for iri, names in known.persons.items() for name in names}
    quoted = [Candidate(c.kind, c.value, c.line, c.confidence, c.certainty, c.note, iri_of.get(normalise(str(c.value))), c.detail)
              for c in quoted]
    taken = [(s, e) for s, e, _ in orgs + people]
    new = [c for c in new_organisations(text_flow, taken, known) if c.line.number not in quote_lines]
    named = _first_each(people_out + [c for _, _, c in orgs] + new)
    return attention_points(lines) + sorted(quoted + named, key=lambda c: (c.kind, c.line.number, str(c.value)))


def _first_each(candidates: Sequence[Candidate]) -> list[Candidate]:
    """One candidate per organisation or person: the first time it is named."""
    first: dict[tuple[str, str], Candidate] = {}
    for candidate in sorted(candidates, key=lambda c: (c.line.number, str(c.value))):
        first.setdefault((candidate.kind, candidate.iri or normalise(str(candidate.value))), candidate)
    return list(first.values())
