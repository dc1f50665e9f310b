"""The meeting plan on the start page: date, start, duration, participants, and the agenda as a
table: a row per step, a column per agenda part (purpose, knowledge, responsible, process,
when) and the minutes planned for the step, which the meeting view's countdowns use.

Like the action plan (``plan.css``), the agenda is a table where it fits, with its column
headings once and every cell's own label ("a) Formål med punktet (trin 1)") visually hidden
but read by a screen reader; narrower, a card per step with the labels shown.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from inkl_widgets.content.markup import element_html
from inkl_widgets.content.model import Agenda
from inkl_widgets.model.fields import field_path
from inkl_widgets.widgets.binding import (
    AUTO_WIDTH,
    PLAIN,
    PageContext,
    bind,
    bound_line,
    bound_text,
    labelled,
    static_html,
)
from inkl_widgets.widgets.date_field import DateField


def minutes_field(ctx: PageContext, step: str) -> widgets.BoundedIntText:
    """The minutes planned for a step: its countdown in the meeting view starts from them."""
    number = ctx.content.section(step).number
    field = labelled(
        widgets.BoundedIntText,
        "inkl-inline",
        "inkl-agenda-minutes",
        min=0,
        max=24 * 60,
        description=ctx.content.t("meeting_view.minutes", number=number),
        layout=AUTO_WIDTH,
    )
    return bind(field, ctx, field_path("meeting", "minutes", step), default=0)


def start_field(ctx: PageContext) -> widgets.Text:
    """The time the meeting starts (hh:mm), beside its date."""
    start = bound_line(ctx, field_path("meeting", "start"), ctx.content.t("meeting_view.start"))
    start.add_class("inkl-inline")
    return start


class AgendaTable(widgets.VBox):
    """The agenda's five parts and the planned minutes for every step, a row per step."""

    def __init__(self, ctx: PageContext, agenda: Agenda):
        t = ctx.content.t
        heads = [f"<span>{escape(part.label)}</span>" for part in agenda.parts]
        minutes_head = escape(t("meeting.minutes_column"))
        column_heads = static_html(
            '<div class="inkl-agenda-table-head" aria-hidden="true"><span></span>'
            f"{''.join(heads)}<span>{minutes_head}</span></div>",
            "inkl-agenda-columns",
        )
        rows = [column_heads]
        for step in ctx.content.steps:
            step_title = t("page.step", number=step.number, name=step.name)
            cells: list[widgets.Widget] = [static_html(f"<h3>{escape(step_title)}</h3>")]
            for part in agenda.parts:
                label = t("meeting.agenda_field", part=part.label, number=step.number)
                path = field_path("meeting", "agenda", step.id, part.id)
                cells.append(bound_text(ctx, path, label, rows=1))
            cells.append(minutes_field(ctx, step.id))
            rows.append(widgets.GridBox(cells, _dom_classes=("inkl-agenda-row",), layout=PLAIN))
        super().__init__(rows, _dom_classes=("inkl-agenda",), layout=PLAIN)


class MeetingPlanForm(widgets.VBox):
    def __init__(self, ctx: PageContext, agenda: Agenda):
        t = ctx.content.t
        date = DateField(ctx, t("meeting.date"))
        duration = labelled(
            widgets.BoundedIntText,
            "inkl-inline",
            value=ctx.session.value(field_path("meeting", "duration_minutes"), 90),
            min=0,
            max=24 * 60,
            description=t("meeting.duration"),
            layout=widgets.Layout(width="16em"),
        )
        parts: list[widgets.Widget] = [
            static_html(f"<h2>{escape(t('meeting.title'))}</h2>"),
            bind(date, ctx, field_path("meeting", "date")),
            start_field(ctx),
            bind(duration, ctx, field_path("meeting", "duration_minutes"), default=90),
            bound_text(
                ctx, field_path("meeting", "participants"), t("meeting.participants"), rows=2
            ),
            static_html(element_html(agenda, ctx.content)),
            AgendaTable(ctx, agenda),
        ]
        super().__init__(parts, _dom_classes=("inkl-meeting",), layout=PLAIN)
