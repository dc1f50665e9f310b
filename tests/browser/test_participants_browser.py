"""Participants on their phones beside the projector, through a shared server: a phone joins by
its link, sees the facilitator's question and adds contributions that appear on the projector
and in the store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inkl_widgets.store.participant_links import issue_link
from inkl_widgets.store.session import WorkbookSession

from ..harness import eventually
from .test_accessibility import audit
from .test_app_browser import open_page
from .test_meeting_view import PROJECTOR

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("INKL_ARTEFACTS", "test-artefacts")) / "participants"


def projector_on(browser, shared, workbook_id: str):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{shared.base}/inkl/facilitator?key={shared.key}", wait_until="commit")
    open_page(page, f"{shared.base}/voila/render/06_moede.ipynb?workbook={workbook_id}")
    page.wait_for_selector(".inkl-deck .inkl-shown", state="visible")
    return context, page


def showing_a_question(shared, name: str) -> str:
    """A new workbook whose meeting shows step 1's first question group, as phones join."""
    workbook_id = shared.store.create(name)
    session = WorkbookSession(shared.store, workbook_id)
    session.edit("meeting_run/screen", "step1.q1")
    session.flush()
    return workbook_id


def phone_on(browser, shared, workbook_id: str):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    token = issue_link(shared.store, workbook_id)
    page.goto(f"{shared.base}/inkl/join/{token}", wait_until="commit")
    page.wait_for_selector(".inkl-participant", state="visible")
    return context, page


def close_contexts(*contexts) -> None:
    """Leave like people do, so that Voilà shuts each page's kernel down."""
    for context in contexts:
        for tab in context.pages:
            tab.close(run_before_unload=True)
        context.close()


def test_a_phone_adds_contributions_that_appear_on_the_projector(browser, shared):
    workbook_id = showing_a_question(shared, "Deltagerforeningen")
    projector_context, projector = projector_on(browser, shared, workbook_id)
    phone_context, phone = phone_on(browser, shared, workbook_id)
    try:
        expect(phone.get_by_role("heading", name="Deltag i mødet")).to_be_visible()
        phone.get_by_label("Dit navn på skærmen (kan udelades)", exact=True).fill("Mette")
        for words in ("Flere faste makkere", "En kaffeaften for nye"):
            phone.get_by_label("Dit bidrag", exact=True).fill(words)
            phone.get_by_role("button", name="Tilføj bidrag").click()
            expect(phone.get_by_label("Dit bidrag", exact=True)).to_have_value("")
        shown = projector.locator(".inkl-deck > .inkl-shown .inkl-contributions")
        expect(shown).to_contain_text("Flere faste makkere – Mette", timeout=15_000)
        expect(shown).to_contain_text("En kaffeaften for nye")
        eventually(lambda: len(shared.store.load(workbook_id).contributions) == 2)
        assert audit(phone) == []
        assert audit(projector) == []
        SHOTS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SHOTS / "phone-390x844.png"), full_page=True)
        projector.screenshot(path=str(SHOTS / "projector-1366x768.png"))
    finally:
        close_contexts(phone_context, projector_context)


def test_on_postgresql_a_phone_joins_by_the_projectors_link_and_is_shown_live(
    browser, shared_on_postgres
):
    """The meeting with the workbooks on PostgreSQL: the link the meeting view makes lets the
    phone in (the gate looks where the page stored it), the phone follows the facilitator to a
    question, and its contribution reaches the projector by ``LISTEN``/``NOTIFY``."""
    shared = shared_on_postgres
    workbook_id = shared.store.create("Foreningen på PostgreSQL")
    projector_context, projector = projector_on(browser, shared, workbook_id)
    phone_context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        projector.get_by_role("button", name="Vis link og QR-kode til deltagerne").click()
        link = projector.locator(".inkl-invite figure").get_by_role("link").get_attribute("href")
        phone = phone_context.new_page()
        phone.set_default_timeout(60_000)
        phone.goto(link, wait_until="commit")
        expect(phone.get_by_text("Når mødelederen viser et spørgsmål")).to_be_visible()
        focus = "Hvad vil I og de frivillige gerne have fokus på?"
        projector.locator(".inkl-goto", has_text=focus).click()
        phone.get_by_label("Dit bidrag", exact=True).fill("En makker til de første vagter")
        phone.get_by_role("button", name="Tilføj bidrag").click()
        shown = projector.locator(".inkl-deck > .inkl-shown .inkl-contributions")
        expect(shown).to_contain_text("En makker til de første vagter", timeout=15_000)
        stored = shared.store.load(workbook_id).contributions.values()
        assert [item.text for item in stored] == ["En makker til de første vagter"]
    finally:
        close_contexts(phone_context, projector_context)


def test_the_projector_shows_a_link_and_qr_code_that_lets_a_phone_in(browser, shared):
    workbook_id = shared.store.create("Invitationen")
    projector_context, projector = projector_on(browser, shared, workbook_id)
    phone_context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        projector.get_by_role("button", name="Vis link og QR-kode til deltagerne").click()
        invite = projector.locator(".inkl-invite figure")
        expect(
            invite.get_by_role("img", name="QR-kode med linket til deltagersiden")
        ).to_be_visible()
        expect(invite.locator("svg")).to_be_visible()
        link = invite.get_by_role("link").get_attribute("href")
        assert link.startswith(f"{shared.base}/inkl/join/")
        SHOTS.mkdir(parents=True, exist_ok=True)
        projector.screenshot(path=str(SHOTS / "invite-1366x768.png"))
        start = projector_context.new_page()
        start.set_default_timeout(60_000)
        open_page(start, f"{shared.base}/voila/render/00_start.ipynb?workbook={workbook_id}")
        start.get_by_role("button", name="Vis link og QR-kode til deltagerne").click()
        expect(start.locator(".inkl-invite figure svg")).to_be_visible()
        phone = phone_context.new_page()
        phone.set_default_timeout(60_000)
        phone.goto(link, wait_until="commit")
        expect(phone.get_by_role("heading", name="Deltag i mødet")).to_be_visible()
        expect(phone.get_by_text("Når mødelederen viser et spørgsmål")).to_be_visible()
    finally:
        close_contexts(phone_context, projector_context)


