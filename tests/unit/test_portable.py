"""The JSON backup: an exact round trip, and every bad file refused before anything changes."""

from __future__ import annotations

import copy
import json

import pytest

from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.model.workbook import SCHEMA_VERSION
from inkl_widgets.store.portable import MAX_BACKUP_BYTES, import_backup, parse_backup, to_json

from .test_store import _dump

AWKWARD = "æøå ÆØÅ 🙂👩🏽‍🦽 שלום עולם مرحبا \u202etxt\u202c <script>alert(1)</script> \x00\t"

pytestmark = pytest.mark.both_engines


def test_round_trip_is_exact_for_every_kind_of_text(store, demo):
    workbook = copy.deepcopy(demo)
    workbook.name = AWKWARD[:60]
    workbook.notes["step1"] = ("Noter om praksis, æøå 🙂. " * 42_000)[:1_048_576]
    workbook.answers["step1.q1.1"] = AWKWARD
    workbook.plan["p1"].roles = AWKWARD[:100]
    import_backup(store, workbook)
    exported = to_json(store.load(workbook.id))
    again = parse_backup(exported.encode("utf-8"))
    assert again == workbook
    assert len(again.notes["step1"]) == 1_048_576


def test_import_as_new_keeps_the_original_and_restore_needs_a_choice(store, demo):
    import_backup(store, demo)
    copy_id = import_backup(store, demo, as_new=True)
    assert copy_id != demo.id and store.load(copy_id).answers == demo.answers
    changed = copy.deepcopy(demo)
    changed.notes["step1"] = "ny version"
    with pytest.raises(WorkbookError) as refused:
        import_backup(store, changed)
    assert refused.value.key == "workbook_exists"
    import_backup(store, changed, replace=True)
    assert store.load(demo.id) == changed


def test_restoring_removes_what_the_backup_does_not_have(store, demo):
    import_backup(store, demo)
    store.set_field(demo.id, "plan/extra/goal", "added after the backup")
    import_backup(store, demo, replace=True)
    assert store.load(demo.id) == demo
    assert store.history(demo.id, path="plan/extra/goal")[-1].new is None


def _backup(demo, **changes) -> dict:
    document = json.loads(to_json(demo))
    document.update(changes)
    return document


def _bytes(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _bad_files(demo):
    good = _backup(demo)
    unknown_key = _backup(demo)
    unknown_key["workbook"]["colour"] = "red"
    wrong_type = _backup(demo)
    wrong_type["workbook"]["meeting"]["duration_minutes"] = "90"
    return {
        "unknown envelope key": ("unknown_field", _bytes({**good, "extra": 1})),
        "unknown workbook key": ("unknown_field", _bytes(unknown_key)),
        "wrong type": ("wrong_type", _bytes(wrong_type)),
        "NaN": (
            "not_json",
            _bytes(good).replace(b'"duration_minutes": 120', b'"duration_minutes": NaN'),
        ),
        "duplicate key": (
            "duplicate_key",
            _bytes(good).replace(b'"cycle": 1', b'"cycle": 1, "cycle": 2'),
        ),
        "invalid UTF-8": ("not_utf8", _bytes(good).replace(b"Velkommen", b"\xff\xfe")),
        "lone surrogate": (
            "lone_surrogate",
            _bytes(good).replace(b"Velkommen her", b"Velkommen \\ud800 her"),
        ),
        "newer schema": ("backup_newer", _bytes({**good, "schema_version": SCHEMA_VERSION + 1})),
        "not a backup": ("not_a_backup", b'{"hello": "world"}'),
        "not JSON": ("not_json", b"<html>no</html>"),
        "too large": ("file_too_large", b" " * (MAX_BACKUP_BYTES + 1)),
        "deep nesting": ("not_json", b"[" * 100_000 + b"]" * 100_000),
    }


BAD_CASES = [
    "unknown envelope key",
    "unknown workbook key",
    "wrong type",
    "NaN",
    "duplicate key",
    "invalid UTF-8",
    "lone surrogate",
    "newer schema",
    "not a backup",
    "not JSON",
    "too large",
    "deep nesting",
]


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_files_are_refused_and_change_nothing(store, demo, english, case):
    import_backup(store, demo)
    before = _dump(store)
    key, data = _bad_files(demo)[case]
    with pytest.raises(WorkbookError) as refused:
        import_backup(store, parse_backup(data), replace=True)
    assert refused.value.key == key
    message = refused.value.message(english)
    assert "ud800" not in message and "red" not in message and "[" not in message[:1]
    assert _dump(store) == before
