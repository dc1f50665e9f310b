"""Pages build from the content and the model; edits made in their inputs reach the store."""

from __future__ import annotations

import re

import ipywidgets as widgets
import pytest

from inkl_widgets.pages.address_page import AddressedPage
from inkl_widgets.pages.app import open_workbook, show
from inkl_widgets.pages.step import StepPage
from inkl_widgets.store.portable import import_backup
from inkl_widgets.store.session import WorkbookSession
from inkl_widgets.widgets.binding import PageContext
from inkl_widgets.widgets.clock import MeetingClocks
from inkl_widgets.widgets.date_field import DateField
from inkl_widgets.widgets.timer import FacilitationTimer

PAGE_RULES = re.compile(r"<style[^>]*>[^<]*\.inkl-")  # a stylesheet of the page's classes


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def inputs(page, kind=widgets.Textarea):
    return [w for w in walk(page) if isinstance(w, kind)]


def html_of(page) -> str:
    return "\n".join(w.value for w in walk(page) if isinstance(w, widgets.HTML))


@pytest.fixture
def workbook_id(store, demo):
    return import_backup(store, demo)


@pytest.fixture
def empty_id(store):
    return store.create("Foreningen Æblehaven")


def test_step1_has_a_labelled_field_for_every_question(store, empty_id, danish):
    page = show(open_workbook(empty_id), "step1")
    labels = [w.description for w in inputs(page)]
    for group in danish.question_groups("step1"):
        for question in group.questions:
            assert question.text in labels
    assert all(
        w.description
        for w in walk(page)
        if isinstance(w, widgets.ValueWidget) and not isinstance(w, widgets.HTML)
    )
    text = html_of(page)
    for kind in ("Fakta:", "Tips:", "Eksempel:"):
        assert kind in text
    assert danish.t("card.fictional") in text
    assert "Fleksibel" in text  # the five ways in


def test_typing_an_answer_saves_it(store, empty_id, danish):
    page = show(open_workbook(empty_id), "step1")
    first = danish.question_groups("step1")[0].questions[0]
    field = next(w for w in inputs(page) if w.description == first.text)
    field.value = "Vi vil gerne åbne dørene <b>mere</b>"
    assert store.load(empty_id).answers[first.id] == "Vi vil gerne åbne dørene <b>mere</b>"
    assert "1 af 9 besvaret" in html_of(page)


def test_adding_an_own_question_gives_two_labelled_fields(store, empty_id):
    page = show(open_workbook(empty_id), "step1")
    add = next(
        w
        for w in walk(page)
        if isinstance(w, widgets.Button) and w.description == "Tilføj vores eget spørgsmål"
    )
    add.click()
    own_question = next(
        w for w in walk(page) if getattr(w, "description", "") == "Vores eget spørgsmål 1"
    )
    own_question.value = "Hvem spørger vi ikke?"
    answer = next(w for w in inputs(page) if w.description == "Svar på vores eget spørgsmål 1")
    answer.value = "Dem, der aldrig har været brugere"
    stored = store.load(empty_id).own_questions
    assert [(q.group, q.question, q.answer) for q in stored.values()] == [
        ("step1.q1", "Hvem spørger vi ikke?", "Dem, der aldrig har været brugere")
    ]


def test_step2_shows_step1_notes_and_follows_other_tabs(store, workbook_id, demo):
    ctx = open_workbook(workbook_id)
    page = show(ctx, "step2")
    assert demo.notes["step1"].splitlines()[0][:40] in html_of(page).replace("<br>", "\n")
    WorkbookSession(store, workbook_id).edit("notes/step1", "Nye noter fra en anden fane")
    ctx.session.poll()
    assert "Nye noter fra en anden fane" in html_of(page)


def test_a_too_long_answer_is_refused_with_a_message_and_nothing_saved(store, empty_id):
    ctx = open_workbook(empty_id)
    page = show(ctx, "step1")
    field = inputs(page)[0]
    field.value = "x" * 2_000_001
    assert "for lang" in ctx.alerts.value and 'role="alert"' in ctx.alerts.value
    assert store.load(empty_id).answers == {}


def test_switching_language_keeps_the_answers(store, workbook_id, english, demo):
    ctx = open_workbook(workbook_id)
    page = show(ctx, "step1")
    page.header.language.value = "en"
    labels = [w.description for w in inputs(page)]
    first = english.question_groups("step1")[0].questions[0]
    assert first.text in labels
    field = next(w for w in inputs(page) if w.description == first.text)
    assert field.value == demo.answers[first.id]
    assert store.load(workbook_id).language == "en"
    assert "Step 1: Describe practice" in html_of(page)