def test_twelve_phones_add_ten_contributions_each_and_vote_and_nothing_is_lost(browser, shared):
    workbook_id = showing_a_question(shared, "Tolv telefoner")
    projector_context, projector = projector_on(browser, shared, workbook_id)
    phones = [phone_on(browser, shared, workbook_id) for _ in range(12)]
    try:
        for number, (_context, phone) in enumerate(phones):
            phone.get_by_label("Dit navn på skærmen (kan udelades)", exact=True).fill(f"P{number}")
        for round_ in range(10):  # every phone adds one, then the next round: all at once
            for number, (_context, phone) in enumerate(phones):
                phone.get_by_label("Dit bidrag", exact=True).fill(f"Bidrag {round_} fra P{number}")
                phone.get_by_role("button", name="Tilføj bidrag").click()
        eventually(lambda: len(shared.store.load(workbook_id).contributions) == 120, timeout=120)
        stored = shared.store.load(workbook_id).contributions.values()
        expected = {f"Bidrag {r} fra P{n}" for r in range(10) for n in range(12)}
        assert {item.text for item in stored} == expected
        shown = projector.locator(".inkl-deck > .inkl-shown .inkl-contributions")
        expect(shown).to_contain_text("Bidrag fra mødet (120)", timeout=60_000)
        for _context, phone in phones:
            expect(phone.locator(".inkl-contributions")).to_contain_text(
                "Bidrag fra mødet (120)", timeout=60_000
            )
        # step 2: the room votes, three votes a phone; every vote counts once
        projector.keyboard.press("Home")  # the facilitator moves on; the phones follow
        projector.locator(".inkl-goto", has_text="Hvordan vil I inkludere fremover?").click()
        lead = phones[0][1]
        expect(lead.get_by_text("Hvordan vil I inkludere fremover?")).to_be_visible(timeout=30_000)
        for words in ("Alle stemmer", "Hver anden", "Hver tredje"):
            lead.get_by_label("Dit bidrag", exact=True).fill(words)
            lead.get_by_role("button", name="Tilføj bidrag").click()
            expect(lead.get_by_label("Dit bidrag", exact=True)).to_have_value("")
        wanted = {
            "Alle stemmer": range(12),
            "Hver anden": range(0, 12, 2),
            "Hver tredje": range(0, 12, 3),
        }
        for words, voters in wanted.items():
            for number in voters:
                row = phones[number][1].locator(".inkl-contribution", has_text=words)
                row.get_by_role("button", name=f"Stem på »{words}«", exact=True).click()
        for words, voters in wanted.items():
            expect(shown.locator(".inkl-contribution", has_text=words)).to_contain_text(
                f"({len(voters)} stemmer)", timeout=60_000
            )
        votes = [v for v in shared.store.load(workbook_id).votes.values() if not v.withdrawn]
        assert len(votes) == 12 + 6 + 4
        sizes = shared.kernel_sizes_mib()
        print(
            f"kernels: {len(sizes)}, MiB each: median {sorted(sizes)[len(sizes) // 2]:.0f}, "
            f"max {max(sizes):.0f}, total {sum(sizes):.0f}"
        )
    finally:
        for context, _phone in [*phones, (projector_context, projector)]:
            for tab in context.pages:
                tab.close(run_before_unload=True)
            context.close()


def test_a_fast_second_contribution_is_neither_merged_nor_wiped(browser, shared):
    """Type, add, and type the next at once: two contributions, and the words typed after
    pressing "Add" stay in the field until they are added themselves."""
    workbook_id = shared.store.create("Hurtige fingre")
    session = WorkbookSession(shared.store, workbook_id)
    session.edit("meeting_run/screen", "step1.q1")
    session.flush()
    phone_context, phone = phone_on(browser, shared, workbook_id)
    try:
        field = phone.get_by_label("Dit bidrag", exact=True)
        add = phone.get_by_role("button", name="Tilføj bidrag")
        field.press_sequentially("Første idé")
        add.click()
        field.press_sequentially("Anden idé")
        add.click()
        field.press_sequentially("Tredje idé")  # typed after pressing, and not added yet
        eventually(lambda: len(shared.store.load(workbook_id).contributions) >= 2, timeout=30)
        expect(phone.locator(".inkl-contributions")).to_contain_text("Anden idé")
        expect(field).to_have_value("Tredje idé")
        add.click()
        eventually(lambda: len(shared.store.load(workbook_id).contributions) >= 3, timeout=30)
        expect(field).to_have_value("")
        stored = shared.store.load(workbook_id).contributions.values()
        assert sorted(item.text for item in stored) == ["Anden idé", "Første idé", "Tredje idé"]
        field.fill("x" * 501)  # refused: the words stay for the participant to shorten
        add.click()
        expect(phone.get_by_text("højst være 500 tegn")).to_be_visible()
        expect(field).to_have_value("x" * 501)
    finally:
        for tab in phone_context.pages:
            tab.close(run_before_unload=True)
        phone_context.close()
