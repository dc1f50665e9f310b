"""Who changed what: the workbook's latest changes, each with the person who made it.

Behind JupyterHub every change is signed with the hub user who opened the page (see
``server/hub.py``); on a laptop no one logs in and the name is "not known". The list is read on
request, not on every page load: a long-used workbook has thousands of changes.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import ipywidgets as widgets

from inkl_widgets.model.fields import path_parts
from inkl_widgets.widgets.binding import PLAIN, PageContext, button, static_html

RECENT = 20


def field_name(ctx: PageContext, path: str) -> str:
    """An answer's question as the board reads it; any other field by its path."""
    parts = path_parts(path)
    if parts[0] == "answers" and len(parts) == 2:
        question_id = parts[1]
        for step in ctx.content.steps:
            for group in ctx.content.question_groups(step.id):
                for question in group.questions:
                    if question.id == question_id:
                        return question.text
    return path


class RecentChanges(widgets.VBox):
    """The latest ``RECENT`` changes: when, which field, who."""

    def __init__(self, ctx: PageContext):
        t = ctx.content.t
        self.ctx = ctx
        self.show = button(t("change_log.show"), "inkl-add")
        self.table = static_html()
        self.show.on_click(ctx.guard(lambda _button: self.refresh()))
        heading = static_html(f"<h2>{escape(t('change_log.title'))}</h2>")
        super().__init__([heading, self.show, self.table], layout=PLAIN)

    def refresh(self) -> None:
        t = self.ctx.content.t
        self.ctx.session.flush()
        changes = self.ctx.session.store.history(self.ctx.session.id)[-RECENT:][::-1]
        if not changes:
            self.table.value = f'<p role="status">{escape(t("change_log.none"))}</p>'
            return
        head = "".join(
            f'<th scope="col">{escape(t(key))}</th>'
            for key in ("change_log.when", "change_log.field", "change_log.who")
        )
        rows = "".join(
            "<tr>"
            f"<td>{dt.datetime.fromisoformat(c.at).astimezone():%d.%m.%Y %H:%M}</td>"
            f"<td>{escape(field_name(self.ctx, c.path))}</td>"
            f"<td>{escape(c.author or t('change_log.unknown'))}</td>"
            "</tr>"
            for c in changes
        )
        self.table.value = (
            f"<table><caption>{escape(t('change_log.title'))}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )
