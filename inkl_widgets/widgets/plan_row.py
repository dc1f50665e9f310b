"""One row of the action-plan grid: a heading with the row's gentle checks, seven labelled
cells (focus, goal, sub-goals, actions, time, roles, status) and the row's buttons.

A row shows one item at a time and can be pointed at another (``show_item``), so the grid can
move, delete and sort without the browser rebuilding rows (see ``plan_grid``). What a cell shows
and what is stored differ for two columns: focus (a way's label, stored as its id) and time
("uge 39, 2026", stored as ``2026-W39``).
"""

from __future__ import annotations

import datetime as dt
import functools
from html import escape
from typing import TYPE_CHECKING

import ipywidgets as widgets
import msgspec

from inkl_widgets.content.model import PLAN_COLUMNS
from inkl_widgets.domain.plan import (
    RowFlag,
    focus_label,
    focus_value,
    format_time,
    parse_time,
    row_flags,
    status_options,
    week_choices,
)
from inkl_widgets.model.workbook import PlanItem
from inkl_widgets.widgets.binding import (
    FULL_WIDTH,
    PLAIN,
    PageContext,
    button,
    labelled,
    static_html,
)

if TYPE_CHECKING:
    from inkl_widgets.widgets.plan_grid import ActionPlanGrid

DEFAULTS = msgspec.structs.asdict(PlanItem())
LONG_TEXT = ("goal", "subgoals", "actions", "roles")
BUTTON_TEXTS = {
    "up": "plan.move_up",
    "down": "plan.move_down",
    "delete": "plan.delete",
    "retire": "plan.retire",
}


