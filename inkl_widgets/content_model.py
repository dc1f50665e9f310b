"""Typed objects for the workbook's texts, as read from a language's content files.

The kinds mirror the content brief: facts, tips, examples, questions, notes, the plan, the agenda.
Everything here is plain data: the widgets and the export read it, nothing writes it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

NonEmpty = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    id: NonEmpty
    kind: Literal["text"]
    title: str = ""
    body: NonEmpty


class Fact(_Strict):
    id: NonEmpty
    kind: Literal["fact"]
    title: NonEmpty
    body: NonEmpty


class Tip(_Strict):
    id: NonEmpty
    kind: Literal["tip"]
    title: NonEmpty
    items: Annotated[list[NonEmpty], Field(min_length=3, max_length=3)]


class Example(_Strict):
    id: NonEmpty
    kind: Literal["example"]
    title: NonEmpty
    body: NonEmpty


class Checklist(_Strict):
    id: NonEmpty
    kind: Literal["checklist"]
    title: NonEmpty
    items: Annotated[list[NonEmpty], Field(min_length=1)]


AGENDA_PARTS = ("purpose", "knowledge", "responsible", "process", "when")


class Labelled(_Strict):
    id: NonEmpty
    label: NonEmpty


class Agenda(_Strict):
    id: NonEmpty
    kind: Literal["agenda"]
    title: NonEmpty
    body: NonEmpty
    parts: list[Labelled]

    @field_validator("parts")
    @classmethod
    def _five_parts(cls, parts: list[Labelled]) -> list[Labelled]:
        if tuple(part.id for part in parts) != AGENDA_PARTS:
            raise ValueError(f"parts must be, in order: {', '.join(AGENDA_PARTS)}")
        return parts


class Question(_Strict):
    id: NonEmpty
    text: NonEmpty


class QuestionGroup(_Strict):
    id: NonEmpty
    title: NonEmpty
    questions: Annotated[list[Question], Field(min_length=1)]


class Questions(_Strict):
    id: NonEmpty
    kind: Literal["questions"]
    groups: Annotated[list[QuestionGroup], Field(min_length=1)]


class Way(_Strict):
    id: NonEmpty
    label: NonEmpty
    text: NonEmpty


class Ways(_Strict):
    id: NonEmpty
    kind: Literal["ways"]
    title: NonEmpty
    body: NonEmpty
    items: Annotated[list[Way], Field(min_length=1)]


class Notes(_Strict):
    id: NonEmpty
    kind: Literal["notes"]
    label: NonEmpty
    hint: NonEmpty


PLAN_COLUMNS = ("focus", "goal", "subgoals", "actions", "time", "roles", "status")


class PlanExample(_Strict):
    focus: NonEmpty
    goal: NonEmpty
    subgoals: NonEmpty
    actions: NonEmpty
    week: Annotated[int, Field(ge=1, le=53)]
    roles: NonEmpty


class Plan(_Strict):
    id: NonEmpty
    kind: Literal["plan"]
    title: NonEmpty
    body: NonEmpty
    columns: dict[str, NonEmpty]
    examples: list[PlanExample]

    @field_validator("columns")
    @classmethod
    def _all_columns(cls, columns: dict[str, str]) -> dict[str, str]:
        if set(columns) != set(PLAN_COLUMNS):
            raise ValueError(f"columns must be exactly: {', '.join(PLAN_COLUMNS)}")
        return columns


class FollowUp(_Strict):
    id: NonEmpty
    kind: Literal["followup"]
    title: NonEmpty
    body: NonEmpty
    points: Annotated[list[NonEmpty], Field(min_length=4, max_length=4)]


Element = Annotated[
    Text | Fact | Tip | Example | Checklist | Agenda | Questions | Ways | Notes | Plan | FollowUp,
    Field(discriminator="kind"),
]


class Section(_Strict):
    """A page's worth of content: the front matter, the usage guide, a step, the credits."""

    id: NonEmpty
    title: str = ""
    number: int | None = None
    name: str = ""
    heading: str = ""
    timebox_minutes: int | None = None
    elements: list[Element]

    def element(self, kind: str) -> Element | None:
        """The section's first element of a kind (a step has one questions block, one notes...)."""
        return next((e for e in self.elements if e.kind == kind), None)


class WorkbookTexts(_Strict):
    language: NonEmpty
    language_name: NonEmpty
    negative_words: list[NonEmpty]
    sections: Annotated[list[Section], Field(min_length=1)]
