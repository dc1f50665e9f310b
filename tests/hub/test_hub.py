"""Hosted for many organisations: a board member logs in to JupyterHub, fills a step on her
organisation's server and her answer lands in PostgreSQL under her name; another member of her
board works in the same workbooks; a member of another organisation is refused there and sees
none of it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from inkl_widgets.store.database import open_store

from ..browser.test_app_browser import ready_or_reload
from ..harness import eventually

pytestmark = pytest.mark.hub


def log_in(page, hub, name: str) -> None:
    """Log in with the dummy authenticator; the hub then starts the organisation's server."""
    page.goto(hub.url("/hub/login"))
    page.fill("#username_input", name)
    page.fill("#password_input", "any")
    page.click("#login_submit")


def open_own_organisation(page, hub) -> None:
    """Past the hub's question whether the organisation's server may know who you are."""
    page.set_default_timeout(120_000)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url("**/voila/render/00_start.ipynb", wait_until="commit")
    ready_or_reload(page, timeout_ms=90_000)


def open_step_1(page, hub, workbook_id: str) -> None:
    """Step 1 of one of organisation A's workbooks, through the hub."""
    path = f"/user/foreningen_a/voila/render/01_beskriv_praksis.ipynb?workbook={workbook_id}"
    page.goto(hub.url(path), wait_until="commit")
    ready_or_reload(page, timeout_ms=90_000)


@pytest.fixture(scope="module")
def workbook_of_a(organisations) -> str:
    return open_store(organisations["foreningen_a"]).create("Foreningen A")


def test_a_member_fills_a_step_and_the_answer_is_stored_under_her_name(
    hub, organisations, workbook_of_a, page, danish
):
    log_in(page, hub, "anna")
    open_own_organisation(page, hub)
    expect(page.get_by_role("link", name="Foreningen A")).to_be_visible()
    open_step_1(page, hub, workbook_of_a)
    question = danish.question_groups("step1")[0].questions[0]
    page.get_by_label(question.text, exact=True).fill("Skrevet gennem hubben")
    expect(page.locator(".inkl-save")).to_contain_text("Gemt kl.")
    store = open_store(organisations["foreningen_a"])
    path = f"answers/{question.id}"
    (change,) = eventually(lambda: store.history(workbook_of_a, path=path))
    assert (change.new, change.author) == ("Skrevet gennem hubben", "anna")


def test_every_member_of_an_organisation_works_in_the_same_workbooks(
    hub, organisations, workbook_of_a, browser, danish
):
    question = danish.question_groups("step1")[0].questions[1]
    open_store(organisations["foreningen_a"]).set_field(
        workbook_of_a, f"answers/{question.id}", "Fra bestyrelsens forrige møde"
    )
    context = browser.new_context()
    page = context.new_page()
    log_in(page, hub, "asger")
    open_own_organisation(page, hub)
    open_step_1(page, hub, workbook_of_a)
    expect(page.get_by_label(question.text, exact=True)).to_have_value(
        "Fra bestyrelsens forrige møde"
    )
    context.close()


def test_a_member_of_another_organisation_is_refused_and_sees_none_of_it(
    hub, organisations, workbook_of_a, browser
):
    context = browser.new_context()
    page = context.new_page()
    log_in(page, hub, "bo")
    open_own_organisation(page, hub)
    assert "/user/foreningen_b/" in page.url
    expect(page.get_by_text("Foreningen A")).to_have_count(0)
    refused = page.goto(hub.url("/user/foreningen_a/voila/render/00_start.ipynb"))
    assert refused.status == 403
    assert "Skrevet gennem hubben" not in page.content()
    assert open_store(organisations["foreningen_b"]).list() == []
    context.close()
