"""How far the group has come in each step, for the stepper ("5 of 9 answered")."""

from __future__ import annotations

from inkl_widgets.content.loading import Content
from inkl_widgets.model.workbook import Workbook


def step_progress(workbook: Workbook, content: Content, step_id: str) -> str:
    """A short phrase for the stepper, in the content's language."""
    if step_id in ("step1", "step2"):
        groups = [group.id for group in content.question_groups(step_id)]
        questions = content.question_ids(step_id)
        own = [q for group in groups for _, q in workbook.own_questions_in(group)]
        answered = sum(1 for q in questions if workbook.answers.get(q, "").strip())
        answered += sum(1 for q in own if q.answer.strip())
        return content.t("progress.answered", done=answered, total=len(questions) + len(own))
    if step_id == "step3":
        rows = [item for _, item in workbook.visible_plan() if not item.retired]
        return content.t("progress.rows", count=len(rows))
    return content.t("progress.meetings", count=len(workbook.followups))
