"""Following up on the plan: meetings as field edits, each item's status over time, a new cycle.

A follow-up meeting runs as the brief's four points for every item of the plan: the owner's
status and comment, the others' additions, the goal for the next meeting, and a wish for joint
reflection. The newest meeting's statuses are also the plan's current statuses. This module
never imports ipywidgets.
"""

from __future__ import annotations

import datetime as dt
import secrets

import msgspec

from inkl_widgets.domain.plan import plan_rows
from inkl_widgets.model.fields import field_path
from inkl_widgets.model.workbook import FollowUpEntry, FollowUpMeeting, PlanItem, Workbook
from inkl_widgets.store.database import WorkbookStore


def meetings_newest_first(workbook: Workbook) -> list[tuple[str, FollowUpMeeting]]:
    """All follow-up meetings, the newest date first (a meeting without a date last)."""
    return sorted(
        workbook.followups.items(), key=lambda pair: (pair[1].date, pair[0]), reverse=True
    )


def meetings_in_order(workbook: Workbook) -> list[tuple[str, FollowUpMeeting]]:
    """All follow-up meetings, oldest first: the order in which statuses changed."""
    return meetings_newest_first(workbook)[::-1]


def new_meeting_edits(workbook: Workbook, today: dt.date) -> tuple[str, dict[str, object]]:
    """A meeting dated today, with each item of the plan at the status it has now.

    Writing the statuses at once records the meeting for every item, also those nobody changes.
    """
    meeting_id = secrets.token_hex(4)
    edits: dict[str, object] = {field_path("followups", meeting_id, "date"): today.isoformat()}
    for item_id, item in plan_rows(workbook):
        edits[field_path("followups", meeting_id, "items", item_id, "status")] = item.status
    return meeting_id, edits


def is_newest(workbook: Workbook, meeting_id: str) -> bool:
    newest = meetings_newest_first(workbook)
    return bool(newest) and newest[0][0] == meeting_id


def status_edits(
    workbook: Workbook, meeting_id: str, item_id: str, status: str
) -> dict[str, object]:
    """An owner's status at a meeting; at the newest meeting it is also the plan's status."""
    edits: dict[str, object] = {
        field_path("followups", meeting_id, "items", item_id, "status"): status
    }
    if is_newest(workbook, meeting_id) and item_id in workbook.plan:
        edits[field_path("plan", item_id, "status")] = status
    return edits


def meeting_items(workbook: Workbook, meeting_id: str) -> list[tuple[str, PlanItem]]:
    """The items a meeting covers: the plan's current items and any it recorded since retired."""
    recorded = workbook.followups[meeting_id].items if meeting_id in workbook.followups else {}
    return [
        (key, item) for key, item in workbook.visible_plan() if not item.retired or key in recorded
    ]


def entries_in_plan_order(
    workbook: Workbook, meeting: FollowUpMeeting
) -> list[tuple[str, FollowUpEntry]]:
    """A meeting's entries in the plan's order (its position), not the order they were stored
    in: a board reads them down the plan. Entries of items since deleted come last."""
    last = len(workbook.plan) + 1

    def place(pair: tuple[str, FollowUpEntry]) -> tuple[int, str]:
        item = workbook.plan.get(pair[0])
        return (item.position if item and not item.deleted else last, pair[0])

    return sorted(meeting.items.items(), key=place)


def reflection_requests(workbook: Workbook, meeting_id: str) -> list[str]:
    """Items whose owner asked for joint reflection time at a meeting, in plan order."""
    entries = workbook.followups[meeting_id].items
    return [
        key
        for key, _ in meeting_items(workbook, meeting_id)
        if key in entries and entries[key].reflection
    ]


def status_history(workbook: Workbook) -> dict[str, list[tuple[str, str]]]:
    """For each item, its status at every meeting that recorded it: ``[(date, status), ...]``."""
    history: dict[str, list[tuple[str, str]]] = {}
    for _, meeting in meetings_in_order(workbook):
        for item_id, entry in meeting.items.items():
            history.setdefault(item_id, []).append((meeting.date, entry.status))
    return history


# ---- a new cycle ------------------------------------------------------------------------------


def open_items(workbook: Workbook) -> list[tuple[str, PlanItem]]:
    """Items that go on into the next cycle: not done, not retired, not deleted."""
    return [(key, item) for key, item in plan_rows(workbook) if item.status != "done"]


def cycle_due(workbook: Workbook) -> dt.date | None:
    """When the next cycle is due: one year after this cycle began.

    The cycle begins with the board's meeting on the four steps (its date in the meeting plan),
    or, before that date is set, when the workbook was created. The brief advises repeating every
    one or two years; the app names the earlier date, so the question comes up in time.
    """
    begun = workbook.meeting.date or workbook.created
    if not begun:
        return None
    start = dt.date.fromisoformat(begun)
    try:
        return start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        return start.replace(year=start.year + 1, day=28)


def start_new_cycle(store: WorkbookStore, workbook_id: str) -> str:
    """A new workbook for the next cycle; returns its id.

    It carries over the organisation's name and language and the plan's open items (same ids,
    renumbered), counts the cycle on, and points back to this workbook, whose answers, plan and
    follow-up history stay as they are for reference.
    """
    previous = store.load(workbook_id)
    plan = {
        key: msgspec.structs.replace(item, position=position)
        for position, (key, item) in enumerate(open_items(previous), start=1)
    }
    return store.create(
        previous.name,
        language=previous.language,
        cycle=previous.cycle + 1,
        previous_id=previous.id,
        plan=plan,
    )
