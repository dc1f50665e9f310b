"""The meeting view's figures: its first load, and the time from a key to the next screen
painted, each beside bare Voilà (a bare page opened cold; a link between two bare pages).

The time from a key is measured by the page itself: a listener that runs before the page's own
notes the key event's time stamp, and a watch on every animation frame notes when another screen
is shown and the frame after it (painted). Playwright's round trips are not part of the figure.

Beside it, what a screen change driven by the kernel would at least cost: a key on the pause
button until the kernel's new label for it is painted (the key's click goes to the kernel over
the widget comm, the kernel stores the pause and sends the label back).
"""

from __future__ import annotations

import statistics

from bare_notebooks import BARE_A, TEXTAREA
from figures import Figure
from page_timing import load, new_tab
from visits import Visits

MEETING = "06_moede.ipynb"
SHOWN = ".inkl-deck > .inkl-shown"
KEY_RATIO = 0.15
LOAD_RATIO = 1.3
KEYS = ("PageDown",) * 17 + ("PageUp",) * 5 + ("ArrowRight", "ArrowLeft", "Home")

KEY_TO_PAINT = """
window.__keyToPaint = [];
window.addEventListener('keydown', (event) => {
  if (!['PageDown', 'PageUp', 'ArrowRight', 'ArrowLeft', 'Home', ' '].includes(event.key)) return;
  const shown = () => document.querySelector('.inkl-deck > .inkl-shown');
  const before = shown();
  const pressed = event.timeStamp;
  const look = () => {
    if (shown() === before) { requestAnimationFrame(look); return; }
    requestAnimationFrame(() => window.__keyToPaint.push(performance.now() - pressed));
  };
  requestAnimationFrame(look);
}, true);
window.__roundTrip = [];
window.addEventListener('keydown', (event) => {
  const button = event.target.closest && event.target.closest('.inkl-clock-button');
  if (!button) return;
  const before = button.textContent;
  const pressed = event.timeStamp;
  const look = () => {
    if (button.textContent === before) { requestAnimationFrame(look); return; }
    requestAnimationFrame(() => window.__roundTrip.push(performance.now() - pressed));
  };
  requestAnimationFrame(look);
}, true);
"""


ROUND_TRIPS = 8  # pause, resume, …: an even number leaves the clock running


def meeting_round(visits: Visits, workbook_id: str) -> None:
    """A bare page opened cold, then the meeting view opened cold, walked by keys from the
    overview and back, and its pause button pressed a few times by key.

    The bare page is loaded right before the meeting view, so the two first loads are compared
    under the same load on the machine.
    """
    bare = new_tab(visits.browser, {"page": TEXTAREA}, cookie_from=visits.server.tree_url())
    with visits.measuring(bare, "bare"):
        visits.opened["bare"] += 1
        visits.samples["cold bare beside meeting"].append(
            load(bare, visits.server.url(BARE_A))["page"]
        )
    tab = new_tab(visits.browser, {"page": SHOWN})
    tab.add_init_script(KEY_TO_PAINT)
    with visits.measuring(tab, "app"):
        visits.opened["app"] += 1
        tab.goto(visits.server.url(MEETING, workbook_id), wait_until="commit")
        tab.wait_for_function("'page' in (window.__benchMarks || {})")
        visits.samples["cold meeting"].append(tab.evaluate("window.__benchMarks.page") / 1000)
        tab.keyboard.press("Home")
        for key in KEYS:
            tab.keyboard.press(key)
        tab.wait_for_function("n => window.__keyToPaint.length >= n", arg=len(KEYS) - 2)
        visits.samples["key meeting"].extend(ms / 1000 for ms in tab.evaluate("__keyToPaint"))
        # The walk ended on the overview: once the kernel knows, the clock's buttons are off;
        # on a step's screen they are on again.
        button = "document.querySelector('.inkl-clock-button')"
        tab.wait_for_function(f"() => {button}.disabled")
        tab.keyboard.press("PageDown")
        tab.wait_for_function(f"() => !{button}.disabled")
        pause = tab.locator(".inkl-clock-button").first
        for number in range(1, ROUND_TRIPS + 1):
            pause.focus()
            tab.keyboard.press("Enter")
            tab.wait_for_function("n => window.__roundTrip.length >= n", arg=number)
        visits.samples["round trip meeting"].extend(ms / 1000 for ms in tab.evaluate("__roundTrip"))


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


def meeting_figures(visits: Visits) -> list[Figure]:
    keys = visits.samples["key meeting"] or [float("nan")]
    bare_change = visits.samples["next bare"] or [float("nan")]
    bare_load = visits.samples["cold bare beside meeting"] or [float("nan")]
    return [
        Figure(
            "meeting view: key to next screen painted, median",
            statistics.median(keys) * 1000,
            "ms",
            baseline=statistics.median(bare_change) * 1000,
            max_ratio=KEY_RATIO,
        ),
        Figure(
            "meeting view: key to next screen painted, p95",
            p95(keys) * 1000,
            "ms",
            baseline=statistics.median(bare_change) * 1000,
            max_ratio=KEY_RATIO,
        ),
        Figure(
            "meeting view: key to the kernel's answer painted, median",
            statistics.median(visits.samples["round trip meeting"] or [float("nan")]) * 1000,
            "ms",
            baseline=statistics.median(bare_change) * 1000,
        ),
        Figure(
            "meeting view ready (cold)",
            statistics.median(visits.samples["cold meeting"] or [float("nan")]),
            "s",
            baseline=statistics.median(bare_load),
            max_ratio=LOAD_RATIO,
        ),
    ]
