"""The pages as a facilitator meets them: step 4's history in the plan's order and up to date,
dates and counts in the page's language whatever the browser's locale, one type scale, no
text cut off. Every page is also saved as a screenshot at a laptop's and a phone's size, under
``tests/artefacts/`` (not kept in git), to be looked at."""

from __future__ import annotations

import re

import pytest
from msgspec.structs import replace
from playwright.sync_api import expect

from inkl_widgets.content.resources import demo_dir
from inkl_widgets.model.workbook import FollowUpMeeting, PlanItem
from inkl_widgets.store.portable import import_backup, parse_backup
from inkl_widgets.widgets.address import PAGES

from ..harness import CHROMIUM, CHROMIUM_FLAGS, ROOT, eventually
from .test_app_browser import field, open_page

pytestmark = pytest.mark.browser

ARTEFACTS = ROOT / "tests" / "artefacts"
SIZES = {"laptop": (1366, 768), "phone": (390, 844)}


def demo_copy(app, change=None) -> str:
    """A fresh copy of the demo workbook, changed by ``change(workbook)``: a test that edits
    leaves the shared demo as the other tests expect it."""
    workbook = parse_backup((demo_dir() / "velkommen-her.json").read_bytes())
    return import_backup(app.store, change(workbook) if change else workbook, as_new=True)


def test_step_4_lists_every_meetings_items_in_the_plans_order(app, page):
    def item_4_first(workbook):
        plan = dict(workbook.plan)
        plan["p4"] = replace(plan["p4"], position=0)
        return replace(workbook, plan=plan)

    workbook_id = demo_copy(app, item_4_first)
    goals = {key: item.goal for key, item in app.store.load(workbook_id).plan.items()}
    open_page(page, app.url(PAGES["step4"], workbook_id))
    headings = page.locator(".inkl-followup-meeting").first.locator("h5").all_inner_texts()
    assert [h.split(" – ")[0] for h in headings] == [goals[k] for k in ("p4", "p1", "p2", "p3")]


def test_step_4_history_follows_a_saved_follow_up_with_labels_beside_values(app, page):
    open_page(page, app.url(PAGES["step4"], demo_copy(app)))
    expect(page.get_by_role("button", name="Opdatér historik og billeder")).to_have_count(0)
    field(page, "2. Spørgsmål og tilføjelser fra de andre, punkt 4").fill("Rampen er bestilt.")
    history = page.locator(".inkl-followup-history")
    expect(history).to_contain_text("Rampen er bestilt.")
    # every label sits on the row of its own value, in the label column
    rows = page.evaluate(
        """[...document.querySelectorAll('.inkl-followup-history dl.inkl-pairs')].flatMap(dl =>
            [...dl.querySelectorAll('dt')].map(dt => {
                const a = dt.getBoundingClientRect();
                const b = dt.nextElementSibling.getBoundingClientRect();
                return [Math.round(a.top - b.top), a.right <= b.left];
            }))"""
    )
    assert rows and all(top == 0 and beside for top, beside in rows), rows


def test_dates_are_danish_in_a_chromium_that_speaks_american_english(app, browser):
    english_chromium = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_FLAGS, "--lang=en-US"]
    )
    try:
        context = english_chromium.new_context(locale="en-US")
        page = context.new_page()
        page.set_default_timeout(60_000)
        assert page.evaluate("navigator.language") == "en-US"
        workbook_id = demo_copy(app)
        open_page(page, app.url(PAGES["step4"], workbook_id))
        next_meeting = field(page, "Dato for næste opfølgning")
        expect(next_meeting).to_have_value("2. februar 2027")
        next_meeting.fill("10.3.2027")
        next_meeting.press("Enter")
        expect(next_meeting).to_have_value("10. marts 2027")
        eventually(lambda: app.store.load(workbook_id).followups["f2"].next_meeting == "2027-03-10")
        next_meeting.fill("3/32/2027")
        next_meeting.press("Enter")
        expect(page.get_by_role("alert")).to_contain_text("kan ikke læses som en dato")
        assert app.store.load(workbook_id).followups["f2"].next_meeting == "2027-03-10"
        context.close()
    finally:
        english_chromium.close()


