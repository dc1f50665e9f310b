"""Step 2's vote on the five ways in, through a shared server: the phones follow the facilitator
to the screen, each gives its two votes, the projector orders the ways as the votes arrive, and
the facilitator starts a plan row with the winning way as its focus."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from inkl_widgets.content.loading import load_content
from inkl_widgets.domain.way_votes import WAYS_SCREEN
from inkl_widgets.store.session import WorkbookSession

from ..harness import eventually
from .test_accessibility import audit
from .test_participants_browser import phone_on, projector_on

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots-room")


@pytest.mark.parametrize("language", ["da", "en"])
def test_phones_vote_for_the_five_ways_and_the_projector_orders_them_live(
    browser, shared, language
):
    content = load_content(language)
    t = content.t
    flexible, culture, competences, settings, _partners = (way.label for way in content.ways)
    workbook_id = shared.store.create(f"Vejene {language}")
    session = WorkbookSession(shared.store, workbook_id)
    last_group = content.question_groups("step2")[-1].id
    session.edit_many({"language": language, "meeting_run/screen": last_group})
    session.flush()
    projector_context, projector = projector_on(browser, shared, workbook_id)
    phones = [phone_on(browser, shared, workbook_id) for _ in range(2)]
    try:
        projector.keyboard.press("PageDown")  # the facilitator moves on; the phones follow
        shown = projector.locator(".inkl-deck > .inkl-shown")
        expect(shown.get_by_role("heading", name=t("ways_vote.title"))).to_be_visible()
        eventually(
            lambda: (
                WorkbookSession(shared.store, workbook_id).value("meeting_run/screen")
                == WAYS_SCREEN
            )
        )
        first, second = (phone for _context, phone in phones)
        for phone in (first, second):
            expect(phone.locator(".inkl-participant-screen")).to_contain_text(
                t("ways_vote.title"), timeout=30_000
            )
            expect(phone.locator(".inkl-way")).to_have_count(5)

        def vote(phone, label: str, key: str = "vote.give_to") -> None:
            phone.locator(".inkl-way", has_text=label).get_by_role(
                "button", name=t(key, text=label), exact=True
            ).click()

        vote(first, settings)
        vote(first, culture)
        expect(first.get_by_text(t("vote.left", left=0, each=2))).to_be_visible()
        unchosen = first.locator(".inkl-way", has_text=flexible).get_by_role("button")
        expect(unchosen).to_be_disabled()
        vote(second, settings)
        vote(second, competences)
        ways = shown.locator(".inkl-way")
        expect(ways.nth(0)).to_contain_text(settings, timeout=15_000)
        expect(ways.nth(0)).to_contain_text(f"({t('vote.count', count=2)})")
        vote(first, culture, "vote.take_back_to")  # and the projector follows
        expect(shown.locator(".inkl-way", has_text=culture)).to_contain_text(
            f"({t('vote.count', count=0)})", timeout=15_000
        )
        expect(ways.nth(1)).to_contain_text(competences)
        expect(unchosen).to_be_enabled()
        SHOTS.mkdir(parents=True, exist_ok=True)
        first.evaluate("document.querySelector('#rendered_cells').scrollTo(0, 0)")
        first.screenshot(path=str(SHOTS / f"phone-390x844-{language}.png"), full_page=True)
        projector.screenshot(path=str(SHOTS / f"projector-1366x768-{language}.png"))
        assert audit(first) == []
        assert audit(projector) == []
        ways.nth(0).get_by_role("button", name=t("contribution.into_plan")).click()
        eventually(
            lambda: (
                [item.focus for _key, item in shared.store.load(workbook_id).visible_plan()]
                == ["way.settings"]
            )
        )
        expect(ways.nth(0)).to_contain_text(t("contribution.planned"))
        votes = [v for v in shared.store.load(workbook_id).votes.values() if not v.withdrawn]
        assert sorted(v.way for v in votes) == ["way.competences", "way.settings", "way.settings"]
    finally:
        for context, _page in [*phones, (projector_context, projector)]:
            for tab in context.pages:
                tab.close(run_before_unload=True)
            context.close()
