"""The facilitator's choice of the answer that "Into the answer" adds a contribution to: one of
the question group's questions or the group's own questions, the first by default.

One labelled dropdown above a screen's contributions rather than one beside each: a long list
of contributions stays one button wide on the projector, and a screen reader hears the choice
once, with its label.
"""

from __future__ import annotations

import ipywidgets as widgets

from inkl_widgets.model.fields import field_path
from inkl_widgets.widgets.binding import PageContext, labelled

OPTION_LENGTH = 60  # characters of a question shown in the list; the projector's column is narrow


def answer_options(ctx: PageContext, group_id: str) -> list[tuple[str, str]]:
    """Each answer of the group as (what the list shows, the answer's field path)."""
    t = ctx.content.t
    step = group_id.split(".")[0]
    group = next((g for g in ctx.content.question_groups(step) if g.id == group_id), None)
    questions = group.questions if group else []
    options = [
        (_short(f"{number}. {question.text}"), field_path("answers", question.id))
        for number, question in enumerate(questions, start=1)
    ]
    own = ctx.session.workbook.own_questions_in(group_id)
    options += [
        (
            _short(f"{t('questions.own_label', number=number)}: {asked.question}"),
            field_path("own_questions", key, "answer"),
        )
        for number, (key, asked) in enumerate(own, start=1)
    ]
    return options


def _short(text: str) -> str:
    return text if len(text) <= OPTION_LENGTH else text[: OPTION_LENGTH - 1].rstrip() + "…"


class AnswerChoice(widgets.VBox):
    """The dropdown of a group's answers; ``path`` is the chosen answer's field."""

    def __init__(self, ctx: PageContext, group_id: str, chosen: str = ""):
        super().__init__(_dom_classes=("inkl-answer-choice",), layout=widgets.Layout())
        self.ctx, self.group_id = ctx, group_id
        self.dropdown = labelled(
            widgets.Dropdown,
            description=ctx.content.t("contribution.answer_to"),
            layout=widgets.Layout(width="100%"),
        )
        self._first_choice = chosen
        self.children = [self.dropdown]
        self.refresh()

    @property
    def path(self) -> str:
        return str(self.dropdown.value or "")

    def refresh(self) -> None:
        """Take in the group's own questions as they are added; the choice stays if it can."""
        options = tuple(answer_options(self.ctx, self.group_id))
        if options == tuple(self.dropdown.options):
            return  # most redraws are new contributions: nothing to send to the browser
        chosen = self.dropdown.value or self._first_choice
        paths = [path for _label, path in options]
        with self.dropdown.hold_sync():
            self.dropdown.options = options
            self.dropdown.value = chosen if chosen in paths else (paths[0] if paths else None)