@pytest.mark.parametrize(
    ("count", "rows", "meetings"),
    [
        (0, "0 punkter i planen", "0 opfølgningsmøder"),
        (1, "1 punkt i planen", "1 opfølgningsmøde"),
        (2, "2 punkter i planen", "2 opfølgningsmøder"),
    ],
)
def test_the_stepper_counts_in_the_right_plural(app, page, count, rows, meetings):
    workbook_id = app.store.create(
        "Tælleforeningen",
        plan={f"p{n}": PlanItem(goal=f"Mål {n}", position=n) for n in range(count)},
        followups={f"f{n}": FollowUpMeeting(date=f"2026-10-0{n + 1}") for n in range(count)},
    )
    open_page(page, app.url(PAGES["start"], workbook_id))
    stepper = page.locator(".inkl-stepper")
    expect(stepper).to_contain_text(rows)
    expect(stepper).to_contain_text(meetings)


CONTROLS = """(() => {
    const body = getComputedStyle(document.querySelector('.inkl-page .widget-html-content'));
    // a label hidden on purpose (the plan table's, named for screen readers) is not cut off
    const shown = el => el.offsetParent !== null && getComputedStyle(el).clip === 'auto';
    const controls = [...document.querySelectorAll(
        '.inkl-page input:not([type=checkbox]):not([type=file]), .inkl-page select,' +
        '.inkl-page textarea, .inkl-page button, .inkl-page .widget-label')].filter(shown);
    const style = el => getComputedStyle(el);
    return {
        count: controls.length,
        fonts: [...new Set(controls.map(el => style(el).fontFamily))],
        body: body.fontFamily,
        smallest: Math.min(...controls.map(el => parseFloat(style(el).fontSize))),
        text: parseFloat(body.fontSize),
        nullTitles: document.querySelectorAll('[title="null"]').length,
        clipped_labels: [...document.querySelectorAll(
            '.inkl-page .widget-label, .inkl-page .widget-label-basic > span, .inkl-page button')]
            .filter(el => shown(el) && el.scrollWidth > el.clientWidth + 1)
            .map(el => el.textContent.slice(0, 60)),
        clipped: [...document.querySelectorAll(
            '.inkl-page input[type=text], .inkl-page input[type=number],' +
            '.inkl-page .widget-label, .inkl-page .widget-label-basic > span,' +
            '.inkl-page button')]
            .filter(el => shown(el) && el.scrollWidth > el.clientWidth + 1)
            .map(el => (el.value || el.textContent).slice(0, 60)),
    };
})()"""


def save_full_page(page, name: str, width: int, height: int) -> None:
    """The whole page as one picture: Voilà scrolls inside the page, so the window is made as
    tall as the page for the picture and put back afterwards."""
    ARTEFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": height})
    page.screenshot(path=str(ARTEFACTS / f"{name}-{width}x{height}.png"))
    full = page.evaluate("document.querySelector('.inkl-page').scrollHeight") + 80
    page.set_viewport_size({"width": width, "height": max(height, min(full, 20_000))})
    page.screenshot(path=str(ARTEFACTS / f"{name}-{width}x{height}-full.png"))
    page.set_viewport_size({"width": width, "height": height})


@pytest.mark.parametrize("page_name", list(PAGES))
def test_every_page_has_one_type_scale_and_nothing_cut_off(app, page, page_name):
    open_page(page, app.url(PAGES[page_name], app.demo_id))
    page.wait_for_load_state("networkidle")
    found = page.evaluate(CONTROLS)
    assert found["count"] > 0
    assert found["fonts"] == [found["body"]]
    assert found["smallest"] >= found["text"]
    assert found["nullTitles"] == 0
    assert found["clipped"] == []
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        open_page(page, app.url(PAGES[page_name], app.demo_id))  # as a phone opens it
        page.wait_for_load_state("networkidle")
        assert page.evaluate(CONTROLS)["clipped_labels"] == [], size
        save_full_page(page, f"{page_name}-{size}", width, height)


