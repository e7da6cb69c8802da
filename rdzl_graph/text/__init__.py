"""Every user-facing word and number, in Dutch and English.

The language is always an argument (``lang="nl"`` by default); no table here
stores it. Modules:

* :mod:`~rdzl_graph.text.languages` — the languages and their check;
* :mod:`~rdzl_graph.text.formatting` — numbers, counts, euro amounts and lists of
  names, with the separators of each language;
* :mod:`~rdzl_graph.text.site` — the words of the site's interface (with
  :mod:`~rdzl_graph.text.site_circles`, those of its circles, and
  :mod:`~rdzl_graph.text.query_page`, those of its query page);
* :mod:`~rdzl_graph.text.reasons` — why projects overlap and why a group was proposed;
* :mod:`~rdzl_graph.text.reports` — the network commands' terminal tables;
* :mod:`~rdzl_graph.text.docs` — the words of the documentation pages.

Nothing here imports the rest of the package: the analysis, the site, the
documentation and the commands all import from here.
"""

from __future__ import annotations

from .formatting import (
    capitalise_first,
    format_count,
    format_decimal,
    format_eur,
    format_number,
    join_names,
    lower_first,
)
from .languages import DEFAULT_LANGUAGE, LANGUAGES, check_language, other_language

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "capitalise_first",
    "check_language",
    "format_count",
    "format_decimal",
    "format_eur",
    "format_number",
    "join_names",
    "lower_first",
    "other_language",
]
