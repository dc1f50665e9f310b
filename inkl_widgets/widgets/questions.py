"""A step's reflection questions: a labelled answer field for each, the group's own questions,
and the step's notes."""

from __future__ import annotations

import secrets
from html import escape
from typing import cast

import ipywidgets as widgets

from inkl_widgets.content.model import Notes, QuestionGroup
from inkl_widgets.model.fields import field_path, path_parts
from inkl_widgets.model.workbook import StepId
from inkl_widgets.widgets.binding import (
    PLAIN,
    PageContext,
    StaticHTML,
    bound_text,
    button,
    static_html,
)
from inkl_widgets.widgets.lifetime import replace_children


def own_question(ctx: PageContext, path: str, label: str) -> widgets.Textarea:
    """A question of the group's own: a text area one line high that grows with its words, so a
    long question stays readable on a phone (a one-line input would hide most of it)."""
    field = bound_text(ctx, path, label, rows=1)
    field.add_class("inkl-own-question")
    return field


class QuestionGroupBox(widgets.VBox):
    """One question group: its guiding question as a heading, one answer field per question,
    the group's own questions, and a button to add another."""

    def __init__(self, ctx: PageContext, group: QuestionGroup):
        self.ctx, self.group = ctx, group
        self.add_button = button(ctx.content.t("questions.add_own"), "inkl-add")
        self.add_button.on_click(ctx.guard(lambda _: self.add_own_question()))
        self._own_ids: list[str] = []
        super().__init__(self._parts(), _dom_classes=("inkl-question-group",), layout=PLAIN)
        ctx.on_any(self, self._maybe_rebuild)

    def _own(self):
        return self.ctx.session.workbook.own_questions_in(self.group.id)

    def rebuild(self) -> None:
        """Show the group's own questions anew, closing the fields they replace."""
        replace_children(self, self._parts(), keep=(self.add_button,))

    def _parts(self) -> list[widgets.Widget]:
        ctx = self.ctx
        heading = static_html(f"<h2>{escape(self.group.title)}</h2>")
        fields = [
            bound_text(ctx, field_path("answers", question.id), question.text)
            for question in self.group.questions
        ]
        own = self._own()
        self._own_ids = [key for key, _ in own]
        for number, (key, _) in enumerate(own, start=1):
            fields += [
                own_question(
                    ctx,
                    field_path("own_questions", key, "question"),
                    ctx.content.t("questions.own_label", number=number),
                ),
                bound_text(
                    ctx,
                    field_path("own_questions", key, "answer"),
                    ctx.content.t("questions.own_answer", number=number),
                ),
            ]
        self.own_fields = fields[len(self.group.questions) :]
        return [heading, *fields, self.add_button]

    def _maybe_rebuild(self, path: str) -> None:
        own = path_parts(path)[0] == "own_questions"
        if own and [k for k, _ in self._own()] != self._own_ids:
            self.rebuild()

    def add_own_question(self) -> None:
        """Add an empty question of the group's own, and put the cursor in it."""
        key = secrets.token_hex(4)
        position = max((q.position for _, q in self._own()), default=0) + 1
        self.ctx.session.edit_many(
            {
                field_path("own_questions", key, "group"): self.group.id,
                field_path("own_questions", key, "position"): position,
            }
        )
        if self._own_ids[-1:] != [key]:
            self.rebuild()
        self.own_fields[-2].focus()


class NotesField(widgets.VBox):
    """The step's free-text notes, the common starting point for the next step."""

    def __init__(self, ctx: PageContext, step_id: str, notes: Notes):
        self.area = bound_text(ctx, field_path("notes", step_id), notes.label, rows=8)
        hint = static_html(f'<p class="inkl-hint">{escape(notes.hint)}</p>')
        super().__init__([self.area, hint], _dom_classes=("inkl-notes",), layout=PLAIN)


class EarlierNotes(StaticHTML):
    """Another step's notes, read-only, kept current when they change in another tab."""

    def __init__(self, ctx: PageContext, step_id: str):
        super().__init__("", "inkl-aside")
        self.ctx, self.step_id = ctx, step_id
        ctx.on_any(self, self.refresh)
        self.refresh()

    def refresh(self, path: str = "") -> None:
        if path and path != field_path("notes", self.step_id):
            return
        ctx = self.ctx
        text = ctx.session.workbook.notes.get(cast(StepId, self.step_id), "").strip()
        step = ctx.content.section(self.step_id)
        title = ctx.content.t("notes.from_step", number=step.number, name=step.name)
        body = (
            escape(text).replace("\n", "<br>")
            if text
            else f"<em>{escape(ctx.content.t('notes.none_yet'))}</em>"
        )
        self.value = (
            f'<aside aria-label="{escape(title)}"><h2>{escape(title)}</h2><p>{body}</p></aside>'
        )
