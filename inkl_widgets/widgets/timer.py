"""The facilitation timer: a countdown for a step's time box, set and started by the facilitator."""

from __future__ import annotations

import ipywidgets as widgets
from traitlets import Bool, Int, observe

from inkl_widgets.store.session import Immediately, kernel_scheduler
from inkl_widgets.widgets.binding import PLAIN, PageContext, button, labelled, static_html
from inkl_widgets.widgets.lifetime import while_open


class FacilitationTimer(widgets.HBox):
    """Minutes to set, start/pause and reset buttons, and the time left.

    The time left is not announced every second (that would drown a screen reader); the end of
    the time box is announced once as an alert.
    """

    remaining = Int(help="seconds left of the time box")
    running = Bool(False, help="whether the countdown is on")
    ended = Bool(False, help="whether the time box has run out (announced once)")

    def __init__(self, ctx: PageContext, minutes: int):
        self.ctx = ctx
        self.minutes = labelled(
            widgets.BoundedIntText,
            "inkl-inline",
            value=minutes,
            min=1,
            max=600,
            description=ctx.content.t("timer.minutes"),
            layout=widgets.Layout(width="14em"),
        )
        self.start = button(ctx.content.t("timer.start"))
        self.reset = button(ctx.content.t("timer.reset"))
        self.display = static_html()
        self._handle = None
        self.start.on_click(ctx.guard(lambda _: self.toggle()))
        self.reset.on_click(ctx.guard(lambda _: self.restart()))
        self.minutes.observe(ctx.guard(lambda _: self.restart()), names="value")
        super().__init__(
            [self.minutes, self.start, self.reset, self.display],
            _dom_classes=("inkl-timer",),
            layout=PLAIN,
        )
        while_open(self, self._stop)
        self.remaining = minutes * 60

    @observe("remaining", "running", "ended")
    def _show(self, _change=None) -> None:
        minutes, seconds = divmod(max(self.remaining, 0), 60)
        label = self.ctx.content.t("timer.left")
        clock = (
            f'<span class="inkl-clock" role="timer" aria-live="off">{minutes:02d}:{seconds:02d}'
            "</span>"
        )
        end = f'<span role="alert">{self.ctx.content.t("timer.ended")}</span>' if self.ended else ""
        self.display.value = f'<span class="inkl-timer-label">{label}</span> {clock} {end}'
        self.start.description = self.ctx.content.t(
            "timer.pause" if self.running else "timer.start"
        )

    def toggle(self) -> None:
        self.ended = False
        self.running = not self.running
        if self.running:
            self._schedule()
        else:
            self._stop()

    def restart(self) -> None:
        self.running = self.ended = False
        self._stop()
        self.remaining = (self.minutes.value or 1) * 60

    def _stop(self) -> None:
        """No more ticks (paused, reset, or the page closed the timer)."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _schedule(self) -> None:
        loop = kernel_scheduler()
        if isinstance(loop, Immediately):
            self._handle = None  # outside a kernel (tests): tick() is called by hand
        else:
            self._handle = loop.call_later(1, self.ctx.guard(self.tick))

    def tick(self) -> None:
        """One second passes."""
        if not self.running:
            return
        with self.hold_trait_notifications():
            self.remaining -= 1
            if self.remaining <= 0:
                self.running, self.ended = False, True
        if self.running:
            self._schedule()
