"""Earlier versions of a page's fields: listed newest first with when, and put back."""

from __future__ import annotations

import pytest

from inkl_widgets.pages.app import open_workbook, show
from inkl_widgets.widgets.versions import EarlierVersions

from .test_pages import walk

PATH = "answers/step1.q1.1"


@pytest.fixture(autouse=True)
def typed_a_while_ago(monkeypatch):
    """The group typed the field more than a few seconds before putting a version back (a page
    leaves a field alone while it is being typed in)."""
    monkeypatch.setattr("inkl_widgets.store.session.TYPING_GRACE", 0.0)


def test_an_answer_can_be_put_back_as_it_was(ctx, store, demo_id):
    first = ctx.session.value(PATH, "")
    ctx.session.edit(PATH, "Et nyt svar")
    ctx.session.flush()
    versions = EarlierVersions(ctx, "step1")
    versions.list_fields()
    question = ctx.content.question_groups("step1")[0].questions[0].text
    assert (question, PATH) in list(versions.chooser.options)
    versions.chooser.value = PATH
    current, earlier = versions.versions_box.children[:2]
    assert "Som det står nu" in current.value and "Et nyt svar" in current.value
    put_back = earlier.children[1]
    assert put_back.description.startswith("Sæt udgaven fra ")
    put_back.click()
    assert store.load(demo_id).answers["step1.q1.1"] == first
    assert ctx.session.value(PATH, "") == first
    assert "sat tilbage" in versions.status.value
    assert first[:30] in versions.versions_box.children[0].value  # now the current one


def put_back_after_typing(demo_id: str, typed: str):
    """Type into step 1's first answer, then put back its value before that from the page's
    earlier versions; the answer field and the value it had."""
    page = show(open_workbook(demo_id), "step1")
    versions = next(w for w in walk(page) if isinstance(w, EarlierVersions))
    question = versions.ctx.content.question_groups("step1")[0].questions[0].text
    answer = next(w for w in walk(page) if getattr(w, "description", "") == question)
    before = answer.value
    answer.value = typed
    versions.ctx.session.flush()
    versions.list_fields()
    versions.chooser.value = PATH
    versions.versions_box.children[1].children[1].click()
    return answer, before


def test_the_field_on_the_page_shows_the_value_put_back(store, demo_id):
    answer, before = put_back_after_typing(demo_id, "Skrevet på mødet")
    assert answer.value == before


def test_a_value_put_back_right_after_typing_shows_at_once(store, demo_id, monkeypatch):
    monkeypatch.setattr("inkl_widgets.store.session.TYPING_GRACE", 3.0)
    answer, before = put_back_after_typing(demo_id, "Skrevet for et øjeblik siden")
    assert answer.value == before


def test_a_page_with_nothing_changed_says_so(ctx):
    versions = EarlierVersions(ctx, "step4")
    versions.list_fields()
    assert versions.chooser is None and "ændret endnu" in versions.status.value
