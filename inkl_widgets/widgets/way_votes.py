"""Step 2's screen where the room prioritises the five ways in: on a phone, each way with a
button to give or take back one of the phone's few votes; on the projector, the ways ordered by
votes with their counts, each with a button that starts a plan row with the way as its focus.

The five rows are built once and only their texts, buttons and order change, so that a click
on a phone is never lost to a row being replaced while others vote.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from inkl_widgets.content.model import Way
from inkl_widgets.domain.contributions import VOTES, new_way_vote
from inkl_widgets.domain.plan import new_row_edits
from inkl_widgets.domain.way_votes import (
    WAY_VOTES_EACH,
    way_counts,
    way_votes_of,
    ways_by_votes,
    ways_in_plan,
)
from inkl_widgets.model.fields import field_path, path_parts
from inkl_widgets.widgets.binding import (
    NAMED_BY_TOOLTIP,
    PLAIN,
    PageContext,
    button,
    static_html,
)
from inkl_widgets.widgets.contributions import REDRAW_DELAY


class WayVotes(widgets.VBox):
    """The five ways in and the room's votes for them.

    Given ``voter`` (a phone's page), each way has a vote button and the phone's votes left are
    shown; without it (the projector), the ways are ordered by votes and can become plan rows.
    """

    def __init__(self, ctx: PageContext, voter: str = ""):
        super().__init__(_dom_classes=("inkl-ways",), layout=PLAIN)
        self.ctx, self.voter = ctx, voter
        self.ways = ctx.content.ways
        self.note = static_html("")
        self.texts = {way.id: static_html("") for way in self.ways}
        self.buttons = {way.id: self._button(way) for way in self.ways}
        self.rows = {
            way.id: widgets.VBox(
                [self.texts[way.id], self.buttons[way.id]], _dom_classes=("inkl-way",)
            )
            for way in self.ways
        }
        self.list = widgets.VBox(layout=PLAIN)
        self.children = [self.note, self.list]
        self._due = False
        self.refresh()
        ctx.on_any(self, self._changed)

    def _button(self, way: Way) -> widgets.Button:
        if self.voter:
            pressed = button("", "inkl-way-vote", NAMED_BY_TOOLTIP)
            pressed.on_click(self.ctx.guard(lambda _b: self._vote(way.id)))
        else:
            t = self.ctx.content.t
            pressed = button(
                t("contribution.into_plan"),
                "inkl-way-plan",
                NAMED_BY_TOOLTIP,
                tooltip=t("ways_vote.into_plan_of", way=way.label),
            )
            pressed.on_click(self.ctx.guard(lambda _b: self._into_plan(way.id)))
        return pressed

    def _changed(self, path: str) -> None:
        """Redraw once for a burst of votes (or plan rows, which mark a way as planned)."""
        if path_parts(path)[:1] in ((VOTES,), ("plan",)) and not self._due:
            self._due = True
            self.ctx.session.later(REDRAW_DELAY, self.ctx.guard(self.refresh))

    def refresh(self) -> None:
        self._due = False
        t = self.ctx.content.t
        workbook = self.ctx.session.workbook
        counts = way_counts(workbook)
        if self.voter:
            mine = way_votes_of(workbook, self.voter)
            left = WAY_VOTES_EACH - len(mine)
            self.note.value = f"<p>{escape(t('vote.left', left=left, each=WAY_VOTES_EACH))}</p>"
            for way in self.ways:
                key = "vote.take_back" if way.id in mine else "vote.give"
                pressed = self.buttons[way.id]
                pressed.description = t(key)
                pressed.tooltip = t(f"{key}_to", text=way.label)
                pressed.disabled = way.id not in mine and left <= 0
                self.texts[way.id].value = f"<p><strong>{escape(way.label)}</strong><br>" + (
                    f"{escape(way.text)}</p>"
                )
            self.list.children = [self.rows[way.id] for way in self.ways]
            return
        planned = ways_in_plan(workbook)
        self.note.value = f"<p>{escape(t('ways_vote.projector_hint', each=WAY_VOTES_EACH))}</p>"
        ordered = ways_by_votes(self.ways, counts)
        for way in ordered:
            count = escape(t("vote.count", count=counts.get(way.id, 0)))
            mark = f" ({escape(t('contribution.planned'))})" if way.id in planned else ""
            self.texts[
                way.id
            ].value = (
                f"<p><strong>{escape(way.label)} ({count})</strong>{mark} – {escape(way.text)}</p>"
            )
        self.list.children = [self.rows[way.id] for way in ordered]

    def _vote(self, way_id: str) -> None:
        """Give a vote, or take it back; the count left is checked here too, not only by the
        button being disabled, since a click can arrive before the phone shows the last vote."""
        session = self.ctx.session
        mine = way_votes_of(session.workbook, self.voter)
        if way_id in mine:
            session.edit(field_path(VOTES, mine[way_id], "withdrawn"), True)
        elif len(mine) < WAY_VOTES_EACH:
            session.edit_many(new_way_vote(way_id, self.voter))
        self.refresh()

    def _into_plan(self, way_id: str) -> None:
        """A new row, also for a way already in the plan: a way can hold several goals."""
        session = self.ctx.session
        row_id, edits = new_row_edits(session.workbook)
        edits[field_path("plan", row_id, "focus")] = way_id
        session.edit_many(edits)
        self.refresh()
