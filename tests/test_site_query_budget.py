"""The budget of the query page's data script (``assets/rdzl-graph-data.js``), without a browser.

The built graph is always embedded; the network-analysis results only while the whole script
stays within ``query_data_budget``, decided from their number of quads before they are
serialised (:func:`rdzl_graph.network.results_rdf.analysis_quad_count`). The browser side (a
named question still answers, the analysis graph is empty) is in ``test_site_query_browser.py``.
"""

from __future__ import annotations

import re

import pytest

from rdzl_graph.network import analyse
from rdzl_graph.network.results_rdf import ANALYSIS_GRAPH, analysis_quad_count, analysis_quads, analysis_trig
from rdzl_graph.query.export import serialize
from rdzl_graph.site import build_site
from rdzl_graph.site.query_page import (
    ANALYSIS_BYTES_PER_QUAD,
    DATA_SCRIPT,
    QUERY_DATA_BUDGET,
    graph_script,
)
from rdzl_graph.site.graphview import script_json

#: Quads of the analysis results of the real data (139 overlapping pairs, 4 families, the brokers).
REAL_ANALYSIS_QUADS = 2564


@pytest.fixture(scope="module")
def analysis(store):
    return analyse(store)


def test_quad_count_is_the_real_count(analysis):
    assert len(analysis.overlaps) == 139 and len(analysis.communities) == 4
    assert analysis_quad_count(analysis) == len(analysis_quads(analysis)) == REAL_ANALYSIS_QUADS


def test_size_estimate_is_within_five_percent(analysis):
    real = len(str(script_json(analysis_trig(analysis).decode("utf-8"))).encode("utf-8"))
    estimate = analysis_quad_count(analysis) * ANALYSIS_BYTES_PER_QUAD
    assert real == 161_535
    assert abs(estimate - real) / real < 0.05


def test_default_budget_embeds_the_analysis_on_the_real_data(store, analysis):
    script = graph_script(store, analysis)
    assert script.analysis_embedded and script.analysis_quads == REAL_ANALYSIS_QUADS
    assert len(script.text) < QUERY_DATA_BUDGET / 5  # the real data are far from the budget
    assert ANALYSIS_GRAPH.encode() in script.text


def test_over_budget_keeps_the_graph_and_leaves_out_the_analysis(store, analysis):
    full = graph_script(store, analysis)
    graph_only = len(full.text) - len(str(script_json(analysis_trig(analysis).decode("utf-8"))).encode()) + 2
    # the budget counts the whole script: just enough for the graph with the estimate, then one byte less
    enough = graph_only - 2 + full.analysis_estimate
    assert graph_script(store, analysis, query_data_budget=enough).analysis_embedded
    small = graph_script(store, analysis, query_data_budget=enough - 1)
    assert not small.analysis_embedded and small.analysis_quads == REAL_ANALYSIS_QUADS
    assert len(small.text) == graph_only
    assert small.text.endswith(b',\n"analysis": ""};\n')
    assert ANALYSIS_GRAPH.encode() not in small.text
    assert str(script_json(serialize(store, "trig").decode("utf-8"))).encode() in small.text  # the graph, whole


@pytest.mark.parametrize("lang, words", [
    ("nl", ["Zonder de resultaten van de netwerkanalyse.", "139 paren van overlappende projecten", "4 families",
            "2.564 triples", "ongeveer 0,2 MB", "meer dan 0,1 MB", "De vaste vragen werken gewoon"]),
    ("en", ["Without the results of the network analysis.", "139 pairs of overlapping projects", "4 families",
            "2,564 triples", "about 0.2 MB", "more than 0.1 MB", "The named questions work as usual"]),
])
def test_page_says_what_was_left_out_and_where_to_get_it(store, tmp_path, lang, words):
    site = build_site(store, tmp_path / "site", lang=lang, query_data_budget=100_000).out_dir
    html = (site / "query.html").read_text(encoding="utf-8")
    note = re.search(r'<p class="note-box" id="analysis-note" role="note">(.*?)</p>', html, re.S)
    assert note is not None
    for text in words + ["rdzl-graph overlap", "rdzl-graph communities", "rdzl-graph centrality",
                         "rdzl-graph network-export --format trig -o build/analysis", "rdzl-graph serve"]:
        assert text in note[1], text
    script = (site / "assets" / DATA_SCRIPT).read_bytes()
    assert script.endswith(b',\n"analysis": ""};\n') and ANALYSIS_GRAPH.encode() not in script


def test_no_note_when_the_analysis_is_embedded(store, tmp_path):
    site = build_site(store, tmp_path / "site").out_dir
    assert 'id="analysis-note"' not in (site / "query.html").read_text(encoding="utf-8")
