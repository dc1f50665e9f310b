"""The page's stylesheets come with Voilà's page template, once, before the page's cells."""

from __future__ import annotations

import re

import pytest

from .test_server_hardening import get

pytestmark = pytest.mark.browser

# One rule of each stylesheet in the template folder: inkl.css, plan.css and meeting.css.
RULES = (".inkl-page", ".inkl-plan-toolbar", ".inkl-deck")
STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)


def test_a_rendered_page_carries_the_stylesheets_before_its_cells(app):
    path = f"/voila/render/01_beskriv_praksis.ipynb?workbook={app.demo_id}"
    status, _headers, body = get(app, path)
    assert status == 200
    first_output = body.index("application/vnd.jupyter.widget-view+json")
    sheets = [m for m in STYLE.finditer(body) if ".inkl-page" in m.group(1)]
    assert len(sheets) == 1 and sheets[0].end() < first_output  # the template's, not a widget's
    assert [rule for rule in RULES if rule not in sheets[0].group(1)] == []
