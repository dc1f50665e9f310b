"""Every page, filled with the demo workbook, and the exported HTML, audited with axe-core in
Chromium for WCAG 2.2 A and AA; headings must also form one outline without skipped levels."""

from __future__ import annotations

import itertools

import pytest
from axe_playwright_python.sync_playwright import Axe

from inkl_widgets.content.loading import load_content
from inkl_widgets.export.html_report import export_html
from inkl_widgets.widgets.address import PAGES

from .test_app_browser import open_page

pytestmark = pytest.mark.browser

WCAG_22_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}

# Violations of minor or moderate impact that remain, each with the reason it is accepted.
# Serious and critical ones are never accepted. (None remain at present.)
ACCEPTED: dict[str, str] = {}

HEADING_LEVELS = "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"


def audit(page) -> list[str]:
    """The violations that are not accepted, as 'rule (impact): first element' lines."""
    found = Axe().run(page, options=WCAG_22_AA).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in found
        if v["impact"] in ("serious", "critical") or v["id"] not in ACCEPTED
    ]


def outline_gaps(levels: list[int]) -> list[tuple[int, int]]:
    """Places where a heading goes down more than one level (h1 straight to h3)."""
    return [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]


@pytest.mark.parametrize("page_name", list(PAGES))
def test_page_meets_wcag_22_aa(app, page, page_name):
    open_page(page, app.url(PAGES[page_name], app.demo_id))
    page.wait_for_load_state("networkidle")
    assert audit(page) == []
    levels = page.evaluate(HEADING_LEVELS)
    assert levels[0] == 1 and levels.count(1) == 1
    assert outline_gaps(levels) == []
    assert page.evaluate("document.documentElement.lang") == "da"


def test_exported_html_meets_wcag_22_aa(page, demo):
    page.set_content(export_html(demo, load_content("da"), include_texts=True))
    assert audit(page) == []
    levels = page.evaluate(HEADING_LEVELS)
    assert levels[0] == 1 and outline_gaps(levels) == []


@pytest.mark.parametrize("kind", ["status", "handout"])
def test_the_status_sheet_and_handout_meet_wcag_22_aa(page, demo, kind):
    from inkl_widgets.export.sheets import sheet_html

    page.set_content(sheet_html(kind, demo, load_content("da")))
    assert audit(page) == []
    levels = page.evaluate(HEADING_LEVELS)
    assert levels[0] == 1 and outline_gaps(levels) == []
