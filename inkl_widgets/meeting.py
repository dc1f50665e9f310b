"""The meeting plan on the start page: date, duration, participants, and for each step the
five-part agenda (purpose, knowledge, responsible, process, when)."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from .binding import PageContext, bind, labelled, static_html, text_area, text_line
from .content_model import Agenda
from .markup import element_html

SHORT_PARTS = ("responsible", "when")


class MeetingPlanForm(widgets.VBox):
    def __init__(self, ctx: PageContext, agenda: Agenda):
        t = ctx.content.t
        date = labelled(widgets.DatePicker(description=t("meeting.date")), "inkl-inline")
        duration = labelled(
            widgets.BoundedIntText(
                min=0,
                max=24 * 60,
                description=t("meeting.duration"),
                layout=widgets.Layout(width="16em"),
            ),
            "inkl-inline",
        )
        participants = text_area(t("meeting.participants"), rows=2)
        parts: list[widgets.Widget] = [
            static_html(f"<h2>{escape(t('meeting.title'))}</h2>"),
            bind(date, ctx, "meeting/date"),
            bind(duration, ctx, "meeting/duration_minutes", default=90),
            bind(participants, ctx, "meeting/participants"),
            static_html(element_html(agenda, ctx.content)),
        ]
        for step in ctx.content.steps:
            step_title = t("page.step", number=step.number, name=step.name)
            parts.append(static_html(f"<h3>{escape(step_title)}</h3>"))
            for part in agenda.parts:
                label = t("meeting.agenda_field", part=part.label, number=step.number)
                field = text_line(label) if part.id in SHORT_PARTS else text_area(label, rows=2)
                parts.append(bind(field, ctx, f"meeting/agenda/{step.id}/{part.id}"))
        super().__init__(parts)
        self.add_class("inkl-meeting")
