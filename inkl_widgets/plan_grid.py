"""The action-plan grid: one row of labelled native inputs per item of the plan.

Canvas grids are neither accessible nor wrapping (stack notes), so every cell is an ordinary
input with a visible label naming its column and row ("Mål, række 2"), and the Tab key walks the
plan. Every edit is a field edit through the session; the row operations come from ``plan``.

For a long plan the grid stays light: rows share their Layout and Style objects (a widget's own
style and layout would triple the number of widgets the browser builds), and it listens to the
session once, sending each change to its row, instead of once per cell.

Rows are places ("row 2"), not items. The browser rebuilds every row after the first changed
child of a box, which makes moving, deleting or sorting near the top of a long plan take
seconds; so the grid's own operations show other items in the rows it has (a few value updates)
and only add or remove rows at the end. A change from another tab instead puts new row widgets
where items changed, so that keystrokes on their way from this page still reach the item they
were typed into.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

import ipywidgets as widgets

from .binding import PageContext
from .content_model import PLAN_COLUMNS, Plan
from .plan import (
    delete_edits,
    example_edits,
    frame_edits,
    move_edits,
    new_row_edits,
    plan_frame,
    plan_rows,
    retire_edits,
    sort_by_time_edits,
)
from .plan_row import PlanRow, SharedLook

STYLE = (Path(__file__).parent / "plan.css").read_text(encoding="utf-8")
STRUCTURE = ("position", "deleted", "retired")


class ActionPlanGrid(widgets.VBox):
    """The plan as an editable grid. ``df`` reads it as a DataFrame; assigning one changes it.

    Parameters
    ----------
    ctx : the page's context (session, texts, alerts).
    plan : the content's plan element: column headings and the two example rows.
    adjusting : on the follow-up page rows can also be retired, keeping their history.
    today : the day that bare week numbers and the offered weeks count from.
    """

    def __init__(
        self, ctx: PageContext, plan: Plan, adjusting: bool = False, today: dt.date | None = None
    ):
        super().__init__()
        self.ctx, self.plan, self.adjusting = ctx, plan, adjusting
        self.today = today or dt.date.today()
        self.shared = SharedLook(ctx, self.today)
        self.headings = plan.columns
        t = ctx.content.t
        self._rows: list[PlanRow] = []  # the rows on screen, in order
        self._spare: list[PlanRow] = []  # rows taken off the end, to show again after an undo
        self._by_item: dict[str, PlanRow] = {}
        self._undo: list[tuple[str, str, dict[str, object]]] = []
        self._quiet = 0
        self._dirty = False
        self.add_button = self._tool("plan.add_row", self.add_row)
        self.examples_button = self._tool("plan.insert_examples", self.add_examples)
        self.sort_button = self._tool("plan.sort_by_time", self.sort_by_time)
        self.undo_note = widgets.HTML()
        self.undo_button = self._tool("plan.undo", self.undo)
        self.undo_bar = widgets.HBox([self.undo_note, self.undo_button])
        self.undo_bar.add_class("inkl-plan-undo")
        self.empty_note = widgets.HTML(f'<p class="inkl-hint">{escape(t("plan.empty"))}</p>')
        self.rows_box = widgets.VBox()
        self.rows_box.add_class("inkl-plan-rows")
        toolbar = widgets.HBox([self.examples_button, self.sort_button])
        toolbar.add_class("inkl-plan-toolbar")
        self.children = [
            widgets.HTML(f"<style>{STYLE}</style>"),
            toolbar,
            self.empty_note,
            self.rows_box,
            self.undo_bar,
            self.add_button,
        ]
        self.add_class("inkl-plan")
        ctx.session.on_any(ctx.guard(self._changed))
        self._show_undo()
        self.sync_rows()

    def _tool(self, key: str, action) -> widgets.Button:
        button = widgets.Button(description=self.ctx.content.t(key))
        button.add_class("inkl-add")
        button.on_click(self.ctx.guard(lambda _button: action()))
        return button

    # ---- the plan as a DataFrame ------------------------------------------------------------

    @property
    def df(self):
        """The rows shown, in order, as a DataFrame indexed by item id (see ``plan.plan_frame``)."""
        return plan_frame(self.ctx.session.workbook)

    @df.setter
    def df(self, frame) -> None:
        workbook = self.ctx.session.workbook
        self._apply(frame_edits(workbook, frame, self.ctx.content, self.today))

    # ---- rows -------------------------------------------------------------------------------

    @property
    def rows(self) -> list[PlanRow]:
        """The rows shown, in order."""
        return list(self._rows)

    def row(self, item_id: str) -> PlanRow:
        """The row that shows an item."""
        return self._by_item[item_id]

    def sync_rows(self, reuse: bool = False) -> None:
        """Show the plan's items in the plan's order.

        With ``reuse`` (the grid's own operations) a row shows whichever item now belongs in its
        place; without (changes from elsewhere) a place whose item changed gets a new row.
        """
        order = [key for key, _ in plan_rows(self.ctx.session.workbook)]
        rows = self._rows[: len(order)]
        self._spare = self._rows[len(order) :] + self._spare
        for index, key in enumerate(order):
            if index == len(rows) and reuse and self._spare:
                rows.append(self._spare.pop(0))
                rows[index].show_item(key)
            elif index == len(rows):
                rows.append(PlanRow(self, key))
            elif rows[index].item_id != key:
                if reuse:
                    rows[index].show_item(key)
                else:
                    rows[index] = PlanRow(self, key)
        for number, row in enumerate(rows, start=1):
            row.renumber(number, len(rows))
        if rows != self._rows:
            self._rows = rows
            self.rows_box.children = rows
        self._by_item = {row.item_id: row for row in rows}
        self.empty_note.layout.display = "none" if order else None
        self.sort_button.disabled = len(order) < 2

    def _changed(self, path: str) -> None:
        """Any change, this page's or another tab's: move rows, or update the cell it names."""
        parts = path.split("/")
        if len(parts) != 3 or parts[0] != "plan":
            return
        _, item_id, column = parts
        row = self._by_item.get(item_id)
        if row is None or column in STRUCTURE:
            if self._quiet:
                self._dirty = True
            else:
                self.sync_rows()
        if row is not None and column in PLAN_COLUMNS:
            row.show(column)
            row.refresh_flags()

    def _apply(self, edits: dict[str, object]) -> None:
        """Make several edits at once and rearrange the rows once, after all of them."""
        if not edits:
            return
        self._quiet += 1
        try:
            self.ctx.session.edit_many(edits)
        finally:
            self._quiet -= 1
        if self._dirty and not self._quiet:
            self._dirty = False
            self.sync_rows(reuse=True)
        self.ctx.alerts.clear()

    # ---- what the buttons do ----------------------------------------------------------------

    def add_row(self) -> str:
        """An empty row at the end; the cursor goes to its first cell."""
        item_id, edits = new_row_edits(self.ctx.session.workbook)
        self._apply(edits)
        self.row(item_id).cells["focus"].focus()
        return item_id

    def add_examples(self) -> None:
        """The brief's two example rows, to rewrite or delete."""
        self._apply(example_edits(self.ctx.session.workbook, self.plan, self.today))

    def move(self, item_id: str, step: int) -> None:
        self._apply(move_edits(self.ctx.session.workbook, item_id, step))
        buttons = self.row(item_id).buttons
        chosen = buttons["up" if step < 0 else "down"]
        (buttons["down" if step < 0 else "up"] if chosen.disabled else chosen).focus()

    def sort_by_time(self) -> None:
        self._apply(sort_by_time_edits(self.ctx.session.workbook))

    def delete(self, item_id: str) -> None:
        """Remove a row from the plan; the undo button brings it back."""
        number = self.row(item_id).number
        self._apply(delete_edits(item_id))
        message = self.ctx.content.t("plan.deleted", number=number)
        self._undo.append((message, item_id, delete_edits(item_id, False)))
        self._show_undo()
        self.undo_button.focus()

    def retire(self, item_id: str) -> None:
        """Take an item out of the plan; it keeps its follow-up history and can come back."""
        number = self.row(item_id).number
        self._apply(retire_edits(item_id))
        message = self.ctx.content.t("plan.retired", number=number)
        self._undo.append((message, item_id, retire_edits(item_id, False)))
        self._show_undo()
        self.undo_button.focus()

    def undo(self) -> None:
        """Bring back the row deleted or retired last."""
        if not self._undo:
            return
        _, item_id, edits = self._undo.pop()
        self._apply(edits)
        self._show_undo()
        if item_id in self._by_item:
            self.row(item_id).cells["focus"].focus()

    def _show_undo(self) -> None:
        if self._undo:
            note = escape(self._undo[-1][0])
            self.undo_note.value = f'<span role="status">{note}</span>'
            self.undo_bar.layout.display = None
        else:
            self.undo_note.value = ""
            self.undo_bar.layout.display = "none"