def test_on_a_phone_the_stepper_is_one_row_showing_the_current_page(app, page):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, app.url(PAGES["export"], app.demo_id))  # the last: scrolled to the end
    stepper = page.locator(".inkl-stepper")
    expect(stepper.locator(".inkl-current")).to_be_in_viewport(ratio=1)
    assert stepper.bounding_box()["height"] <= 0.12 * 844  # was 40 % of the first screen


def test_the_report_fits_a_phones_width(page, demo):
    from inkl_widgets.content.loading import load_content
    from inkl_widgets.export.html_report import export_html

    page.set_viewport_size({"width": 390, "height": 844})
    page.set_content(export_html(demo, load_content("da"), include_texts=True))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    first_cell = page.locator("table.inkl-plan td").first
    assert (
        page.evaluate("td => getComputedStyle(td, '::before').content", first_cell.element_handle())
        == '"Fokus"'
    )


def test_a_new_workbook_opens_at_its_meeting_plan_with_long_texts_folded(app, page):
    open_page(page, app.url(PAGES["start"]))
    field(page, "Organisationens navn").fill("Foreningen Nyt Blad")
    page.get_by_role("button", name="Opret arbejdsbog").click()
    page.wait_for_url(re.compile(r"workbook=[a-z0-9]+#inkl-meeting$"))
    plan_heading = page.get_by_role("heading", name="Mødeplan", exact=True)
    expect(plan_heading).to_be_focused()
    expect(plan_heading).to_be_in_viewport()
    folds = page.locator(".inkl-page details.inkl-fold")
    assert folds.count() == 3
    expect(folds.locator("summary h2").first).to_be_visible()  # the heading always shows
    assert (
        page.evaluate("[...document.querySelectorAll('details.inkl-fold')].some(d => d.open)")
        is False
    )
    folds.first.locator("summary").click()
    expect(folds.first.locator(".inkl-card").first).to_be_visible()


def printed_pages(page, html: str) -> int:
    """How many A4 pages Chromium prints the HTML on."""
    page.set_content(html)
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4", prefer_css_page_size=True)))


def test_the_status_sheet_of_ten_items_prints_on_one_page(page, demo):
    from inkl_widgets.content.loading import load_content
    from inkl_widgets.export.sheets import sheet_html

    plan = {
        f"n{n}": replace(demo.plan[f"p{n % 4 + 1}"], position=n, status="under_way")
        for n in range(10)
    }
    followups = {
        key: replace(meeting, items={f"n{n}": meeting.items[f"p{n % 4 + 1}"] for n in range(10)})
        for key, meeting in demo.followups.items()
    }
    ten = replace(demo, plan=plan, followups=followups)
    assert printed_pages(page, sheet_html("status", ten, load_content("da"))) == 1


def test_the_report_prints_on_few_pages(page, demo):
    """Measured before the print styles were tightened: demo 13 pages, with texts 20, an
    almost empty workbook 8."""
    from inkl_widgets.content.loading import load_content
    from inkl_widgets.export.html_report import export_html
    from inkl_widgets.model.workbook import Workbook

    danish = load_content("da")
    assert printed_pages(page, export_html(demo, danish)) <= 9
    assert printed_pages(page, export_html(Workbook(id="x", name="Foreningen"), danish)) <= 4


def test_a_long_own_question_shows_whole_on_a_phone(app, page):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, app.url(PAGES["step1"], demo_copy(app)))
    page.get_by_role("button", name="Tilføj vores eget spørgsmål").first.click()
    question = page.locator(".inkl-own-question textarea").first
    expect(question).to_be_focused()
    expect(question).to_have_accessible_name("Vores eget spørgsmål 1")
    words = "Hvordan tager vi imod en ny frivillig, der ikke kender nogen i foreningen endnu?"
    page.keyboard.type(words)
    expect(question).to_have_value(words)
    whole = "e => e.scrollHeight <= e.clientHeight + 1 && e.scrollWidth <= e.clientWidth + 1"
    assert question.evaluate(whole)
    assert question.evaluate("e => e.getBoundingClientRect().right <= innerWidth")
