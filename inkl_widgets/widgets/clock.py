"""The meeting view's clocks: the meeting's elapsed and remaining time, and a countdown for the
current agenda item, with pause, resume and five more minutes.

Both are stored as moments (``meeting_run`` in the workbook), never as counters: the page's
script (``inkl-page.js``) works out the time from them every second, so the clocks keep running
across screens, reloads, a second tab and a restarted kernel, and the kernel sends nothing while
they tick. The end of a countdown is announced once, by that script.
"""

from __future__ import annotations

import datetime as dt
import time
from html import escape
from typing import cast

import ipywidgets as widgets

from inkl_widgets.model.fields import field_path, path_parts
from inkl_widgets.model.workbook import Countdown, MeetingPlan, MeetingRun, StepId
from inkl_widgets.widgets.binding import PLAIN, PageContext, StaticHTML, bind, button, labelled


def clock_text(seconds: float) -> str:
    """``MM:SS`` (``H:MM:SS`` past an hour); never below zero."""
    whole = max(int(seconds), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def meeting_start(plan: MeetingPlan, run: MeetingRun, now: float) -> int:
    """When the meeting began: the plan's start time on the plan's date if that is today, else
    the moment the meeting view was first opened today."""
    today = dt.datetime.fromtimestamp(now).date()
    if plan.date and plan.start and dt.date.fromisoformat(plan.date) == today:
        planned = dt.datetime.fromisoformat(f"{plan.date}T{plan.start}")
        return int(planned.timestamp())
    return run.started


def opened_today(run: MeetingRun, now: float) -> bool:
    """Whether the stored start of the meeting view is from today (else a new meeting starts)."""
    if not run.started:
        return False
    started = dt.datetime.fromtimestamp(run.started).date()
    return started == dt.datetime.fromtimestamp(now).date()


def countdown_path(step: str, part: str) -> str:
    return field_path("meeting_run", "countdowns", step, part)


def pause_or_resume_edits(countdown: Countdown, step: str, now: int) -> dict[str, object]:
    """Pause a running countdown, or resume a paused one where it stopped (nothing if it has
    not started)."""
    if not countdown.started:
        return {}
    if countdown.paused:
        started = countdown.started + (now - countdown.paused)
        return {countdown_path(step, "started"): started, countdown_path(step, "paused"): 0}
    return {countdown_path(step, "paused"): now}


def countdown_html(ctx: PageContext, step: StepId, now: float, hidden: bool = False) -> str:
    """A step's stored countdown as the page's script ticks it on (``inkl-page.js``): the
    moments it was started and paused and its length, with the time left now."""
    t = ctx.content.t
    number = ctx.content.section(step).number
    workbook = ctx.session.workbook
    countdown = workbook.meeting_run.countdown(step)
    planned = workbook.meeting.minutes[step]
    minutes = planned + countdown.added_minutes
    left = countdown.left(planned, now)
    label = t("meeting_view.countdown", number=number)
    up = t("meeting_view.time_up", number=number)
    state = " inkl-time-up" if countdown.started and left <= 0 else ""
    paused = f" ({escape(t('meeting_view.paused'))})" if countdown.paused else ""
    return (
        f'<p class="inkl-countdown{state}" data-step="{step}" '
        f'data-started="{countdown.started}" data-paused="{countdown.paused}" '
        f'data-seconds="{minutes * 60}" data-up="{escape(up)}"'
        f"{' hidden' if hidden else ''}>"
        f"<span>{escape(label)}</span> "
        f'<span class="inkl-left" role="timer">{clock_text(left)}</span>{paused} '
        f'<span class="inkl-up-text">{escape(up) if state else ""}</span></p>'
    )


class MeetingClocks(widgets.HBox):
    """The clocks, and the buttons for the current agenda item's countdown."""

    def __init__(self, ctx: PageContext, step: str = "", clock=time.time):
        self.ctx, self.step, self.clock = ctx, step, clock
        t = ctx.content.t
        if not opened_today(ctx.session.workbook.meeting_run, clock()):
            ctx.session.edit(field_path("meeting_run", "started"), int(clock()))
        self.display = StaticHTML("", "inkl-clocks-box")
        self.pause_button = button(t("meeting_view.pause"), "inkl-clock-button")
        self.more_button = button(t("meeting_view.add_five"), "inkl-clock-button")
        self.sound = bind(
            labelled(widgets.Checkbox, description=t("meeting_view.sound"), indent=False),
            ctx,
            field_path("meeting_run", "sound"),
            default=False,
        )
        self.pause_button.on_click(ctx.guard(lambda _: self.toggle_pause()))
        self.more_button.on_click(ctx.guard(lambda _: self.add_minutes(5)))
        ctx.on_any(self, self._changed)
        super().__init__(
            [self.display, self.pause_button, self.more_button, self.sound],
            _dom_classes=("inkl-clocks",),
            layout=PLAIN,
        )
        self.refresh()

    def _countdown(self, step: str) -> Countdown:
        return self.ctx.session.workbook.meeting_run.countdown(step)

    def arrive(self, step: str) -> None:
        """The facilitator moved to a screen of ``step``: its countdown starts on first arrival."""
        self.step = step
        if step and not self._countdown(step).started:
            self.ctx.session.edit(countdown_path(step, "started"), int(self.clock()))
        self.refresh()

    def toggle_pause(self) -> None:
        """Pause the current item's countdown, or resume it where it stopped."""
        if not self.step:
            return
        edits = pause_or_resume_edits(self._countdown(self.step), self.step, int(self.clock()))
        if edits:
            self.ctx.session.edit_many(edits)
        self.refresh()

    def add_minutes(self, minutes: int) -> None:
        if not self.step:
            return
        added = self._countdown(self.step).added_minutes + minutes
        self.ctx.session.edit(countdown_path(self.step, "added_minutes"), added)
        self.refresh()

    def _changed(self, path: str) -> None:
        parts = path_parts(path)
        if (
            parts[:2] in (("meeting_run", "countdowns"), ("meeting_run", "started"))
            or parts[0] == "meeting"
        ):
            self.refresh()

    def refresh(self) -> None:
        """Show the stored moments with the times they give now; the page's script ticks on."""
        ctx, now = self.ctx, self.clock()
        t = ctx.content.t
        workbook = ctx.session.workbook
        plan, run = workbook.meeting, workbook.meeting_run
        start = meeting_start(plan, run, now)
        elapsed = now - start if start else 0
        meeting = (
            f'<p class="inkl-meeting-clock" data-start="{start}" '
            f'data-minutes="{plan.duration_minutes}">'
            f"<span>{escape(t('meeting_view.meeting_clock'))}</span> "
            f'<span class="inkl-elapsed" role="timer">{clock_text(elapsed)}</span> '
            f"<span>{escape(t('meeting_view.elapsed'))}</span> · "
            f'<span class="inkl-remaining" role="timer">'
            f"{clock_text(plan.duration_minutes * 60 - elapsed)}</span> "
            f"<span>{escape(t('meeting_view.remaining'))}</span></p>"
        )
        countdowns = [
            countdown_html(ctx, cast(StepId, section.id), now, hidden=section.id != self.step)
            for section in ctx.content.steps
        ]
        self.display.value = (
            f'<div class="inkl-clock-face" data-now="{int(now)}">{meeting}{"".join(countdowns)}'
            "</div>"
        )
        halted = bool(self.step) and self._countdown(self.step).paused
        self.pause_button.description = t("meeting_view.resume" if halted else "meeting_view.pause")
        self.pause_button.disabled = self.more_button.disabled = not self.step
