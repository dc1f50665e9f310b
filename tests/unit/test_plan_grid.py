"""The action-plan grid without a kernel: labelled cells, edits saved per field, row operations
with undo, the gentle checks in each row, other tabs' changes, pages of a long plan, and a
200-row plan."""

from __future__ import annotations

import datetime as dt
import time

import ipywidgets as widgets
import pandas as pd
import pytest

from inkl_widgets.content.model import PLAN_COLUMNS
from inkl_widgets.store.session import WorkbookSession
from inkl_widgets.widgets.binding import PageContext
from inkl_widgets.widgets.plan_grid import PAGE_ROWS, ActionPlanGrid

TODAY = dt.date(2026, 11, 27)


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


@pytest.fixture
def workbook_id(store):
    return store.create("Foreningen Æblehaven")


@pytest.fixture
def ctx(store, workbook_id, danish):
    return PageContext(WorkbookSession(store, workbook_id), danish, store)


@pytest.fixture
def plan(danish):
    return danish.section("step3").element("plan")


@pytest.fixture
def grid(ctx, plan):
    return ActionPlanGrid(ctx, plan, today=TODAY)


def stored_plan(store, workbook_id):
    return store.load(workbook_id).plan


@pytest.fixture
def long_plan(ctx, plan, store, workbook_id):
    """A grid on a stored plan of ``rows`` rows: items ``r0`` … in order, goals "Mål 1" …"""

    def build(rows: int, content=None) -> ActionPlanGrid:
        fields = {}
        for number in range(rows):
            fields[f"plan/r{number}/goal"] = f"Mål {number + 1}"
            fields[f"plan/r{number}/position"] = number + 1
        store.set_fields(workbook_id, fields)
        ctx.session = WorkbookSession(store, workbook_id)
        if content is None:
            return ActionPlanGrid(ctx, plan, today=TODAY)
        page = PageContext(ctx.session, content, store)
        return ActionPlanGrid(page, content.section("step3").element("plan"), today=TODAY)

    return build


@pytest.fixture
def focused(monkeypatch):
    """The widgets given the keyboard focus, in order (without a kernel no browser hears it)."""
    calls = []
    monkeypatch.setattr(widgets.DOMWidget, "focus", lambda widget: calls.append(widget))
    return calls


def goals(grid) -> list[str]:
    return [row.cells["goal"].value for row in grid.rows]


def pager_says(grid) -> str:
    return grid.page_note.value if grid.pager.layout.display != "none" else ""


def test_every_cell_is_a_labelled_native_input_naming_column_and_row(grid, plan):
    grid.add_row()
    grid.add_row()
    second = grid.rows[1]
    assert second.cells["goal"].description == f"{plan.columns['goal']}, række 2"
    assert second.cells["roles"].description == f"{plan.columns['roles']}, række 2"
    inputs = [w for w in walk(grid) if isinstance(w, widgets.Textarea | widgets.Combobox)]
    inputs += [w for w in walk(grid) if isinstance(w, widgets.Dropdown)]
    assert len(inputs) == 2 * len(PLAN_COLUMNS)
    assert len({w.description for w in inputs}) == len(inputs)  # no two cells share a name
    assert all("inkl-field" in w._dom_classes for w in inputs)
    assert "Række 2" in second.heading.value


def test_typing_in_a_cell_saves_that_field(grid, store, workbook_id):
    item_id = grid.add_row()
    grid.row(item_id).cells["goal"].value = "At alle nye føler sig velkomne"
    grid.row(item_id).cells["status"].value = "under_way"
    saved = stored_plan(store, workbook_id)[item_id]
    assert (saved.goal, saved.status) == ("At alle nye føler sig velkomne", "under_way")


def test_focus_and_time_cells_offer_choices_and_accept_own_words(grid, store, workbook_id):
    row = grid.row(grid.add_row())
    assert "Rummelig kultur" in row.cells["focus"].options
    assert "uge 1, 2027" in row.cells["time"].options
    row.cells["focus"].value = "Rummelig kultur"
    row.cells["time"].value = "uge 39, 2027"
    saved = stored_plan(store, workbook_id)[row.item_id]
    assert (saved.focus, saved.time) == ("way.culture", "2027-W39")
    row.cells["focus"].value = "Synlighed i byen"
    row.cells["time"].value = "24.9.2027"
    saved = stored_plan(store, workbook_id)[row.item_id]
    assert (saved.focus, saved.time) == ("Synlighed i byen", "2027-09-24")


