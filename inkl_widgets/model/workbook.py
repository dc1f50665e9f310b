"""The filled workbook as plain data: what the group wrote, planned and followed up.

msgspec structs with strict types and no unknown fields are the single validation boundary:
the store, the import and the widgets all pass through them (``fields`` validates and names
the field at fault). msgspec rather than pydantic because every page's kernel imports the
model: pydantic cost a page about 0.1 s before it could show anything. This module never
imports ipywidgets.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Annotated, Literal, TypeAlias, cast, get_type_hints

from msgspec import Meta, Struct, field

SCHEMA_VERSION = 1
StepId = Literal["step1", "step2", "step3", "step4"]
STEP_IDS: tuple[StepId, ...] = ("step1", "step2", "step3", "step4")
STATUSES = ("not_started", "under_way", "done", "stuck")
AGENDA_PARTS = ("purpose", "knowledge", "responsible", "process", "when")

SHORT, MEDIUM, LONG = 500, 20_000, 2_000_000


class RealDate:
    """Marks a text field whose date (``2026-09-24``) or ISO week (``2026-W39``), if any, must
    exist in the calendar; the pattern beside it only says what it looks like."""

    @staticmethod
    def check(text: str) -> None:
        if text and not re.fullmatch(r"[0-9]{4}-W[0-9]{2}", text):
            dt.date.fromisoformat(text)
        elif text:
            year, week = int(text[:4]), int(text[6:])
            dt.date.fromisocalendar(year, week, 1)


# Patterns end in \Z: a regular expression's $ would also accept a newline at the end.
ShortText: TypeAlias = Annotated[str, Meta(max_length=SHORT)]
MediumText: TypeAlias = Annotated[str, Meta(max_length=MEDIUM)]
LongText: TypeAlias = Annotated[str, Meta(max_length=LONG)]
Name: TypeAlias = Annotated[str, Meta(min_length=1, max_length=SHORT)]
ItemId = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9-]{0,39}\Z")]
ContentId = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9._-]{0,79}\Z")]
ContentIdOrNone = Annotated[str, Meta(pattern=r"^([a-z0-9][a-z0-9._-]{0,79})?\Z")]
Status = Literal["not_started", "under_way", "done", "stuck"]
Position = Annotated[int, Meta(ge=0, le=1_000_000)]
DateText = Annotated[str, Meta(pattern=r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?\Z"), RealDate]
ClockTime = Annotated[str, Meta(pattern=r"^(([01][0-9]|2[0-3]):[0-5][0-9])?\Z")]
Minutes = Annotated[int, Meta(ge=0, le=24 * 60)]
# Seconds since 1970 (UTC); 0 means "not yet". Clocks are stored as moments, never as counters,
# so they keep running across screens, reloads, tabs and kernel restarts.
Moment = Annotated[int, Meta(ge=0, le=10**11)]
PlanTime = Annotated[
    str, Meta(pattern=r"^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-W[0-9]{2})?\Z"), RealDate
]


@cache
def dated_fields(record: type) -> tuple[str, ...]:
    """The fields of a record whose dates must exist."""
    hints = get_type_hints(record, include_extras=True)
    return tuple(
        name for name, hint in hints.items() if RealDate in getattr(hint, "__metadata__", ())
    )


class _Record(Struct, forbid_unknown_fields=True, kw_only=True):
    def __post_init__(self) -> None:
        for name in dated_fields(type(self)):
            RealDate.check(getattr(self, name))


class AgendaItem(_Record):
    """One step's line of the meeting agenda, in the brief's five parts a) to e)."""

    purpose: MediumText = ""
    knowledge: MediumText = ""
    responsible: ShortText = ""
    process: MediumText = ""
    when: ShortText = ""


def _agenda_per_step() -> dict[StepId, AgendaItem]:
    return {step: AgendaItem() for step in STEP_IDS}


# The brief's time per step: at least 30 minutes to look back in step 1; steps 2 and 3 need
# the longest talk; the follow-up is a shorter, recurring point.
STEP_MINUTES: dict[StepId, int] = {"step1": 30, "step2": 45, "step3": 45, "step4": 30}


def _minutes_per_step() -> dict[StepId, int]:
    return dict(STEP_MINUTES)


class MeetingPlan(_Record):
    date: DateText = ""
    start: ClockTime = ""
    duration_minutes: Minutes = 90
    participants: MediumText = ""
    agenda: dict[StepId, AgendaItem] = field(default_factory=_agenda_per_step)
    minutes: dict[StepId, Minutes] = field(default_factory=_minutes_per_step)

    def __post_init__(self) -> None:
        """A line for every step, also when a backup leaves some out: the report shows all four,
        and a stored agenda without lines would otherwise come back with them."""
        super().__post_init__()
        self.agenda = {step: self.agenda.get(step, AgendaItem()) for step in STEP_IDS}
        self.minutes = {step: self.minutes.get(step, STEP_MINUTES[step]) for step in STEP_IDS}


class Countdown(_Record):
    """One agenda item's countdown as moments: when it started, when it was paused (0 while it
    runs) and the minutes added; the time left is worked out from them and the clock."""

    started: Moment = 0
    paused: Moment = 0
    added_minutes: Minutes = 0

    def left(self, minutes: int, now: float) -> float:
        """Seconds left of ``minutes`` at ``now``; negative once the time is up."""
        if not self.started:
            return (minutes + self.added_minutes) * 60.0
        until = self.paused or now
        return (minutes + self.added_minutes) * 60.0 - (until - self.started)


class MeetingRun(_Record):
    """Where the meeting view is: the screen on the projector and each agenda item's countdown."""

    screen: ShortText = ""
    started: Moment = 0
    sound: bool = False
    countdowns: dict[StepId, Countdown] = field(default_factory=dict)

    def countdown(self, step: str) -> Countdown:
        """A step's countdown; one not yet started for a step the meeting has not reached."""
        return self.countdowns.get(cast(StepId, step), Countdown())


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
    items: dict[ItemId, FollowUpEntry] = field(default_factory=dict)


