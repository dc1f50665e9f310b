"""The buttons beside contributions, through a shared server: on the phone and on the projector
each says which contribution it is for to a screen reader, and on the projector "Vis igen"
leaves the keyboard's focus on the next hidden contribution, not nowhere."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from inkl_widgets.content.loading import load_content
from inkl_widgets.domain.contributions import new_contribution
from inkl_widgets.store.session import WorkbookSession

from .test_accessibility import audit
from .test_participants_browser import close_contexts, phone_on, projector_on

pytestmark = pytest.mark.browser

WORDS = ("Faste makkere", "En kaffeaften", "Korte vagter")


def test_each_contribution_button_is_named_for_its_contribution_and_focus_follows(browser, shared):
    t = load_content("da").t
    screen = load_content("da").question_groups("step2")[0].id  # a screen the room votes on
    workbook_id = shared.store.create("Knapperne")
    session = WorkbookSession(shared.store, workbook_id)
    session.edit("meeting_run/screen", screen)
    for words in WORDS:
        session.edit_many(new_contribution(screen, words)[1])
    session.flush()
    projector_context, projector = projector_on(browser, shared, workbook_id)
    phone_context, phone = phone_on(browser, shared, workbook_id)
    shown = projector.locator(".inkl-deck > .inkl-shown")
    try:
        for words in WORDS:
            vote = phone.get_by_role("button", name=t("vote.give_to", text=words), exact=True)
            expect(vote).to_have_count(1)
            expect(vote).to_have_text(t("vote.give"))  # still short on the phone
            for key in ("into_answer_of", "hide_of", "into_plan_of"):
                named = t(f"contribution.{key}", text=words)
                expect(shown.get_by_role("button", name=named, exact=True)).to_have_count(1)
        assert audit(phone) == []
        for words in WORDS:
            shown.get_by_role("button", name=t("contribution.hide_of", text=words)).click()
        shown.get_by_role("button", name=t("contribution.hidden_open", count=3)).click()
        again = [t("contribution.show_again_of", text=words) for words in WORDS]
        shown.get_by_role("button", name=again[0], exact=True).focus()
        assert audit(projector) == []
        for following in again[1:]:
            projector.keyboard.press("Enter")
            expect(shown.get_by_role("button", name=following, exact=True)).to_be_focused()
        projector.keyboard.press("Enter")  # the last: the fold goes, the focus to the heading
        expect(shown.locator("h2").first).to_be_focused()
        expect(shown.locator(".inkl-contributions")).to_contain_text(WORDS[2])
    finally:
        close_contexts(phone_context, projector_context)
