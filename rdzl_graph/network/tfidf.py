"""TF-IDF vectors of the Dutch project descriptions (the ``text`` component of the overlap).

Computed with numpy/scipy to the definition of scikit-learn's
``TfidfVectorizer`` (``sublinear_tf``, smoothed idf, L2 norm, accents stripped,
lower case), so the analysis does not import scikit-learn; the tests compare
the two. The Dutch stop words are ``stopwords_nl.txt`` in this package.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np
from scipy import sparse


@lru_cache(maxsize=1)
def dutch_stop_words() -> tuple[str, ...]:
    """Return the Dutch stop-word list shipped with the package (lower case)."""
    text = resources.files(__package__).joinpath("stopwords_nl.txt").read_text(encoding="utf-8")
    words = {w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#")}
    return tuple(sorted(words))


_TOKEN = re.compile(r"(?u)\b[^\W\d_][^\W\d_]+\b")


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def tfidf_matrix(texts: Sequence[str], stop_words: Sequence[str]) -> tuple[sparse.csr_matrix, list[str]] | None:
    """TF-IDF vectors of ``texts`` (one L2-normalised row per text; columns: sorted words).

    The definition of scikit-learn's ``TfidfVectorizer(sublinear_tf=True,
    strip_accents="unicode", lowercase=True)`` with words of two or more
    letters: lower-case, strip accents, drop stop words; term weight
    ``(1 + ln tf) * (1 + ln((1 + n) / (1 + df)))``; rows scaled to length 1.

    Parameters
    ----------
    texts : sequence of str
    stop_words : sequence of str
        Words to drop (compared after lower-casing and stripping accents).

    Returns
    -------
    (scipy.sparse.csr_matrix, list of str) or None
        The matrix and its vocabulary; ``None`` if no text has a word left.

    Examples
    --------
    >>> m, words = tfidf_matrix(["Water en land", "Het water"], ["en", "het"])
    >>> words, m.toarray()[0].round(3).tolist()
    (['land', 'water'], [0.815, 0.58])
    """
    stop = frozenset(stop_words)
    counts = [Counter(w for w in _TOKEN.findall(_strip_accents(t.lower())) if w not in stop) for t in texts]
    seen = {w: None for count in counts for w in count}  # words in order of first use
    if not seen:
        return None
    vocabulary = sorted(seen)
    column = {w: k for k, w in enumerate(vocabulary)}
    first_use = {w: k for k, w in enumerate(seen)}
    indptr, indices, data, square_order = [0], [], [], []
    for count in counts:
        cols = sorted(column[w] for w in count)
        indices += cols
        data += [float(count[vocabulary[c]]) for c in cols]
        # scikit-learn sums the squares of a row in order of first use: same float result
        square_order.append(sorted(range(len(cols)), key=lambda k, cols=cols: first_use[vocabulary[cols[k]]]))
        indptr.append(len(indices))
    values = np.asarray(data, dtype=np.float64)
    cols = np.asarray(indices, dtype=np.int64)
    df = np.bincount(cols, minlength=len(vocabulary)).astype(np.float64) + 1.0
    idf = np.full_like(df, len(texts) + 1, dtype=np.float64)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    np.log(values, out=values)
    values += 1.0
    values *= idf[cols]
    for r, order in enumerate(square_order):
        lo, hi = indptr[r], indptr[r + 1]
        row = values[lo:hi].tolist()
        total = 0.0
        for k in order:
            total += row[k] * row[k]
        if total != 0.0:
            values[lo:hi] /= math.sqrt(total)
    matrix = sparse.csr_matrix((values, cols, np.asarray(indptr, dtype=np.int64)), shape=(len(texts), len(vocabulary)))
    return matrix, vocabulary