def test_an_unreadable_time_is_kept_in_the_cell_flagged_and_not_saved(grid, store, workbook_id):
    row = grid.row(grid.add_row())
    row.cells["goal"].value = "At flere er med"
    row.cells["time"].value = "uge 39, 2027"
    row.cells["time"].value = "efter sommerferien"
    assert stored_plan(store, workbook_id)[row.item_id].time == "2027-W39"
    assert row.cells["time"].value == "efter sommerferien"
    assert "kan ikke læses" in row.heading.value
    row.cells["time"].value = ""
    assert stored_plan(store, workbook_id)[row.item_id].time == ""
    assert "kan ikke læses" not in row.heading.value


def test_the_gentle_checks_show_in_the_row_and_never_block(grid, store, workbook_id):
    row = grid.row(grid.add_row())
    assert "<li>" not in row.heading.value
    row.cells["goal"].value = "Vi vil ikke afvise nogen"
    heading = row.heading.value
    assert "Hvem har ansvaret" in heading and "Hvornår" in heading and "»ikke«" in heading
    assert stored_plan(store, workbook_id)[row.item_id].goal == "Vi vil ikke afvise nogen"
    row.cells["roles"].value = "Mette"
    row.cells["time"].value = "uge 5, 2027"
    row.cells["goal"].value = "At alle, der banker på, finder en opgave"
    assert "<li>" not in row.heading.value


def test_add_delete_undo_and_move(grid, store, workbook_id):
    ids = [grid.add_row() for _ in range(3)]
    for item_id, goal in zip(ids, "ABC", strict=True):
        grid.row(item_id).cells["goal"].value = goal
    grid.delete(ids[1])
    assert list(grid.df.goal) == ["A", "C"]
    assert stored_plan(store, workbook_id)[ids[1]].deleted is True
    assert grid.rows[1].cells["goal"].description.endswith("række 2")  # renumbered
    assert "Række 2 er slettet" in grid.undo_note.value
    grid.undo()
    assert list(grid.df.goal) == ["A", "B", "C"]
    assert stored_plan(store, workbook_id)[ids[1]].deleted is False
    assert grid.undo_bar.layout.display == "none"
    grid.move(ids[2], -1)
    assert list(grid.df.goal) == ["A", "C", "B"]
    assert [row.item_id for row in grid.rows] == [ids[0], ids[2], ids[1]]
    assert grid.rows[0].buttons["up"].disabled and grid.rows[2].buttons["down"].disabled
    assert not grid.rows[1].buttons["up"].disabled


def test_the_examples_and_sorting_by_time(grid, plan):
    late = grid.add_row()
    grid.row(late).cells["time"].value = "uge 50, 2027"
    grid.add_examples()
    assert list(grid.df.focus) == ["", "way.culture", "way.partners"]
    assert grid.rows[1].cells["focus"].value == "Rummelig kultur"
    assert grid.rows[1].cells["time"].value == "uge 39, 2027"
    assert grid.rows[1].cells["goal"].value == plan.examples[0].goal
    grid.sort_by_time()
    assert list(grid.df.time) == ["2027-W39", "2027-W47", "2027-W50"]


def test_assigning_a_dataframe_updates_cells_and_store(grid, store, workbook_id):
    grid.add_examples()
    frame = grid.df
    frame.loc[frame.index[0], "roles"] = "Hele bestyrelsen"
    frame = frame.iloc[::-1]
    grid.df = frame
    assert grid.rows[0].cells["goal"].value == frame.goal.iloc[0]
    assert grid.rows[1].cells["roles"].value == "Hele bestyrelsen"
    pd.testing.assert_frame_equal(grid.df, frame, check_dtype=False)
    stored = stored_plan(store, workbook_id)
    assert stored[frame.index[1]].roles == "Hele bestyrelsen"


def test_other_tabs_changes_reach_the_cells_and_rows(grid, ctx, store, workbook_id):
    item_id = grid.add_row()
    other = WorkbookSession(store, workbook_id)
    other.edit_many(
        {
            f"plan/{item_id}/goal": "Skrevet i en anden fane",
            "plan/fra-fane/goal": "Ny række fra en anden fane",
            "plan/fra-fane/position": 9,
        }
    )
    ctx.session.poll()
    assert grid.row(item_id).cells["goal"].value == "Skrevet i en anden fane"
    assert [row.item_id for row in grid.rows] == [item_id, "fra-fane"]
    other.edit("plan/fra-fane/deleted", True)
    ctx.session.poll()
    assert [row.item_id for row in grid.rows] == [item_id]


