"""The frame every page shares: style, header, alerts, the page's own body, and the pager."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from inkl_widgets.content.loading import load_content
from inkl_widgets.widgets.backup import BackupBar
from inkl_widgets.widgets.binding import PLAIN, AppContext, PageContext, static_html
from inkl_widgets.widgets.browser import BrowserBridge
from inkl_widgets.widgets.header import PageHeader, neighbours, page_name
from inkl_widgets.widgets.lifetime import replace_children


class Page(widgets.VBox):
    """A page of the app. Subclasses name their ``page`` and build their ``body``.

    The page is made of named parts: ``"header"`` (style, header, alerts), the body's sections
    (``sections``) and ``"footer"`` (the links to the previous and next page). Shown whole, it
    shows them all; a notebook can instead show each part in a cell of its own (``part``), so
    that a consultant can drop, reorder or add to them. A part stays the same widget when the
    page is rebuilt in another language: only what is inside it is replaced.
    """

    page = "start"

    def __init__(self, ctx: AppContext):
        super().__init__(_dom_classes=("inkl-page",), layout=PLAIN)
        self.ctx = ctx
        self.bridge = BrowserBridge()
        self.parts: dict[str, widgets.VBox] = {}
        if isinstance(ctx, PageContext):
            ctx.on_any(self, self._maybe_language_changed)
        self.render()

    def body(self) -> list[widgets.Widget]:
        raise NotImplementedError

    def sections(self) -> dict[str, list[widgets.Widget]]:
        """The body as named parts, in order; one part, ``"body"``, unless a page says more."""
        return {"body": self.body()}

    def part(self, name: str) -> widgets.VBox:
        """One part of the page to show in a cell of its own (see ``names``)."""
        if name not in self.parts:
            raise KeyError(f"{self.page} has no part {name!r}; it has {', '.join(self.parts)}")
        return self.parts[name]

    @property
    def names(self) -> list[str]:
        """The names of the page's parts, in order."""
        return list(self.parts)

    def render(self) -> None:
        """Build the page's widgets from the session and the texts in the current language, and
        close the ones they replace, so that switching languages all evening costs nothing."""
        ctx = self.ctx
        ctx.conflicts.clear()
        self.header = PageHeader(ctx, self.page, self.switch_language)
        backup = [BackupBar(ctx)] if isinstance(ctx, PageContext) else []
        title = ctx.content.t(
            "page.title", page=page_name(ctx, self.page), app=ctx.content.t("app.title")
        )
        meta = (
            f'<span class="inkl-page-meta" hidden data-lang="{escape(ctx.content.language)}" '
            f'data-title="{escape(title)}" '
            f'data-loading="{escape(ctx.content.t("page.loading"))}"></span>'
        )
        header = [
            static_html(meta),
            self.bridge,
            self.header,
            *backup,
            ctx.alerts,
            ctx.conflicts,
        ]
        built = {"header": header, **self.sections(), "footer": [neighbours(ctx, self.page)]}
        for name in set(self.parts) - set(built):  # a section the page no longer has
            replace_children(self.parts.pop(name), [])
        for name, children in built.items():
            classes = ("inkl-page",) if name in ("header", "footer") else ("inkl-page", "inkl-main")
            if name not in self.parts:
                self.parts[name] = widgets.VBox(_dom_classes=classes, layout=PLAIN)
            keep = (self.bridge, ctx.alerts, ctx.conflicts)
            replace_children(self.parts[name], children, keep=keep)
        self.children = list(self.parts.values())

    def switch_language(self, language: str) -> None:
        """Show the page in another language; the answers stay, since they are in the store."""
        if language == self.ctx.content.language:
            return
        if isinstance(self.ctx, PageContext):
            self.ctx.session.edit("language", language)  # shown by _maybe_language_changed
        else:
            self._show_language(language)

    def _maybe_language_changed(self, path: str) -> None:
        """The workbook's language changed, here or in another tab: show the page in it."""
        if not isinstance(self.ctx, PageContext) or path != "language":
            return
        language = str(self.ctx.session.value("language"))
        if language != self.ctx.content.language:
            self._show_language(language)

    def _show_language(self, language: str) -> None:
        self.ctx.content = load_content(language)
        self.render()
