"""The room's priority of the five ways in, as plain data: step 2's screen where each phone
votes for the ways it would work on, and the ways ordered by the votes they got.

A vote for a way is a ``Vote`` record like a vote for a contribution (one record per vote, so
that twelve phones voting at once never write the same field), with the way's content id in
``way``.
"""

from __future__ import annotations

from inkl_widgets.content.model import Way
from inkl_widgets.domain.contributions import VOTING_STEP
from inkl_widgets.model.workbook import Workbook

WAYS_SCREEN = f"{VOTING_STEP}.ways"
# Two of five: with three, most ways get a vote from everyone and the order says little;
# with two, each phone has to leave out three, so the order shows what the room puts first.
WAY_VOTES_EACH = 2


def way_counts(workbook: Workbook) -> dict[str, int]:
    """Live votes per way id."""
    counts: dict[str, int] = {}
    for vote in workbook.votes.values():
        if vote.way and not vote.withdrawn:
            counts[vote.way] = counts.get(vote.way, 0) + 1
    return counts


def way_votes_of(workbook: Workbook, voter: str) -> dict[str, str]:
    """A phone's live votes for ways: way id to vote id."""
    return {
        vote.way: vote_id
        for vote_id, vote in workbook.votes.items()
        if vote.way and vote.voter == voter and not vote.withdrawn
    }


def ways_by_votes(ways: list[Way], counts: dict[str, int]) -> list[Way]:
    """The ways, most votes first; ties keep the content's order."""
    return sorted(ways, key=lambda way: -counts.get(way.id, 0))


def ways_in_plan(workbook: Workbook) -> set[str]:
    """The ways already the focus of a plan row still in the plan."""
    return {item.focus for _key, item in workbook.visible_plan() if not item.retired}
