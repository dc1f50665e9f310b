"""The meeting view: the agenda on the projector as a run of screens, with the clocks on top.

All screens are built once, in one kernel for the whole meeting; the page's script shows one
at a time and moves on at a key (→, PageDown, Space; ← and PageUp back; Home to the overview)
without asking the kernel, then reports the new screen through a hidden field, so that the
workbook stores it and the agenda item's countdown starts.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from inkl_widgets.domain.meeting_screens import meeting_screens, screen_index
from inkl_widgets.model.fields import field_path
from inkl_widgets.pages.page import Page
from inkl_widgets.widgets.binding import PLAIN, AppContext, PageContext, bind, static_html
from inkl_widgets.widgets.browser import WhenShown, hidden_field
from inkl_widgets.widgets.clock import MeetingClocks
from inkl_widgets.widgets.screens import ScreenBox


class MeetingView(Page):
    page = "meeting"

    def __init__(self, ctx: AppContext):
        super().__init__(ctx)
        self.add_class("inkl-meeting-view")

    def body(self) -> list[widgets.Widget]:
        ctx = self.ctx
        t = ctx.content.t
        if not isinstance(ctx, PageContext):
            return [
                static_html(f"<h1>{escape(t('meeting_view.title'))}</h1>"),
                static_html(f"<p>{escape(t('page.no_workbook'))}</p>"),
            ]
        self.screens = meeting_screens(ctx.content)
        current = screen_index(
            self.screens, ctx.session.value(field_path("meeting_run", "screen"), "")
        )
        self.clocks = MeetingClocks(ctx, self.screens[current].step)
        self.boxes = [
            ScreenBox(ctx, screen, index == current, self.screens)
            for index, screen in enumerate(self.screens)
        ]
        deck = widgets.VBox(self.boxes, _dom_classes=("inkl-deck",), layout=PLAIN)
        rest = WhenShown(ctx.guard(self._fill_screens), ctx.session.later)
        self.screen_field = bind(hidden_field("screen"), ctx, field_path("meeting_run", "screen"))
        self.screen_field.observe(ctx.guard(self._moved), names="value")
        self.clocks.arrive(self.screens[current].step)
        bar = widgets.HBox(
            [self.clocks, self._controls(current)], _dom_classes=("inkl-meeting-bar",), layout=PLAIN
        )
        return [
            static_html(f'<h1 class="inkl-meeting-title">{escape(t("meeting_view.title"))}</h1>'),
            bar,
            deck,
            self.screen_field,
            rest,
        ]

    def _controls(self, current: int) -> widgets.HTML:
        """Back, overview and next as buttons the page's script handles, and where we are."""
        t = self.ctx.content.t
        position = t("meeting_view.position", number="{number}", count=len(self.screens))
        shown = position.replace("{number}", str(current + 1))
        return static_html(
            f'<nav class="inkl-deck-controls" aria-label="{escape(t("meeting_view.moving"))}">'
            f'<button type="button" class="inkl-deck-prev">{escape(t("meeting_view.previous"))}'
            "</button>"
            f'<button type="button" class="inkl-deck-home">{escape(t("meeting_view.overview"))}'
            "</button>"
            f'<button type="button" class="inkl-deck-next">{escape(t("meeting_view.next"))}'
            "</button>"
            f'<span class="inkl-deck-position" data-template="{escape(position)}">'
            f"{escape(shown)}</span></nav>"
        )

    def _fill_screens(self) -> None:
        for box in self.boxes:
            box.fill()

    def _moved(self, change) -> None:
        """The page's script showed another screen: start its agenda item's countdown."""
        index = screen_index(self.screens, change["new"])
        self.clocks.arrive(self.screens[index].step)
