"""The facilitation timer on a step page: the step's countdown, the same one the meeting view
shows (``meeting_run/countdowns/<step>``), from the minutes the meeting plan gives the step.

The countdown is stored as moments (when it started, when it was paused), never as a counter
(see ``clock``): it keeps running across a page change, a reload and the meeting view, and the
page's script ticks it on and announces its end once.
"""

from __future__ import annotations

import time
from typing import cast

import ipywidgets as widgets

from inkl_widgets.model.fields import path_parts
from inkl_widgets.model.workbook import Countdown, StepId
from inkl_widgets.widgets.binding import PLAIN, PageContext, StaticHTML, button
from inkl_widgets.widgets.clock import countdown_html, countdown_path, pause_or_resume_edits
from inkl_widgets.widgets.meeting_plan import minutes_field


class FacilitationTimer(widgets.HBox):
    """The step's minutes (the meeting plan's), start/pause and reset buttons, and the time left.

    The time left is not announced every second (that would drown a screen reader); the page's
    script announces the end of the time box once.
    """

    def __init__(self, ctx: PageContext, step: str, clock=time.time):
        self.ctx, self.step, self.clock = ctx, step, clock
        t = ctx.content.t
        self.minutes = minutes_field(ctx, step)
        self.start = button(t("timer.start"))
        self.reset = button(t("timer.reset"))
        self.display = StaticHTML("", "inkl-timer-face")
        self.start.on_click(ctx.guard(lambda _: self.toggle()))
        self.reset.on_click(ctx.guard(lambda _: self.restart()))
        ctx.on_any(self, self._changed)
        super().__init__(
            [self.minutes, self.start, self.reset, self.display],
            _dom_classes=("inkl-timer",),
            layout=PLAIN,
        )
        self.refresh()

    @property
    def countdown(self) -> Countdown:
        return self.ctx.session.workbook.meeting_run.countdown(self.step)

    @property
    def running(self) -> bool:
        return bool(self.countdown.started and not self.countdown.paused)

    def toggle(self) -> None:
        """Start the countdown, pause it, or resume it where it stopped."""
        now = int(self.clock())
        if self.countdown.started:
            self.ctx.session.edit_many(pause_or_resume_edits(self.countdown, self.step, now))
        else:
            self.ctx.session.edit(countdown_path(self.step, "started"), now)
        self.refresh()

    def restart(self) -> None:
        """Back to the step's full minutes, not started (the meeting view's countdown too)."""
        self.ctx.session.edit_many(
            {countdown_path(self.step, part): 0 for part in ("started", "paused", "added_minutes")}
        )
        self.refresh()

    def _changed(self, path: str) -> None:
        parts = path_parts(path)
        if parts[:3] == ("meeting_run", "countdowns", self.step) or parts == (
            "meeting",
            "minutes",
            self.step,
        ):
            self.refresh()

    def refresh(self) -> None:
        """Show the stored countdown with the time it gives now; the page's script ticks on."""
        t, now = self.ctx.content.t, self.clock()
        self.display.value = (
            f'<div class="inkl-clock-face" data-now="{int(now)}">'
            f"{countdown_html(self.ctx, cast(StepId, self.step), now)}</div>"
        )
        key = "timer.pause" if self.running else "timer.start"
        self.start.description = t("meeting_view.resume" if self.countdown.paused else key)
