"""The participant page without a kernel: it follows the facilitator's screen, adds
contributions field by field with their history, and refuses bad ones with a message."""

from __future__ import annotations

import contextlib
import json

import ipywidgets as widgets
import pytest
from traitlets import TraitError

from inkl_widgets.domain.meeting_screens import meeting_screens
from inkl_widgets.model.fields import field_path
from inkl_widgets.pages.participant import ParticipantPage
from inkl_widgets.store.session import WorkbookSession
from inkl_widgets.widgets.binding import PageContext

from .test_meeting_view import walk


def press_add(form, text: str, author: str = "") -> None:
    """What the page's script (``inkl-page.js``) does when "Add" is pressed: the words,
    numbered, after the last few sent before, into the form's hidden field."""
    sent = json.loads(form.sent.value or "[]")
    number = sent[-1]["number"] + 1 if sent else 1
    form.sent.value = json.dumps([*sent, {"number": number, "text": text, "author": author}])


def question_screen(danish) -> str:
    return next(screen.id for screen in meeting_screens(danish) if screen.kind == "questions")


def test_a_contribution_is_stored_field_by_field_and_listed(ctx, store, demo_id, danish):
    screen = question_screen(danish)
    ctx.session.edit(field_path("meeting_run", "screen"), screen)
    page = ParticipantPage(ctx)
    assert page.form in page.children and page.waiting not in page.children
    press_add(page.form, "  Flere faste makkere  ", "Mette")
    stored = store.load(demo_id).contributions
    [(item_id, item)] = stored.items()
    assert (item.screen, item.text, item.author) == (screen, "Flere faste makkere", "Mette")
    paths = {change.path for change in store.history(demo_id)}
    assert {field_path("contributions", item_id, name) for name in ("text", "author")} <= paths
    assert "Flere faste makkere" in page.list.shown.value and "Mette" in page.list.shown.value


def test_another_phones_contribution_appears_after_a_look(ctx, store, demo_id, danish):
    screen = question_screen(danish)
    ctx.session.edit(field_path("meeting_run", "screen"), screen)
    page = ParticipantPage(ctx)
    other = ParticipantPage(PageContext(WorkbookSession(store, demo_id), danish, store))
    press_add(other.form, "<b>Mentorordning</b>")
    ctx.session.poll()
    assert "&lt;b&gt;Mentorordning&lt;/b&gt;" in page.list.shown.value


def test_an_empty_or_too_long_contribution_saves_nothing_and_says_why(ctx, store, demo_id, danish):
    ctx.session.edit(field_path("meeting_run", "screen"), question_screen(danish))
    page = ParticipantPage(ctx)
    press_add(page.form, "")
    assert "Skriv dit bidrag først" in page.form.status.value
    press_add(page.form, "x" * 501)
    assert "højst være 500 tegn" in page.form.status.value
    assert store.load(demo_id).contributions == {}


def test_outside_a_question_screen_the_phone_waits(ctx):
    page = ParticipantPage(ctx)
    assert page.form not in page.children and page.waiting in page.children


def test_the_facilitator_moves_a_contribution_into_the_answer_or_hides_it(ctx, store, demo_id):
    from inkl_widgets.widgets.contributions import ContributionList

    group = ctx.content.question_groups("step1")[0]
    answer = field_path("answers", group.questions[0].id)
    phone = ParticipantPage(PageContext(WorkbookSession(store, demo_id), ctx.content, store))
    for words in ("Faste makkere", "Noget upassende"):
        phone.form.show_screen(group.id)
        press_add(phone.form, words)
    ctx.session.poll()
    before = str(ctx.session.value(answer, "")).rstrip()
    projector = ContributionList(ctx, group.id, answer)
    [keep, drop] = projector.actions.children
    keep.children[1].children[0].click()  # into the answer
    drop.children[1].children[1].click()  # hide
    stored = store.load(demo_id)
    assert stored.answers[group.questions[0].id] == f"{before}\n– Faste makkere".lstrip("\n")
    assert [item.text for item in stored.contributions.values() if item.used] == ["Faste makkere"]
    assert [item.text for item in stored.contributions.values() if item.hidden] == [
        "Noget upassende"
    ]
    assert len(projector.actions.children) == 1
    assert "i svaret" in projector.actions.children[0].children[0].value


