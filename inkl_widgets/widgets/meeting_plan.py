"""The meeting plan on the start page: date, duration, participants, and for each step the
five-part agenda (purpose, knowledge, responsible, process, when)."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from inkl_widgets.content.markup import element_html
from inkl_widgets.content.model import Agenda
from inkl_widgets.model.fields import field_path
from inkl_widgets.widgets.binding import (
    PLAIN,
    PageContext,
    bind,
    bound_line,
    bound_text,
    labelled,
    static_html,
)
from inkl_widgets.widgets.date_field import DateField

SHORT_PARTS = ("responsible", "when")


class MeetingPlanForm(widgets.VBox):
    def __init__(self, ctx: PageContext, agenda: Agenda):
        t = ctx.content.t
        date = DateField(ctx, t("meeting.date"))
        duration = labelled(
            widgets.BoundedIntText,
            "inkl-inline",
            value=ctx.session.value("meeting/duration_minutes", 90),
            min=0,
            max=24 * 60,
            description=t("meeting.duration"),
            layout=widgets.Layout(width="16em"),
        )
        parts: list[widgets.Widget] = [
            static_html(f"<h2>{escape(t('meeting.title'))}</h2>"),
            bind(date, ctx, "meeting/date"),
            bind(duration, ctx, "meeting/duration_minutes", default=90),
            bound_text(ctx, "meeting/participants", t("meeting.participants"), rows=2),
            static_html(element_html(agenda, ctx.content)),
        ]
        for step in ctx.content.steps:
            step_title = t("page.step", number=step.number, name=step.name)
            parts.append(static_html(f"<h3>{escape(step_title)}</h3>"))
            for part in agenda.parts:
                label = t("meeting.agenda_field", part=part.label, number=step.number)
                path = field_path("meeting", "agenda", step.id, part.id)
                if part.id in SHORT_PARTS:
                    parts.append(bound_line(ctx, path, label))
                else:
                    parts.append(bound_text(ctx, path, label, rows=2))
        super().__init__(parts, _dom_classes=("inkl-meeting",), layout=PLAIN)
