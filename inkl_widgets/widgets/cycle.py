"""Cycles on the page: start the next cycle, see when it is due, look back at the last one."""

from __future__ import annotations

from html import escape
from typing import cast

import ipywidgets as widgets
from traitlets import Unicode, observe

from inkl_widgets.content.loading import Content
from inkl_widgets.content.markup import user_text
from inkl_widgets.domain.followup import cycle_due, open_items, start_new_cycle
from inkl_widgets.domain.plan import format_time
from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.model.workbook import StepId, Workbook
from inkl_widgets.widgets.address import PAGES, page_link
from inkl_widgets.widgets.binding import PLAIN, PageContext, StaticHTML, button, static_html


def due_sentence(workbook: Workbook, content: Content) -> str:
    """'Runde 1 · Næste runde: fra 2.3.2027' — the cycle and when the next one is due."""
    t = content.t
    due = cycle_due(workbook)
    text = t("cycle.number", cycle=workbook.cycle)
    if due is not None:
        text += " · " + t("cycle.due", date=format_time(due.isoformat(), content))
    return text


def _previous(ctx: PageContext, workbook: Workbook) -> Workbook | None:
    if not workbook.previous_id:
        return None
    try:
        return ctx.store.load(workbook.previous_id)
    except WorkbookError:
        return None  # the previous cycle's workbook is not on this machine


class CycleNotice(StaticHTML):
    """For the start page: which cycle this is, when the next is due, a link to the last one."""

    def __init__(self, ctx: PageContext):
        workbook = ctx.session.workbook
        parts = [f"<p>{escape(due_sentence(workbook, ctx.content))}</p>"]
        previous = _previous(ctx, workbook)
        if previous is not None:
            href = escape(page_link(PAGES["start"], previous.id))
            label = escape(ctx.content.t("cycle.previous_link", cycle=previous.cycle))
            parts.append(f'<p><a href="{href}">{label}</a></p>')
        super().__init__("".join(parts), "inkl-cycle-notice")


class CyclePanel(widgets.VBox):
    """Step 4's last part: start the next cycle as a new workbook, with the open items."""

    new_id = Unicode(None, allow_none=True, help="the next cycle's workbook, once started here")

    def __init__(self, ctx: PageContext):
        t = ctx.content.t
        self.ctx = ctx
        workbook = ctx.session.workbook
        self.start = button(t("cycle.start"), "inkl-add")
        self.start.on_click(ctx.guard(lambda _button: self.start_cycle()))
        self.result = static_html()
        explain = t("cycle.explain", count=len(open_items(workbook)))
        super().__init__(
            [
                static_html(
                    f"<h2>{escape(t('cycle.title'))}</h2>"
                    f"<p>{escape(due_sentence(workbook, ctx.content))}</p>"
                    f'<p class="inkl-hint">{escape(explain)}</p>'
                ),
                self.start,
                self.result,
            ],
            _dom_classes=("inkl-cycle",),
            layout=PLAIN,
        )

    def start_cycle(self) -> str:
        """Create the next cycle's workbook once; later calls give the same one."""
        if self.new_id is None:
            self.ctx.session.flush()  # the new cycle starts from everything typed so far
            self.new_id = start_new_cycle(self.ctx.store, self.ctx.session.id)
        return self.new_id

    @observe("new_id")
    def _show_new_cycle(self, change) -> None:
        """The next cycle exists: no second one from here, and a link to it."""
        self.start.disabled = True
        href = escape(page_link(PAGES["start"], change["new"]))
        label = escape(self.ctx.content.t("cycle.open_new"))
        done = escape(self.ctx.content.t("cycle.created"))
        self.result.value = f'<p role="status">{done} <a href="{href}">{label}</a></p>'


class PreviousAnswers(StaticHTML):
    """For steps 1 and 2 of a later cycle: the last cycle's answers and notes, to look back at."""

    def __init__(self, ctx: PageContext, step_id: str):
        super().__init__("", "inkl-aside")
        previous = _previous(ctx, ctx.session.workbook)
        if previous is None:
            return
        t = ctx.content.t
        entries = []
        for group in ctx.content.question_groups(step_id):
            for question in group.questions:
                answer = previous.answers.get(question.id, "").strip()
                if answer:
                    entries.append(f"<dt>{escape(question.text)}</dt><dd>{user_text(answer)}</dd>")
        notes = previous.notes.get(cast(StepId, step_id), "").strip()
        if notes:
            entries.append(
                f"<dt>{escape(t('cycle.previous_notes'))}</dt><dd>{user_text(notes)}</dd>"
            )
        if not entries:
            return
        summary = escape(t("cycle.previous_answers", cycle=previous.cycle))
        self.value = f"<details><summary>{summary}</summary><dl>{''.join(entries)}</dl></details>"
