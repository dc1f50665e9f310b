"""The header every page shares: workbook name, stepper with progress, save state, language,
and (on step pages) the facilitation timer."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from inkl_widgets.content.loading import language_names
from inkl_widgets.domain.progress import step_progress
from inkl_widgets.model.fields import path_parts
from inkl_widgets.store.session import SaveStatus
from inkl_widgets.widgets.address import ORDER, PAGES, page_link
from inkl_widgets.widgets.binding import (
    AUTO_WIDTH,
    PLAIN,
    AppContext,
    PageContext,
    StaticHTML,
    labelled,
    static_html,
)
from inkl_widgets.widgets.lifetime import while_open

PROGRESS_FIELDS = ("answers", "own_questions", "plan", "followups")


def link(ctx: AppContext, page: str) -> str:
    return page_link(PAGES[page], ctx.session.id if isinstance(ctx, PageContext) else None)


def page_name(ctx: AppContext, page: str) -> str:
    if page in ("start", "export", "meeting"):
        return ctx.content.t(f"page.{page}")
    step = ctx.content.section(page)
    return ctx.content.t("page.step", number=step.number, name=step.name)


class Stepper(StaticHTML):
    """The pages as a list of links, the current one marked, each step with its progress."""

    def __init__(self, ctx: AppContext, current: str):
        super().__init__("", "inkl-stepper-box")
        self.ctx, self.current = ctx, current
        self._due: object | None = None
        self.refresh()

    def changed(self, path: str) -> None:
        """Refresh once for a burst of changes (sorting a plan changes hundreds of fields)."""
        if not isinstance(self.ctx, PageContext):
            return
        if self._due is None and path_parts(path)[0] in PROGRESS_FIELDS:
            self._due = self.ctx.session.later(0.3, self.ctx.guard(self.refresh))

    def refresh(self) -> None:
        self._due = None
        ctx = self.ctx
        workbook = ctx.session.workbook if isinstance(ctx, PageContext) else None
        items = []
        for page in PAGES:
            current = ' aria-current="page"' if page == self.current else ""
            progress = ""
            if workbook is not None and page.startswith("step"):
                phrase = escape(step_progress(workbook, ctx.content, page))
                progress = f'<span class="inkl-progress">{phrase}</span>'
            css = "inkl-current" if current else ""
            href = escape(link(ctx, page))
            items.append(
                f'<li class="{css}"><a href="{href}"{current}>{escape(page_name(ctx, page))}</a>'
                f"{progress}</li>"
            )
        label = escape(ctx.content.t("nav.steps"))
        self.value = (
            f'<nav aria-label="{label}"><ol class="inkl-stepper">{"".join(items)}</ol></nav>'
        )


class SaveIndicator(StaticHTML):
    """'Saved 14:32', 'Saving…' or 'Not saved — retrying', announced politely."""

    def __init__(self, ctx: PageContext):
        super().__init__("", "inkl-live")
        self.ctx = ctx
        self.show(ctx.session.status)

    def show(self, status: SaveStatus) -> None:
        if status.state == "saved" and status.at is not None:
            text = self.ctx.content.t("save.saved_at", time=status.at.strftime("%H:%M"))
        else:
            text = self.ctx.content.t(f"save.{status.state}")
        css = "inkl-save-failed" if status.state == "failed" else "inkl-save"
        self.value = f'<span class="{css}">{escape(text)}</span>'


class PageHeader(widgets.VBox):
    """Name, language switch and save state on one line; the stepper below."""

    def __init__(self, ctx: AppContext, current: str, on_language):
        self.stepper = Stepper(ctx, current)
        parts: list[widgets.Widget] = []
        if isinstance(ctx, PageContext):
            name = escape(ctx.session.workbook.name)
            parts.append(static_html(f'<p class="inkl-workbook-name">{name}</p>'))
        languages = language_names()
        self.language = labelled(
            widgets.Dropdown,
            "inkl-inline",
            options=languages,
            value=ctx.content.language,
            description=ctx.content.t("header.language"),
            layout=AUTO_WIDTH,
        )
        self.language.observe(ctx.guard(lambda change: on_language(change["new"])), names="value")
        parts.append(self.language)
        if isinstance(ctx, PageContext):
            self.saving = SaveIndicator(ctx)
            while_open(self.saving, ctx.session.on_status(ctx.guard(self.saving.show)))
            ctx.on_any(self.stepper, self.stepper.changed)
            parts.append(self.saving)
        top = widgets.HBox(parts, _dom_classes=("inkl-topline",), layout=PLAIN)
        super().__init__([top, self.stepper], _dom_classes=("inkl-header",), layout=PLAIN)


def neighbours(ctx: AppContext, current: str) -> widgets.HTML:
    """Previous and next links at the foot of a page (none on the meeting view)."""
    if current not in ORDER:
        return static_html()
    index = ORDER.index(current)
    links = []
    if index > 0:
        before = ORDER[index - 1]
        text = ctx.content.t("nav.previous", page=page_name(ctx, before))
        links.append(f'<a class="inkl-prev" href="{escape(link(ctx, before))}">{escape(text)}</a>')
    if index < len(ORDER) - 1 and isinstance(ctx, PageContext):
        after = ORDER[index + 1]
        text = ctx.content.t("nav.next", page=page_name(ctx, after))
        links.append(f'<a class="inkl-next" href="{escape(link(ctx, after))}">{escape(text)}</a>')
    label = escape(ctx.content.t("nav.pages"))
    return static_html(f'<nav class="inkl-pager" aria-label="{label}">{"".join(links)}</nav>')
