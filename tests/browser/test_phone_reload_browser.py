"""A phone keeps its votes across a reload, through a shared server: the browser keeps the id
its votes are cast under, so after a reload they are still its own and can be taken back, and
the projector follows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inkl_widgets.content.loading import load_content
from inkl_widgets.domain.way_votes import WAY_VOTES_EACH, WAYS_SCREEN
from inkl_widgets.store.session import WorkbookSession

from ..harness import eventually
from .test_accessibility import audit
from .test_participants_browser import close_contexts, phone_on, projector_on

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots-voter")


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_phone_that_reloads_keeps_its_votes_and_can_take_one_back(browser, shared, language):
    content = load_content(language)
    t = content.t
    _flexible, culture, _competences, settings, _partners = (way.label for way in content.ways)
    workbook_id = shared.store.create(f"Genindlæst {language}")
    session = WorkbookSession(shared.store, workbook_id)
    session.edit_many({"language": language, "meeting_run/screen": WAYS_SCREEN})
    session.flush()
    projector_context, projector = projector_on(browser, shared, workbook_id)
    phone_context, phone = phone_on(browser, shared, workbook_id)
    try:
        for label in (settings, culture):
            phone.get_by_role("button", name=t("vote.give_to", text=label), exact=True).click()
        none_left = phone.get_by_text(t("vote.left", left=0, each=WAY_VOTES_EACH))
        expect(none_left).to_be_visible(timeout=15_000)
        eventually(lambda: len(shared.store.load(workbook_id).votes) == 2)
        phone.reload()
        expect(phone.locator(".inkl-way")).to_have_count(5, timeout=30_000)
        expect(none_left).to_be_visible()
        for label in (settings, culture):
            own = phone.locator(".inkl-way", has_text=label).get_by_role("button")
            expect(own).to_have_text(t("vote.take_back"))
        for way in content.ways:  # a screen reader hears which way each button is for
            key = "vote.take_back_to" if way.label in (settings, culture) else "vote.give_to"
            named = phone.get_by_role("button", name=t(key, text=way.label), exact=True)
            expect(named).to_have_count(1)
        SHOTS.mkdir(parents=True, exist_ok=True)
        phone.evaluate("document.querySelector('#rendered_cells').scrollTo(0, 0)")
        phone.screenshot(path=str(SHOTS / f"phone-ways-after-reload-{language}.png"))
        assert audit(phone) == []
        phone.locator(".inkl-way", has_text=culture).get_by_role("button").click()
        expect(phone.get_by_text(t("vote.left", left=1, each=WAY_VOTES_EACH))).to_be_visible()
        shown = projector.locator(".inkl-deck > .inkl-shown")
        expect(shown.locator(".inkl-way", has_text=culture)).to_contain_text(
            f"({t('vote.count', count=0)})", timeout=15_000
        )
        expect(shown.locator(".inkl-way", has_text=settings)).to_contain_text(
            f"({t('vote.count', count=1)})"
        )
        voters = {vote.voter for vote in shared.store.load(workbook_id).votes.values()}
        assert len(voters) == 1  # the reload voted as the same browser
    finally:
        close_contexts(phone_context, projector_context)


REFUSED_STORAGE = """Object.defineProperty(window, 'localStorage', {
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
});"""


def test_a_phone_whose_browser_refuses_storage_still_votes(browser, shared):
    workbook_id = shared.store.create("Privat vindue")
    session = WorkbookSession(shared.store, workbook_id)
    session.edit("meeting_run/screen", WAYS_SCREEN)
    session.flush()
    context, phone = phone_on(browser, shared, workbook_id)
    try:
        context.add_init_script(REFUSED_STORAGE)  # like private browsing that blocks storage
        phone.reload()
        assert phone.evaluate(
            "() => { try { return !window.localStorage; } catch (e) { return true; } }"
        )
        reported = phone.locator(".inkl-report-voter input")
        expect(reported).to_have_value(re.compile(r"^[0-9a-f]{32}$"))  # made for this load
        phone.get_by_role("button", name="Stem på »Fleksibel organisering«").click()
        expect(phone.get_by_text("Du har 1 af 2 stemmer tilbage")).to_be_visible(timeout=15_000)
        eventually(lambda: len(shared.store.load(workbook_id).votes) == 1)
    finally:
        close_contexts(context)
