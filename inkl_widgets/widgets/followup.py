"""Step 4 on the page: hold a follow-up meeting, read the history and pictures, adjust the plan.

The meeting form follows the brief's four points for every item: (1) the owner's status and
comment, (2) the others' questions and additions, (3) the goal for the next meeting, (4) a wish
for joint reflection time. Like every field of the app, it is saved while it is typed.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from html import escape

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle

from inkl_widgets.content.markup import user_text
from inkl_widgets.content.model import Plan
from inkl_widgets.domain.followup import (
    meeting_items,
    meetings_newest_first,
    new_meeting_edits,
    reflection_requests,
    status_edits,
)
from inkl_widgets.domain.plan import (
    focus_label,
    format_time,
    retire_edits,
    retired_rows,
    status_options,
)
from inkl_widgets.export.followup_html import history_html, item_title, status_table_html
from inkl_widgets.model.fields import field_path, path_parts
from inkl_widgets.model.workbook import PlanItem
from inkl_widgets.widgets.binding import (
    PLAIN,
    PageContext,
    bind,
    bound_text,
    button,
    labelled,
    static_html,
)
from inkl_widgets.widgets.browser import WhenShown
from inkl_widgets.widgets.cycle import CyclePanel
from inkl_widgets.widgets.date_field import DateField
from inkl_widgets.widgets.downloads import PlanDownloads
from inkl_widgets.widgets.lifetime import Busy, keep_open, replace_children
from inkl_widgets.widgets.plan_grid import ActionPlanGrid


def _heading(text: str, level: int = 3) -> widgets.HTML:
    return static_html(f"<h{level}>{escape(text)}</h{level}>")


@cache
def _check_style() -> CheckboxStyle:
    """One style for the page's checkboxes, made when the first is: a module-level one would be
    one more model on every page."""
    return keep_open(CheckboxStyle())


class ItemFollowUp(widgets.VBox):
    """One item at one meeting: the four points as labelled fields."""

    def __init__(self, ctx: PageContext, meeting_id: str, item_id: str, item: PlanItem, n: int):
        t = ctx.content.t
        self.ctx, self.meeting_id, self.item_id = ctx, meeting_id, item_id
        base = ("followups", meeting_id, "items", item_id)
        facts = [
            t("followup.owner", roles=item.roles or t("plan.blank")),
            t("followup.when", time=format_time(item.time, ctx.content) or t("plan.blank")),
        ]
        if item.focus:
            facts.append(t("followup.focus", focus=focus_label(item.focus, ctx.content)))
        title = t("followup.item_number", number=n)
        heading = static_html(
            f"<h4>{escape(title)}: {user_text(item_title(item, ctx.content))}</h4>"
            f'<p class="inkl-hint">{" · ".join(user_text(f) for f in facts)}</p>'
        )
        status = labelled(
            widgets.Dropdown,
            options=status_options(ctx.content),
            value=ctx.session.value(field_path(*base, "status"), item.status),
            description=t("followup.status", number=n),
        )
        self.status = bind(
            status,
            ctx,
            field_path(*base, "status"),
            default=item.status,
            to_widget=lambda value: value or "not_started",
            save=self._status_chosen,
        )
        self.comment = bound_text(
            ctx, field_path(*base, "comment"), t("followup.comment", number=n)
        )
        self.additions = bound_text(
            ctx, field_path(*base, "additions"), t("followup.additions", number=n)
        )
        self.next_goal = bound_text(
            ctx, field_path(*base, "next_goal"), t("followup.next_goal", number=n), rows=2
        )
        reflection = widgets.Checkbox(
            value=ctx.session.value(field_path(*base, "reflection"), False),
            description=t("followup.reflection", number=n),
            indent=False,
            layout=PLAIN,
            tooltip="",  # not title="null" on its label
            style=_check_style(),
        )
        self.reflection = bind(reflection, ctx, field_path(*base, "reflection"), default=False)
        super().__init__(
            [heading, self.status, self.comment, self.additions, self.next_goal, self.reflection],
            _dom_classes=("inkl-followup-item",),
            layout=PLAIN,
        )

    def _status_chosen(self, _path: str, status: str) -> None:
        """At the newest meeting, the owner's status is also the plan's."""
        workbook = self.ctx.session.workbook
        self.ctx.session.edit_many(status_edits(workbook, self.meeting_id, self.item_id, status))


class MeetingForm(widgets.VBox):
    """One meeting: its date, the next meeting's date, the reflection wishes, and every item."""

    def __init__(self, ctx: PageContext, meeting_id: str):
        t = ctx.content.t
        self.ctx, self.meeting_id = ctx, meeting_id
        date = DateField(ctx, t("followup.date"))
        following = DateField(ctx, t("followup.next_meeting"))
        self.reflections = static_html()
        workbook = ctx.session.workbook
        self.item_ids = [key for key, _ in meeting_items(workbook, meeting_id)]
        self.items = [
            ItemFollowUp(ctx, meeting_id, key, item, n)
            for n, (key, item) in enumerate(meeting_items(workbook, meeting_id), start=1)
        ]
        empty = [] if self.items else [static_html(f"<p>{escape(t('followup.no_items'))}</p>")]
        super().__init__(
            [
                bind(date, ctx, field_path("followups", meeting_id, "date")),
                self.reflections,
                *self.items,
                *empty,
                bind(following, ctx, field_path("followups", meeting_id, "next_meeting")),
            ],
            _dom_classes=("inkl-followup-form",),
            layout=PLAIN,
        )
        self.show_reflections()

    def show_reflections(self) -> None:
        """Point 4 up front: the items whose owner asked for time to reflect together."""
        workbook = self.ctx.session.workbook
        wanted = reflection_requests(workbook, self.meeting_id)
        if not wanted:
            self.reflections.value = ""
            return
        items = "".join(
            f"<li>{user_text(item_title(workbook.plan[key], self.ctx.content))}</li>"
            for key in wanted
        )
        title = escape(self.ctx.content.t("followup.reflection_wanted"))
        self.reflections.value = (
            f'<div class="inkl-card inkl-tip"><h4>{title}</h4><ul>{items}</ul></div>'
        )