def test_a_200_row_plan_builds_one_page_quickly_and_an_edit_touches_one_row(
    ctx, plan, store, workbook_id
):
    rows = {}
    for number in range(200):
        rows.update(
            {
                f"plan/r{number}/goal": f"At flere frivillige er med, punkt {number}",
                f"plan/r{number}/actions": "Ring til kontaktpersonen\nHold mødet",
                f"plan/r{number}/time": f"2027-W{number % 52 + 1:02d}",
                f"plan/r{number}/position": number + 1,
            }
        )
    store.set_fields(workbook_id, rows)
    ctx.session = WorkbookSession(store, workbook_id)
    started = time.perf_counter()
    grid = ActionPlanGrid(ctx, plan, today=TODAY)
    built = time.perf_counter() - started
    assert len(grid.rows) == PAGE_ROWS and len(grid.df) == 200
    assert sum(1 for _ in walk(grid)) < PAGE_ROWS * 14 + 30  # about 13 widgets a row
    assert built < 5, f"building the first page took {built:.1f} s"  # ~0.06 s measured; noisy CI
    children = grid.rows_box.children
    started = time.perf_counter()
    grid.show_item_page("r150").cells["roles"].value = "Mette"
    assert time.perf_counter() - started < 0.5
    assert grid.page == 8 and grid.rows_box.children is children  # no row was rebuilt
    assert store.load(workbook_id).plan["r150"].roles == "Mette"
    grid.sort_by_time()
    assert list(grid.df.time) == sorted(grid.df.time)


def test_own_moves_reuse_the_rows_and_other_tabs_changes_get_new_ones(grid, ctx, store):
    ids = [grid.add_row() for _ in range(3)]
    for item_id, goal in zip(ids, "ABC", strict=True):
        grid.row(item_id).cells["goal"].value = goal
    widgets_before = list(grid.rows_box.children)
    grid.move(ids[2], -1)
    grid.delete(ids[0])
    grid.undo()
    assert list(grid.rows_box.children) == widgets_before  # the browser rebuilds no row
    assert [row.cells["goal"].value for row in grid.rows] == ["A", "C", "B"]
    old_first = grid.rows[0]
    other = WorkbookSession(store, ctx.session.id)
    other.edit_many({"plan/top/goal": "Ny øverst", "plan/top/position": 0})
    ctx.session.poll()
    assert [row.cells["goal"].value for row in grid.rows] == ["Ny øverst", "A", "C", "B"]
    assert grid.rows[0] is not old_first and grid.rows[1] is not old_first
    old_first.cells["goal"].value = "A, typed just before"  # a keystroke still on its way
    assert store.load(ctx.session.id).plan[ids[0]].goal == "A, typed just before"
    assert store.load(ctx.session.id).plan["top"].goal == "Ny øverst"


# ---- a long plan, a page at a time ------------------------------------------------------------


def test_a_45_row_plan_shows_20_rows_with_a_pager_under_them(long_plan, english):
    grid = long_plan(45, english)
    assert PAGE_ROWS == 20
    assert len(grid.rows) == 20 and len(grid.df) == 45
    assert grid.rows[-1].cells["goal"].description.endswith("row 20")
    assert sum(1 for _ in walk(grid)) < 20 * 14 + 30  # only this page's rows are widgets
    assert grid.children.index(grid.pager) == grid.children.index(grid.rows_box) + 1
    assert pager_says(grid) == "Rows 1–20 of 45"
    assert "inkl-live" in grid.page_note._dom_classes  # announced where it stands
    assert grid.previous_button.description == "Previous page"
    assert grid.previous_button.disabled and not grid.next_button.disabled
    assert not grid.rows[-1].buttons["down"].disabled  # row 21 is on the next page


def test_a_plan_of_one_page_has_no_pager(long_plan):
    grid = long_plan(20)
    assert len(grid.rows) == 20 and pager_says(grid) == ""
    grid.add_row()
    assert grid.page == 2 and "Række 21 af 21" in pager_says(grid)


def test_next_and_previous_page_keep_the_rows_numbers_and_the_focus(long_plan, focused):
    grid = long_plan(45)
    boxes = grid.rows_box.children
    grid.next_button.click()
    assert grid.page == 2 and "Række 21–40 af 45" in pager_says(grid)
    assert goals(grid)[:3] == ["Mål 21", "Mål 22", "Mål 23"]
    assert grid.rows[2].cells["goal"].description.endswith("række 23")
    assert "Række 23" in grid.rows[2].heading.value
    assert grid.rows_box.children is boxes  # the same rows show other items
    assert focused == [grid.next_button]
    grid.next_button.click()
    assert grid.page == 3 and len(grid.rows) == 5 and "Række 41–45 af 45" in pager_says(grid)
    assert grid.next_button.disabled and not grid.previous_button.disabled
    assert grid.rows[-1].buttons["down"].disabled
    assert focused[-1] is grid.previous_button  # "next" is disabled now: focus stays near
    grid.previous_button.click()
    grid.previous_button.click()
    assert grid.page == 1 and goals(grid)[0] == "Mål 1" and grid.previous_button.disabled
    assert focused[-1] is grid.next_button
    assert len(grid.rows) == 20