def test_user_text_in_the_page_is_escaped(store):
    workbook_id = store.create("<img src=x onerror=alert(1)>")
    store.set_field(workbook_id, "notes/step1", "<script>alert(2)</script>")
    page = show(open_workbook(workbook_id), "step2")
    text = html_of(page)
    assert "<img src=x" not in text and "<script>alert(2)" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_start_page_without_workbook_lists_and_creates(store, workbook_id, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "")
    monkeypatch.setenv("VOILA_KERNEL_ID", "test")
    ctx = open_workbook()
    assert not isinstance(ctx, PageContext)
    page = show(ctx, "start")
    assert "?workbook=velkommen-her" in html_of(page)
    name = next(w for w in walk(page) if getattr(w, "description", "") == "Organisationens navn")
    name.value = "Ny forening"
    create = next(w for w in walk(page) if getattr(w, "description", "") == "Opret arbejdsbog")
    create.click()
    assert "Ny forening" in [s.name for s in store.list()]


def test_start_page_with_workbook_has_meeting_plan(store, workbook_id):
    page = show(open_workbook(workbook_id), "start")
    date = next(w for w in walk(page) if isinstance(w, DateField))
    assert (date.value, date.text.value) == ("2026-03-10", "10. marts 2026")
    duration = next(
        w
        for w in walk(page)
        if isinstance(w, widgets.BoundedIntText) and w.description == "Varighed i minutter"
    )
    duration.value = 150
    assert store.load(workbook_id).meeting.duration_minutes == 150
    agenda = [w for w in walk(page) if getattr(w, "description", "").endswith("(trin 3)")]
    assert len(agenda) == 5


def test_an_unknown_workbook_in_the_address_says_so(monkeypatch, store):
    monkeypatch.setenv("QUERY_STRING", "workbook=../../etc")
    ctx = open_workbook()
    assert not isinstance(ctx, PageContext) and "gyldig arbejdsbog" in ctx.alerts.value


def test_the_step_timer_is_the_meeting_views_countdown_and_survives_a_reload(store, empty_id):
    now = [1_000_000.0]
    page = show(open_workbook(empty_id), "step1")
    timer = next(w for w in walk(page) if isinstance(w, FacilitationTimer))
    timer = FacilitationTimer(timer.ctx, "step1", clock=lambda: now[0])
    assert timer.minutes.value == 30  # the meeting plan's minutes for step 1
    timer.minutes.value = 1
    timer.toggle()
    now[0] += 20
    timer.toggle()  # paused at 00:40
    assert "00:40" in timer.display.value and not timer.running
    now[0] += 100
    timer.toggle()  # resumed where it stopped
    now[0] += 39
    timer.ctx.session.flush()
    reloaded = FacilitationTimer(open_workbook(empty_id), "step1", clock=lambda: now[0])
    assert "00:01" in reloaded.display.value and reloaded.running
    clocks = MeetingClocks(reloaded.ctx, "step1", clock=lambda: now[0])
    assert "00:01" in clocks.display.value  # the meeting view shows the same countdown
    now[0] += 1
    reloaded.refresh()
    assert "inkl-time-up" in reloaded.display.value
    assert "Tiden til trin 1 er gået." in reloaded.display.value
    reloaded.restart()
    assert "01:00" in reloaded.display.value and not reloaded.running


def test_a_preheated_page_builds_once_the_browser_tells_its_address(
    store, workbook_id, monkeypatch
):
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.delenv("QUERY_STRING", raising=False)
    waiting = show(open_workbook(), "step2")
    assert isinstance(waiting, AddressedPage) and waiting.page is None
    waiting.address.value = f"?workbook={workbook_id}&x=1"
    assert isinstance(waiting.page, StepPage) and waiting.children == (waiting.page,)
    assert waiting.page.ctx.session.id == workbook_id


@pytest.mark.parametrize("name", ["start", "step1", "step2", "step3", "step4", "export", "meeting"])
def test_no_page_sends_its_stylesheet_as_a_widget(workbook_id, name):
    """The stylesheets come once with Voilà's page template; a ``<style>`` of the page's rules
    in a widget would travel again with every render and every language switch (a chart's SVG
    keeps its own few rules)."""
    pages = [show(open_workbook(workbook_id), name), show(open_workbook("no-such-book"), name)]
    values = [str(getattr(w, "value", "")) for page in pages for w in walk(page)]
    assert not [value for value in values if PAGE_RULES.search(value)]
