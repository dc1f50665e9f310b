"""The model is the one validation boundary: bad values are refused with a message that names
the field and never repeats the rejected input."""

from __future__ import annotations

import pytest

from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.model.fields import assemble, check_field, flatten, validate_workbook


def test_flatten_and_assemble_are_inverse(demo):
    assert assemble(demo.id, flatten(demo)) == demo


def test_fields_never_written_keep_their_defaults():
    workbook = assemble("abc", {"name": "Velkommen her", "plan/p1/goal": "Flere frivillige"})
    assert workbook.meeting.duration_minutes == 90
    assert workbook.plan["p1"].status == "not_started"
    assert set(workbook.meeting.agenda) == {"step1", "step2", "step3", "step4"}


@pytest.mark.parametrize(
    ("path", "value", "key"),
    [
        ("nonsense", "x", "unknown_field"),
        ("answers/has space", "x", "unknown_field"),
        ("plan/p1", "x", "unknown_field"),
        ("id", "other", "unknown_field"),
        ("plan/p1/colour", "x", "unknown_field"),
        ("plan/p1/status", "finished", "not_a_choice"),
        ("plan/p1/time", "week 39", "bad_format"),
        ("plan/p1/time", "2026-W60", "bad_format"),
        ("meeting/date", "2026-02-30", "bad_format"),
        ("meeting/duration_minutes", "90", "wrong_type"),
        ("meeting/duration_minutes", float("nan"), "wrong_type"),
        ("meeting/duration_minutes", -5, "out_of_range"),
        ("plan/p1/retired", 1, "wrong_type"),
        ("answers/step1.q1.1", None, "wrong_type"),
        ("answers/step1.q1.1", "x" * 10_000_001, "too_long"),
        ("plan/p1/roles", "<script>" * 100, "too_long"),
        ("notes/step1", "broken \ud800 text", "lone_surrogate"),
        ("name", "", "empty"),
    ],
)
def test_bad_field_values_are_refused_by_name(path, value, key, english):
    with pytest.raises(WorkbookError) as refused:
        check_field(path, value)
    assert refused.value.key == key
    message = refused.value.message(english)
    assert not message.startswith("[")
    if isinstance(value, str) and len(value) > 3:
        assert value[:20] not in message


def test_good_values_pass_unchanged():
    assert check_field("plan/p1/time", "2026-W39") == "2026-W39"
    assert check_field("plan/p1/time", "2026-09-24") == "2026-09-24"
    assert check_field("answers/step1.q1.1", "æøå 🙂 שלום") == "æøå 🙂 שלום"
    assert check_field("followups/f1/items/p1/reflection", True) is True


def test_unknown_top_level_keys_are_refused():
    with pytest.raises(WorkbookError) as refused:
        validate_workbook({"id": "abc", "name": "x", "colour": "red"})
    assert (refused.value.key, refused.value.details["field"]) == ("unknown_field", "colour")


def test_dates_and_weeks_take_only_ascii_digits():
    for value in ("٢٠٢٦-W٣٩", "２０２６-09-24"):
        with pytest.raises(WorkbookError):
            check_field("plan/p1/time", value)
