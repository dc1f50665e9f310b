"""The start page: choose or create a workbook, read the introduction and how to use the
workbook, and plan the meeting."""

from __future__ import annotations

import datetime as dt
from html import escape

import ipywidgets as widgets

from inkl_widgets.content.locale import format_day
from inkl_widgets.content.markup import element_html
from inkl_widgets.content.model import Agenda
from inkl_widgets.pages.page import Page
from inkl_widgets.store.database import WorkbookStore
from inkl_widgets.widgets.address import PAGES, page_link
from inkl_widgets.widgets.binding import (
    PLAIN,
    AppContext,
    PageContext,
    StaticHTML,
    bound_line,
    button,
    static_html,
    text_line,
)
from inkl_widgets.widgets.cycle import CycleNotice
from inkl_widgets.widgets.invite import ParticipantInvite
from inkl_widgets.widgets.meeting_plan import MeetingPlanForm

# Where a new workbook's start page opens: at its meeting plan, the next thing to do (the page's
# script brings the part of the page whose class the address names into view and focus).
NEXT_AFTER_CREATING = "#inkl-meeting"


def _workbook_item(ctx: AppContext, summary) -> str:
    href = escape(page_link(PAGES["start"], summary.id))
    changed = format_day(dt.date.fromisoformat(summary.updated_at[:10]), ctx.content)
    updated = escape(ctx.content.t("start.updated", date=changed))
    name = escape(summary.name)
    return f'<li><a href="{href}">{name}</a> <span class="inkl-hint">{updated}</span></li>'


def _folded(title: str, elements: list, ctx: AppContext) -> StaticHTML:
    """A long text folded under its heading: the heading always shows, the text when opened,
    so the page's own work (choosing a workbook, planning the meeting) is not screens below."""
    body = "".join(element_html(e, ctx.content) for e in elements)
    return static_html(
        f'<details class="inkl-fold"><summary><h2>{escape(title)}</h2></summary>{body}</details>'
    )


class WorkbookChooser(widgets.VBox):
    """The workbooks on this machine as links, and a form to create a new one."""

    def __init__(self, ctx: AppContext, store: WorkbookStore, go_to):
        t = ctx.content.t
        items = "".join(_workbook_item(ctx, s) for s in store.list())
        items = items or f"<li>{escape(t('start.none'))}</li>"
        self.name = text_line(t("start.new_name"))
        self.create = button(t("start.create"), "inkl-add")
        self.created: str | None = None

        def create(_button) -> None:
            workbook_id = store.create(self.name.value.strip(), language=ctx.content.language)
            self.created = workbook_id
            go_to(page_link(PAGES["start"], workbook_id) + NEXT_AFTER_CREATING)

        self.create.on_click(ctx.guard(create))
        super().__init__(
            [
                static_html(
                    f"<h2>{escape(t('start.choose'))}</h2><ul>{items}</ul>"
                    f"<h2>{escape(t('start.new'))}</h2>"
                ),
                self.name,
                self.create,
            ],
            _dom_classes=("inkl-chooser",),
            layout=PLAIN,
        )


class StartPage(Page):
    page = "start"

    def __init__(self, ctx: AppContext, store: WorkbookStore):
        self.store = store
        super().__init__(ctx)

    def body(self) -> list[widgets.Widget]:
        ctx = self.ctx
        t = ctx.content.t
        parts: list[widgets.Widget] = [static_html(f"<h1>{escape(t('app.title'))}</h1>")]
        if not isinstance(ctx, PageContext):
            parts.append(WorkbookChooser(ctx, self.store, self.bridge.go_to))
        else:
            other = escape(PAGES["start"])
            parts += [
                bound_line(ctx, "name", t("start.name")),
                CycleNotice(ctx),
                static_html(f'<p><a href="{other}">{escape(t("start.other"))}</a></p>'),
                ParticipantInvite(ctx),  # only while the app shares (inkl app --share)
            ]
        front = ctx.content.section("front")
        privacy = next(e for e in front.elements if e.id == "front.privacy")
        privacy_html = element_html(privacy, ctx.content, level=2)
        parts.append(static_html(f'<div class="inkl-privacy">{privacy_html}</div>'))
        parts.append(_folded(front.title, [e for e in front.elements if e is not privacy], ctx))
        usage = ctx.content.section("usage")
        agenda = next((e for e in usage.elements if isinstance(e, Agenda)), None)
        if isinstance(ctx, PageContext) and agenda is not None:
            texts = [e for e in usage.elements if e is not agenda]  # the form explains it
            parts += [_folded(usage.title, texts, ctx), MeetingPlanForm(ctx, agenda)]
        else:
            parts.append(_folded(usage.title, usage.elements, ctx))
        credits = ctx.content.section("credits")
        parts.append(_folded(credits.title, credits.elements, ctx))
        return parts