class MeetingEditor(widgets.VBox):
    """Start a follow-up meeting, or open an earlier one to complete it."""

    def __init__(self, ctx: PageContext, today: dt.date):
        t = ctx.content.t
        self.ctx, self.today = ctx, today
        self.start = button(t("followup.start"), "inkl-add")
        self.start.on_click(ctx.guard(lambda _button: self.start_meeting()))
        self.chooser = labelled(
            widgets.Dropdown,
            "inkl-inline",
            description=t("followup.choose"),
            layout=widgets.Layout(),  # hidden while there is no meeting to choose
        )
        self.form_box = widgets.VBox(layout=PLAIN)
        self.form: MeetingForm | None = None
        self.relabelling = Busy()  # new labels for the same meetings: keep the form open
        self._options()
        self.chooser.observe(ctx.guard(self._chosen), names="value")
        super().__init__(
            [_heading(t("followup.title")), self.start, self.chooser, self.form_box],
            _dom_classes=("inkl-followup",),
            layout=PLAIN,
        )
        ctx.on_any(self, self._changed)
        self.open_meeting()

    def _options(self) -> None:
        meetings = meetings_newest_first(self.ctx.session.workbook)
        t = self.ctx.content.t
        options = [
            (
                t(
                    "followup.meeting_of",
                    date=format_time(m.date, self.ctx.content) or t("followup.no_date"),
                ),
                key,
            )
            for key, m in meetings
        ]
        if list(self.chooser.options) != options:
            chosen = self.chooser.value
            keys = [key for _, key in options]
            with self.relabelling():
                self.chooser.options = options
                self.chooser.value = chosen if chosen in keys else (keys[0] if keys else None)
        self.chooser.layout.display = None if options else "none"

    def start_meeting(self) -> str:
        """A new meeting dated today, every current item at its current status; it opens."""
        meeting_id, edits = new_meeting_edits(self.ctx.session.workbook, self.today)
        self.ctx.session.edit_many(edits)
        self._options()
        self.chooser.value = meeting_id
        if self.form is None or self.form.meeting_id != meeting_id:
            self.open_meeting()  # the chooser may already show it, and then sends no change
        return meeting_id

    def _chosen(self, _change) -> None:
        if not self.relabelling:
            self.open_meeting()

    def open_meeting(self) -> None:
        meeting_id = self.chooser.value
        self.form = MeetingForm(self.ctx, meeting_id) if meeting_id else None
        replace_children(self.form_box, [self.form] if self.form else [])

    def _changed(self, path: str) -> None:
        parts = path_parts(path)
        if parts[0] == "followups" and (len(parts) == 3 and parts[2] == "date"):
            self._options()
        form = self.form
        if form is None:
            return
        if parts[0] == "followups" and parts[-1] == "reflection":
            form.show_reflections()
        elif parts[0] == "plan" and parts[-1] in ("deleted", "retired", "position"):
            wanted = [key for key, _ in meeting_items(self.ctx.session.workbook, form.meeting_id)]
            if wanted != form.item_ids:
                self.open_meeting()


# What the pictures show: a change to any other field redraws only the tables.
PICTURED = frozenset({"status", "date", "time", "goal", "focus", "deleted", "retired", "position"})
REDRAW_AFTER = 0.4  # seconds: a burst of typing redraws the history once


class FollowUpHistory(widgets.VBox):
    """Each item's status over time, the pictures, every meeting, and the plan's files.

    Kept up to date with what is typed: a change to the follow-ups or the plan redraws the
    history once the typing pauses for ``REDRAW_AFTER``, and the pictures only when something
    they show changed (matplotlib takes a tenth of a second a picture). When the page opens, the
    pictures come once the rest is on screen (matplotlib takes about half a second to load), so
    the page's inputs do not wait for them.
    """

    def __init__(self, ctx: PageContext, today: dt.date):
        t = ctx.content.t
        self.ctx, self.today = ctx, today
        self.table = static_html()
        self.pictures = static_html()
        self.meetings = static_html()
        self._redraw_due = False
        self._pictures_due = False
        parts = [
            _heading(t("followup.history")),
            self.table,
            self.pictures,
            self.meetings,
            PlanDownloads(ctx),
        ]
        super().__init__(
            parts,
            _dom_classes=("inkl-followup-history",),
            layout=PLAIN,
        )
        self.refresh(pictures=False)
        drawing = escape(ctx.content.t("followup.drawing"))
        self.pictures.value = f'<p class="inkl-hint" role="status">{drawing}</p>'
        when_shown = WhenShown(ctx.guard(self.draw_pictures), ctx.session.later)
        self.children = [*parts, when_shown]
        ctx.on_any(self, self._changed)

    def _changed(self, path: str) -> None:
        parts = path_parts(path)
        if parts[0] not in ("followups", "plan"):
            return
        self._pictures_due = self._pictures_due or parts[-1] in PICTURED
        if not self._redraw_due:
            self._redraw_due = True
            self.ctx.session.later(REDRAW_AFTER, self.ctx.guard(self._redraw))

    def _redraw(self) -> None:
        pictures = self._pictures_due
        self._redraw_due = self._pictures_due = False
        self.refresh(pictures=pictures)

    def refresh(self, pictures: bool = True) -> None:
        workbook, content = self.ctx.session.workbook, self.ctx.content
        self.table.value = status_table_html(workbook, content)
        self.meetings.value = history_html(workbook, content)
        if pictures:
            self.draw_pictures()

    def draw_pictures(self) -> None:
        from inkl_widgets.export.charts import (  # matplotlib: only when drawing
            status_overview_svg,
            timeline_svg,
        )

        workbook, content = self.ctx.session.workbook, self.ctx.content
        pictures = [
            svg
            for svg in (
                timeline_svg(workbook, content, self.today),
                status_overview_svg(workbook, content),
            )
            if svg
        ]
        self.pictures.value = "".join(
            f'<figure class="inkl-chart">{svg}</figure>' for svg in pictures
        )


class RetiredItems(widgets.VBox):
    """Items taken out of the plan, each with a button to take it back in."""

    def __init__(self, ctx: PageContext):
        self.ctx = ctx
        super().__init__(_dom_classes=("inkl-plan-retired",), layout=PLAIN)
        ctx.on_any(self, self._changed)
        self.refresh()

    def refresh(self) -> None:
        t = self.ctx.content.t
        retired = retired_rows(self.ctx.session.workbook)
        self.ids = [key for key, _ in retired]
        children: list[widgets.Widget] = []
        if retired:
            children.append(_heading(t("plan.retired_title"), 4))
        for number, (key, item) in enumerate(retired, start=1):
            back = widgets.Button(
                description=t("plan.reinstate"),
                tooltip=t("plan.reinstate_row", number=number),
            )
            back.on_click(
                self.ctx.guard(
                    lambda _b, key=key: self.ctx.session.edit_many(retire_edits(key, False))
                )
            )
            text = user_text(item_title(item, self.ctx.content))
            children.append(
                widgets.HBox([static_html(f"<p>{number}. {text}</p>"), back], layout=PLAIN)
            )
        replace_children(self, children)

    def _changed(self, path: str) -> None:
        parts = path_parts(path)
        if parts[0] == "plan" and parts[-1] in ("retired", "deleted"):
            self.refresh()


class PlanAdjuster(widgets.VBox):
    """Adjust the plan after a meeting: the grid, with retiring, built when asked for."""

    def __init__(self, ctx: PageContext, plan: Plan, today: dt.date):
        t = ctx.content.t
        self.ctx, self.plan, self.today = ctx, plan, today
        self.open_button = button(t("followup.adjust_open"))
        self.open_button.on_click(ctx.guard(lambda _button: self.show_plan()))
        self.grid: ActionPlanGrid | None = None
        hint = static_html(f'<p class="inkl-hint">{escape(t("followup.adjust_hint"))}</p>')
        self.intro = [_heading(t("followup.adjust")), hint]
        super().__init__([*self.intro, self.open_button], layout=PLAIN)

    def show_plan(self) -> ActionPlanGrid:
        if self.grid is None:
            self.grid = ActionPlanGrid(self.ctx, self.plan, adjusting=True, today=self.today)
            self.children = [*self.intro, self.grid, RetiredItems(self.ctx)]
        return self.grid


class FollowUpSection(widgets.VBox):
    """Everything step 4 adds after the brief's four points."""

    def __init__(self, ctx: PageContext, plan: Plan, today: dt.date | None = None):
        today = today or dt.date.today()
        self.history = FollowUpHistory(ctx, today)
        self.editor = MeetingEditor(ctx, today)
        self.adjuster = PlanAdjuster(ctx, plan, today)
        self.cycle = CyclePanel(ctx)
        super().__init__([self.editor, self.history, self.adjuster, self.cycle], layout=PLAIN)