def test_adding_a_row_on_page_1_of_a_full_plan_turns_to_the_last_page(long_plan, focused):
    grid = long_plan(40)
    item_id = grid.add_row()
    assert grid.page == 3 and [row.item_id for row in grid.rows] == [item_id]
    assert grid.row(item_id).cells["goal"].description.endswith("række 41")
    assert focused == [grid.row(item_id).cells["focus"]]
    grid.show_page(1)
    grid.add_examples()
    assert grid.page == 3 and len(grid.rows) == 3
    assert focused[-1] is grid.rows[1].cells["focus"]  # the first example, row 42
    assert grid.rows[1].cells["focus"].value == "Rummelig kultur"


def test_moving_row_20_down_follows_it_to_page_2(long_plan, focused):
    grid = long_plan(45)
    grid.move("r19", 1)
    assert grid.page == 2 and grid.rows[0].item_id == "r19"
    assert grid.rows[0].number == 21 and goals(grid)[0] == "Mål 20"
    assert grid.rows[0].cells["goal"].description.endswith("række 21")
    assert focused == [grid.row("r19").buttons["down"]]
    grid.move("r19", -1)
    assert grid.page == 1 and grid.rows[-1].item_id == "r19" and goals(grid)[-2] == "Mål 19"
    assert focused[-1] is grid.row("r19").buttons["up"]
    assert list(grid.df.goal[18:21]) == ["Mål 19", "Mål 20", "Mål 21"]


def test_deleting_the_only_row_of_page_3_returns_to_page_2(long_plan, store, workbook_id):
    grid = long_plan(41)
    grid.show_page(3)
    assert [row.item_id for row in grid.rows] == ["r40"]
    grid.delete("r40")
    assert grid.page == 2 and len(grid.rows) == 20 and "Række 21–40 af 40" in pager_says(grid)
    assert grid.next_button.disabled
    assert stored_plan(store, workbook_id)["r40"].deleted is True
    assert "Række 41 er slettet" in grid.undo_note.value
    grid.undo()
    assert grid.page == 3 and [row.item_id for row in grid.rows] == ["r40"]


def test_undo_shows_the_restored_rows_page(long_plan, focused):
    grid = long_plan(45)
    grid.delete("r4")
    grid.show_page(3)
    assert "Række 41–44 af 44" in pager_says(grid)
    grid.undo()
    assert grid.page == 1 and grid.row("r4").number == 5
    assert focused[-1] is grid.row("r4").cells["focus"]
    assert "Række 1–20 af 45" in pager_says(grid)


def test_sorting_shows_the_first_page_of_the_sorted_plan(long_plan):
    grid = long_plan(45)
    grid.show_page(3)
    grid.rows[-1].cells["time"].value = "uge 5, 2027"  # row 45, the only one with a time
    grid.sort_by_time()
    assert grid.page == 1 and grid.rows[0].item_id == "r44" and goals(grid)[1] == "Mål 1"
    grid.show_page(2)
    grid.sort_by_time()  # already sorted: nothing to save, but the sorted plan starts here
    assert grid.page == 1


def test_edits_on_page_2_are_saved_to_the_right_item(long_plan, ctx, store, workbook_id):
    grid = long_plan(45)
    grid.next_button.click()
    grid.rows[3].cells["roles"].value = "Mette"
    assert stored_plan(store, workbook_id)["r23"].roles == "Mette"
    grid.previous_button.click()
    grid.rows[3].cells["roles"].value = "Ali"
    plan = stored_plan(store, workbook_id)
    assert (plan["r3"].roles, plan["r23"].roles) == ("Ali", "Mette")
    row = grid.show_item_page("r30")
    assert grid.page == 2 and row.number == 31
    row.cells["goal"].value = "Mål 31, skrevet om"
    assert stored_plan(store, workbook_id)["r30"].goal == "Mål 31, skrevet om"


def test_other_tabs_changes_reach_the_page_shown(long_plan, ctx, store, workbook_id):
    grid = long_plan(45)
    grid.show_page(2)
    boxes = grid.rows_box.children
    other = WorkbookSession(store, workbook_id)
    other.edit_many({"plan/r22/goal": "Fra en anden fane", "plan/r2/goal": "Side 1"})
    ctx.session.poll()
    assert grid.row("r22").cells["goal"].value == "Fra en anden fane"
    assert grid.rows_box.children is boxes  # a change on another page moves no row here
    other.edit_many({"plan/top/goal": "Ny øverst", "plan/top/position": 0})
    ctx.session.poll()
    assert grid.page == 2 and grid.rows[0].item_id == "r19"  # one row came in above
    assert grid.rows[0] is not boxes[0]  # new widgets, for keystrokes still on their way
    assert "Række 21–40 af 46" in pager_says(grid)
    boxes[1].cells["roles"].value = "Mette"  # typed into row 22 just before the change
    assert stored_plan(store, workbook_id)["r21"].roles == "Mette"
