"""Typed objects for the workbook's texts, as read from a language's content files.

The kinds mirror the content brief: facts, tips, examples, questions, notes, the plan, the agenda.
Everything here is plain data: the widgets and the export read it, nothing writes it. An
element's ``kind`` in the files says which of these it is.
"""

from __future__ import annotations

from typing import Annotated, TypeVar

from msgspec import Meta, Struct

NonEmpty = Annotated[str, Meta(min_length=1)]


class _Strict(Struct, frozen=True, forbid_unknown_fields=True):
    pass


class _Element(_Strict, tag_field="kind", frozen=True):
    @property
    def kind(self) -> str:
        return str(self.__struct_config__.tag)


class Text(_Element, tag="text", kw_only=True, frozen=True):
    id: NonEmpty
    title: str = ""
    body: NonEmpty


class Fact(_Element, tag="fact", frozen=True):
    id: NonEmpty
    title: NonEmpty
    body: NonEmpty


class Tip(_Element, tag="tip", frozen=True):
    id: NonEmpty
    title: NonEmpty
    items: Annotated[list[NonEmpty], Meta(min_length=3, max_length=3)]


class Example(_Element, tag="example", frozen=True):
    id: NonEmpty
    title: NonEmpty
    body: NonEmpty


class Checklist(_Element, tag="checklist", frozen=True):
    id: NonEmpty
    title: NonEmpty
    items: Annotated[list[NonEmpty], Meta(min_length=1)]


AGENDA_PARTS = ("purpose", "knowledge", "responsible", "process", "when")


class Labelled(_Strict, frozen=True):
    id: NonEmpty
    label: NonEmpty


class Agenda(_Element, tag="agenda", frozen=True):
    id: NonEmpty
    title: NonEmpty
    body: NonEmpty
    parts: list[Labelled]

    def __post_init__(self) -> None:
        if tuple(part.id for part in self.parts) != AGENDA_PARTS:
            raise ValueError(f"parts must be, in order: {', '.join(AGENDA_PARTS)}")


class Question(_Strict, frozen=True):
    id: NonEmpty
    text: NonEmpty


class QuestionGroup(_Strict, frozen=True):
    id: NonEmpty
    title: NonEmpty
    questions: Annotated[list[Question], Meta(min_length=1)]


class Questions(_Element, tag="questions", frozen=True):
    id: NonEmpty
    groups: Annotated[list[QuestionGroup], Meta(min_length=1)]


class Way(_Strict, frozen=True):
    id: NonEmpty
    label: NonEmpty
    text: NonEmpty


class Ways(_Element, tag="ways", frozen=True):
    id: NonEmpty
    title: NonEmpty
    body: NonEmpty
    items: Annotated[list[Way], Meta(min_length=1)]


class Notes(_Element, tag="notes", frozen=True):
    id: NonEmpty
    label: NonEmpty
    hint: NonEmpty


PLAN_COLUMNS = ("focus", "goal", "subgoals", "actions", "time", "roles", "status")


class PlanExample(_Strict, frozen=True):
    focus: NonEmpty
    goal: NonEmpty
    subgoals: NonEmpty
    actions: NonEmpty
    week: Annotated[int, Meta(ge=1, le=53)]
    roles: NonEmpty


class Plan(_Element, tag="plan", frozen=True):
    id: NonEmpty
    title: NonEmpty
    body: NonEmpty
    columns: dict[str, NonEmpty]
    examples: list[PlanExample]

    def __post_init__(self) -> None:
        if set(self.columns) != set(PLAN_COLUMNS):
            raise ValueError(f"columns must be exactly: {', '.join(PLAN_COLUMNS)}")


class FollowUp(_Element, tag="followup", frozen=True):
    id: NonEmpty
    title: NonEmpty
    body: NonEmpty
    points: Annotated[list[NonEmpty], Meta(min_length=4, max_length=4)]


Element = (
    Text | Fact | Tip | Example | Checklist | Agenda | Questions | Ways | Notes | Plan | FollowUp
)


E = TypeVar("E")  # an element class, for ``Section.first``


class Section(_Strict, kw_only=True, frozen=True):
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

    def first(self, kind: type[E]) -> E:
        """The section's first element of class ``kind``, for one the content check requires
        (step 3's plan, the usage section's agenda)."""
        return next(e for e in self.elements if isinstance(e, kind))


class WorkbookTexts(_Strict, frozen=True):
    language: NonEmpty
    language_name: NonEmpty
    negative_words: list[NonEmpty]
    sections: Annotated[list[Section], Meta(min_length=1)]
