"""The plan as data: DataFrame round trip, row operations as field edits, time, gentle checks."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from msgspec.structs import replace

from inkl_widgets.domain.plan import (
    example_edits,
    format_time,
    frame_edits,
    move_edits,
    new_row_edits,
    parse_time,
    plan_frame,
    row_flags,
    sort_by_time_edits,
    week_choices,
)
from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.store.session import WorkbookSession

TODAY = dt.date(2026, 11, 27)  # a Friday in ISO week 48


@pytest.fixture
def session(store):
    return WorkbookSession(store, store.create("Foreningen Æblehaven"))


def frame(rows: dict[str, dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame.from_dict(rows, orient="index")


def test_a_frame_round_trips_through_the_store(session, store, danish):
    wanted = pd.DataFrame(
        {
            "focus": ["way.culture", "Synlighed i byen"],
            "goal": ["At alle nye føler sig velkomne", "At flere kender os"],
            "subgoals": ["Et fællesmøde\nEn mentor til hver", ""],
            "actions": ["Indkald\nHold mødet", "Lav en folder"],
            "time": ["2027-W39", "2027-05-01"],
            "roles": ["Johanne", "Peter og Abdul"],
            "status": ["under_way", "not_started"],
        },
        index=pd.Index(["a1", "b2"], name="id"),
    )
    session.edit_many(frame_edits(session.workbook, wanted, danish, TODAY))
    stored = plan_frame(store.load(session.id))
    pd.testing.assert_frame_equal(stored, wanted, check_dtype=False, check_index_type=False)
    assert frame_edits(store.load(session.id), stored, danish, TODAY) == {}


def test_a_frame_sets_the_order_adds_new_rows_and_deletes_missing_ones(session, danish):
    session.edit_many(frame_edits(session.workbook, frame({"a1": {}, "b2": {}}), danish, TODAY))
    new = pd.DataFrame({"goal": ["Ny", "B"]}, index=[0, "b2"])
    session.edit_many(frame_edits(session.workbook, new, danish, TODAY))
    shown = plan_frame(session.workbook)
    assert list(shown.goal) == ["Ny", "B"]
    assert shown.index[1] == "b2" and shown.index[0] not in ("0", "a1")
    assert session.workbook.plan["a1"].deleted is True  # kept, so it can be undone


def test_a_frame_may_use_the_boards_words(session, danish):
    board = frame(
        {"x1": {"focus": "rummelig kultur", "time": "uge 39, 2027", "status": "Gået i stå"}}
    )
    session.edit_many(frame_edits(session.workbook, board, danish, TODAY))
    item = session.workbook.plan["x1"]
    assert (item.focus, item.time, item.status) == ("way.culture", "2027-W39", "stuck")


@pytest.mark.parametrize(
    ("bad", "key"),
    [
        (frame({"x1": {"time": "snart"}}), "bad_format"),
        (frame({"x1": {"colour": "red"}}), "unknown_field"),
        (frame({"x1": {"status": "finished"}}), "not_a_choice"),
        (pd.DataFrame({"goal": ["a", "b"]}, index=["x1", "x1"]), "duplicate_key"),
    ],
)
def test_a_bad_frame_is_refused_and_nothing_changes(session, danish, bad, key):
    with pytest.raises(WorkbookError) as refused:
        session.edit_many(frame_edits(session.workbook, bad, danish, TODAY))
    assert refused.value.key == key
    assert session.workbook.plan == {}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("", ""),
        ("  ", ""),
        ("uge 39, 2026", "2026-W39"),
        ("Week 5 2027", "2027-W05"),
        ("uge 39", "2027-W39"),  # week 39 of 2026 is over: the coming one
        ("48", "2026-W48"),  # this week counts as coming
        ("2026-W53", "2026-W53"),
        ("2027-W53", None),  # 2027 has 52 weeks
        ("24.9.2026", "2026-09-24"),
        ("24-09-2026", "2026-09-24"),
        ("2026-09-24", "2026-09-24"),
        ("31.2.2026", None),
        ("24. september 2026", "2026-09-24"),
        ("24 sep. 2026", "2026-09-24"),
        ("30. februar 2026", None),
        ("snart", None),
        ("uge 60", None),
    ],
)
def test_times_are_read_as_a_board_writes_them(typed, stored, danish):
    assert parse_time(typed, TODAY, danish) == stored


def test_times_are_shown_in_the_pages_language(danish, english):
    assert format_time("2026-W39", danish) == "uge 39, 2026"
    assert format_time("2026-W39", english) == "week 39, 2026"
    assert format_time("2026-09-04", danish) == "4. september 2026"
    assert format_time("2026-09-04", english) == "4 September 2026"
    assert parse_time(format_time("2026-09-04", english), TODAY, english) == "2026-09-04"
    assert parse_time(format_time("2026-09-04", danish), TODAY, danish) == "2026-09-04"
    choices = week_choices(danish, TODAY)
    assert choices[0] == "uge 48, 2026" and "uge 1, 2027" in choices
    assert all(parse_time(choice, TODAY) for choice in choices)


def _plan(session, danish, rows: dict[str, dict[str, str]]):
    session.edit_many(frame_edits(session.workbook, frame(rows), danish, TODAY))


def test_moving_swaps_two_rows_and_stops_at_the_ends(session, danish):
    _plan(session, danish, {"a": {}, "b": {}, "c": {}})
    edits = move_edits(session.workbook, "c", -1)
    assert edits == {"plan/c/position": 2, "plan/b/position": 3}
    session.edit_many(edits)
    assert list(plan_frame(session.workbook).index) == ["a", "c", "b"]
    assert move_edits(session.workbook, "a", -1) == {}
    assert move_edits(session.workbook, "b", 1) == {}


def test_moving_rows_with_equal_positions_renumbers_them(session):
    session.edit_many({"plan/a/position": 0, "plan/b/position": 0})
    session.edit_many(move_edits(session.workbook, "b", -1))
    assert list(plan_frame(session.workbook).index) == ["b", "a"]


def test_sorting_by_time_puts_rows_without_a_time_last_in_their_order(session, danish):
    _plan(
        session,
        danish,
        {
            "none1": {},
            "late": {"time": "2027-W10"},
            "none2": {},
            "early": {"time": "2027-02-01"},  # a Monday in week 5
            "mid": {"time": "2027-W05"},
        },
    )
    session.edit_many(sort_by_time_edits(session.workbook))
    assert list(plan_frame(session.workbook).index) == ["early", "mid", "late", "none1", "none2"]


def test_new_rows_and_examples_go_at_the_end(session, danish):
    _plan(session, danish, {"a": {"goal": "Vores eget"}})
    item_id, edits = new_row_edits(session.workbook)
    session.edit_many(edits)
    plan = danish.section("step3").element("plan")
    session.edit_many(example_edits(session.workbook, plan, TODAY))
    shown = plan_frame(session.workbook)
    assert list(shown.index[:2]) == ["a", item_id]
    assert list(shown.focus[2:]) == ["way.culture", "way.partners"]
    assert list(shown.time[2:]) == ["2027-W39", "2027-W47"]  # weeks 39 and 47 of 2026 are over
    assert all(shown.roles[2:]) and all(shown.goal[2:])


def test_a_row_without_owner_or_time_is_flagged(danish):
    assert [f.key for f in row_flags({"goal": "At flere er med"}, danish)] == [
        "no_owner",
        "no_time",
    ]
    complete = {"goal": "At flere er med", "roles": "Mette", "time": "2027-W05"}
    assert row_flags(complete, danish) == []
    assert row_flags({}, danish) == []  # an untouched new row is not nagged


@pytest.mark.parametrize(
    ("goal", "word"),
    [
        ("Vi vil ikke afvise nogen", "ikke"),
        ("Færre skal gå forgæves", "Færre"),
        ("At ALDRIG glemme de nye", "ALDRIG"),
        ("At alle nye får en makker", ""),
        ("Ikkevold som princip", ""),  # whole words only
    ],
)
def test_a_negatively_phrased_goal_gets_advice(danish, goal, word):
    flags = row_flags({"goal": goal, "roles": "Mette", "time": "2027-W05"}, danish)
    if word:
        assert [(f.key, f.word) for f in flags] == [("negative_goal", word)]
        assert word in flags[0].message(danish) and "vil" in flags[0].message(danish)
    else:
        assert flags == []


def test_the_negative_words_come_from_the_content(danish, english):
    values = {"goal": "We never say no", "subgoals": "Nobody is turned away", "roles": "P"}
    flags = row_flags({**values, "time": "2027-W05"}, english)
    assert [(f.key, f.word) for f in flags] == [
        ("negative_goal", "never"),
        ("negative_subgoals", "Nobody"),
    ]
    fewer = dataclasses.replace(danish, texts=replace(danish.texts, negative_words=["aldrig"]))
    assert row_flags({"goal": "Vi vil ikke", "roles": "P", "time": "2027-W05"}, fewer) == []


def test_the_plans_data_modules_never_import_the_widgets():
    import subprocess
    import sys

    modules = "domain.plan, domain.followup, export.followup_html, export.plan_files, export.charts"
    imports = "".join(f"import inkl_widgets.{name}\n" for name in modules.split(", "))
    code = f"import sys\n{imports}print('ipywidgets' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
