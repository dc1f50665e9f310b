"""The meeting view opened on a phone or a small tablet in real Chromium: every screen fits the
width (no sideways scroll, nothing cut off at the right), its text stays readable up close."""

from __future__ import annotations

import pytest

from inkl_widgets.content.loading import load_content
from inkl_widgets.domain.meeting_screens import meeting_screens

from .test_accessibility import audit
from .test_meeting_view import open_meeting, shown

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 740}
TABLET = {"width": 768, "height": 1024}

# Elements whose right edge is past the window's, each as 'tag.class right-edge "text"'. A
# visually hidden label (1 px) is no one's to see, and an element inside a row that scrolls on
# its own (the stepper) is reached by scrolling that row, which itself must fit.
CUT_OFF = """() => {
  const width = window.innerWidth, cut = [];
  const scrollsInside = e => {
    for (let up = e.parentElement; up && up !== document.body; up = up.parentElement) {
      const x = getComputedStyle(up).overflowX;
      if (x === 'auto' || x === 'scroll') return up.getBoundingClientRect().right <= width + 1;
    }
    return false;
  };
  for (const e of document.querySelectorAll('#rendered_cells *')) {
    const box = e.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || box.right <= width + 1) continue;
    if (getComputedStyle(e).visibility === 'hidden' || scrollsInside(e)) continue;
    cut.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${Math.round(box.right)} `
      + JSON.stringify((e.textContent || '').trim().slice(0, 40)));
  }
  return cut;
}"""
# Elements in the meeting view showing text of their own in a font under 16 px. Not the follow-up
# screen's charts: matplotlib draws their words at 10 pt, which shrink with the picture.
SMALL_TEXT = """() => [...document.querySelectorAll('.inkl-meeting-view *')].filter(e =>
  e.getBoundingClientRect().width > 1 && !e.closest('svg')
  && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
  && parseFloat(getComputedStyle(e).fontSize) < 16
).map(e => `${e.tagName.toLowerCase()} ${getComputedStyle(e).fontSize} ${e.textContent.trim()}`)"""
# Rows of a way in and its button where the button lies over the way's words (each line of
# words measured, as the words may run out of their box).
COVERED = """() => [...document.querySelectorAll('.inkl-deck > .inkl-shown .inkl-way')]
  .filter(row => {
    const words = document.createRange();
    words.selectNodeContents(row.firstElementChild);
    const lines = [...words.getClientRects()].filter(r => r.width > 1);
    return [...row.querySelectorAll('button')].some(button => {
      const b = button.getBoundingClientRect();
      return lines.some(r => b.left < r.right - 1 && b.right > r.left + 1
        && b.top < r.bottom - 1 && b.bottom > r.top + 1);
    });
  }).map(row => row.textContent.trim().slice(0, 40))"""
SIDEWAYS = "document.documentElement.scrollWidth - window.innerWidth"
INNER_SIDEWAYS = "(e => e.scrollWidth - e.clientWidth)(document.querySelector('#rendered_cells'))"


def open_at(browser, viewport):
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    return context, tab


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE, TABLET], ids=["390", "360", "768"])
def test_every_screen_fits_the_width(app, browser, viewport):
    context, page = open_at(browser, viewport)
    try:
        screens = meeting_screens(load_content("da"))
        open_meeting(page, app, app.demo_id)
        page.keyboard.press("Home")
        for number, screen in enumerate(screens):
            if number:
                page.keyboard.press("PageDown")
            assert shown(page) == screen.id
            assert page.evaluate(SIDEWAYS) <= 0, screen.id
            assert page.evaluate(INNER_SIDEWAYS) <= 0, screen.id
            assert page.evaluate(CUT_OFF) == [], screen.id
            assert page.evaluate(SMALL_TEXT) == [], screen.id
            assert page.evaluate(COVERED) == [], screen.id
    finally:
        for open_tab in context.pages:
            open_tab.close(run_before_unload=True)
        context.close()


def test_the_overview_on_a_phone_meets_wcag(app, browser):
    context, page = open_at(browser, PHONE)
    try:
        open_meeting(page, app, app.demo_id)
        page.keyboard.press("Home")
        assert shown(page) == "overview"
        assert audit(page) == []
    finally:
        for open_tab in context.pages:
            open_tab.close(run_before_unload=True)
        context.close()
