"""The page's stylesheets come with Voilà's page template, in the ``<head>`` of every page."""

from __future__ import annotations

import pytest

from .test_server_hardening import get

pytestmark = pytest.mark.browser

# One rule of each stylesheet in the template folder: inkl.css, plan.css and meeting.css.
RULES = (".inkl-page", ".inkl-plan-toolbar", ".inkl-deck")


def test_a_rendered_page_carries_the_stylesheets_in_its_head(app):
    status, _headers, body = get(
        app, f"/voila/render/01_beskriv_praksis.ipynb?workbook={app.demo_id}"
    )
    assert status == 200
    head = body.split("</head>", 1)[0]
    styles = "".join(part.split("</style>", 1)[0] for part in head.split("<style")[1:])
    assert [rule for rule in RULES if rule not in styles] == []
