"""Contributions from the room: the phone's form to add one, and the list a screen shows.

The form writes through the session like every other word (one write of a few fields, each
with its history); the list redraws when a contribution's field changes, on the phone and on
the projector alike.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from inkl_widgets.domain.contributions import (
    ROOT,
    contribution_field,
    new_contribution,
    on_screen,
)
from inkl_widgets.model.fields import path_parts
from inkl_widgets.model.workbook import SHORT, Contribution
from inkl_widgets.widgets.binding import PLAIN, PageContext, static_html, text_area, text_line
from inkl_widgets.widgets.lifetime import replace_children

REDRAW_DELAY = 0.1  # seconds; changes arriving within it are drawn together


class ContributionList(widgets.VBox):
    """The visible contributions to one screen, oldest first, with who wrote them if they said.

    Given ``answer_path`` (the projector), each has the facilitator's two actions: move it into
    the group's answer, or hide it from the screen.
    """

    def __init__(self, ctx: PageContext, screen: str = "", answer_path: str = ""):
        super().__init__(_dom_classes=("inkl-contributions",), layout=PLAIN)
        self.ctx = ctx
        self.screen = screen
        self.answer_path = answer_path
        self.shown = static_html("")
        self.actions = widgets.VBox(layout=PLAIN)
        self.children = [self.shown, self.actions]
        self._rows: dict[str, tuple[Contribution, widgets.Widget]] = {}
        self._due = False
        self.refresh()
        ctx.on_any(self, self._changed)

    def show_screen(self, screen: str) -> None:
        self.screen = screen
        self.refresh()

    def _changed(self, path: str) -> None:
        """Redraw once for a burst of changes: a dozen phones adding at once bring many
        fields in one look, and each redraw reads the whole list."""
        if path_parts(path)[:1] == (ROOT,) and not self._due and self.ctx.session is not None:
            self._due = True
            self.ctx.session.later(REDRAW_DELAY, self.ctx.guard(self.refresh))

    def refresh(self) -> None:
        self._due = False
        if self.ctx.session is None:
            return
        t = self.ctx.content.t
        items = on_screen(self.ctx.session.workbook, self.screen)
        rows = "".join(
            f"<li>{escape(item.text)}"
            + (f' <span class="inkl-author">– {escape(item.author)}</span>' if item.author else "")
            + "</li>"
            for _item_id, item in items
        )
        heading = escape(t("participant.contributions", count=len(items)))
        if self.answer_path:
            self.shown.value = f"<h2>{heading}</h2>" if items else ""
            rows = {key: self._kept_row(key, item) for key, item in items}
            self._rows = rows
            replace_children(self.actions, [row for _item, row in rows.values()])
            return
        self.shown.value = f"<h2>{heading}</h2><ul>{rows}</ul>" if items else ""

    def _kept_row(self, item_id: str, item: Contribution) -> tuple[Contribution, widgets.Widget]:
        """The row already drawn for this contribution if it has not changed, else a new one."""
        drawn = self._rows.get(item_id)
        return drawn if drawn is not None and drawn[0] == item else (item, self._row(item_id, item))

    def _row(self, item_id: str, item: Contribution) -> widgets.Widget:
        t = self.ctx.content.t
        who = f" – {escape(item.author)}" if item.author else ""
        used = f" ({escape(t('contribution.used'))})" if item.used else ""
        text = static_html(f"<p>{escape(item.text)}{who}{used}</p>")
        short = item.text[:40]
        into = widgets.Button(
            description=t("contribution.into_answer"),
            tooltip=t("contribution.into_answer_of", text=short),
            disabled=item.used,
        )
        hide = widgets.Button(
            description=t("contribution.hide"), tooltip=t("contribution.hide_of", text=short)
        )
        into.on_click(self.ctx.guard(lambda _b: self._into_answer(item_id, item)))
        hide.on_click(self.ctx.guard(lambda _b: self._hide(item_id)))
        return widgets.VBox(
            [text, widgets.HBox([into, hide], layout=PLAIN)], _dom_classes=("inkl-contribution",)
        )

    def _into_answer(self, item_id: str, item: Contribution) -> None:
        session = self.ctx.session
        assert session is not None
        answer = str(session.value(self.answer_path, "") or "").rstrip()
        line = f"– {item.text}"
        session.edit_many(
            {
                self.answer_path: f"{answer}\n{line}" if answer else line,
                contribution_field(item_id, "used"): True,
            }
        )

    def _hide(self, item_id: str) -> None:
        assert self.ctx.session is not None
        self.ctx.session.edit(contribution_field(item_id, "hidden"), True)


class ContributionForm(widgets.VBox):
    """A participant's display name (or none) and a short contribution to the shown screen."""

    def __init__(self, ctx: PageContext):
        super().__init__(_dom_classes=("inkl-contribution-form",), layout=PLAIN)
        t = ctx.content.t
        self.ctx = ctx
        self.screen = ""
        self.author = text_line(t("participant.name"))
        self.text = text_area(t("participant.contribution"), rows=3)
        self.add = widgets.Button(description=t("participant.add"), layout=PLAIN)
        self.status = static_html("")
        self.add.on_click(ctx.guard(self._add))
        self.children = [self.author, self.text, self.add, self.status]

    def show_screen(self, screen: str) -> None:
        self.screen = screen

    def _add(self, _button: widgets.Button) -> None:
        t = self.ctx.content.t
        if self.ctx.session is None:
            return
        if not self.text.value.strip():
            self._say(t("participant.empty"))
            return
        if len(self.text.value.strip()) > SHORT or len(self.author.value.strip()) > SHORT:
            self._say(t("participant.too_long", limit=SHORT))
            return
        _item_id, values = new_contribution(self.screen, self.text.value, self.author.value)
        self.ctx.session.edit_many(values)  # a refusal (too long) becomes the guard's message
        self.text.value = ""
        self._say(t("participant.added"))

    def _say(self, message: str) -> None:
        self.status.value = f'<p role="status">{escape(message)}</p>'
