"""The action plan as a table where it fits (step 3 and the meeting view's plan screen) and as
cards on a phone: every cell named by its column and row for a screen reader, Tab walking row
by row, the row's buttons reachable, no one-line cell cutting its text. Screenshots of both sizes
go to ``tests/artefacts/`` (not kept in git), to be looked at."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from inkl_widgets.domain.meeting_screens import meeting_screens

from .test_accessibility import audit
from .test_app_browser import open_page
from .test_pages_as_met import ARTEFACTS, SIZES, demo_copy

pytestmark = pytest.mark.browser

CLIPPED_INPUTS = """[...document.querySelectorAll('.inkl-plan input[type=text]')]
    .filter(el => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
    .map(el => el.value)"""
SCROLLS_SIDEWAYS = """(() => {
    const boxes = [];
    for (let e = document.querySelector('.inkl-plan'); e; e = e.parentElement)
        if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
            boxes.push(e.className.slice(0, 60));
    return boxes;
})()"""
HEADINGS_SHOWN = "getComputedStyle(document.querySelector('.inkl-plan-columns')).display"


def focused_label(page) -> str:
    return page.evaluate(
        "document.activeElement.labels?.[0]?.textContent || document.activeElement.textContent"
    )


def test_the_plan_is_a_table_walked_row_by_row(app, page, danish):
    columns = danish.section("step3").element("plan").columns
    page.set_viewport_size({"width": 1366, "height": 768})
    open_page(page, app.url("03_handleplan.ipynb", demo_copy(app)))
    assert page.evaluate(HEADINGS_SHOWN) == "block"
    # each cell is named by its column and row, though the table shows the column once
    goal = page.get_by_role("textbox", name=f"{columns['goal']}, række 2", exact=True)
    expect(goal).to_be_visible()
    label = page.locator(".inkl-plan-row .inkl-plan-goal .widget-label").nth(1)
    assert label.evaluate("e => e.getBoundingClientRect().width") <= 1
    # one row per item: a row's cells side by side on one line
    tops = page.evaluate(
        """[...document.querySelectorAll(
            '.inkl-plan-row:first-child :is(input, textarea, select)')]
            .map(e => Math.round(e.getBoundingClientRect().top))"""
    )
    assert len(tops) == 7 and max(tops) - min(tops) < 12, tops
    # Tab walks the first row's cells, then its buttons, then the second row
    page.get_by_label(f"{columns['focus']}, række 1", exact=True).focus()
    walked = [focused_label(page)]
    for _ in range(10):
        page.keyboard.press("Tab")
        walked.append(focused_label(page))
    cells = [f"{columns[c]}, række 1" for c in columns]
    assert walked[:7] == cells
    assert walked[7:9] == ["Ned", "Slet"]  # "Op" is disabled in the first row
    assert walked[9] == f"{columns['focus']}, række 2"
    assert page.evaluate(CLIPPED_INPUTS) == []
    assert audit(page) == []


@pytest.mark.parametrize("size", list(SIZES))
def test_the_plan_fits_a_laptop_and_a_phone(app, page, size):
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, app.url("03_handleplan.ipynb", app.demo_id))
    page.locator(".inkl-plan").scroll_into_view_if_needed()
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"plan-table-step3-{width}x{height}.png"))
    assert page.evaluate(HEADINGS_SHOWN) == ("block" if size == "laptop" else "none")
    assert page.evaluate(SCROLLS_SIDEWAYS) == []
    assert page.evaluate(CLIPPED_INPUTS) == []
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


@pytest.mark.parametrize("size", list(SIZES))
def test_the_meeting_views_plan_screen(app, page, danish, size):
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, app.url("06_moede.ipynb", app.demo_id))
    page.wait_for_selector(".inkl-deck .inkl-shown", state="visible")
    page.keyboard.press("Home")
    kinds = [screen.kind for screen in meeting_screens(danish)]
    for _ in range(kinds.index("plan")):
        page.keyboard.press("PageDown")
    plan = page.locator(".inkl-deck > .inkl-shown .inkl-plan")
    expect(plan).to_be_visible()
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"plan-table-meeting-{width}x{height}.png"))
    assert page.evaluate(CLIPPED_INPUTS) == []
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


@pytest.mark.parametrize("size", list(SIZES))
def test_the_start_pages_agenda_is_a_table_named_by_part_and_step(app, page, danish, size):
    width, height = SIZES[size]
    agenda = danish.section("usage").element("agenda")
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, app.url("00_start.ipynb", app.demo_id))
    table = page.locator(".inkl-agenda")
    table.scroll_into_view_if_needed()
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"agenda-start-{width}x{height}.png"))
    shown = table.locator(".inkl-agenda-columns").evaluate("e => getComputedStyle(e).display")
    assert shown == ("block" if size == "laptop" else "none")
    for part in agenda.parts:  # every cell named by its part and its step
        cell = page.get_by_role("textbox", name=f"{part.label} (trin 3)", exact=True)
        expect(cell).to_be_visible()
    expect(page.get_by_role("spinbutton", name="Minutter til trin 3", exact=True)).to_have_value(
        "45"
    )
    expect(page.get_by_role("textbox", name="Mødet begynder kl. (tt:mm)")).to_be_visible()
    if size == "laptop":  # a row per step: its cells side by side
        tops = (
            table.locator(".inkl-agenda-row")
            .nth(2)
            .evaluate(
                "r => [...r.querySelectorAll('textarea, input')]"
                ".map(e => e.getBoundingClientRect().top)"
            )
        )
        assert len(tops) == 6 and max(tops) - min(tops) < 12, tops
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert audit(page) == []


def test_adjusting_the_plan_at_follow_up_keeps_the_table_and_its_retire_button(app, page):
    page.set_viewport_size({"width": 1366, "height": 768})
    open_page(page, app.url("04_foelg_op.ipynb", demo_copy(app)))
    page.get_by_role("button", name="Vis planen, så den kan tilpasses").click()
    plan = page.locator(".inkl-plan")
    expect(plan).to_be_visible()
    assert page.evaluate(HEADINGS_SHOWN) == "block"
    assert page.evaluate(SCROLLS_SIDEWAYS) == []  # nothing around the plan cuts or scrolls it
    page.get_by_role("combobox", name="Status, række 2", exact=True).focus()
    walked = []
    for _ in range(4):
        page.keyboard.press("Tab")
        walked.append(focused_label(page))
    assert walked == ["Op", "Ned", "Slet", "Udgår"]
    plan.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTEFACTS / "plan-table-step4-1366x768.png"))
    assert page.evaluate(CLIPPED_INPUTS) == []
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
