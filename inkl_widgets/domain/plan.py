"""The action plan as data: a DataFrame round trip, row operations as field edits, and checks.

Every operation here returns field edits (``{"plan/<id>/<field>": value}``) for one
``WorkbookSession.edit_many`` call, so the grid, a script and a test change the plan the same
way and every change is validated and saved field by field. This module never imports ipywidgets.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from inkl_widgets.content.loading import Content
from inkl_widgets.content.locale import format_day, parse_day
from inkl_widgets.content.model import PLAN_COLUMNS, Plan
from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.model.fields import field_path
from inkl_widgets.model.workbook import STATUSES, PlanItem, Workbook

if TYPE_CHECKING:
    import pandas as pd

ITEM_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
TEXT_COLUMNS = ("goal", "subgoals", "actions")

_ISO_WEEK = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
# "uge 39, 2026", "week 39 2026", "u39", "39": any word, a week number, perhaps a year
_WEEK_WORDS = re.compile(r"^(?:[^\W\d_]+\.?\s*)?(\d{1,2})(?:\s*[,/]?\s*(\d{4}))?$")


def new_item_id() -> str:
    return secrets.token_hex(4)


# ---- rows and the DataFrame -------------------------------------------------------------------


def plan_rows(workbook: Workbook) -> list[tuple[str, PlanItem]]:
    """The rows the grid shows: not deleted and not retired, in the group's order."""
    return [(key, item) for key, item in workbook.visible_plan() if not item.retired]


def retired_rows(workbook: Workbook) -> list[tuple[str, PlanItem]]:
    return [(key, item) for key, item in workbook.visible_plan() if item.retired]


def plan_frame(workbook: Workbook) -> pd.DataFrame:
    """The plan as a DataFrame: one row per item (index: item id), the brief's columns and status.

    Values are stored values: a way id or the group's own focus, ISO week or date, status code.
    """
    import pandas as pd  # here, not above: importing pandas would cost every page ~0.2 s

    rows = plan_rows(workbook)
    return pd.DataFrame(
        [[getattr(item, column) for column in PLAN_COLUMNS] for _, item in rows],
        index=pd.Index([key for key, _ in rows], name="id", dtype="str"),
        columns=list(PLAN_COLUMNS),
        dtype="str",
    )


def frame_edits(
    workbook: Workbook, frame: pd.DataFrame, content: Content, today: dt.date | None = None
) -> dict[str, object]:
    """The field edits that make the shown plan equal ``frame``.

    The frame's order becomes the plan's order. Index labels that are item ids keep their item
    (a deleted or retired one comes back); other labels become new items. Shown items missing
    from the frame are deleted, so undo stays possible. Times may be written as in the grid
    ("uge 39, 2026"); focus may be a way's label.
    """
    unknown = [str(c) for c in frame.columns if c not in PLAN_COLUMNS]
    if unknown:
        raise WorkbookError("unknown_field", field=unknown[0][:40])
    ids = [
        label if isinstance(label, str) and ITEM_ID.fullmatch(label) else new_item_id()
        for label in frame.index
    ]
    if len(set(ids)) != len(ids):
        raise WorkbookError("duplicate_key")
    edits: dict[str, object] = {}
    for position, (item_id, (_, row)) in enumerate(zip(ids, frame.iterrows(), strict=True), 1):
        current = workbook.plan.get(item_id, PlanItem())
        wanted: dict[str, object] = {"position": position, "deleted": False, "retired": False}
        for column in frame.columns:
            wanted[column] = _cell(row[column], column, item_id, content, today)
        for field, value in wanted.items():
            if item_id not in workbook.plan or getattr(current, field) != value:
                edits[field_path("plan", item_id, field)] = value
    for item_id, _ in plan_rows(workbook):
        if item_id not in ids:
            edits[field_path("plan", item_id, "deleted")] = True
    return edits


