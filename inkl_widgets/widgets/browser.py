"""The kernel's ways to the browser: moving to another page, and hidden fields through which the
page's script (``inkl-page.js`` in the page template) reports what only the browser knows, such
as the page's address or that the page is on screen. That script also sets the page's language
and title, makes status lines live regions and fetches Voilà's request-forgery cookie."""

from __future__ import annotations

import json
from collections.abc import Callable

import ipywidgets as widgets
from IPython.display import Javascript, display


class BrowserBridge(widgets.Output):
    """An invisible output area that runs short scripts in the page."""

    def __init__(self):
        super().__init__(layout=widgets.Layout(height="0px", overflow="hidden"))

    def run(self, script: str) -> None:
        """Run a script in the page; only once the page is on screen (see ``inkl-page.js``)."""
        self.clear_output()
        with self:
            display(Javascript(script))

    def go_to(self, relative_url: str) -> None:
        self.run(f"window.location.assign({json.dumps(relative_url)});")


def hidden_field(report: str) -> widgets.Text:
    """An invisible text field that the page's script fills: ``report`` is ``"address"`` (the
    page's query string) or ``"shown"`` (once the page is painted)."""
    return widgets.Text(
        layout=widgets.Layout(display="none"),
        tooltip="",  # not title="null" on its label
        _dom_classes=(f"inkl-report-{report}",),
    )


class WhenShown(widgets.VBox):
    """Runs slow work once the browser has painted the page, so the page does not wait for it.

    Work done in the kernel right after the notebook ran would hold up the browser's requests
    for the widgets' state. A hidden field, filled by the page's script after the page is
    painted, says when; ``later`` (the session's scheduler) is the backstop for a page whose
    script never runs, and outside a kernel it runs the work at once.
    """

    BACKSTOP = 5.0

    def __init__(self, work: Callable[[], None], later: Callable[[float, Callable], object]):
        self.signal = hidden_field("shown")
        self._work: Callable[[], None] | None = work
        self.signal.observe(lambda _change: self._run(), names="value")
        super().__init__([self.signal])
        later(self.BACKSTOP, self._run)

    def _run(self) -> None:
        work, self._work = self._work, None
        if work is not None:
            work()