def test_in_step_2_each_phone_has_three_votes_and_the_projector_orders_by_them(ctx, store, demo_id):
    from inkl_widgets.widgets.contributions import ContributionList

    group = ctx.content.question_groups("step2")[0]
    ctx.session.edit(field_path("meeting_run", "screen"), group.id)
    phones = [
        ParticipantPage(PageContext(WorkbookSession(store, demo_id), ctx.content, store))
        for _ in range(2)
    ]
    for words in ("Mentorer", "Faste opgaver", "Kaffeaften", "Makkerpar"):
        press_add(phones[0].form, words)
    for phone in phones:
        phone.ctx.session.poll()
        phone.list.refresh()

    def vote(phone, text):
        row = next(r for r in phone.list.actions.children if text in r.children[0].value)
        row.children[1].click()
        phone.list.refresh()

    first, second = phones
    for text in ("Makkerpar", "Faste opgaver", "Kaffeaften"):
        vote(first, text)
    assert "0 af 3" in first.list.shown.value
    assert all(
        r.children[1].disabled
        for r in first.list.actions.children
        if "Mentorer" in r.children[0].value
    )
    vote(first, "Mentorer")  # a click that arrives anyway (a forged message): no fourth vote
    assert (
        sum(v.voter == first.voter and not v.withdrawn for v in store.load(demo_id).votes.values())
        == 3
    )
    vote(first, "Kaffeaften")  # takes it back: one vote free again
    assert "1 af 3" in first.list.shown.value
    second.ctx.session.poll()
    vote(second, "Makkerpar")
    ctx.session.poll()
    projector = ContributionList(ctx, group.id, field_path("answers", group.questions[0].id))
    order = [row.children[0].value for row in projector.actions.children]
    assert "Makkerpar" in order[0] and "(2 stemmer)" in order[0]
    assert "Faste opgaver" in order[1] and "(1 stemme)" in order[1]
    assert "(0 stemmer)" in order[2]
    stored = store.load(demo_id).votes.values()
    assert sum(not v.withdrawn for v in stored) == 3 and len(stored) == 4


def test_a_prioritised_contribution_becomes_a_row_of_the_action_plan(ctx, store, demo_id):
    from inkl_widgets.widgets.contributions import ContributionList

    group = ctx.content.question_groups("step2")[1]
    phone = ParticipantPage(PageContext(WorkbookSession(store, demo_id), ctx.content, store))
    phone.form.show_screen(group.id)
    press_add(phone.form, "Faste makkerpar for nye frivillige")
    ctx.session.poll()
    rows_before = len(store.load(demo_id).visible_plan())
    projector = ContributionList(ctx, group.id, field_path("answers", group.questions[0].id))
    [row] = projector.actions.children
    plan_button = row.children[1].children[2]
    assert plan_button.description == "Til handleplanen"
    plan_button.click()
    stored = store.load(demo_id)
    plan = stored.visible_plan()
    assert len(plan) == rows_before + 1
    assert plan[-1][1].goal == "Faste makkerpar for nye frivillige"
    assert [item.planned for item in stored.contributions.values()] == [True]
    projector.refresh()
    assert projector.actions.children[0].children[1].children[2].disabled


@pytest.mark.parametrize("screen", ["step2.q1", "step2.ways"])
def test_forged_messages_to_every_widget_of_the_phone_touch_only_its_own_workbook(
    ctx, store, demo_id, danish, screen
):
    """Whatever a phone's browser sends, it reaches only the widgets of its own page, and they
    write only contributions and votes of its own workbook."""
    other = store.create("En anden forening")
    other_before = store.load(other)
    ctx.session.edit(field_path("meeting_run", "screen"), screen)
    ctx.session.flush()
    last = store.latest_sequence(demo_id)
    page = ParticipantPage(ctx)
    forged = [f"../{other}", other, "step1.q1", "x" * 10_000, "", "<script>", "\ud800"]
    for _ in range(2):
        for widget in walk(page):
            for value in forged:
                state = {"value": value} if "value" in widget.keys else {}
                with contextlib.suppress(TraitError):  # a refused value is what we want
                    widget.set_state({**state, "description": value})
            if isinstance(widget, widgets.Button) and not widget.disabled:
                widget.click()
    assert store.load(other) == other_before
    assert {change.path.split("/")[0] for change in store.history(demo_id, after=last)} <= {
        "contributions",
        "votes",
    }


def test_contributions_sent_together_are_added_once_each_in_order(ctx, store, demo_id, danish):
    """The browser may hold back one press behind another and send both in one update, or send
    the same again: each number is added once."""
    ctx.session.edit(field_path("meeting_run", "screen"), question_screen(danish))
    page = ParticipantPage(ctx)
    entry = [{"number": n, "text": f"Idé {n}", "author": "Mette"} for n in (1, 2, 3)]
    page.form.sent.value = json.dumps(entry[:1])
    page.form.sent.value = json.dumps(entry)
    page.form.sent.value = json.dumps(entry[1:])
    stored = sorted(store.load(demo_id).contributions.items())
    assert [item.text for _key, item in stored] == ["Idé 1", "Idé 2", "Idé 3"]


def test_a_forged_sent_value_adds_nothing(ctx, store, demo_id, danish):
    ctx.session.edit(field_path("meeting_run", "screen"), question_screen(danish))
    page = ParticipantPage(ctx)
    for forged in (
        "not json",
        "{}",
        "[1, 2]",
        '[{"number": "1", "text": "x", "author": ""}]',
        '[{"number": 1, "text": 5, "author": ""}]',
        '[{"number": 2, "text": "x"}]',
        "[" * 100_000,
    ):
        page.form.sent.value = forged
    assert store.load(demo_id).contributions == {}
    assert ctx.alerts.value == ""  # quietly nothing: no failure reached the page