def _cell(value: object, column: str, item_id: str, content: Content, today) -> str:
    import pandas as pd  # a frame was given, so pandas is loaded already

    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return "not_started" if column == "status" else ""
    if column == "time":
        if isinstance(value, dt.date):
            return value.isoformat()[:10]
        parsed = parse_time(str(value), today, content)
        if parsed is None:
            raise WorkbookError("bad_format", field=field_path("plan", item_id, "time"))
        return parsed
    text = value if isinstance(value, str) else str(value)
    if column == "focus":
        return focus_value(text, content)
    if column == "status":
        return status_value(text, content)
    return text


# ---- row operations ---------------------------------------------------------------------------


def _next_position(workbook: Workbook) -> int:
    return max((item.position for _, item in workbook.visible_plan()), default=0) + 1


def new_row_edits(workbook: Workbook, item_id: str | None = None) -> tuple[str, dict]:
    """An empty row at the end of the plan."""
    item_id = item_id or new_item_id()
    return item_id, {field_path("plan", item_id, "position"): _next_position(workbook)}


def example_edits(workbook: Workbook, plan: Plan, today: dt.date) -> dict[str, object]:
    """The content's example rows, appended, each in the next time its week comes round."""
    edits: dict[str, object] = {}
    position = _next_position(workbook)
    for offset, example in enumerate(plan.examples):
        item_id = new_item_id()
        values = {
            "focus": example.focus,
            "goal": example.goal,
            "subgoals": example.subgoals,
            "actions": example.actions,
            "time": coming_week(example.week, today) or "",
            "roles": example.roles,
            "position": position + offset,
        }
        edits.update({field_path("plan", item_id, field): value for field, value in values.items()})
    return edits


def delete_edits(item_id: str, deleted: bool = True) -> dict[str, object]:
    """Deleting only marks the row, so that undo (``deleted=False``) brings it back whole."""
    return {field_path("plan", item_id, "deleted"): deleted}


def retire_edits(item_id: str, retired: bool = True) -> dict[str, object]:
    """A retired item leaves the plan but keeps its place in the follow-up history."""
    return {field_path("plan", item_id, "retired"): retired}


def _order_edits(rows: list[tuple[str, PlanItem]], order: list[str]) -> dict[str, object]:
    """Positions that put the rows in ``order``, reusing the positions they have when distinct."""
    positions = sorted(item.position for _, item in rows)
    if len(set(positions)) != len(positions):
        positions = list(range(1, len(rows) + 1))
    current = {key: item.position for key, item in rows}
    return {
        field_path("plan", key, "position"): position
        for key, position in zip(order, positions, strict=True)
        if current[key] != position
    }


def move_edits(workbook: Workbook, item_id: str, step: int) -> dict[str, object]:
    """Move a row ``step`` places (-1 up, +1 down); at either end nothing changes."""
    rows = plan_rows(workbook)
    order = [key for key, _ in rows]
    index = order.index(item_id)
    target = index + step
    if not 0 <= target < len(order):
        return {}
    order[index], order[target] = order[target], order[index]
    return _order_edits(rows, order)


def sort_by_time_edits(workbook: Workbook) -> dict[str, object]:
    """Order the rows by time, earliest first; rows without a time keep their order at the end."""
    rows = plan_rows(workbook)
    never = dt.date.max

    def key(row: tuple[str, PlanItem]) -> dt.date:
        return week_start(row[1].time) or never

    return _order_edits(rows, [k for k, _ in sorted(rows, key=key)])


# ---- time -------------------------------------------------------------------------------------


def coming_week(week: int, today: dt.date) -> str | None:
    """``YYYY-Www`` for the next time a week number comes round (this week counts as coming)."""
    year, current, _ = today.isocalendar()
    if week < current:
        year += 1
    return _iso_week(year, week)


def _iso_week(year: int, week: int) -> str | None:
    try:
        dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return f"{year}-W{week:02d}"


