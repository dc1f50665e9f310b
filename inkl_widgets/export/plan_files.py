"""The action plan as files to take along: CSV, Excel (.xlsx) and a calendar (.ics).

Each function returns the file's bytes, so the CLI writes them and the app offers them as
download links. The files hold the plan as the board reads it — column headings from the content,
a way's label, "uge 39, 2026", the status in words — in the language of ``content``.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import icalendar
import msgspec
import openpyxl
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from inkl_widgets.content.loading import Content
from inkl_widgets.content.model import PLAN_COLUMNS, Plan
from inkl_widgets.domain.plan import focus_label, format_time, plan_rows, week_start
from inkl_widgets.model.workbook import Workbook

# Spreadsheet programs run a cell starting with one of these as a formula (CSV injection), also
# after leading spaces or control characters, and in their full-width forms (＝＋－＠), which
# NFKC folds into these.
FORMULA_SIGNS = frozenset("=+-@")
COLUMN_WIDTHS = {"focus": 22, "goal": 40, "subgoals": 40, "actions": 40, "time": 14, "roles": 28}


def _plan_element(content: Content) -> Plan:
    element = content.section("step3").element("plan")
    assert isinstance(element, Plan)  # the content check guarantees step 3 has its plan
    return element


def plan_table(workbook: Workbook, content: Content) -> pd.DataFrame:
    """The plan's current items as the board reads them, headed by the content's column names."""
    headings = _plan_element(content).columns
    rows = []
    for _, item in plan_rows(workbook):
        values = msgspec.structs.asdict(item)
        values["focus"] = focus_label(item.focus, content)
        values["time"] = format_time(item.time, content)
        values["status"] = content.t(f"plan.status.{item.status}")
        rows.append([values[column] for column in PLAN_COLUMNS])
    return pd.DataFrame(rows, columns=[headings[column] for column in PLAN_COLUMNS], dtype="str")


def _unseen(character: str) -> bool:
    """A character a spreadsheet skips before a formula: white space or a control character."""
    return character.isspace() or unicodedata.category(character) == "Cc"


def _inert(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading apostrophe before a cell that starts with a
    control character (OWASP's tab and CR, also NUL and LF) or with a formula's first sign."""
    if not text:
        return text
    first = next((character for character in text if not _unseen(character)), "")
    starts_formula = unicodedata.normalize("NFKC", first)[:1] in FORMULA_SIGNS
    return "'" + text if starts_formula or unicodedata.category(text[0]) == "Cc" else text


def plan_csv(workbook: Workbook, content: Content) -> bytes:
    """UTF-8 with a byte order mark (so Excel reads æ, ø and å), comma separated, one row per
    item; line breaks inside a cell are kept in quotes."""
    table = plan_table(workbook, content).map(_inert)
    return table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def plan_xlsx(workbook: Workbook, content: Content) -> bytes:
    """A spreadsheet with a bold, frozen heading row and wrapped text, every cell stored as text."""
    table = plan_table(workbook, content)
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]  # a new book's one sheet
    sheet.title = _sheet_title(ILLEGAL_CHARACTERS_RE.sub("", _plan_element(content).title))
    book.properties.title = ILLEGAL_CHARACTERS_RE.sub("", _title(workbook, content))
    book.properties.creator = "inkl"
    sheet.append(list(table.columns))
    for row in table.itertuples(index=False):
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", text) for text in row])
    wrap = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.data_type = "s"  # text that starts with "=" stays text, never a formula
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(PLAN_COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = COLUMN_WIDTHS.get(column, 16)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _title(workbook: Workbook, content: Content) -> str:
    return content.t("files.title", name=workbook.name, plan=_plan_element(content).title)


def _sheet_title(title: str) -> str:
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()
    return cleaned[:31] or "Plan"


def plan_ics(workbook: Workbook, content: Content) -> bytes:
    """A calendar with each item that has a time as an all-day event: the whole week for a week,
    the day for a date. The owner(s) and the actions are in the description.

    Each event's UID is stable (workbook and item id), so importing the file again updates the
    events instead of doubling them.
    """
    t = content.t
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//inkl//action plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _one_line(_title(workbook, content)))
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for item_id, item in plan_rows(workbook):
        start = week_start(item.time)
        if start is None:
            continue
        days = 7 if "W" in item.time else 1
        event = icalendar.Event()
        event.add("uid", f"{workbook.id}-{item_id}@inkl")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(days=days))
        event.add("summary", _summary(_one_line(item.goal or focus_label(item.focus, content))))
        parts = [
            t("files.ics_roles", roles=item.roles.strip() or t("plan.blank")),
            t("files.ics_actions", actions=item.actions.strip() or t("plan.blank")),
            t("files.ics_status", status=t(f"plan.status.{item.status}")),
        ]
        event.add("description", _calendar_text("\n\n".join(parts)))
        if item.focus:
            event.add("categories", [focus_label(item.focus, content)])
        event.add("transp", "TRANSPARENT")  # a plan item does not make anyone busy all week
        calendar.add_component(event)
    return calendar.to_ical()


def _summary(line: str) -> str:
    return line if len(line) <= 120 else line[:119] + "…"


def _calendar_text(text: str) -> str:
    """iCalendar text holds no control characters but line breaks (RFC 5545, 3.3.11)."""
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) != "Cc")


def _one_line(text: str) -> str:
    """A calendar's name or an event's summary: one line, without control characters."""
    return " ".join(_calendar_text(text).split())


PLAN_FILES = {
    "csv": ("text/csv", plan_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", plan_xlsx),
    "ics": ("text/calendar", plan_ics),
}
