"""The latest changes on the export page, in Chromium: shown on request, with who made each,
and audited with axe-core once the table is there."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from inkl_widgets.widgets.address import PAGES

from .test_accessibility import audit
from .test_app_browser import open_page

pytestmark = pytest.mark.browser


def test_the_latest_changes_show_on_request_and_meet_wcag_22_aa(app, page, danish):
    open_page(page, app.url(PAGES["export"], app.demo_id))
    page.get_by_role("button", name=danish.t("change_log.show")).click()
    table = page.get_by_role("table", name=danish.t("change_log.title"))
    expect(table.get_by_role("row")).not_to_have_count(0)
    expect(table.get_by_role("columnheader", name=danish.t("change_log.who"))).to_be_visible()
    assert audit(page) == []
