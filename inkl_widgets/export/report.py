"""The report notebook: a filled workbook as a notebook that nbconvert turns into one HTML file.

Each part of the report (cover, meeting plan, the four steps, credits) is a code cell without
source holding one ``text/html`` output rendered here from the workbook model, never from saved
widget state. User text never passes through Markdown or Jinja, where ``$x$`` would become
maths and raw HTML would survive: every piece of it is escaped with ``html.escape`` here.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from html import escape
from typing import TYPE_CHECKING, cast

from inkl_widgets.content.loading import Content
from inkl_widgets.content.markup import element_html, user_text
from inkl_widgets.content.model import (
    PLAN_COLUMNS,
    Agenda,
    FollowUp,
    Notes,
    Plan,
    QuestionGroup,
    Questions,
    Section,
)
from inkl_widgets.domain.contributions import VOTING_STEP
from inkl_widgets.domain.followup import entries_in_plan_order, meetings_in_order
from inkl_widgets.domain.plan import focus_label, format_time
from inkl_widgets.domain.way_votes import way_counts, ways_by_votes
from inkl_widgets.model.workbook import FollowUpMeeting, PlanItem, StepId, Workbook

if TYPE_CHECKING:
    from nbformat import NotebookNode


def report_notebook(
    workbook: Workbook, content: Content, include_texts: bool = False
) -> NotebookNode:
    """The report of a workbook, one cell per part; its metadata carry the title and language.

    Parameters
    ----------
    include_texts
        Also show each step's texts (tips, facts, examples). A board usually wants only its
        answers, so they are left out unless asked for.
    """
    # nbformat loads its schema checkers on import, about a second: only a report pays for it
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    report = _Report(workbook, content, dt.date.today())
    parts = {
        "cover": report.cover(),
        "meeting": report.meeting_plan(),
        **{step.id: report.step(step, include_texts) for step in content.steps},
        "credits": report.credits(),
    }
    title = content.t("page.title", page=workbook.name, app=content.t("app.title"))
    cells = [
        new_code_cell(id=name, outputs=[new_output("display_data", data={"text/html": html})])
        for name, html in parts.items()
    ]
    metadata = {
        "title": title,
        "inkl": {
            "language": workbook.language,
            "workbook": workbook.id,
            "include_texts": include_texts,
        },
    }
    return new_notebook(cells=cells, metadata=metadata)


def paragraphs(text: str) -> str:
    """User text as paragraphs: a blank line starts a new one, a line break stays a line break."""
    blocks = re.split(r"\n[ \t]*\n", text.strip())
    return "".join(f"<p>{user_text(block)}</p>" for block in blocks)


def lines(text: str) -> str:
    """A plan cell: several lines (one sub-goal or action each) become a list, one stays text."""
    items = [line.strip() for line in text.splitlines() if line.strip()]
    if len(items) < 2:
        return user_text(text.strip())
    return '<ul class="inkl-lines">' + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def described(rows: list[tuple[str, str]]) -> str:
    """Label and value pairs as a description list; labels are escaped, values are HTML."""
    items = "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in rows)
    return f"<dl>{items}</dl>"


class _Report:
    """The parts of one workbook's report, in the content's language."""

    def __init__(self, workbook: Workbook, content: Content, today: dt.date):
        self.workbook, self.content, self.t, self.today = workbook, content, content.t, today

    def written(self, text: str, marker_key: str = "export.empty") -> str:
        """What the group wrote, or a visible mark that nothing was (e.g. "not answered")."""
        if text.strip():
            return paragraphs(text)
        return f'<p class="inkl-missing">{escape(self.t(marker_key))}</p>'

    def date(self, value: str) -> str:
        """A stored date or week as the board reads it, or a mark that none was set."""
        return escape(format_time(value, self.content)) if value else self.written("")

    def cover(self) -> str:
        workbook, t = self.workbook, self.t
        rows = [
            (t("export.organisation"), user_text(workbook.name)),
            (t("meeting.date"), self.date(workbook.meeting.date)),
            (t("export.cycle"), str(workbook.cycle)),
            (t("meeting.participants"), self.written(workbook.meeting.participants)),
            (t("export.exported"), self.date(self.today.isoformat())),
        ]
        return (
            f'<header class="inkl-cover"><h1>{escape(workbook.name)}</h1>'
            f'<p class="inkl-subtitle">{escape(t("app.title"))}</p>{described(rows)}</header>'
        )

    def meeting_plan(self) -> str:
        meeting, t = self.workbook.meeting, self.t
        html = f"<h2>{escape(t('meeting.title'))}</h2>" + described(
            [
                (t("meeting.date"), self.date(meeting.date)),
                (t("meeting.duration"), str(meeting.duration_minutes)),
            ]
        )
        agenda = self.content.section("usage").element("agenda")
        if isinstance(agenda, Agenda):
            for step in self.content.steps:
                item = meeting.agenda[cast(StepId, step.id)]
                rows = [(part.label, self.written(getattr(item, part.id))) for part in agenda.parts]
                title = t("page.step", number=step.number, name=step.name)
                html += f"<h3>{escape(title)}</h3>{described(rows)}"
        return f'<section class="inkl-meeting">{html}</section>'

    def step(self, step: Section, include_texts: bool) -> str:
        title = self.t("page.step", number=step.number, name=step.name)
        html = f"<h2>{escape(title)}</h2>"
        if step.heading and step.heading != step.name:
            html += f'<p class="inkl-subtitle">{escape(step.heading)}</p>'
        for element in step.elements:
            if isinstance(element, Questions):
                html += "".join(self.question_group(group) for group in element.groups)
                html += self.ways_priority() if step.id == VOTING_STEP else ""
            elif isinstance(element, Notes):
                html += self.notes(step.id)
            elif isinstance(element, Plan):
                heading = f"<h3>{escape(element.title)}</h3>"
                html += element_html(element, self.content) if include_texts else heading
                html += self.action_plan(element)
            elif isinstance(element, FollowUp):
                html += element_html(element, self.content) if include_texts else ""
                html += self.followups()
            elif include_texts:
                html += element_html(element, self.content)
        return f'<section class="inkl-step" id="{escape(step.id)}">{html}</section>'

    def question_group(self, group: QuestionGroup) -> str:
        html = f"<h3>{escape(group.title)}</h3>"
        for question in group.questions:
            answer = self.workbook.answers.get(question.id, "")
            html += self.answer(escape(question.text), answer)
        own = self.workbook.own_questions_in(group.id)
        written = [asked for _, asked in own if asked.question or asked.answer]
        for number, asked in enumerate(written, start=1):
            label = escape(self.t("questions.own_label", number=number))
            heading = f'<span class="inkl-own">{label}:</span> {user_text(asked.question)}'
            html += self.answer(heading, asked.answer)
        return f'<section class="inkl-group">{html}</section>'

    def ways_priority(self) -> str:
        """The five ways in, most votes first, if the room voted for them at the meeting."""
        counts = way_counts(self.workbook)
        if not counts:
            return ""
        items = "".join(
            f"<li>{escape(way.label)}: {escape(self.t('vote.count', count=counts.get(way.id, 0)))}"
            "</li>"
            for way in ways_by_votes(self.content.ways, counts)
        )
        heading = escape(self.t("ways_vote.report"))
        return f'<section class="inkl-ways-priority"><h3>{heading}</h3><ol>{items}</ol></section>'

    def answer(self, heading: str, answer: str) -> str:
        body = self.written(answer, "export.unanswered")
        return f'<div class="inkl-answer"><h4>{heading}</h4>{body}</div>'

    def notes(self, step_id: str) -> str:
        text = self.workbook.notes.get(cast(StepId, step_id), "")
        return (
            f'<section class="inkl-notes"><h3>{escape(self.t("export.notes"))}</h3>'
            f"{self.written(text, 'notes.none_yet')}</section>"
        )

    def status(self, status: str) -> str:
        return escape(self.t(f"plan.status.{status}"))

    def action_plan(self, plan: Plan) -> str:
        """The plan's rows as a table with the content's column headings, then its timeline."""
        rows = self.workbook.visible_plan()
        if not rows:
            return self.written("", "export.no_plan")
        head = "".join(
            f'<th scope="col" class="inkl-{c}">{escape(plan.columns[c])}</th>' for c in PLAN_COLUMNS
        )
        body = "".join(self.plan_row(item, plan) for _, item in rows)
        return (
            f'<table class="inkl-plan"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
            f"</table>{self.timeline()}"
        )

    def plan_row(self, item: PlanItem, plan: Plan) -> str:
        """One row; each cell names its column (``data-label``), for a phone's one-column view."""
        cells = {
            "focus": user_text(focus_label(item.focus, self.content)),
            "goal": lines(item.goal),
            "subgoals": lines(item.subgoals),
            "actions": lines(item.actions),
            "time": escape(format_time(item.time, self.content)),
            "roles": user_text(item.roles),
            "status": self.status(item.status),
        }
        row = ""
        if item.retired:
            retired = escape(self.t("export.retired"))
            cells["status"] += f'<span class="inkl-retired-label">{retired}</span>'
            row = ' class="inkl-retired"'
        return (
            f"<tr{row}>"
            + "".join(
                f'<td data-label="{escape(plan.columns[c], quote=True)}">{cells[c]}</td>'
                for c in PLAN_COLUMNS
            )
            + "</tr>"
        )

    def timeline(self) -> str:
        """The plan's timeline picture, or nothing while no item has a time.

        An SVG shown through ``<img>`` with a ``data:`` address runs no script and fetches
        nothing. The charts module is imported here, when a report is made: importing it (with
        matplotlib) took 0.5-0.9 s here, which a page that only offers the report need not pay.
        """
        from inkl_widgets.export.charts import timeline_svg

        svg = timeline_svg(self.workbook, self.content, self.today)
        if not svg:
            return ""
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        caption = escape(self.t("export.timeline"))
        return (
            f'<figure class="inkl-timeline"><img src="data:image/svg+xml;base64,{data}" '
            f'alt="{caption}"><figcaption>{caption}</figcaption></figure>'
        )

    def followups(self) -> str:
        """Every follow-up meeting, oldest first, with what it said about each plan item."""
        html = f"<h3>{escape(self.t('export.followups'))}</h3>"
        meetings = meetings_in_order(self.workbook)
        if not meetings:
            return html + self.written("", "export.no_followups")
        plan = self.content.section("step3").element("plan")
        status_heading = plan.columns["status"] if isinstance(plan, Plan) else ""
        return html + "".join(self.followup_meeting(m, status_heading) for _, m in meetings)

    def followup_meeting(self, meeting: FollowUpMeeting, status_heading: str) -> str:
        t = self.t
        if meeting.date:
            title = t("export.followup.meeting", date=format_time(meeting.date, self.content))
        else:
            title = t("export.followup.undated")
        html = f"<h4>{escape(title)}</h4>"
        if meeting.next_meeting:
            html += described(
                [(t("export.followup.next_meeting"), self.date(meeting.next_meeting))]
            )
        for key, entry in entries_in_plan_order(self.workbook, meeting):
            item = self.workbook.plan.get(key)
            name = (item.goal or focus_label(item.focus, self.content)) if item else ""
            rows = [
                (status_heading, self.status(entry.status)),
                (t("export.followup.comment"), self.written(entry.comment)),
                (t("export.followup.additions"), self.written(entry.additions)),
                (t("export.followup.next_goal"), self.written(entry.next_goal)),
            ]
            reflection = ""
            if entry.reflection:
                reflection = f"<p>{escape(t('export.followup.reflection'))}</p>"
            html += (
                f'<div class="inkl-followup-item"><h5>{user_text(name or t("export.empty"))}</h5>'
                f"{described(rows)}{reflection}</div>"
            )
        return f'<section class="inkl-followup">{html}</section>'

    def credits(self) -> str:
        section = self.content.section("credits")
        body = "".join(element_html(element, self.content) for element in section.elements)
        return f'<section class="inkl-credits"><h2>{escape(section.title)}</h2>{body}</section>'
