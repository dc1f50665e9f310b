"""The action-plan grid: one row of labelled native inputs per item of the plan, a page at a time.

Canvas grids are neither accessible nor wrapping (stack notes), so every cell is an ordinary
input with a label naming its column and row ("Mål, række 2"), and the Tab key walks the plan
row by row. Where the plan is wide enough it is a table (``plan.css``): the column headings
once above the rows, and the cells' labels visually hidden; narrower, a card per item. Every
edit is a field edit through the session; the row operations come from ``plan``.

A long plan is shown in pages of ``PAGE_ROWS`` rows, with a pager under them. A row is about
13 widgets, and building all of them for a 200-row plan kept the page from being ready for
seconds, or from ever finishing in the browser. Rows keep their numbers in the whole plan, and
the grid's operations turn to the page where their row ends up.

For a long plan the grid stays light: rows share their Layout and Style objects (a widget's own
style and layout would triple the number of widgets the browser builds). Each cell follows its
own field (``FieldLink``, one dictionary look-up per change); the grid listens once, for rows
that come, go or move, and for the rows' gentle checks.

Rows are places ("row 2"), not items. The browser rebuilds every row after the first changed
child of a box, which makes moving, deleting or sorting near the top of a long plan take
seconds; so the grid's own operations and turning a page show other items in the rows it has
(a few value updates) and only add or remove rows at the end. A change from another tab instead
puts new row widgets where items changed, so that keystrokes on their way from this page still
reach the item they were typed into.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import ipywidgets as widgets
from traitlets import Int, observe, validate

from inkl_widgets.content.model import PLAN_COLUMNS, Plan
from inkl_widgets.domain.plan import (
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
from inkl_widgets.model.fields import path_parts
from inkl_widgets.widgets.binding import PLAIN, PageContext, button, static_html
from inkl_widgets.widgets.lifetime import Busy, close_tree
from inkl_widgets.widgets.plan_row import PlanRow, SharedLook

STRUCTURE = ("position", "deleted", "retired")
PAGE_ROWS = 20  # rows on a page: a few screens of cards, and quick for the browser to build


def page_count(rows: int) -> int:
    """The pages ``rows`` rows fill; an empty plan has one, empty, page."""
    return max(1, -(-rows // PAGE_ROWS))


class ActionPlanGrid(widgets.VBox):
    """The plan as an editable grid. ``df`` reads it as a DataFrame; assigning one changes it.

    Parameters
    ----------
    ctx : the page's context (session, texts, alerts).
    plan : the content's plan element: column headings and the two example rows.
    adjusting : on the follow-up page rows can also be retired, keeping their history.
    today : the day that bare week numbers and the offered weeks count from.
    """

    page = Int(1, help="the page of rows shown, counted from 1; kept within the plan's pages")

    def __init__(
        self, ctx: PageContext, plan: Plan, adjusting: bool = False, today: dt.date | None = None
    ):
        super().__init__(_dom_classes=("inkl-plan",), layout=PLAIN)
        self.ctx, self.plan, self.adjusting = ctx, plan, adjusting
        self.today = today or dt.date.today()
        self.shared = SharedLook(ctx, self.today)
        self.headings = plan.columns
        t = ctx.content.t
        self._rows: list[PlanRow] = []  # the rows on screen, in order
        self._spare: list[PlanRow] = []  # rows taken off the end, to show again (undo, a full page)
        self._by_item: dict[str, PlanRow] = {}
        self._leaving: list[PlanRow] = []  # rows replaced after another tab's change
        self._undo: list[tuple[str, str, dict[str, object]]] = []
        self.busy = Busy()  # while the grid makes several edits, rows are rearranged once, after
        self._dirty = False  # rows to rearrange after the edits
        self.add_button = self._tool("plan.add_row", self.add_row)
        self.examples_button = self._tool("plan.insert_examples", self.add_examples)
        self.sort_button = self._tool("plan.sort_by_time", self.sort_by_time)
        self.undo_note = static_html("", "inkl-live")
        self.undo_button = self._tool("plan.undo", self.undo)
        self.undo_bar = widgets.HBox(
            [self.undo_note, self.undo_button], _dom_classes=("inkl-plan-undo",)
        )
        self.empty_note = widgets.HTML(
            f'<p class="inkl-hint">{escape(t("plan.empty"))}</p>', tooltip=""
        )  # no tooltip would be title="null"
        self.column_heads = static_html(self._column_heads_html(), "inkl-plan-columns")
        self.rows_box = widgets.VBox(_dom_classes=("inkl-plan-rows",), layout=PLAIN)
        self.previous_button = self._tool("plan.previous_page", lambda: self.turn_page(-1))
        self.page_note = static_html("", "inkl-live")
        self.next_button = self._tool("plan.next_page", lambda: self.turn_page(1))
        self.pager = widgets.HBox(
            [self.previous_button, self.page_note, self.next_button],
            _dom_classes=("inkl-plan-pager",),
        )
        toolbar = widgets.HBox(
            [self.examples_button, self.sort_button],
            _dom_classes=("inkl-plan-toolbar",),
            layout=PLAIN,
        )
        self.children = [
            toolbar,
            self.empty_note,
            self.column_heads,
            self.rows_box,
            self.pager,
            self.undo_bar,
            self.add_button,
        ]
        ctx.on_any(self, self._changed)
        self._show_undo()
        self.sync_rows()

    def _column_heads_html(self) -> str:
        """The table's column headings, shown once above the rows where the plan is a table.

        Hidden from screen readers: every cell's own label already names its column and row.
        """
        heads = "".join(f"<span>{escape(self.headings[c])}</span>" for c in PLAN_COLUMNS)
        return f'<div class="inkl-plan-table-head" aria-hidden="true"><span></span>{heads}</div>'

    def _tool(self, key: str, action) -> widgets.Button:
        tool = button(self.ctx.content.t(key), "inkl-add")
        tool.on_click(self.ctx.guard(lambda _button: action()))
        return tool

    # ---- the plan as a DataFrame ------------------------------------------------------------

    @property
    def df(self):
        """The whole plan, every page, as a DataFrame indexed by item id (see ``plan_frame``)."""
        return plan_frame(self.ctx.session.workbook)

    @df.setter
    def df(self, frame) -> None:
        workbook = self.ctx.session.workbook
        self._apply(frame_edits(workbook, frame, self.ctx.content, self.today))

    # ---- rows -------------------------------------------------------------------------------

    @property
    def rows(self) -> list[PlanRow]:
        """The rows on screen (this page's), in order."""
        return list(self._rows)

    def row(self, item_id: str) -> PlanRow:
        """The row that shows an item of this page (``show_item_page`` turns to any item)."""
        return self._by_item[item_id]

    def show_page(self, number: int) -> None:
        """Show page ``number`` (counted from 1; kept within the plan's pages)."""
        self.page = number

    @validate("page")
    def _valid_page(self, proposal) -> int:
        count = page_count(len(plan_rows(self.ctx.session.workbook)))
        return min(max(proposal["value"], 1), count)

    @observe("page")
    def _page_turned(self, _change) -> None:
        if not self.busy:
            self.sync_rows(reuse=True)

    def show_item_page(self, item_id: str) -> PlanRow:
        """Turn to the page an item of the plan is on, and return the row that shows it."""
        self.show_page(self._page_of(item_id) or self.page)
        return self.row(item_id)

    def turn_page(self, step: int) -> None:
        """The pager's buttons: the previous (-1) or the next (+1) page."""
        self.show_page(self.page + step)
        # Focus stays on the pager: the status under the rows says which rows are shown now,
        # pressing again turns on, and the rows' headings lead a screen reader back up. In the
        # first cell a person would be some two hundred Tab presses away from the next page.
        forward = step > 0
        pressed = self.next_button if forward else self.previous_button
        other = self.previous_button if forward else self.next_button
        (other if pressed.disabled else pressed).focus()

    def _page_of(self, item_id: str) -> int | None:
        order = [key for key, _ in plan_rows(self.ctx.session.workbook)]
        return order.index(item_id) // PAGE_ROWS + 1 if item_id in order else None

    def sync_rows(self, reuse: bool = False) -> None:
        """Show the items of the page in the plan's order.

        With ``reuse`` (the grid's own operations, turning a page) a row shows whichever item now
        belongs in its place; without (changes from elsewhere) a place whose item changed gets a
        new row. A page left empty (its last row deleted) gives way to the one before it.
        """
        order = [key for key, _ in plan_rows(self.ctx.session.workbook)]
        pages = page_count(len(order))
        if self.page > pages:
            with self.busy():  # shown right here
                self.page = pages
        first = (self.page - 1) * PAGE_ROWS
        shown = order[first : first + PAGE_ROWS]
        rows = self._rows[: len(shown)]
        self._spare = self._rows[len(shown) :] + self._spare
        replaced: list[PlanRow] = []
        for index, key in enumerate(shown):
            number = first + 1 + index
            if index == len(rows) and reuse and self._spare:
                rows.append(self._spare.pop(0))
                rows[index].show_item(key)
            elif index == len(rows):
                rows.append(PlanRow(self, key, number, len(order)))
            elif rows[index].item_id != key:
                if reuse:
                    rows[index].show_item(key)
                else:
                    replaced.append(rows[index])
                    rows[index] = PlanRow(self, key, number, len(order))
        for number, row in enumerate(rows, start=first + 1):
            row.renumber(number, len(order))
        if rows != self._rows:
            self._rows = rows
            self.rows_box.children = rows
        # Rows another tab's change replaced still save keystrokes on their way for a while;
        # a page's worth of those, and of spare rows, is enough: the rest are closed.
        leaving = self._leaving + replaced
        self._leaving = leaving[-PAGE_ROWS:]
        for row in leaving[:-PAGE_ROWS] + self._spare[PAGE_ROWS:]:
            close_tree(row)
        self._spare = self._spare[:PAGE_ROWS]
        self._by_item = {row.item_id: row for row in rows}
        self.empty_note.layout.display = "none" if order else None
        self.sort_button.disabled = len(order) < 2
        self._show_pager(first, len(shown), len(order), pages)

    def _show_pager(self, first: int, shown: int, total: int, pages: int) -> None:
        self.pager.layout.display = None if pages > 1 else "none"
        self.previous_button.disabled = self.page == 1
        self.next_button.disabled = self.page == pages
        t = self.ctx.content.t
        if shown == 1:
            note = escape(t("plan.page_row", number=first + 1, total=total))
        else:
            note = escape(t("plan.page_rows", first=first + 1, last=first + shown, total=total))
        self.page_note.value = note if pages > 1 else ""

    def _changed(self, path: str) -> None:
        """Any change, this page's or another tab's: move rows, or update the cell it names."""
        parts = path_parts(path)
        if len(parts) != 3 or parts[0] != "plan":
            return
        _, item_id, column = parts
        row = self._by_item.get(item_id)
        if row is None or column in STRUCTURE:
            if self.busy:
                self._dirty = True
            else:
                self.sync_rows()
        if row is not None and column in PLAN_COLUMNS:
            row.refresh_flags()  # the cell follows its field itself

    def _apply(
        self, edits: dict[str, object], show: str | None = None, page: int | None = None
    ) -> None:
        """Make several edits at once and rearrange the rows once, after all of them, on the
        page where item ``show`` then is, or on page ``page`` (else on the page shown)."""
        if edits:
            with self.busy():
                self.ctx.session.edit_many(edits)
        page = self._page_of(show) if show else page
        dirty, self._dirty = self._dirty, False
        shown = self.page
        if page is not None:
            self.page = page  # a new page is shown by ``_page_turned``
        if dirty and self.page == shown:
            self.sync_rows(reuse=True)
        if edits:
            self.ctx.alerts.clear()

    # ---- what the buttons do ----------------------------------------------------------------

    def add_row(self) -> str:
        """An empty row at the end, on the last page; the cursor goes to its first cell."""
        item_id, edits = new_row_edits(self.ctx.session.workbook)
        self._apply(edits, show=item_id)
        self.row(item_id).cells["focus"].focus()
        return item_id

    def add_examples(self) -> None:
        """The brief's two example rows, to rewrite or delete; the cursor goes to the first."""
        edits = example_edits(self.ctx.session.workbook, self.plan, self.today)
        if not edits:  # content without examples
            return
        first = path_parts(next(iter(edits)))[1]  # the first example's fields come first
        self._apply(edits, show=first)
        self.row(first).cells["focus"].focus()

    def move(self, item_id: str, step: int) -> None:
        """Move a row one place; across a page's edge the page turns with it."""
        self._apply(move_edits(self.ctx.session.workbook, item_id, step), show=item_id)
        buttons = self.row(item_id).buttons
        chosen = buttons["up" if step < 0 else "down"]
        (buttons["down" if step < 0 else "up"] if chosen.disabled else chosen).focus()

    def sort_by_time(self) -> None:
        """Order the plan by time and show it from its first page."""
        self._apply(sort_by_time_edits(self.ctx.session.workbook), page=1)

    def delete(self, item_id: str) -> None:
        """Remove a row from the plan; the undo button brings it back."""
        self._take_out(item_id, delete_edits, "plan.deleted")

    def retire(self, item_id: str) -> None:
        """Take an item out of the plan; it keeps its follow-up history and can come back."""
        self._take_out(item_id, retire_edits, "plan.retired")

    def _take_out(self, item_id: str, edits, message_key: str) -> None:
        """Apply ``edits(item_id)`` and offer ``edits(item_id, False)`` as its undo."""
        number = self.row(item_id).number
        self._apply(edits(item_id))
        message = self.ctx.content.t(message_key, number=number)
        self._undo.append((message, item_id, edits(item_id, False)))
        self._show_undo()
        self.undo_button.focus()

    def undo(self) -> None:
        """Bring back the row deleted or retired last."""
        if not self._undo:
            return
        _, item_id, edits = self._undo.pop()
        self._apply(edits, show=item_id)
        self._show_undo()
        if item_id in self._by_item:
            self.row(item_id).cells["focus"].focus()

    def _show_undo(self) -> None:
        if self._undo:
            note = escape(self._undo[-1][0])
            self.undo_note.value = note
            self.undo_bar.layout.display = None
        else:
            self.undo_note.value = ""
            self.undo_bar.layout.display = "none"
