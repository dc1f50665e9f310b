"""The facilitator's work with the room's contributions on the projector, without a kernel:
"Into the answer" adds to the question the facilitator chose, and a hidden contribution can be
shown again (phones never list it)."""

from __future__ import annotations

from inkl_widgets.model.fields import field_path
from inkl_widgets.pages.participant import ParticipantPage
from inkl_widgets.store.session import WorkbookSession
from inkl_widgets.widgets.binding import PageContext
from inkl_widgets.widgets.contributions import ContributionList

from .test_participant_page import press_add


def added_from_a_phone(ctx, group_id: str, *texts: str) -> ParticipantPage:
    phone = ParticipantPage(
        PageContext(WorkbookSession(ctx.store, ctx.session.id), ctx.content, ctx.store)
    )
    phone.form.show_screen(group_id)
    phone.list.show_screen(group_id)
    for words in texts:
        press_add(phone.form, words)
    ctx.session.poll()
    return phone


def row_with(projector: ContributionList, text: str):
    return next(r for r in projector.actions.children if text in r.children[0].value)


def test_into_the_answer_adds_to_the_question_the_facilitator_chose(ctx, store, demo_id):
    group = ctx.content.question_groups("step1")[1]
    first, second = (field_path("answers", q.id) for q in group.questions[:2])
    ctx.session.edit_many(
        {
            field_path("own_questions", "oq9", "group"): group.id,
            field_path("own_questions", "oq9", "question"): "Hvem spørger vi?",
            field_path("own_questions", "oq9", "position"): 9,
        }
    )
    added_from_a_phone(ctx, group.id, "Faste makkere", "Spørg kommunen")
    before = store.load(demo_id)
    projector = ContributionList(ctx, group.id, first)
    choice = projector.choice.dropdown
    assert choice.description == "»Til svaret« føjer bidraget til svaret på"
    labels = [label for label, _path in choice.options]
    assert labels[0].startswith("1. ") and labels[1].startswith("2. ")
    assert any(
        label.startswith("Vores eget spørgsmål") and "Hvem spørger vi?" in label for label in labels
    )
    assert choice.value == first  # the first question until the facilitator chooses
    choice.value = second
    row_with(projector, "Faste makkere").children[1].children[0].click()
    choice.value = field_path("own_questions", "oq9", "answer")
    row_with(projector, "Spørg kommunen").children[1].children[0].click()
    stored = store.load(demo_id)
    assert stored.answers.get(group.questions[0].id, "") == before.answers.get(
        group.questions[0].id, ""
    )
    assert stored.answers[group.questions[1].id].endswith("– Faste makkere")
    assert stored.own_questions["oq9"].answer == "– Spørg kommunen"


def test_the_answers_to_choose_from_follow_the_groups_own_questions(ctx, store, demo_id):
    group = ctx.content.question_groups("step1")[0]
    added_from_a_phone(ctx, group.id, "Et bidrag")
    projector = ContributionList(ctx, group.id, field_path("answers", group.questions[0].id))
    count = len(projector.choice.dropdown.options)
    other = WorkbookSession(store, demo_id)
    other.edit_many(
        {
            field_path("own_questions", "oq7", "group"): group.id,
            field_path("own_questions", "oq7", "question"): "Nyt spørgsmål fra en anden fane",
        }
    )
    other.flush()
    ctx.session.poll()
    projector.refresh()
    assert len(projector.choice.dropdown.options) == count + 1


def test_a_hidden_contribution_is_folded_away_and_can_be_shown_again(ctx, store, demo_id):
    group = ctx.content.question_groups("step1")[0]
    phone = added_from_a_phone(ctx, group.id, "Behold mig", "Skjul mig")
    projector = ContributionList(ctx, group.id, field_path("answers", group.questions[0].id))
    assert projector.hidden.children == ()  # nothing hidden: nothing to unfold
    row_with(projector, "Skjul mig").children[1].children[1].click()
    projector.refresh()
    assert [r.children[0].value for r in projector.actions.children] == ["<p>Behold mig</p>"]
    toggle = projector.hidden.toggle
    assert toggle.description == "Vis skjulte bidrag (1)" and projector.hidden.rows.children == ()
    toggle.click()
    assert toggle.description == "Fold skjulte bidrag sammen (1)"
    [hidden_row] = projector.hidden.rows.children
    assert "Skjul mig" in hidden_row.children[0].value
    phone.ctx.session.poll()
    phone.list.refresh()
    assert "Behold mig" in phone.list.shown.value
    assert "Skjul mig" not in phone.list.shown.value  # phones never show hidden ones
    again = hidden_row.children[1]
    assert again.description == "Vis igen"
    again.click()
    projector.refresh()
    assert [c.hidden for c in store.load(demo_id).contributions.values()] == [False, False]
    assert len(projector.actions.children) == 2 and projector.hidden.children == ()
    phone.ctx.session.poll()
    phone.list.refresh()
    assert "Skjul mig" in phone.list.shown.value
