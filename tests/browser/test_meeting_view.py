"""The meeting view on a 1366×768 projector in real Chromium: walked by keyboard alone, kept
across a reload (screen, answers, countdown), readable from the back of the room."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inkl_widgets.content.loading import load_content
from inkl_widgets.domain.meeting_screens import meeting_screens
from inkl_widgets.store.session import WorkbookSession

from ..harness import eventually
from .test_accessibility import audit
from .test_app_browser import open_page

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1366, "height": 768}
# Screenshots of each kind of screen, for a person to look at (kept after the run).
SHOTS = Path(os.environ.get("INKL_ARTEFACTS", "test-artefacts")) / "meeting-view"

SHOWN_ID = "document.querySelector('.inkl-deck > .inkl-shown .inkl-screen-step').dataset.screen"
FOCUSED = "document.activeElement.tagName + ':' + document.activeElement.textContent"


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport=PROJECTOR)
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    for open_tab in context.pages:
        open_tab.close(run_before_unload=True)
    context.close()


def open_meeting(page, app, workbook_id: str) -> None:
    open_page(page, app.url("06_moede.ipynb", workbook_id))
    page.wait_for_selector(".inkl-deck .inkl-shown", state="visible")


def shown(page) -> str:
    return page.evaluate(SHOWN_ID)


def test_every_screen_by_keyboard_alone(app, projector):
    page = projector
    screens = meeting_screens(load_content("da"))
    open_meeting(page, app, app.demo_id)
    page.keyboard.press("Home")
    assert shown(page) == "overview"
    SHOTS.mkdir(parents=True, exist_ok=True)
    kinds_seen = set()
    for number, screen in enumerate(screens):
        if number:
            page.keyboard.press(("PageDown", "ArrowRight", "Space")[number % 3])
        assert shown(page) == screen.id
        heading = page.locator(".inkl-deck > .inkl-shown h2").first
        expect(heading).to_be_focused()  # so a screen reader reads the new screen's heading
        expect(page.locator(".inkl-deck-position")).to_have_text(
            re.compile(rf"\b{number + 1}\b.*\b{len(screens)}\b")
        )
        # the clocks stay in view at the foot of a long screen
        page.evaluate("document.querySelector('#rendered_cells').scrollTo(0, 1e6)")
        bar = page.locator(".inkl-meeting-bar").bounding_box()
        assert bar["y"] >= 0 and bar["y"] + bar["height"] <= PROJECTOR["height"], screen.id
        if screen.kind not in kinds_seen:
            kinds_seen.add(screen.kind)
            page.screenshot(path=SHOTS / f"1366x768-{screen.kind}-end.png")
            page.evaluate("document.querySelector('#rendered_cells').scrollTo(0, 0)")
            page.screenshot(path=SHOTS / f"1366x768-{screen.kind}.png")
            assert audit(page) == [], screen.id
    page.keyboard.press("PageDown")  # the last screen stays
    assert shown(page) == "closing"
    for _ in range(3):
        page.keyboard.press("PageUp")
    assert shown(page) == screens[-4].id
    page.keyboard.press("ArrowLeft")
    assert shown(page) == screens[-5].id
    page.keyboard.press("Home")
    assert shown(page) == "overview"
    # the overview jumps anywhere, by keyboard too
    page.get_by_role("button", name="Handleplan", exact=True).focus()
    page.keyboard.press("Enter")
    assert shown(page) == "step3.plan"


def test_answer_screen_and_countdown_survive_a_reload(app, projector):
    page = projector
    content = load_content("da")
    workbook_id = app.store.create("Mødeforeningen")
    open_meeting(page, app, workbook_id)
    page.get_by_role("button", name=content.question_groups("step1")[1].title).click()
    assert shown(page) == "step1.q2"
    question = content.question_groups("step1")[1].questions[0]
    answer = page.get_by_label(question.text, exact=True)
    answer.click()
    # typing, spaces and arrows included, never moves the screen
    answer.type("Vi spørger alle nye ")
    answer.press("ArrowLeft")
    answer.press("PageDown")
    answer.press("End")
    answer.type("ved døren.")
    assert shown(page) == "step1.q2"
    path = f"answers/{question.id}"
    eventually(
        lambda: (
            WorkbookSession(app.store, workbook_id).value(path) == "Vi spørger alle nye ved døren."
        )
    )
    eventually(
        lambda: WorkbookSession(app.store, workbook_id).value("meeting_run/screen") == "step1.q2"
    )
    countdown = page.locator(".inkl-countdown:not([hidden]) .inkl-left")
    expect(countdown).to_have_text(re.compile(r"^(29|30):\d\d$"))
    stored = WorkbookSession(app.store, workbook_id).workbook.meeting_run.countdowns["step1"]
    assert stored.started > 0

    page.reload(wait_until="commit")
    page.wait_for_selector(".inkl-deck .inkl-shown", state="visible")
    assert shown(page) == "step1.q2"
    expect(page.get_by_label(question.text, exact=True)).to_have_value(
        "Vi spørger alle nye ved døren."
    )
    # the same start, so the same countdown: it goes on from where it was
    after = WorkbookSession(app.store, workbook_id).workbook.meeting_run.countdowns["step1"]
    assert after.started == stored.started
    expect(countdown).to_have_text(re.compile(r"^(29|30):\d\d$"))


def test_readable_from_the_back_of_the_room(app, projector):
    page = projector
    workbook_id = app.store.create("Lokalforeningen")
    open_meeting(page, app, workbook_id)
    page.keyboard.press("Home")
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    assert shown(page) == "step1.q1"
    sizes = page.evaluate(
        """() => {
          const screen = document.querySelector('.inkl-deck > .inkl-shown');
          const size = (e) => parseFloat(getComputedStyle(e).fontSize);
          const text = [...screen.querySelectorAll('p, li, dd, .widget-label')].map(size);
          const inputs = [...screen.querySelectorAll('textarea, input, select')].map(size);
          return {text: Math.min(...text), inputs: Math.min(...inputs)};
        }"""
    )
    assert sizes["text"] >= 24 and sizes["inputs"] >= 20
    scroller = "document.querySelector('#rendered_cells')"
    fits = f"{scroller}.scrollHeight <= {scroller}.clientHeight + 1"
    page.screenshot(path=SHOTS / "1366x768-empty-questions.png")
    heights = page.evaluate(f"[{scroller}.scrollHeight, {scroller}.clientHeight]")
    assert page.evaluate(fits), f"a question group with empty answers needs scrolling: {heights}"
    # the answer field grows with its text instead of scrolling inside itself
    answer = page.locator(".inkl-deck > .inkl-shown textarea").first
    empty_height = answer.evaluate("e => e.offsetHeight")
    answer.fill("\n".join(f"Linje {n}" for n in range(1, 7)))
    assert answer.evaluate("e => e.offsetHeight") > 2 * empty_height
    assert answer.evaluate("e => e.scrollHeight <= e.clientHeight + 1")
    # no screen scrolls sideways, down to 1024 px
    screens = len(meeting_screens(load_content("da")))
    page.keyboard.press("Home")
    for width in (1366, 1024):
        page.set_viewport_size({"width": width, "height": 768})
        for _screen in range(screens):
            wide = page.evaluate(f"{scroller}.scrollWidth <= {scroller}.clientWidth + 1")
            assert wide, f"screen {shown(page)} scrolls sideways at {width} px"
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
            page.keyboard.press("PageUp" if width == 1024 else "PageDown")


RECORD_LOADING = """
window.__loading = [];
new MutationObserver(() => {
  const text = document.getElementById('loading_text');
  if (text) window.__loading.push(text.textContent);
}).observe(document, {childList: true, subtree: true, characterData: true});
"""


def test_the_loading_screen_speaks_the_page_language(app, projector):
    page = projector
    page.add_init_script(RECORD_LOADING)
    open_meeting(page, app, app.demo_id)  # the first page teaches the browser the language
    page.goto(app.url("01_beskriv_praksis.ipynb", app.demo_id), wait_until="commit")
    page.wait_for_selector(".inkl-page .inkl-stepper", state="visible")
    seen = page.evaluate("window.__loading")
    assert load_content("da").t("page.loading") in seen
    assert not [text for text in seen if "Running" in text or "Executing" in text]


def test_the_language_switch_keeps_the_screen(app, projector):
    page = projector
    english = load_content("en")
    workbook_id = app.store.create("Sprogforeningen")
    open_meeting(page, app, workbook_id)
    page.keyboard.press("Home")
    page.get_by_role("button", name=load_content("da").question_groups("step2")[0].title).click()
    eventually(
        lambda: WorkbookSession(app.store, workbook_id).value("meeting_run/screen") == "step2.q1"
    )
    page.get_by_label("Sprog", exact=True).select_option(label="English")
    heading = page.locator(".inkl-deck > .inkl-shown h2").first
    expect(heading).to_have_text(english.question_groups("step2")[0].title)
    assert shown(page) == "step2.q1"
    expect(page.locator(".inkl-deck-next")).to_have_text(english.t("meeting_view.next"))


def test_time_up_is_shown_and_announced(app, projector):
    page = projector
    danish = load_content("da")
    workbook_id = app.store.create("Tidsforeningen")
    session = WorkbookSession(app.store, workbook_id)
    session.edit_many(
        {
            "meeting/minutes/step1": 1,
            "meeting_run/screen": "step1.q1",
            "meeting_run/countdowns/step1/started": int(time.time()) - 40,
        }
    )
    session.flush()
    open_meeting(page, app, workbook_id)
    countdown = page.locator(".inkl-countdown:not([hidden])")
    expect(countdown).not_to_have_class(re.compile("inkl-time-up"))
    up = danish.t("meeting_view.time_up", number=1)
    # the page's own clock reaches zero about twenty seconds later, with no help from the kernel
    expect(countdown).to_have_class(re.compile("inkl-time-up"), timeout=40_000)
    expect(countdown).to_contain_text(up)
    expect(countdown.locator(".inkl-left")).to_have_text("00:00")
    expect(page.locator("#inkl-time-up-region")).to_have_text(up)
    colour = countdown.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(155, 28, 28)"


def test_a_second_tab_sees_the_answers_and_the_same_clock(app, browser):
    content = load_content("da")
    workbook_id = app.store.create("To faner")
    session = WorkbookSession(app.store, workbook_id)
    session.edit("meeting_run/screen", "step1.q3")
    session.flush()
    context = browser.new_context(viewport=PROJECTOR)
    try:
        first, second = context.new_page(), context.new_page()
        for tab in (first, second):
            tab.set_default_timeout(60_000)
            open_meeting(tab, app, workbook_id)
            assert shown(tab) == "step1.q3"
        question = content.question_groups("step1")[2].questions[1]
        first.get_by_label(question.text, exact=True).fill("Skrevet i den første fane")
        expect(second.get_by_label(question.text, exact=True)).to_have_value(
            "Skrevet i den første fane"
        )
        # one stored start, so both tabs count down from it
        clocks = [tab.locator(".inkl-countdown:not([hidden])") for tab in (first, second)]
        starts = {clock.get_attribute("data-started") for clock in clocks}
        assert len(starts) == 1 and starts != {"0"}
    finally:
        for tab in context.pages:
            tab.close(run_before_unload=True)
        context.close()


PLAN_COLUMNS_SHOWN = """() => {
  const plan = document.querySelector('.inkl-deck > .inkl-shown .inkl-plan');
  const heads = plan.querySelector('.inkl-plan-columns');
  const width = (e) => e.getBoundingClientRect().width / parseFloat(getComputedStyle(e).fontSize);
  const texts = ['goal', 'subgoals', 'actions', 'roles'].map(
    (c) => plan.querySelector(`.inkl-plan-row .inkl-plan-${c} textarea`));
  return {heads: getComputedStyle(heads).display, narrowest: Math.min(...texts.map(width))};
}"""
RECTANGLE = (
    "e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom] }"
)


def test_the_plan_is_a_readable_table_on_a_projector(app, projector):
    """On a 1366 px projector the board sees the plan as a table with its column headings, each
    text column wide enough for whole words; at 1920 px the header's parts do not overlap."""
    page = projector
    workbook_id = app.store.create("Planforeningen")
    session = WorkbookSession(app.store, workbook_id)
    session.edit("meeting_run/screen", "step3.plan")
    session.flush()
    open_meeting(page, app, workbook_id)
    page.get_by_role("button", name=load_content("da").t("plan.insert_examples")).click()
    expect(page.locator(".inkl-deck > .inkl-shown .inkl-plan-row")).to_have_count(2)
    for width, height in ((1366, 768), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        table = page.evaluate(PLAN_COLUMNS_SHOWN)
        assert table["heads"] == "block", f"the plan shows cards, not a table, at {width} px"
        assert table["narrowest"] >= 12, f"a text column is {table['narrowest']:.1f}em at {width}"
        b_left, b_top, b_right, b_bottom = page.locator(
            ".inkl-meeting-view .inkl-backup-bar button"
        ).evaluate(RECTANGLE)
        for step in page.locator(".inkl-meeting-view .inkl-stepper li").all():
            left, top, right, bottom = step.evaluate(RECTANGLE)
            apart = right <= b_left or left >= b_right or bottom <= b_top or top >= b_bottom
            assert apart, f"the backup button covers {step.text_content()} at {width} px"
    page.screenshot(path=SHOTS / "1920x1080-plan.png")
    assert audit(page) == []
