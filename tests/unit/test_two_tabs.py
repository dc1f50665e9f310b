"""Two tabs, one field: the tab whose saved words another tab wrote over says so, shows what is
stored now, and puts its own words back with one click."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from inkl_widgets.pages.app import show
from inkl_widgets.store.database import open_store
from inkl_widgets.store.session import TYPING_GRACE, WorkbookSession
from inkl_widgets.widgets.binding import PageContext
from tests.unit.test_session import ManualClock

PATH = "answers/step1.q1.1"


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


@pytest.fixture
def tabs(data_dir, store, demo_id, danish):
    """Tab A as a page, tab B as a session, each with its own connection to one SQLite file."""
    clock = ManualClock()
    mine = PageContext(WorkbookSession(store, demo_id, scheduler=clock), danish, store)
    page = show(mine, "step1")
    other = WorkbookSession(open_store(data_dir), demo_id, scheduler=ManualClock())
    field = next(
        w for w in walk(page) if getattr(w, "field_link", None) and w.field_link.path == PATH
    )
    return mine, clock, field, other


def test_the_tab_written_over_says_so_shows_the_stored_words_and_puts_its_own_back(tabs, store):
    mine, clock, field, other = tabs
    field.value = "Vi tager imod alle, der banker på."
    other.edit(PATH, "Vi har en fast makker til nye.")  # the other tab never saw our words
    assert store.load(mine.session.id).answers["step1.q1.1"] == "Vi har en fast makker til nye."

    mine.session.poll()  # still typing: our words stay in the field for now
    assert field.value == "Vi tager imod alle, der banker på." and not mine.conflicts.children

    clock.now += TYPING_GRACE + 1
    assert mine.session.poll() == [PATH]
    assert field.value == "Vi har en fast makker til nye."
    note = mine.conflicts.children[0]
    said = note.children[0].value
    assert 'role="alert"' in said and f"»{field.description}«" in said
    assert "Vi har en fast makker til nye." in said and "Vi tager imod alle" in said
    assert "historik" in said

    back = next(w for w in walk(note) if isinstance(w, widgets.Button))
    assert back.description == "Sæt vores tekst tilbage"
    back.click()
    assert field.value == "Vi tager imod alle, der banker på."
    assert store.load(mine.session.id).answers["step1.q1.1"] == "Vi tager imod alle, der banker på."
    assert not mine.conflicts.children


def test_a_change_from_another_tab_to_a_field_not_being_typed_in_is_no_conflict(tabs):
    mine, clock, field, other = tabs
    field.value = "Vi tager imod alle."
    clock.now += TYPING_GRACE + 1
    mine.session.poll()
    other.poll()  # the other tab has seen our words before it writes
    other.edit(PATH, "Vi tager imod alle, og vi ringer dagen efter.")
    assert mine.session.poll() == [PATH]
    assert field.value == "Vi tager imod alle, og vi ringer dagen efter."
    assert not mine.conflicts.children
