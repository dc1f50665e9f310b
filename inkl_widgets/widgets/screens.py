"""The meeting view's screens as widgets: one box per screen, built once, of which the page's
script (``inkl-page.js``) shows one at a time, so that moving on needs no kernel.

Each box starts with a marker that tells the script the screen's id and agenda item; the first
heading in the box is what gets focus (and so is announced) when the screen is shown.
"""

from __future__ import annotations

from html import escape
from typing import cast

import ipywidgets as widgets

from inkl_widgets.content.model import Agenda, FollowUp, Notes, Plan
from inkl_widgets.domain.meeting_screens import Screen
from inkl_widgets.domain.plan import format_time
from inkl_widgets.model.fields import field_path, path_parts
from inkl_widgets.model.workbook import StepId
from inkl_widgets.widgets.binding import (
    AUTO_WIDTH,
    PLAIN,
    PageContext,
    StaticHTML,
    bind,
    labelled,
    static_html,
)
from inkl_widgets.widgets.contributions import ContributionList
from inkl_widgets.widgets.date_field import DateField
from inkl_widgets.widgets.header import link, page_name
from inkl_widgets.widgets.invite import ParticipantInvite
from inkl_widgets.widgets.meeting_plan import minutes_field, start_field
from inkl_widgets.widgets.questions import NotesField, QuestionGroupBox
from inkl_widgets.widgets.way_votes import WayVotes


def screen_title(ctx: PageContext, screen: Screen) -> str:
    """The screen's name in the overview and its heading."""
    t, content = ctx.content.t, ctx.content
    if screen.kind in ("overview", "closing"):
        return t(f"meeting_view.{screen.kind}")
    if screen.kind == "questions":
        groups = content.question_groups(screen.step)
        return next(group.title for group in groups if group.id == screen.group)
    if screen.kind == "notes":
        return ctx.content.section(screen.step).first(Notes).label
    if screen.kind == "ways":
        return t("ways_vote.title")
    if screen.kind == "plan":
        return ctx.content.section(screen.step).first(Plan).title
    if screen.kind == "followup":
        return ctx.content.section(screen.step).first(FollowUp).title
    return t("meeting_view.agenda")


def _heading(text: str) -> StaticHTML:
    return static_html(f"<h2>{escape(text)}</h2>")


# The screens with the most widgets: built once the page is on screen, unless shown first.
LATER = ("plan", "followup")


class ScreenBox(widgets.VBox):
    """One screen: its marker, its heading and its fields; hidden unless it is the current one.

    A screen of a kind in ``LATER`` that is not shown first starts with its heading alone and
    gets its fields from ``fill``, so that the page is on screen sooner.
    """

    def __init__(self, ctx: PageContext, screen: Screen, shown: bool, screens: list[Screen]):
        self.ctx, self.screen, self.screens = ctx, screen, screens
        step = page_name(ctx, screen.step) if screen.step else ""
        self.marker = static_html(
            f'<p class="inkl-screen-step" data-screen="{escape(screen.id)}" '
            f'data-step="{screen.step}">{escape(step)}</p>'
        )
        classes = ("inkl-screen", f"inkl-screen-{screen.kind}")
        self.complete = shown or screen.kind not in LATER
        super().__init__(
            [self.marker, *self._parts(ctx, screen, screens)],
            _dom_classes=(*classes, "inkl-shown") if shown else classes,
            layout=PLAIN,
        )

    def fill(self) -> None:
        """Build the fields of a screen that started with its heading alone."""
        if not self.complete:
            self.complete = True
            self.children = [self.marker, *self._parts(self.ctx, self.screen, self.screens)]

    def _parts(self, ctx: PageContext, screen: Screen, screens: list[Screen]):
        title = screen_title(ctx, screen)
        if screen.kind == "questions":
            group = next(
                g for g in ctx.content.question_groups(screen.step) if g.id == screen.group
            )
            answer = field_path("answers", group.questions[0].id) if group.questions else ""
            return [QuestionGroupBox(ctx, group), ContributionList(ctx, screen.id, answer)]
        if screen.kind == "ways":
            return [_heading(title), WayVotes(ctx)]
        if screen.kind == "notes":
            notes = ctx.content.section(screen.step).first(Notes)
            return [_heading(title), NotesField(ctx, screen.step, notes)]
        if screen.kind == "plan":
            if not self.complete:
                return [_heading(title)]
            from inkl_widgets.widgets.plan_grid import ActionPlanGrid

            return [
                _heading(title),
                ActionPlanGrid(ctx, ctx.content.section(screen.step).first(Plan)),
            ]
        if screen.kind == "followup":
            if not self.complete:
                return [_heading(title)]
            from inkl_widgets.widgets.followup import FollowUpSection

            plan = ctx.content.section("step3").first(Plan)
            return [_heading(title), FollowUpSection(ctx, plan)]
        if screen.kind == "agenda":
            return [
                _heading(title),
                AgendaSummary(ctx, screen.step),
                minutes_field(ctx, screen.step),
            ]
        if screen.kind == "overview":
            invite = ParticipantInvite(ctx)
            return [_heading(title), *_meeting_fields(ctx), invite, Overview(ctx, screens)]
        return [_heading(title), ClosingSummary(ctx)]


