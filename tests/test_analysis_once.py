"""The site runs the network analysis once: the circles report takes the site's analysis.

Counted with the standard profiler on a real site build (no stand-ins): ``cProfile`` records every
call of :func:`rdzl_graph.network.analysis.analyse`.
"""

from __future__ import annotations

import cProfile
import json
import pstats
from pathlib import Path

from rdzl_graph.circles import circles_report
from rdzl_graph.network import analyse
from rdzl_graph.site.generator import build_site


def calls(profile: cProfile.Profile, module: str, name: str) -> int:
    """How often the profiled run called function *name* defined in a file ending with *module*."""
    stats = pstats.Stats(profile).stats  # (file, line, function) -> (primitive calls, calls, ...)
    return sum(entry[1] for (file, _line, function), entry in stats.items()
               if function == name and Path(file).as_posix().endswith(module))


def test_site_runs_the_network_analysis_once(store, tmp_path):
    profile = cProfile.Profile()
    result = profile.runcall(build_site, store, tmp_path / "site")
    assert any(page.startswith("circle/") for page in map(str, result.pages))
    assert calls(profile, "rdzl_graph/circles/report.py", "circles_report") == 1
    assert calls(profile, "rdzl_graph/network/analysis.py", "analyse") == 1


def test_circles_report_with_the_callers_analysis_is_the_same(store):
    given = circles_report(store, seed=3, analysis=analyse(store, seed=3))
    assert json.dumps(given, sort_keys=True) == json.dumps(circles_report(store, seed=3), sort_keys=True)
    assert given["algorithm"]["seed"] == 3 and given["circles"]


def test_site_reads_the_network_data_once(store, tmp_path):
    """The full network of the pages is made from the analysis's data, not read from the store again."""
    profile = cProfile.Profile()
    profile.runcall(build_site, store, tmp_path / "site")
    assert calls(profile, "rdzl_graph/network/graphs.py", "load_network_data") == 1
    assert calls(profile, "rdzl_graph/network/graphs.py", "full_network_from_data") == 1
