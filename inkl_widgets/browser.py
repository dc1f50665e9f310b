"""Small things only the browser can do, asked for from the kernel: the page's language and
title, moving to another page, fetching the tree page once so that Voilà's request-forgery
cookie exists (without it the kernel shutdown on leaving the page is refused and kernels pile
up; see the stack notes), and saying when the page is on screen."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable

import ipywidgets as widgets
from IPython.display import Javascript, display

# Status widgets (class ``inkl-live``) become polite live regions on their own element, which
# stays while their text changes: a replaced element with role=status is often not announced.
_LIVE_REGIONS = (
    "(() => {"
    "const inklLive = () => document.querySelectorAll('.inkl-live:not([aria-live])')"
    "  .forEach(e => { e.setAttribute('role', 'status'); e.setAttribute('aria-live', 'polite'); });"
    "inklLive();"
    "if (!window.inklLiveObserver) {"
    "  window.inklLiveObserver = new MutationObserver(inklLive);"
    "  window.inklLiveObserver.observe(document.body, {childList: true, subtree: true});"
    "}"
    "})();"
)


class BrowserBridge(widgets.Output):
    """An invisible output area that runs short scripts in the page."""

    def __init__(self):
        super().__init__(layout=widgets.Layout(height="0px", overflow="hidden"))

    def run(self, script: str) -> None:
        self.clear_output()
        with self:
            display(Javascript(script))

    def settle_page(self, language: str, title: str) -> None:
        """Declare the page's language and title, make sure the xsrf cookie is set, and turn
        status widgets into live regions."""
        self.run(
            f"document.documentElement.lang = {json.dumps(language)};"
            f"document.title = {json.dumps(title)};"
            "if (!document.cookie.includes('_xsrf=')) {"
            "  const base = document.body.dataset.baseUrl || '/voila/';"
            "  fetch(base + 'tree', {credentials: 'same-origin'}).catch(() => {});"
            "}" + _LIVE_REGIONS
        )

    def go_to(self, relative_url: str) -> None:
        self.run(f"window.location.assign({json.dumps(relative_url)});")


def hidden_field(css_class: str) -> widgets.Text:
    """An invisible text field through which a script tells the kernel something."""
    return widgets.Text(layout=widgets.Layout(display="none"), _dom_classes=(css_class,))


def report_script(css_class: str, value: str, after_paint: bool = False) -> str:
    """A script that puts ``value`` (a JavaScript expression) into the hidden field with
    ``css_class`` and fires its input event, so it reaches the kernel like a typed value.

    It waits up to 20 s for the field to be rendered; with ``after_paint``, two animation
    frames more, so the page is on screen first.
    """
    fill = f"input.value = {value}; input.dispatchEvent(new Event('input', {{bubbles: true}}));"
    if after_paint:
        fill = f"requestAnimationFrame(() => requestAnimationFrame(() => {{ {fill} }}));"
    return (
        "(function report(tries) {"
        f"  const input = document.querySelector('.{css_class} input');"
        "  if (!input) { if (tries > 0) setTimeout(() => report(tries - 1), 50); return; }"
        f"  {fill}"
        "})(400);"
    )


class WhenShown(widgets.VBox):
    """Runs slow work once the browser has painted the page, so the page does not wait for it.

    Work done in the kernel right after the notebook ran would hold up the browser's requests
    for the widgets' state. A hidden field, filled by a script after the page is painted, says
    when; ``later`` (the session's scheduler) is the backstop for a page whose script never
    runs, and outside a kernel it runs the work at once.
    """

    BACKSTOP = 5.0

    def __init__(self, work: Callable[[], None], later: Callable[[float, Callable], object]):
        marker = f"inkl-shown-{secrets.token_hex(4)}"
        self.signal = hidden_field(marker)
        self._work: Callable[[], None] | None = work
        self.signal.observe(lambda _change: self._run(), names="value")
        bridge = BrowserBridge()
        super().__init__([self.signal, bridge])
        bridge.run(report_script(marker, "'shown'", after_paint=True))
        later(self.BACKSTOP, self._run)

    def _run(self) -> None:
        work, self._work = self._work, None
        if work is not None:
            work()
