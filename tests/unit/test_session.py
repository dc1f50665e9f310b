"""The session saves an edit at once and gathers further keys for a moment, retries failed saves,
and takes in what other tabs saved without overwriting what this page is typing."""

from __future__ import annotations

import pytest

from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.store.portable import import_backup
from inkl_widgets.store.session import SAVE_INTERVAL, WorkbookSession

pytestmark = pytest.mark.both_engines


class ManualClock:
    """A scheduler whose delayed calls run only when the test says time has passed."""

    def __init__(self):
        self.calls: list[tuple[float, object]] = []
        self.now = 1000.0

    def time(self) -> float:
        return self.now

    def call_later(self, delay, callback):
        entry = [delay, callback, False]
        self.calls.append(entry)

        class Handle:
            def cancel(self_inner):
                entry[2] = True

        return Handle()

    def run_due(self) -> None:
        """Let the longest pending delay pass and run what was waiting."""
        due, self.calls = [c for c in self.calls if not c[2]], []
        self.now += max((delay for delay, _, _ in due), default=0)
        for _, callback, _ in due:
            callback()


@pytest.fixture
def workbook_id(store, demo):
    return import_backup(store, demo)


def test_an_edit_is_saved_at_once_and_keys_typed_on_are_saved_together(store, workbook_id):
    clock = ManualClock()
    session = WorkbookSession(store, workbook_id, scheduler=clock)
    before = len(store.history(workbook_id))
    session.edit("notes/step1", "V")
    assert store.load(workbook_id).notes["step1"] == "V"
    assert session.status.state == "saved" and session.status.at is not None
    for text in ("Vi", "Vi ø", "Vi øver"):
        session.edit("notes/step1", text)
    assert session.status.state == "saving"
    assert store.load(workbook_id).notes["step1"] == "V"
    clock.run_due()
    assert store.load(workbook_id).notes["step1"] == "Vi øver"
    assert len(store.history(workbook_id)) == before + 2
    assert session.status.state == "saved"


def test_an_edit_after_a_pause_is_saved_at_once(store, workbook_id):
    clock = ManualClock()
    session = WorkbookSession(store, workbook_id, scheduler=clock)
    session.edit("notes/step1", "første")
    clock.now += SAVE_INTERVAL
    session.edit("notes/step1", "anden")
    assert store.load(workbook_id).notes["step1"] == "anden"
    assert clock.calls == []


def test_a_refused_edit_raises_and_is_not_kept(store, workbook_id):
    session = WorkbookSession(store, workbook_id)
    with pytest.raises(WorkbookError):
        session.edit("plan/p1/status", "finished")
    assert session.value("plan/p1/status") == store.load(workbook_id).plan["p1"].status


def test_a_failed_save_keeps_the_words_and_retries(store, workbook_id, monkeypatch):
    clock = ManualClock()
    session = WorkbookSession(store, workbook_id, scheduler=clock)
    real = store.set_fields

    def broken(*args, **kwargs):
        raise WorkbookError("storage_failed")

    monkeypatch.setattr(store, "set_fields", broken)
    session.edit("notes/step2", "vigtige ord")
    clock.run_due()
    assert session.status.state == "failed"
    assert session.value("notes/step2") == "vigtige ord"
    monkeypatch.setattr(store, "set_fields", real)
    clock.run_due()
    assert session.status.state == "saved"
    assert store.load(workbook_id).notes["step2"] == "vigtige ord"


def test_other_tabs_changes_arrive_but_not_over_the_field_being_typed(store, workbook_id):
    mine = WorkbookSession(store, workbook_id, scheduler=ManualClock())
    other = WorkbookSession(store, workbook_id)
    seen = []
    mine.on_field("answers/step1.q1.1", seen.append)
    mine.edit("answers/step1.q1.2", "jeg skriver her")
    other.edit("answers/step1.q1.1", "fra den anden fane")
    other.edit("answers/step1.q1.2", "også fra den anden fane")
    assert mine.poll() == ["answers/step1.q1.1"]
    assert seen == ["fra den anden fane"]
    assert mine.value("answers/step1.q1.2") == "jeg skriver her"
    assert mine.workbook.answers["step1.q1.1"] == "fra den anden fane"


def test_own_saves_are_not_reported_back_as_remote_changes(store, workbook_id):
    session = WorkbookSession(store, workbook_id)
    session.edit("notes/step3", "egne ord")
    assert session.poll() == []
