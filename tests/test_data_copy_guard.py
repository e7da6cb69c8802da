"""Guard against text copied from the report into data/.

Every description, milestone, attention point, note and label in data/ is written in our own words:
no literal may share ten or more consecutive words with the report. The comparison ignores case,
punctuation, accents kept as printed, PDF hyphenation and line breaks (both texts are reduced to
letters and digits, so ``verbou-\\nwing`` and ``verbouwing`` compare equal).

Citations by design are the exception: ``rdzl:sourceSection`` names the report's own headings. The
data holds no quote text (a quote is recorded as the fact that a person is quoted), so quotes need no
exception. The report is not part of the repository; the test skips cleanly when it is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from test_report_source import report_path

DATA = Path(__file__).resolve().parent.parent / "data"
RDZL = "https://w3id.org/rdzl-graph/ont#"
CITATIONS = {URIRef(RDZL + "sourceSection")}
RUN = 10  # consecutive words that count as copying
WORD = re.compile(r"[0-9A-Za-zÀ-ÿ]+")


def squash(text: str) -> str:
    """Keep lower-case letters and digits only.

    >>> squash("Verbou-\\nwing, 2025!")
    'verbouwing2025'
    """
    return re.sub(r"[^0-9a-zà-ÿ]", "", text.lower())


def longest_shared_run(text: str, report_squashed: str) -> int:
    """Return the longest run of consecutive words of ``text`` found in the squashed report.

    >>> longest_shared_run("een twee drie vier", squash("nul een twee drie vijf"))
    3
    """
    words = WORD.findall(text)
    best = 0
    for start in range(len(words)):
        end = start + best + 1
        while end <= len(words) and squash("".join(words[start:end])) in report_squashed:
            best = end - start
            end += 1
    return best


def data_literals() -> list[tuple[str, str, str, str]]:
    """Every literal in data/ that is not a citation: (file, subject, predicate, text)."""
    rows = []
    for path in sorted(DATA.rglob("*.ttl")):
        graph = Graph()
        graph.parse(path, format="turtle")
        for subject, predicate, value in graph:
            if isinstance(value, Literal) and predicate not in CITATIONS:
                rows.append((path.relative_to(DATA).as_posix(), str(subject), str(predicate), str(value)))
    return sorted(rows)


@pytest.fixture(scope="module")
def report_squashed() -> str:
    path = report_path()
    if path is None:
        pytest.skip("the source report is not available beside this checkout")
    return squash(path.read_text(encoding="utf-8"))


def test_the_guard_detects_a_copied_sentence(report_squashed):
    # A sentence of the report (the Watervalderbeekdal section), reflowed and re-punctuated,
    # must be caught; the same facts in other words must not.
    copied = "De landschapsvisie voor deelgebied Vliek is gereed, en de uitvraag voor het opstellen van de integrale gebiedsvisie is klaar."
    own = "Voor het deelgebied Vliek ligt een landschapsvisie klaar; de vraag aan bureaus om een gebiedsvisie te maken is uitgezet."
    assert longest_shared_run(copied, report_squashed) >= RUN
    assert longest_shared_run(own, report_squashed) < RUN


def test_no_literal_in_data_copies_ten_words_of_the_report(report_squashed):
    literals = data_literals()
    assert len(literals) > 300  # the whole data set was read
    copied = [
        f"{file} {subject} {predicate.rsplit('#', 1)[-1]}: {run} words in a row from the report: {text[:80]!r}"
        for file, subject, predicate, text in literals
        if (run := longest_shared_run(text, report_squashed)) >= RUN
    ]
    assert not copied, "\n".join(copied)