def text_rows(text: str, width: int = 36) -> int:
    """Rows a text area needs to show ``text`` whole, from 2 to 12 (browsers that support
    ``field-sizing`` grow it further while typing)."""
    lines = sum(1 + len(line) // width for line in text.split("\n"))
    return max(2, min(lines, 12))


class SharedLook:
    """The choices every row offers, one object each for the whole grid (layouts and styles are
    the page's shared ones, from ``binding``)."""

    def __init__(self, ctx: PageContext, today: dt.date):
        self.focus_options = tuple(way.label for way in ctx.content.ways)
        self.week_options = tuple(week_choices(ctx.content, today))
        self.status_options = tuple(status_options(ctx.content))


class PlanRow(widgets.GridBox):
    """One item of the plan: a heading with its gentle checks, seven cells, and its buttons."""

    def __init__(self, grid: ActionPlanGrid, item_id: str, number: int, total: int):
        """A row built showing its item as row ``number`` of ``total``: every cell, label and
        button has its final state from the start (see ``binding`` on why)."""
        self.grid, self.item_id = grid, item_id
        self.number = number
        self.unreadable_time = False
        ctx, shared = grid.ctx, grid.shared
        t = ctx.content.t
        self.heading = static_html(self._heading_html(), "inkl-plan-head")
        self.cells: dict[str, widgets.ValueWidget] = {}
        for column in PLAN_COLUMNS:
            shown = self._to_cell(column, self.stored(column))
            state = {
                "value": shown,
                "description": t("plan.cell", column=grid.headings[column], number=number),
                "layout": FULL_WIDTH,
            }
            if column in LONG_TEXT:
                cell = labelled(
                    widgets.Textarea,
                    f"inkl-plan-{column}",
                    rows=text_rows(shown),
                    **state,
                )
            elif column == "status":
                cell = labelled(
                    widgets.Dropdown,
                    f"inkl-plan-{column}",
                    options=shared.status_options,
                    **state,
                )
            else:
                options = shared.focus_options if column == "focus" else shared.week_options
                cell = labelled(
                    widgets.Combobox,
                    f"inkl-plan-{column}",
                    options=options,
                    ensure_option=False,
                    placeholder=t(f"plan.placeholder.{column}"),
                    **state,
                )
            cell.observe(ctx.guard(functools.partial(self._edited, column)), names="value")
            self.cells[column] = cell
        self.buttons = {
            "up": self._button("up", lambda: grid.move(self.item_id, -1), number == 1),
            "down": self._button("down", lambda: grid.move(self.item_id, 1), number == total),
            "delete": self._button("delete", lambda: grid.delete(self.item_id)),
        }
        if grid.adjusting:
            self.buttons["retire"] = self._button("retire", lambda: grid.retire(self.item_id))
        self.tools = widgets.HBox(
            list(self.buttons.values()), layout=PLAIN, _dom_classes=("inkl-plan-tools",)
        )
        super().__init__(
            [self.heading, *self.cells.values(), self.tools],
            layout=PLAIN,
            _dom_classes=("inkl-plan-row",),
        )

    def _button(self, name: str, action, disabled: bool = False) -> widgets.Button:
        # no icon: its glyph would become part of the button's accessible name
        t = self.grid.ctx.content.t
        tool = button(
            t(BUTTON_TEXTS[name]),
            tooltip=t(f"plan.{name}_row", number=self.number),
            disabled=disabled,
        )
        tool.on_click(self.grid.ctx.guard(lambda _button: action()))
        return tool

    # ---- values: widget <-> stored ----------------------------------------------------------

    def path(self, column: str) -> str:
        return f"plan/{self.item_id}/{column}"

    def stored(self, column: str) -> object:
        return self.grid.ctx.session.value(self.path(column), DEFAULTS[column])

    def _from_cell(self, column: str) -> object:
        """The value to store for what the cell shows; None when a time cannot be read."""
        value = self.cells[column].value
        if column == "focus":
            return focus_value(value, self.grid.ctx.content)
        if column == "time":
            return parse_time(value, self.grid.today, self.grid.ctx.content)
        return value

    def _to_cell(self, column: str, value: object) -> object:
        if column == "focus":
            return focus_label(value, self.grid.ctx.content)
        if column == "time":
            return format_time(value, self.grid.ctx.content)
        return value

    def _edited(self, column: str, _change) -> None:
        value = self._from_cell(column)
        if column == "time":
            self.unreadable_time = value is None
            if value is None:
                self.refresh_flags()
                return
        if value != self.stored(column):
            self.grid.ctx.session.edit(self.path(column), value)
        self.grid.ctx.alerts.clear()

    def show_item(self, item_id: str) -> None:
        """Show another item in this row (the grid's own moves, deletions and sorting)."""
        self.item_id = item_id
        self.unreadable_time = False
        for column in PLAN_COLUMNS:
            self.show(column)
        self.refresh_flags()

    def show(self, column: str) -> None:
        """Show the stored value, unless the cell already says the same (while typing)."""
        stored = self.stored(column)
        if self._from_cell(column) == stored:
            return
        cell = self.cells[column]
        cell.value = self._to_cell(column, stored)
        if column == "time":
            self.unreadable_time = False
        if column in LONG_TEXT:
            cell.rows = text_rows(cell.value)

    # ---- heading, numbers and checks --------------------------------------------------------

    def renumber(self, number: int, total: int) -> None:
        """Give the row its place: in the labels ("Mål, række 2") and the buttons' state."""
        self.buttons["up"].disabled = number == 1
        self.buttons["down"].disabled = number == total
        if number == self.number:
            return
        self.number = number
        t = self.grid.ctx.content.t
        for column, cell in self.cells.items():
            cell.description = t("plan.cell", column=self.grid.headings[column], number=number)
        for name, tool in self.buttons.items():
            tool.tooltip = t(f"plan.{name}_row", number=number)
        self.refresh_flags()

    def flags(self) -> list[RowFlag]:
        values = {column: self.stored(column) for column in PLAN_COLUMNS}
        flags = row_flags(values, self.grid.ctx.content)
        if self.unreadable_time:
            flags = [f for f in flags if f.key != "no_time"] + [RowFlag("bad_time")]
        return flags

    def refresh_flags(self) -> None:
        html = self._heading_html()
        if self.heading.value != html:
            self.heading.value = html

    def _heading_html(self) -> str:
        content = self.grid.ctx.content
        title = escape(content.t("plan.row", number=self.number))
        items = "".join(f"<li>{escape(flag.message(content))}</li>" for flag in self.flags())
        flags = f'<ul class="inkl-plan-flags">{items}</ul>' if items else ""
        return f"<h3>{title}</h3>{flags}"