def _iso_date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_time(
    text: str, today: dt.date | None = None, content: Content | None = None
) -> str | None:
    """A time as typed, as stored: ``""``, ``YYYY-Www`` or ``YYYY-MM-DD``; None if unreadable.

    Accepts what a board writes: "uge 39, 2026", "week 39", "39", "2026-W39", "24.9.2026",
    "24-09-2026", "2026-09-24", and, given the page's ``content``, a date as ``format_time``
    writes it in the page's language ("24. september 2026"). Dates are read day first. A week
    without a year is the coming one.
    """
    text = " ".join(text.split())
    if not text:
        return ""
    if match := _ISO_WEEK.fullmatch(text):
        return _iso_week(int(match[1]), int(match[2]))
    if match := _ISO_DATE.fullmatch(text):
        return _iso_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_FIRST.fullmatch(text):
        return _iso_date(int(match[3]), int(match[2]), int(match[1]))
    if match := _WEEK_WORDS.fullmatch(text):
        week = int(match[1])
        if match[2]:
            return _iso_week(int(match[2]), week)
        return coming_week(week, today or dt.date.today())
    day = parse_day(text, content) if content is not None else None
    return day.isoformat() if day else None


def week_start(value: str) -> dt.date | None:
    """The day a stored time begins: the Monday of its week, or the date itself."""
    if not value:
        return None
    if "W" in value:
        return dt.date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
    return dt.date.fromisoformat(value)


def format_time(value: str, content: Content) -> str:
    """A stored time as the board reads it: "uge 39, 2026" or "24. september 2026"."""
    if not value:
        return ""
    if "W" in value:
        return content.t("plan.week", week=int(value[6:]), year=int(value[:4]))
    return format_day(dt.date.fromisoformat(value), content)


def week_choices(content: Content, today: dt.date, weeks: int = 78) -> list[str]:
    """The weeks offered in the time field: this week and the next year and a half."""
    monday = today - dt.timedelta(days=today.weekday())
    choices = []
    for offset in range(weeks):
        year, week, _ = (monday + dt.timedelta(weeks=offset)).isocalendar()
        choices.append(content.t("plan.week", week=week, year=year))
    return choices


# ---- focus and status -------------------------------------------------------------------------


def focus_label(value: str, content: Content) -> str:
    """A way's label for a way id; the group's own focus as written."""
    return next((way.label for way in content.ways if way.id == value), value)


def focus_value(text: str, content: Content) -> str:
    """What to store for a focus as typed: a way's id when it names a way, else the text."""
    wanted = text.strip().casefold()
    for way in content.ways:
        if wanted in (way.label.casefold(), way.id):
            return way.id
    return text


def status_value(text: str, content: Content) -> str:
    """A status code from a code or its label in the content's language."""
    wanted = text.strip()
    for status in STATUSES:
        if wanted in (status, content.t(f"plan.status.{status}")):
            return status
    return wanted  # not a status: the model refuses it with a message naming the field


def status_options(content: Content) -> list[tuple[str, str]]:
    return [(content.t(f"plan.status.{status}"), status) for status in STATUSES]


# ---- gentle checks ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RowFlag:
    """Something to look at again in a row; never blocks saving."""

    key: str
    word: str = ""

    def message(self, content: Content) -> str:
        params = {"word": self.word} if self.word else {}
        return content.t(f"plan.flag.{self.key}", **params)


@lru_cache(maxsize=8)
def _negative_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)", re.IGNORECASE)


def negative_word(text: str, content: Content) -> str:
    """The first word of the content's list of negative words found in ``text``, or ''."""
    pattern = _negative_pattern(tuple(content.texts.negative_words))
    found = pattern.search(text) if pattern else None
    return found[1] if found else ""


def row_flags(values: Mapping[str, object], content: Content) -> list[RowFlag]:
    """The gentle checks of one row: an owner, a time, goals phrased positively.

    An untouched row is not flagged: a board adds a row first and fills it in after.
    """
    if not any(str(values.get(column) or "").strip() for column in TEXT_COLUMNS):
        return []
    flags = []
    if not str(values.get("roles") or "").strip():
        flags.append(RowFlag("no_owner"))
    if not values.get("time"):
        flags.append(RowFlag("no_time"))
    for column in ("goal", "subgoals"):
        word = negative_word(str(values.get(column) or ""), content)
        if word:
            flags.append(RowFlag(f"negative_{column}", word))
    return flags
