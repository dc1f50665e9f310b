"""The facilitation timer: a countdown for a step's time box, set and started by the facilitator."""

from __future__ import annotations

import ipywidgets as widgets

from inkl_widgets.store.session import Immediately, kernel_scheduler
from inkl_widgets.widgets.binding import PLAIN, PageContext, button, labelled, static_html


class FacilitationTimer(widgets.HBox):
    """Minutes to set, start/pause and reset buttons, and the time left.

    The time left is not announced every second (that would drown a screen reader); the end of
    the time box is announced once as an alert.
    """

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
        self.remaining = minutes * 60
        self.running = False
        self._handle = None
        self.start.on_click(ctx.guard(lambda _: self.toggle()))
        self.reset.on_click(ctx.guard(lambda _: self.restart()))
        self.minutes.observe(ctx.guard(lambda _: self.restart()), names="value")
        super().__init__(
            [self.minutes, self.start, self.reset, self.display],
            _dom_classes=("inkl-timer",),
            layout=PLAIN,
        )
        self._show()

    def _show(self, ended: bool = False) -> None:
        minutes, seconds = divmod(max(self.remaining, 0), 60)
        label = self.ctx.content.t("timer.left")
        clock = (
            f'<span class="inkl-clock" role="timer" aria-live="off">{minutes:02d}:{seconds:02d}'
            "</span>"
        )
        end = f'<span role="alert">{self.ctx.content.t("timer.ended")}</span>' if ended else ""
        self.display.value = f'<span class="inkl-timer-label">{label}</span> {clock} {end}'
        self.start.description = self.ctx.content.t(
            "timer.pause" if self.running else "timer.start"
        )

    def toggle(self) -> None:
        self.running = not self.running
        if self.running:
            self._schedule()
        elif self._handle is not None:
            self._handle.cancel()
        self._show()

    def restart(self) -> None:
        self.running = False
        if self._handle is not None:
            self._handle.cancel()
        self.remaining = (self.minutes.value or 1) * 60
        self._show()

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
        self.remaining -= 1
        if self.remaining <= 0:
            self.running = False
            self._show(ended=True)
            return
        self._show()
        self._schedule()
