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
from typing import Protocol

import ipywidgets as widgets
import msgspec
from traitlets import Int, Unicode

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
from inkl_widgets.model.fields import field_path
from inkl_widgets.model.workbook import PlanItem
from inkl_widgets.widgets.binding import (
    FULL_WIDTH,
    PLAIN,
    UNREADABLE,
    FieldLink,
    PageContext,
    button,
    labelled,
    static_html,
)

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


class RowOwner(Protocol):
    """What a row needs of the grid it sits in (``plan_grid.ActionPlanGrid``): the page's
    context, the shared look and headings, and the moves its buttons ask for."""

    ctx: PageContext
    shared: SharedLook
    headings: dict[str, str]
    today: dt.date
    adjusting: bool

    def move(self, item_id: str, step: int) -> None: ...

    def delete(self, item_id: str) -> None: ...

    def retire(self, item_id: str) -> None: ...


class PlanRow(widgets.GridBox):
    """One item of the plan: a heading with its gentle checks, seven cells, and its buttons.

    Each cell is tied to its field by a ``FieldLink``; pointing the row at another item
    (``item_id``) ties them to that item's fields, and its place (``number``) is in the labels.
    """

    item_id = Unicode(help="the item of the plan this row shows")
    number = Int(1, help="the row's place in the whole plan, counted from 1")

    def __init__(self, grid: RowOwner, item_id: str, number: int, total: int):
        """A row built showing its item as row ``number`` of ``total``: every cell, label and
        button has its final state from the start (see ``binding`` on why)."""
        self.grid = grid
        self.item_id, self.number = item_id, number
        ctx, shared = grid.ctx, grid.shared
        t = ctx.content.t
        self.cells: dict[str, widgets.ValueWidget] = {}
        self.links: dict[str, FieldLink] = {}
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
            self.cells[column] = cell
            self.links[column] = FieldLink(
                ctx,
                cell,
                self.path(column),
                default=DEFAULTS[column],
                to_widget=functools.partial(self._to_cell, column),
                from_widget=functools.partial(self._from_cell, column),
                shown=functools.partial(self._fit, cell) if column in LONG_TEXT else None,
            )
        self.heading = static_html(self._heading_html(), "inkl-plan-head")
        self.cells["time"].observe(ctx.guard(lambda _: self.refresh_flags()), names="value")
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
        # Observed from here on: the row was built in its final state.
        self.observe(ctx.guard(self._follow_item), names="item_id")
        self.observe(ctx.guard(self._relabel), names="number")

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
        return field_path("plan", self.item_id, column)

    def stored(self, column: str) -> str:
        """The stored text of one of the plan's columns (all of them hold text)."""
        return self.grid.ctx.session.value(self.path(column), DEFAULTS[column])

    def _from_cell(self, column: str, value: str) -> object:
        """The value to store for what a cell shows; ``UNREADABLE`` for a time it cannot read."""
        if column == "focus":
            return focus_value(value, self.grid.ctx.content)
        if column == "time":
            parsed = parse_time(value, self.grid.today, self.grid.ctx.content)
            return UNREADABLE if parsed is None else parsed
        return value

    def _to_cell(self, column: str, value: str) -> str:
        if column == "focus":
            return focus_label(value, self.grid.ctx.content)
        if column == "time":
            return format_time(value, self.grid.ctx.content)
        return value

    @staticmethod
    def _fit(cell: widgets.Textarea) -> None:
        cell.rows = text_rows(cell.value)

    @property
    def unreadable_time(self) -> bool:
        """The time cell says something that is not a time (kept there, and not saved)."""
        return self._from_cell("time", self.cells["time"].value) is UNREADABLE

    def show_item(self, item_id: str) -> None:
        """Show another item in this row (the grid's own moves, deletions and sorting)."""
        self.item_id = item_id

    def _follow_item(self, _change) -> None:
        for column, link in self.links.items():
            link.retarget(self.path(column))
        self.refresh_flags()

    def show(self, column: str) -> None:
        """Show the stored value, unless the cell already says the same (while typing)."""
        self.links[column].show()

    # ---- heading, numbers and checks --------------------------------------------------------

    def renumber(self, number: int, total: int) -> None:
        """Give the row its place: in the labels ("Mål, række 2") and the buttons' state."""
        self.buttons["up"].disabled = number == 1
        self.buttons["down"].disabled = number == total
        self.number = number

    def _relabel(self, change) -> None:
        t = self.grid.ctx.content.t
        number = change["new"]
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
