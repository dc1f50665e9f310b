"""Two tabs type into one field at once: the later one wins, and the earlier one says so, shows
the stored words and puts its own back with one click."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..harness import eventually

pytestmark = pytest.mark.browser


def test_the_tab_written_over_says_so_and_puts_its_words_back(app, browser, danish):
    workbook_id = app.store.create("Samme felt")
    question = danish.question_groups("step1")[0].questions[0]
    context = browser.new_context()
    try:
        first, later = context.new_page(), context.new_page()
        for tab in (first, later):
            tab.set_default_timeout(60_000)
            tab.goto(app.url("01_beskriv_praksis.ipynb", workbook_id))
            tab.wait_for_selector(".inkl-page .inkl-stepper", state="visible")
        first.get_by_label(question.text, exact=True).fill("Vores ord fra første fane")
        later.get_by_label(question.text, exact=True).fill("Ord fra den anden fane")

        note = first.locator(".inkl-conflict")
        expect(note).to_contain_text("Nogen har ændret", timeout=20_000)
        expect(note).to_contain_text("Vores ord fra første fane")
        expect(first.get_by_label(question.text, exact=True)).to_have_value(
            "Ord fra den anden fane"
        )
        note.get_by_role("button", name="Sæt vores tekst tilbage").click()
        expect(note).to_have_count(0)
        expect(later.get_by_label(question.text, exact=True)).to_have_value(
            "Vores ord fra første fane", timeout=15_000
        )
    finally:
        for tab in context.pages:
            tab.close(run_before_unload=True)
        context.close()
    eventually(
        lambda: app.store.load(workbook_id).answers.get(question.id) == "Vores ord fra første fane"
    )
