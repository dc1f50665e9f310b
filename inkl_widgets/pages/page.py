"""The frame every page shares: style, header, alerts, the page's own body, and the pager."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets

from inkl_widgets.content.loading import load_content
from inkl_widgets.widgets.backup import BackupBar
from inkl_widgets.widgets.binding import PLAIN, PageContext, static_html
from inkl_widgets.widgets.browser import BrowserBridge
from inkl_widgets.widgets.header import PageHeader, neighbours, page_name

STYLE = (Path(__file__).parent / "inkl.css").read_text(encoding="utf-8")


class Page(widgets.VBox):
    """A page of the app. Subclasses name their ``page`` and build their ``body``."""

    page = "start"

    def __init__(self, ctx: PageContext):
        super().__init__(_dom_classes=("inkl-page",), layout=PLAIN)
        self.ctx = ctx
        self.bridge = BrowserBridge()
        self.render()

    def body(self) -> list[widgets.Widget]:
        raise NotImplementedError

    def render(self) -> None:
        """Build the page's widgets from the session and the texts in the current language."""
        ctx = self.ctx
        if ctx.session is not None:
            ctx.session.forget_listeners()
            ctx.session.on_field("language", ctx.guard(self._language_changed_elsewhere))
        self.header = PageHeader(ctx, self.page, self.switch_language)
        main = widgets.VBox(self.body(), _dom_classes=("inkl-main",), layout=PLAIN)
        backup = [BackupBar(ctx)] if ctx.session is not None else []
        title = ctx.content.t(
            "page.title", page=page_name(ctx, self.page), app=ctx.content.t("app.title")
        )
        meta = (
            f'<span class="inkl-page-meta" hidden data-lang="{escape(ctx.content.language)}" '
            f'data-title="{escape(title)}" '
            f'data-loading="{escape(ctx.content.t("page.loading"))}"></span>'
        )
        self.children = [
            static_html(f"<style>{STYLE}</style>{meta}"),
            self.bridge,
            self.header,
            *backup,
            ctx.alerts,
            main,
            neighbours(ctx, self.page),
        ]

    def switch_language(self, language: str) -> None:
        """Show the page in another language; the answers stay, since they are in the store."""
        if language == self.ctx.content.language:
            return
        if self.ctx.session is not None:
            self.ctx.session.edit("language", language)
        self.ctx.content = load_content(language)
        self.render()

    def _language_changed_elsewhere(self, language) -> None:
        self.ctx.content = load_content(language)
        self.render()
