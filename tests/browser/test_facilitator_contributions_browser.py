"""The facilitator's work with the room's contributions on the projector, beside a phone, through
a shared server: "Into the answer" adds to the question chosen in the list above the
contributions, and a hidden contribution is folded away and can be shown again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from inkl_widgets.content.loading import load_content
from inkl_widgets.store.session import WorkbookSession

from ..harness import eventually
from .test_accessibility import audit
from .test_participants_browser import phone_on, projector_on
from .test_way_votes_browser import SHOTS

pytestmark = pytest.mark.browser


def test_the_facilitator_chooses_the_answer_and_shows_a_hidden_contribution_again(browser, shared):
    danish = load_content("da")
    t = danish.t
    group = danish.question_groups("step1")[0]
    workbook_id = shared.store.create("Svarforeningen")
    session = WorkbookSession(shared.store, workbook_id)
    session.edit("meeting_run/screen", group.id)
    session.flush()
    projector_context, projector = projector_on(browser, shared, workbook_id)
    phone_context, phone = phone_on(browser, shared, workbook_id)
    try:
        for words in ("Til det andet spørgsmål", "Noget upassende"):
            phone.get_by_label(t("participant.contribution"), exact=True).fill(words)
            phone.get_by_role("button", name=t("participant.add")).click()
            expect(phone.get_by_label(t("participant.contribution"), exact=True)).to_have_value("")
        shown = projector.locator(".inkl-deck > .inkl-shown .inkl-contributions")
        expect(shown).to_contain_text("Noget upassende", timeout=15_000)
        choice = shown.get_by_label(t("contribution.answer_to"), exact=True)
        expect(choice).to_have_value(re.compile(r"^1\. "))  # the first question at first
        choice.select_option(index=1)
        moved = shown.locator(".inkl-contribution", has_text="Til det andet spørgsmål")
        moved.get_by_role("button", name=t("contribution.into_answer")).click()
        expect(moved).to_contain_text(t("contribution.used"))
        second = group.questions[1].id
        eventually(
            lambda: (
                shared.store.load(workbook_id).answers.get(second) == "– Til det andet spørgsmål"
            )
        )
        assert shared.store.load(workbook_id).answers.get(group.questions[0].id, "") == ""
        rude = shown.locator(".inkl-contribution", has_text="Noget upassende")
        rude.get_by_role("button", name=t("contribution.hide")).click()
        toggle = shown.get_by_role("button", name=t("contribution.hidden_open", count=1))
        expect(toggle).to_be_visible()
        expect(phone.locator(".inkl-contributions")).not_to_contain_text(
            "Noget upassende", timeout=15_000
        )
        expect(shown.locator(".inkl-contribution", has_text="Noget upassende")).to_have_count(0)
        assert audit(projector) == []
        toggle.click()
        hidden = shown.locator(".inkl-hidden", has_text="Noget upassende")
        expect(hidden).to_be_visible()
        assert audit(projector) == []
        SHOTS.mkdir(parents=True, exist_ok=True)
        projector.screenshot(path=str(SHOTS / "projector-1366x768-hidden-and-answer-choice.png"))
        hidden.get_by_role("button", name=t("contribution.show_again")).click()
        expect(
            shown.locator(".inkl-contribution:not(.inkl-hidden)", has_text="Noget upassende")
        ).to_be_visible()
        expect(phone.locator(".inkl-contributions")).to_contain_text(
            "Noget upassende", timeout=15_000
        )
        expect(
            shown.get_by_role("button", name=re.compile(t("contribution.show_again")))
        ).to_have_count(0)
    finally:
        for context in (phone_context, projector_context):
            for tab in context.pages:
                tab.close(run_before_unload=True)
            context.close()