def _meeting_fields(ctx: PageContext) -> list[widgets.Widget]:
    t = ctx.content.t
    date = DateField(ctx, t("meeting.date"))
    duration = labelled(
        widgets.BoundedIntText,
        "inkl-inline",
        min=0,
        max=24 * 60,
        description=t("meeting.duration"),
        layout=AUTO_WIDTH,
    )
    row = [
        bind(date, ctx, field_path("meeting", "date")),
        start_field(ctx),
        bind(duration, ctx, field_path("meeting", "duration_minutes")),
    ]
    return [widgets.HBox(row, _dom_classes=("inkl-meeting-facts",), layout=PLAIN)]


class Overview(StaticHTML):
    """Every screen as a button, grouped by agenda item; the page's script moves on a click."""

    def __init__(self, ctx: PageContext, screens: list[Screen]):
        super().__init__("", "inkl-overview")
        help_text = escape(ctx.content.t("meeting_view.keys"))
        items, step = [], None
        for index, screen in enumerate(screens[1:], start=1):
            if screen.step != step:
                if step is not None:
                    items.append("</ol></li>")
                step = screen.step
                name = page_name(ctx, step) if step else ""
                items.append(f"<li><span>{escape(name)}</span><ol>")
            title = escape(screen_title(ctx, screen))
            items.append(
                f'<li><button type="button" class="inkl-goto" data-goto="{index}">{title}'
                "</button></li>"
            )
        items.append("</ol></li>")
        self.value = f'<p class="inkl-hint">{help_text}</p><ol class="inkl-screen-list">' + (
            "".join(items) + "</ol>"
        )


class AgendaSummary(StaticHTML):
    """A step's line of the meeting plan, a) to e), as the start page's form holds it."""

    def __init__(self, ctx: PageContext, step: str):
        super().__init__("", "inkl-agenda-summary")
        self.ctx, self.step = ctx, step
        ctx.on_any(self, self.refresh)
        self.refresh()

    def refresh(self, path: str = "") -> None:
        if path and path_parts(path)[:3] != ("meeting", "agenda", self.step):
            return
        ctx = self.ctx
        agenda = ctx.content.section("usage").first(Agenda)
        line = ctx.session.workbook.meeting.agenda[cast(StepId, self.step)]
        empty = f"<em>{escape(ctx.content.t('meeting_view.not_filled'))}</em>"
        rows = "".join(
            f"<dt>{escape(part.label)}</dt><dd>{escape(getattr(line, part.id)) or empty}</dd>"
            for part in agenda.parts
        )
        self.value = f"<dl>{rows}</dl>"


class ClosingSummary(StaticHTML):
    """What was decided (the action plan's goals, who and when), the next meeting's date and
    the way to the HTML report."""

    def __init__(self, ctx: PageContext):
        super().__init__("", "inkl-closing")
        self.ctx = ctx
        self._due = None
        ctx.on_any(self, self.changed)
        self.refresh()

    def changed(self, path: str) -> None:
        """Refresh once for a burst of changes (sorting a plan changes many fields)."""
        if self._due is None and path_parts(path)[0] in ("plan", "followups"):
            self._due = self.ctx.session.later(0.3, self.ctx.guard(self.refresh))

    def refresh(self) -> None:
        self._due = None
        ctx = self.ctx
        content, t = ctx.content, ctx.content.t
        workbook = ctx.session.workbook
        decided = [
            f"<li><strong>{escape(item.goal or item.focus)}</strong> "
            f"{escape(' · '.join(p for p in (item.roles, format_time(item.time, content)) if p))}"
            "</li>"
            for _key, item in workbook.visible_plan()
            if not item.retired and (item.goal or item.focus)
        ]
        plan = (
            f"<ul>{''.join(decided)}</ul>"
            if decided
            else f"<p>{escape(t('meeting_view.none_decided'))}</p>"
        )
        dates = sorted(m.next_meeting for m in workbook.followups.values() if m.next_meeting)
        next_meeting = (
            t("meeting_view.next_meeting", date=format_time(dates[-1], content))
            if dates
            else t("meeting_view.next_meeting_unset")
        )
        report = escape(link(ctx, "export"))
        self.value = (
            f"{plan}<p>{escape(next_meeting)}</p>"
            f'<p><a class="inkl-report-link" href="{report}">'
            f"{escape(t('meeting_view.make_report'))}</a></p>"
        )
