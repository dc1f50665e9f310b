"""Participants' contributions as plain data: the fields a new one is saved as, and the ones a
screen shows, oldest first."""

from __future__ import annotations

import secrets
import time

from inkl_widgets.model.fields import field_path
from inkl_widgets.model.workbook import Contribution, Workbook

ROOT = "contributions"


def new_contribution(screen: str, text: str, author: str = "") -> tuple[str, dict[str, object]]:
    """A fresh id and the fields that save a contribution (one write, each with its history).
    The id starts with the time in nanoseconds, so ids sort in the order they were added, and
    ends at random, so that twelve phones adding at once never pick the same one."""
    item_id = f"{time.time_ns():016x}-{secrets.token_hex(3)}"
    values: dict[str, object] = {
        field_path(ROOT, item_id, "screen"): screen,
        field_path(ROOT, item_id, "author"): author.strip(),
        field_path(ROOT, item_id, "text"): text.strip(),
        field_path(ROOT, item_id, "added"): int(time.time()),
    }
    return item_id, values


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
