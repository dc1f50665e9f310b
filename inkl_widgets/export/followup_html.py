"""The follow-up history as HTML: each item's status over time, and every meeting, newest first.

Plain functions over the model and the texts, shared by the step 4 page and the HTML export.
Everything the group typed is escaped with ``markup.user_text``; status is written in words, so
the table says what the status chart shows in colour.
"""

from __future__ import annotations

from html import escape

from inkl_widgets.content.loading import Content
from inkl_widgets.content.markup import user_text
from inkl_widgets.domain.followup import (
    entries_in_plan_order,
    meetings_in_order,
    meetings_newest_first,
)
from inkl_widgets.domain.plan import focus_label, format_time
from inkl_widgets.model.workbook import FollowUpMeeting, PlanItem, Workbook


def item_title(item: PlanItem, content: Content) -> str:
    """What names an item in the history: its goal, else its focus."""
    return " ".join(
        (item.goal or focus_label(item.focus, content) or content.t("plan.blank")).split()
    )


def _date(value: str, content: Content) -> str:
    return format_time(value, content) if value else content.t("followup.no_date")


def status_table_html(workbook: Workbook, content: Content) -> str:
    """A table: one row per item that any meeting recorded, one column per meeting, oldest first."""
    t = content.t
    meetings = meetings_in_order(workbook)
    recorded = {key for _, meeting in meetings for key in meeting.items}
    items = [(key, item) for key, item in workbook.visible_plan() if key in recorded]
    if not meetings or not items:
        return f'<p class="inkl-hint">{escape(t("followup.no_meetings"))}</p>'
    head = "".join(f'<th scope="col">{escape(_date(m.date, content))}</th>' for _, m in meetings)
    body = []
    for key, item in items:
        retired = f" <em>({escape(t('followup.retired_mark'))})</em>" if item.retired else ""
        cells = "".join(
            f"<td>{escape(t(f'plan.status.{m.items[key].status}'))}</td>"
            if key in m.items
            else f"<td>{escape(t('plan.blank'))}</td>"
            for _, m in meetings
        )
        body.append(
            f'<tr><th scope="row">{user_text(item_title(item, content))}{retired}</th>{cells}</tr>'
        )
    caption = escape(t("followup.status_over_time"))
    item_head = escape(t("followup.item"))
    return (
        f'<table class="inkl-status-table"><caption>{caption}</caption>'
        f'<thead><tr><th scope="col">{item_head}</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def meeting_html(workbook: Workbook, meeting: FollowUpMeeting, content: Content) -> str:
    """One meeting: its date, the next meeting, and the four points for every item it covered."""
    t = content.t
    title = escape(t("followup.meeting_of", date=_date(meeting.date, content)))
    parts = [f"<h4>{title}</h4>"]
    if meeting.next_meeting:
        next_date = escape(t("followup.next_on", date=_date(meeting.next_meeting, content)))
        parts.append(f"<p>{next_date}</p>")
    for key, entry in entries_in_plan_order(workbook, meeting):
        item = workbook.plan.get(key, PlanItem())
        status = t(f"plan.status.{entry.status}")
        rows = [
            (t("followup.comment_short"), entry.comment),
            (t("followup.additions_short"), entry.additions),
            (t("followup.next_goal_short"), entry.next_goal),
        ]
        details = "".join(
            f"<dt>{escape(label)}</dt><dd>{user_text(text)}</dd>" for label, text in rows if text
        )
        heading = t("followup.item_status", item=item_title(item, content), status=status)
        details = f'<dl class="inkl-pairs">{details}</dl>' if details else ""
        parts.append(f"<h5>{escape(heading)}</h5>{details}")
        if entry.reflection:
            parts.append(f"<p><strong>{escape(t('followup.reflection_short'))}</strong></p>")
    return f'<section class="inkl-followup-meeting">{"".join(parts)}</section>'


def history_html(workbook: Workbook, content: Content) -> str:
    """All meetings, newest first."""
    meetings = meetings_newest_first(workbook)
    if not meetings:
        return ""
    return "".join(meeting_html(workbook, meeting, content) for _, meeting in meetings)
