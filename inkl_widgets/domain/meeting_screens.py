"""The meeting view's screens in the agenda's order, as plain data: the overview, then for each
step its agenda, one screen per question group (in step 2 then one where the room votes for the
five ways in), the action plan or the follow-up, the notes, and a closing screen. The widgets for
each kind are in ``widgets/screens.py``."""

from __future__ import annotations

from dataclasses import dataclass

from inkl_widgets.content.loading import Content
from inkl_widgets.content.model import FollowUp, Notes, Plan, Questions
from inkl_widgets.domain.contributions import VOTING_STEP
from inkl_widgets.domain.way_votes import WAYS_SCREEN

OVERVIEW, CLOSING = "overview", "closing"


@dataclass(frozen=True)
class Screen:
    """One screen: ``id`` is what the workbook stores as the current screen, ``step`` the agenda
    item whose countdown runs on it ("" for the overview and the closing screen)."""

    id: str
    kind: str
    step: str = ""
    group: str = ""


def meeting_screens(content: Content) -> list[Screen]:
    """Every screen of a meeting, in the order the facilitator moves through them."""
    screens = [Screen(OVERVIEW, "overview")]
    for step in content.steps:
        screens.append(Screen(f"{step.id}.agenda", "agenda", step.id))
        for element in step.elements:
            if isinstance(element, Questions):
                screens += [Screen(g.id, "questions", step.id, g.id) for g in element.groups]
                if step.id == VOTING_STEP:  # the room prioritises the five ways in
                    screens.append(Screen(WAYS_SCREEN, "ways", step.id))
            elif isinstance(element, Plan):
                screens.append(Screen(f"{step.id}.plan", "plan", step.id))
            elif isinstance(element, FollowUp):
                screens.append(Screen(f"{step.id}.followup", "followup", step.id))
            elif isinstance(element, Notes):
                screens.append(Screen(f"{step.id}.notes", "notes", step.id))
    screens.append(Screen(CLOSING, "closing"))
    return screens


def screen_index(screens: list[Screen], screen_id: object) -> int:
    """Where a stored screen is; the overview for an unknown one (the texts may have changed)."""
    return next((i for i, screen in enumerate(screens) if screen.id == screen_id), 0)
