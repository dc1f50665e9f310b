"""A phone's votes belong to its browser, without a kernel: no vote until the browser says which
voter it is, the votes it cast before a reload are its own again, and a forged id changes
nothing."""

from __future__ import annotations

import time

from inkl_widgets.domain.contributions import is_voter_id
from inkl_widgets.domain.way_votes import WAYS_SCREEN, way_counts
from inkl_widgets.model.fields import field_path
from inkl_widgets.pages.participant import ParticipantPage
from inkl_widgets.store.session import WorkbookSession
from inkl_widgets.widgets.binding import PageContext

BROWSER = "0123456789abcdef" * 2


class HeldBack:
    """A page's scheduler whose waiting work runs only when the test says so."""

    def __init__(self):
        self.waiting = []

    def call_later(self, _delay, callback):
        self.waiting.append(callback)

    def time(self) -> float:
        return time.monotonic()

    def run_all(self) -> None:
        waiting, self.waiting = self.waiting, []
        for callback in waiting:
            callback()


def phone_on_ways(ctx, scheduler=None) -> ParticipantPage:
    session = WorkbookSession(ctx.store, ctx.session.id, scheduler=scheduler)
    session.edit(field_path("meeting_run", "screen"), WAYS_SCREEN)
    return ParticipantPage(PageContext(session, ctx.content, ctx.store))


def vote_buttons(page: ParticipantPage) -> list:
    return [row.children[1] for row in page.ways.list.children]


def test_only_a_well_formed_id_is_a_voter():
    assert is_voter_id(BROWSER)
    for forged in ("", "abc", BROWSER.upper(), BROWSER + "0", f" {BROWSER}", None, 12, "../x"):
        assert not is_voter_id(forged)


def test_a_phone_waits_for_its_browser_before_it_can_vote(ctx):
    page = phone_on_ways(ctx, HeldBack())
    assert page.ways is None and page.loading in page.children
    page.browser_voter.field.value = "not an id"  # a forged message: still waiting
    assert page.ways is None and page.voter == ""
    page.browser_voter.field.value = BROWSER
    assert page.voter == BROWSER and page.ways in page.children
    assert not any(pressed.disabled for pressed in vote_buttons(page))


def test_votes_cast_before_a_reload_are_the_browsers_own_and_can_be_taken_back(ctx, store, demo_id):
    first = phone_on_ways(ctx, HeldBack())
    first.browser_voter.field.value = BROWSER
    for pressed in vote_buttons(first)[:2]:
        pressed.click()
    first.ctx.session.flush()  # saving waits on the held-back scheduler too
    again = phone_on_ways(ctx, HeldBack())  # the same browser, reloaded
    again.browser_voter.field.value = BROWSER
    assert "0 af 2" in again.ways.note.value
    mine = vote_buttons(again)[:2]
    assert [pressed.description for pressed in mine] == ["Tag stemmen tilbage"] * 2
    mine[0].click()
    again.ctx.session.flush()
    assert sum(way_counts(store.load(demo_id)).values()) == 1
    assert "1 af 2" in again.ways.note.value


def test_a_page_whose_script_never_reports_votes_under_an_id_for_this_load(ctx, store, demo_id):
    held = HeldBack()
    page = phone_on_ways(ctx, held)
    held.run_all()  # the backstop
    assert is_voter_id(page.voter) and page.voter != BROWSER
    vote_buttons(page)[0].click()
    page.ctx.session.flush()
    page.browser_voter.field.value = BROWSER  # a late report still makes the browser the voter
    assert page.voter == BROWSER and "2 af 2" in page.ways.note.value
    page.browser_voter.field.value = "f" * 32  # but nothing replaces the browser's own id
    assert page.voter == BROWSER
    assert {vote.voter for vote in store.load(demo_id).votes.values()} != {BROWSER}