class Contribution(_Record):
    """A participant's short contribution to a question screen of the meeting, from a phone.

    ``author`` is the display name the participant chose ("" for none); the facilitator can
    hide a contribution from the projector, move it into the group's answer (``used``) or make
    it a row of the action plan (``planned``)."""

    screen: ContentId = "overview"
    text: ShortText = ""
    author: ShortText = ""
    added: Moment = 0
    hidden: bool = False
    used: bool = False
    planned: bool = False


class Vote(_Record):
    """One participant's vote in step 2, where the room prioritises: for a contribution, or,
    when ``way`` holds a way's content id (``way.culture``), for one of the five ways in.
    ``voter`` is the phone's page, not a person's name. ``way`` came later: a vote stored or
    backed up without it is a vote for its contribution."""

    contribution: ItemId = "none"
    way: ContentIdOrNone = ""
    voter: ItemId = "none"
    withdrawn: bool = False


class Workbook(_Record):
    """One organisation's filled workbook for one cycle of the four steps."""

    id: ItemId
    name: Name
    language: Annotated[str, Meta(pattern=r"^[a-z]{2,3}\Z")] = "da"
    cycle: Annotated[int, Meta(ge=1, le=1000)] = 1
    previous_id: ItemId | None = None
    created: DateText = ""
    meeting: MeetingPlan = field(default_factory=MeetingPlan)
    meeting_run: MeetingRun = field(default_factory=MeetingRun)
    answers: dict[ContentId, LongText] = field(default_factory=dict)
    own_questions: dict[ItemId, OwnQuestion] = field(default_factory=dict)
    notes: dict[StepId, LongText] = field(default_factory=dict)
    plan: dict[ItemId, PlanItem] = field(default_factory=dict)
    followups: dict[ItemId, FollowUpMeeting] = field(default_factory=dict)
    contributions: dict[ItemId, Contribution] = field(default_factory=dict)
    votes: dict[ItemId, Vote] = field(default_factory=dict)

    def visible_plan(self) -> list[tuple[str, PlanItem]]:
        """Plan rows not deleted, in the group's order."""
        rows = [(key, item) for key, item in self.plan.items() if not item.deleted]
        return sorted(rows, key=lambda row: (row[1].position, row[0]))

    def own_questions_in(self, group_id: str) -> list[tuple[str, OwnQuestion]]:
        rows = [
            (k, q) for k, q in self.own_questions.items() if q.group == group_id and not q.deleted
        ]
        return sorted(rows, key=lambda row: (row[1].position, row[0]))
