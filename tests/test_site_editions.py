"""The site's editions pages: with the real data one edition and no empty page; with the next
edition of tests/test_editions.py accepted, a what-changed page and a timeline per project."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from rdzl_graph.cli import main
from rdzl_graph.editions import diff

from test_editions import FIRST, NEXT, ingest_into, review


def site_of(tmp: Path, data: Path) -> Path:
    build, site = tmp / "build", tmp / "site"
    assert main(["build", "--data", str(data), "--out", str(build)]) == 0
    assert main(["editions", "--data", str(data), "--timeline", "--out", str(build / "analysis" / "editions.trig")]) == 0
    assert main(["site", "--build", str(build), "--out", str(site)]) == 0
    return site


def test_one_edition_says_so_and_writes_no_empty_page(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    site = site_of(tmp_path, data)
    page = (site / "editions.html").read_text(encoding="utf-8")
    assert "De graaf bevat één editie" in page and "Voortgangsrapportage 4e tranche" in page
    assert not (site / "what-changed.html").exists() and not (site / "timeline").exists()
    assert 'href="editions.html"' in (site / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("site-editions")
    data, staged = ingest_into(tmp)
    review(staged)
    assert main(["ingest", "accept", str(staged), "--data", str(data)]) == 0
    return data, site_of(tmp, data)


def test_what_changed_lists_every_change_between_the_two_latest_editions(two_editions):
    data, site = two_editions
    page = (site / "what-changed.html").read_text(encoding="utf-8")
    changes = diff(FIRST, NEXT, data_dir=data)["changes"]
    assert page.count('<tr id="change-') == len(changes)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    assert "Op schema" in text and "Aandachtspunten" in text
    assert "€ 3.750.000" in text and "project afgelopen" in text and "LLTB" in text


def test_a_timeline_per_project(two_editions):
    data, site = two_editions
    timelines = sorted(p.stem for p in (site / "timeline").glob("*.html"))
    assert len(timelines) == 24 and "wandelnetwerk-heuvelland-oost" in timelines and "the-circular-mile" not in timelines
    water = html.unescape((site / "timeline" / "watervalderbeekdal.html").read_text(encoding="utf-8"))
    assert water.index("2025") < water.index("2026-06-30") and "€ 350.000 → € 400.000" in water
    new = html.unescape((site / "timeline" / "wandelnetwerk-heuvelland-oost.html").read_text(encoding="utf-8"))
    assert "2025" not in new.split("<main", 1)[1].split("</main>", 1)[0] and "nieuw project" in new  # it starts in the edition that added it
    unchanged = (site / "timeline" / "goede-morgen.html").read_text(encoding="utf-8")
    assert "Geen wijzigingen ten opzichte van de vorige editie." in unchanged
