"""Participants' contributions as plain data: the fields a new one is saved as, and the ones a
screen shows, oldest first."""

from __future__ import annotations

import re
import secrets
import time

from inkl_widgets.model.fields import field_path
from inkl_widgets.model.workbook import Contribution, Workbook

ROOT = "contributions"
VOTES = "votes"
VOTING_STEP = "step2"  # where the room prioritises the potentials
VOTES_EACH = 3  # per participant and screen: few enough that a vote means a choice
VOTER_ID = re.compile(r"[0-9a-f]{32}")  # what the page's script keeps in the browser (inkl-page.js)


def new_contribution(screen: str, text: str, author: str = "") -> tuple[str, dict[str, object]]:
    """A fresh id and the fields that save a contribution (one write, each with its history).
    The id starts with the time in nanoseconds, so ids sort in the order they were added, and
    ends at random, so that twelve phones adding at once never pick the same one."""
    item_id = _new_id()
    values: dict[str, object] = {
        field_path(ROOT, item_id, "screen"): screen,
        field_path(ROOT, item_id, "author"): author.strip(),
        field_path(ROOT, item_id, "text"): text.strip(),
        field_path(ROOT, item_id, "added"): int(time.time()),
    }
    return item_id, values


def _new_id() -> str:
    return f"{time.time_ns():016x}-{secrets.token_hex(3)}"


def contribution_field(item_id: str, name: str) -> str:
    return field_path(ROOT, item_id, name)


def on_screen(
    workbook: Workbook, screen: str, with_hidden: bool = False
) -> list[tuple[str, Contribution]]:
    """The contributions to ``screen`` with text, oldest first."""
    shown = [
        (item_id, item)
        for item_id, item in workbook.contributions.items()
        if item.screen == screen and item.text and (with_hidden or not item.hidden)
    ]
    return sorted(shown, key=lambda pair: pair[0])


def new_vote(contribution_id: str, voter: str) -> dict[str, object]:
    """The fields that save one vote (a record of its own, so that votes from twelve phones
    at once never write the same field)."""
    return _vote_fields("contribution", contribution_id, voter)


def new_way_vote(way_id: str, voter: str) -> dict[str, object]:
    """The fields that save one vote for one of the five ways in (its contribution stays
    "none")."""
    return _vote_fields("way", way_id, voter)


def _vote_fields(target: str, target_id: str, voter: str) -> dict[str, object]:
    vote_id = _new_id()
    return {
        field_path(VOTES, vote_id, target): target_id,
        field_path(VOTES, vote_id, "voter"): voter,
    }


def vote_counts(workbook: Workbook) -> dict[str, int]:
    """Votes per contribution, withdrawn ones and votes for a way not counted."""
    counts: dict[str, int] = {}
    for vote in workbook.votes.values():
        if not vote.withdrawn and not vote.way:
            counts[vote.contribution] = counts.get(vote.contribution, 0) + 1
    return counts


def votes_of(workbook: Workbook, voter: str, screen: str) -> dict[str, str]:
    """A participant's live votes on ``screen``: contribution id to vote id."""
    on = {item_id for item_id, item in workbook.contributions.items() if item.screen == screen}
    return {
        vote.contribution: vote_id
        for vote_id, vote in workbook.votes.items()
        if vote.voter == voter and not vote.withdrawn and vote.contribution in on
    }


def is_voter_id(value: object) -> bool:
    """Whether ``value`` has the shape of the id a browser keeps for its votes; anything else
    (a forged message) is not taken as a voter."""
    return isinstance(value, str) and VOTER_ID.fullmatch(value) is not None


def new_voter_id() -> str:
    """An id for one page load's votes, in the shape a browser keeps: used where the browser
    cannot keep one (storage refused) or its script never reports."""
    return secrets.token_hex(16)
