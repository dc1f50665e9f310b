"""The contributions the facilitator hid, gathered out of the way on the projector: folded
under one button saying how many, each with a button to show it again. Phones never list them.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from inkl_widgets.domain.contributions import contribution_field
from inkl_widgets.model.workbook import Contribution
from inkl_widgets.widgets.binding import (
    NAMED_BY_TOOLTIP,
    PLAIN,
    PageContext,
    button,
    static_html,
)
from inkl_widgets.widgets.lifetime import replace_children


class HiddenContributions(widgets.VBox):
    """A screen's hidden contributions, folded until the facilitator opens them."""

    def __init__(self, ctx: PageContext):
        super().__init__(_dom_classes=("inkl-hidden-contributions",), layout=PLAIN)
        self.ctx = ctx
        self.opened = False
        self.items: list[tuple[str, Contribution]] = []
        self.toggle = button("", "inkl-hidden-toggle")
        self.toggle.on_click(ctx.guard(self._toggle))
        self.rows = widgets.VBox(layout=PLAIN)

    def show(self, items: list[tuple[str, Contribution]]) -> None:
        """Show these hidden contributions (oldest first); nothing at all if there are none."""
        self.items = items
        if not items:
            replace_children(self.rows, [])
            self.children = []
            return
        t = self.ctx.content.t
        key = "contribution.hidden_fold" if self.opened else "contribution.hidden_open"
        self.toggle.description = t(key, count=len(items))
        replace_children(self.rows, [self._row(*item) for item in items] if self.opened else [])
        self.children = [self.toggle, self.rows]

    def _toggle(self, _button: widgets.Button) -> None:
        self.opened = not self.opened
        self.show(self.items)

    def _row(self, item_id: str, item: Contribution) -> widgets.Widget:
        t = self.ctx.content.t
        who = f" – {escape(item.author)}" if item.author else ""
        again = button(
            t("contribution.show_again"),
            NAMED_BY_TOOLTIP,
            "inkl-show-again",
            tooltip=t("contribution.show_again_of", text=item.text[:40]),
        )
        again.on_click(self.ctx.guard(lambda _b: self._show_again(item_id)))
        text = static_html(f"<p>{escape(item.text)}{who}</p>")
        return widgets.VBox([text, again], _dom_classes=("inkl-contribution", "inkl-hidden"))

    def _show_again(self, item_id: str) -> None:
        self.ctx.session.edit(contribution_field(item_id, "hidden"), False)
