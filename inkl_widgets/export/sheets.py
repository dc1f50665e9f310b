"""Two short papers beside the full report, made the same way (a notebook, nbconvert, the
``inkl_report`` template):

- the **status sheet** for the next board meeting: the plan with each item's status and owner,
  what the last follow-up agreed, and the next follow-up's date, on one A4 page for up to ten
  items;
- the **handout** to send before the meeting: the meeting plan with its agenda, and the steps'
  questions with room to write, no answers.

Everything the group typed is escaped here, as in the report.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import cast

from inkl_widgets.content.loading import Content
from inkl_widgets.content.markup import user_text
from inkl_widgets.content.model import Agenda, Plan
from inkl_widgets.domain.followup import meetings_newest_first
from inkl_widgets.domain.plan import format_time, plan_rows
from inkl_widgets.export.html_report import notebook_html
from inkl_widgets.export.report import described, lines
from inkl_widgets.model.workbook import StepId, Workbook

SHEETS = ("status", "handout")  # the kinds, as `inkl export --to` and the file names call them


def _date(value: str, content: Content) -> str:
    return escape(format_time(value, content)) if value else escape(content.t("plan.blank"))


def status_sheet(workbook: Workbook, content: Content, today: dt.date) -> str:
    """The plan's state for the board: one row per current item, the last follow-up's agreed
    goal beside it, the dates of the last and the next follow-up above."""
    t = content.t
    plan = content.section("step3").element("plan")
    columns = plan.columns if isinstance(plan, Plan) else {}
    meetings = meetings_newest_first(workbook)
    last = meetings[0][1] if meetings else None
    facts = [
        (t("export.organisation"), user_text(workbook.name)),
        (t("sheet.made"), _date(today.isoformat(), content)),
        (t("sheet.last_followup"), _date(last.date, content) if last else _date("", content)),
        (t("sheet.next_followup"), _date(last.next_meeting if last else "", content)),
    ]
    head = "".join(
        f'<th scope="col">{escape(label)}</th>'
        for label in (
            t("followup.item"),
            columns.get("goal", ""),
            columns.get("roles", ""),
            columns.get("time", ""),
            columns.get("status", ""),
            t("sheet.agreed"),
        )
    )
    rows = []
    for number, (key, item) in enumerate(plan_rows(workbook), start=1):
        entry = last.items.get(key) if last else None
        cells = [
            str(number),
            lines(item.goal),
            user_text(item.roles),
            escape(format_time(item.time, content)),
            escape(t(f"plan.status.{item.status}")),
            lines(entry.next_goal) if entry else "",
        ]
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    table = (
        f'<table class="inkl-status-sheet"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        if rows
        else f"<p>{escape(t('export.no_plan'))}</p>"
    )
    title = escape(t("sheet.status_title", name=workbook.name))
    return f'<section class="inkl-sheet"><h1>{title}</h1>{described(facts)}{table}</section>'


def handout(workbook: Workbook, content: Content) -> str:
    """The meeting plan and agenda as filled in, and every question of the steps with a box to
    write in: to read and think about before the meeting."""
    t = content.t
    meeting = workbook.meeting
    parts = [
        f"<h1>{escape(t('sheet.handout_title', name=workbook.name))}</h1>",
        f"<p>{escape(t('sheet.handout_intro'))}</p>",
        described(
            [
                (t("meeting.date"), _date(meeting.date, content)),
                (t("meeting.duration"), str(meeting.duration_minutes)),
                (t("meeting.participants"), user_text(meeting.participants) or ""),
            ]
        ),
    ]
    agenda = content.section("usage").element("agenda")
    if isinstance(agenda, Agenda):
        parts.append(f"<h2>{escape(t('sheet.agenda'))}</h2>")
        for step in content.steps:
            item = meeting.agenda[cast(StepId, step.id)]
            rows = [(part.label, user_text(getattr(item, part.id))) for part in agenda.parts]
            title = t("page.step", number=step.number, name=step.name)
            parts.append(f"<h3>{escape(title)}</h3>{described(rows)}")
    for step in content.steps:
        groups = content.question_groups(step.id)
        if not groups:
            continue
        title = t("page.step", number=step.number, name=step.name)
        parts.append(f'<h2 class="inkl-new-page">{escape(title)}</h2>')
        for group in groups:
            questions = [escape(q.text) for q in group.questions]
            questions += [
                user_text(own.question)
                for _, own in workbook.own_questions_in(group.id)
                if own.question.strip()
            ]
            items = "".join(f'<li>{q}<div class="inkl-write"></div></li>' for q in questions)
            parts.append(f"<h3>{escape(group.title)}</h3><ol>{items}</ol>")
    return f'<section class="inkl-sheet inkl-handout">{"".join(parts)}</section>'


def sheet_html(
    kind: str, workbook: Workbook, content: Content, today: dt.date | None = None
) -> str:
    """One of ``SHEETS`` as a self-contained HTML page, safe to mail and print."""
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    today = today or dt.date.today()
    html = (
        status_sheet(workbook, content, today) if kind == "status" else handout(workbook, content)
    )
    title = content.t(f"sheet.{kind}_title", name=workbook.name)
    cell = new_code_cell(id=kind, outputs=[new_output("display_data", data={"text/html": html})])
    metadata = {"title": title, "inkl": {"language": workbook.language, "kind": kind}}
    return notebook_html(new_notebook(cells=[cell], metadata=metadata))
