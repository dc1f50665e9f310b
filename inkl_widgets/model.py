"""The filled workbook as plain data: what the group wrote, planned and followed up.

Pydantic models with ``extra="forbid"`` and strict types are the single validation boundary: the
store, the import and the widgets all pass through them. This module never imports ipywidgets.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

SCHEMA_VERSION = 1
STEP_IDS = ("step1", "step2", "step3", "step4")
STATUSES = ("not_started", "under_way", "done", "stuck")
AGENDA_PARTS = ("purpose", "knowledge", "responsible", "process", "when")

SHORT, MEDIUM, LONG = 500, 20_000, 2_000_000


def _real_date(text: str) -> str:
    if text and not re.fullmatch(r"[0-9]{4}-W[0-9]{2}", text):
        dt.date.fromisoformat(text)
    elif text:
        year, week = int(text[:4]), int(text[6:])
        dt.date.fromisocalendar(year, week, 1)
    return text


def _text(limit: int, minimum: int = 0):
    # pydantic itself refuses lone surrogates (error type ``string_unicode``)
    return Annotated[str, StringConstraints(min_length=minimum, max_length=limit)]


ShortText = _text(SHORT)
MediumText = _text(MEDIUM)
LongText = _text(LONG)
Name = _text(SHORT, minimum=1)
ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
ContentId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,79}$")]
StepId = Literal["step1", "step2", "step3", "step4"]
Status = Literal["not_started", "under_way", "done", "stuck"]
Position = Annotated[int, Field(ge=0, le=1_000_000)]
DateText = Annotated[
    str, StringConstraints(pattern=r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"), AfterValidator(_real_date)
]
PlanTime = Annotated[
    str,
    StringConstraints(pattern=r"^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-W[0-9]{2})?$"),
    AfterValidator(_real_date),
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, validate_assignment=True)


class AgendaItem(_Record):
    """One step's line of the meeting agenda, in the brief's five parts a) to e)."""

    purpose: MediumText = ""
    knowledge: MediumText = ""
    responsible: ShortText = ""
    process: MediumText = ""
    when: ShortText = ""


def _agenda_per_step() -> dict[str, AgendaItem]:
    return {step: AgendaItem() for step in STEP_IDS}


class MeetingPlan(_Record):
    date: DateText = ""
    duration_minutes: Annotated[int, Field(ge=0, le=24 * 60)] = 90
    participants: MediumText = ""
    agenda: dict[StepId, AgendaItem] = Field(default_factory=_agenda_per_step)

    @field_validator("agenda")
    @classmethod
    def _every_step(cls, agenda: dict[str, AgendaItem]) -> dict[str, AgendaItem]:
        """A line for every step, also when a backup leaves some out: the report shows all four,
        and a stored agenda without lines would otherwise come back with them."""
        return {step: agenda.get(step, AgendaItem()) for step in STEP_IDS}


class OwnQuestion(_Record):
    """A question the group added to a question group, with its answer."""

    group: ContentId = "step1.q1"
    question: MediumText = ""
    answer: LongText = ""
    position: Position = 0
    deleted: bool = False


class PlanItem(_Record):
    """A row of the action plan. Deleted rows can be undone; retired rows keep their history."""

    focus: ShortText = ""
    goal: MediumText = ""
    subgoals: MediumText = ""
    actions: MediumText = ""
    time: PlanTime = ""
    roles: ShortText = ""
    status: Status = "not_started"
    position: Position = 0
    retired: bool = False
    deleted: bool = False


class FollowUpEntry(_Record):
    """What one follow-up meeting said about one plan item (the brief's four points)."""

    status: Status = "not_started"
    comment: MediumText = ""
    additions: MediumText = ""
    next_goal: MediumText = ""
    reflection: bool = False


class FollowUpMeeting(_Record):
    date: DateText = ""
    next_meeting: DateText = ""
    items: dict[ItemId, FollowUpEntry] = Field(default_factory=dict)


class Workbook(_Record):
    """One organisation's filled workbook for one cycle of the four steps."""

    id: ItemId
    name: Name
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] = "da"
    cycle: Annotated[int, Field(ge=1, le=1000)] = 1
    previous_id: ItemId | None = None
    created: DateText = ""
    meeting: MeetingPlan = Field(default_factory=MeetingPlan)
    answers: dict[ContentId, LongText] = Field(default_factory=dict)
    own_questions: dict[ItemId, OwnQuestion] = Field(default_factory=dict)
    notes: dict[StepId, LongText] = Field(default_factory=dict)
    plan: dict[ItemId, PlanItem] = Field(default_factory=dict)
    followups: dict[ItemId, FollowUpMeeting] = Field(default_factory=dict)

    def visible_plan(self) -> list[tuple[str, PlanItem]]:
        """Plan rows not deleted, in the group's order."""
        rows = [(key, item) for key, item in self.plan.items() if not item.deleted]
        return sorted(rows, key=lambda row: (row[1].position, row[0]))

    def own_questions_in(self, group_id: str) -> list[tuple[str, OwnQuestion]]:
        rows = [
            (k, q) for k, q in self.own_questions.items() if q.group == group_id and not q.deleted
        ]
        return sorted(rows, key=lambda row: (row[1].position, row[0]))
