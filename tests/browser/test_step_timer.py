"""A step page's countdown is the step's stored one: it keeps running across a reload, and the
meeting view shows the same time."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..harness import eventually
from .test_app_browser import open_page

pytestmark = pytest.mark.browser


def seconds_left(page, scope: str = ".inkl-timer") -> int:
    text = page.locator(f"{scope} .inkl-countdown:not([hidden]) .inkl-left").inner_text()
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


def test_the_step_countdown_continues_across_a_reload(app, page):
    workbook_id = app.store.create("Uret")
    open_page(page, app.url("02_vurder_potentialet.ipynb", workbook_id))
    assert seconds_left(page) == 45 * 60  # the meeting plan's minutes for step 2
    page.get_by_role("button", name="Start nedtælling").click()
    expect(page.get_by_role("button", name="Sæt på pause")).to_be_visible()
    eventually(lambda: seconds_left(page) <= 45 * 60 - 2)
    page.reload()
    open_page(page, page.url)
    left = seconds_left(page)
    assert left < 45 * 60 - 1  # not back at the start
    eventually(lambda: seconds_left(page) < left)  # and still running
    expect(page.get_by_role("button", name="Sæt på pause")).to_be_visible()
    open_page(page, app.url("06_moede.ipynb", workbook_id))
    page.keyboard.press("Home")
    shown = page.evaluate(
        "document.querySelector('.inkl-countdown[data-step=step2]').dataset.started"
    )
    assert int(shown) > 0  # the meeting view's countdown for step 2 is the same, started one
