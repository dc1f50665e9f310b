"""Reading works without writing: on a read-only folder, as a user who may not write there and
on a full disk, the workbooks can be listed and exported; a refused write says why in one
sentence, and the log says which SQLite error it was."""

from __future__ import annotations

import json
import logging
import sqlite3
import subprocess
import sys

import pytest

from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.pages.app import open_workbook
from inkl_widgets.store import database as store_module
from inkl_widgets.store.database import DATABASE_FILE, open_store

from ..filesystems import as_nobody, folder_of_another_user, full_disk, read_only_folder
from ..harness import ROOT

READ_ONLY = "The data folder is read-only, so nothing can be saved."
DISK_FULL = "The disk is full, so nothing can be saved."


def inkl(data_dir, *args: str, user=None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "inkl_widgets.cli", "--lang", "en", "--data-dir"]
    command = [*command, str(data_dir), *args]
    return subprocess.run(
        user(command) if user else command, capture_output=True, text=True, cwd=ROOT
    )


@pytest.fixture
def saved(tmp_path):
    """A data folder holding one workbook, its database closed as after a meeting."""
    folder = tmp_path / "data"
    store = open_store(folder)
    workbook_id = store.create("Foreningen Æble")
    store.set_field(workbook_id, "notes/step1", "gemt før")
    store.close()
    return folder, workbook_id


def assert_reads_and_refuses(folder, workbook_id, refusal, user=None):
    listed = inkl(folder, "list", user=user)
    assert listed.returncode == 0, listed.stderr
    assert workbook_id in listed.stdout and "Foreningen Æble" in listed.stdout
    exported = inkl(folder, "export", workbook_id, user=user)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["workbook"]["notes"]["step1"] == "gemt før"
    history = inkl(folder, "history", workbook_id, user=user)
    assert history.returncode == 0 and "notes/step1" in history.stdout
    written = inkl(folder, "new", "Ny", user=user)
    assert written.returncode == 1
    assert written.stderr.startswith(refusal) and written.stderr.count("\n") == 1


def test_a_read_only_folder_can_be_listed_and_exported(saved):
    folder, workbook_id = saved
    with read_only_folder(folder):
        assert_reads_and_refuses(folder, workbook_id, READ_ONLY)
        with pytest.raises(WorkbookError) as refused:
            open_store(folder).set_field(workbook_id, "notes/step1", "ny tekst")
        assert refused.value.key == "read_only"
    assert open_store(folder).load(workbook_id).notes["step1"] == "gemt før"


def test_a_user_who_may_not_write_can_list_and_export():
    folder = folder_of_another_user()
    store = open_store(folder)
    workbook_id = store.create("Foreningen Æble")
    store.set_field(workbook_id, "notes/step1", "gemt før")
    store.close()
    (folder / DATABASE_FILE).chmod(0o644)
    assert_reads_and_refuses(folder, workbook_id, READ_ONLY, user=as_nobody)


def test_a_full_disk_can_be_listed_and_exported(saved):
    folder, workbook_id = saved
    with full_disk(folder):
        assert_reads_and_refuses(folder, workbook_id, DISK_FULL)


def test_reading_creates_nothing(tmp_path):
    folder = tmp_path / "nothing-here"
    assert open_store(folder, writable=False).list() == []
    assert not folder.exists()
    assert inkl(folder, "list").returncode == 0 and not folder.exists()


def test_reading_an_older_database_migrates_only_a_copy(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    sqlite3.connect(folder / DATABASE_FILE).close()  # a file from before the first schema
    before = (folder / DATABASE_FILE).read_bytes()
    assert open_store(folder, writable=False).list() == []
    assert (folder / DATABASE_FILE).read_bytes() == before
    assert sorted(path.name for path in folder.iterdir()) == [DATABASE_FILE]


def test_a_store_opened_for_reading_refuses_writes(saved):
    folder, workbook_id = saved
    store = open_store(folder, writable=False)
    with pytest.raises(WorkbookError) as refused:
        store.set_field(workbook_id, "notes/step1", "ny")
    assert refused.value.key == "read_only"
    assert open_store(folder).load(workbook_id).notes["step1"] == "gemt før"


def test_a_locked_database_is_logged_as_such_and_keeps_its_cause(saved, monkeypatch, caplog):
    folder, workbook_id = saved
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 50)
    store = open_store(folder)
    holder = sqlite3.connect(folder / DATABASE_FILE, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with caplog.at_level(logging.WARNING), pytest.raises(WorkbookError) as refused:
            store.set_field(workbook_id, "notes/step1", "ny tekst, hemmelig")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert refused.value.key == "storage_failed"
    assert isinstance(refused.value.__cause__, sqlite3.OperationalError)
    assert "SQLITE_BUSY" in caplog.text and "hemmelig" not in caplog.text


def test_a_full_database_is_logged_as_such(saved, monkeypatch, caplog):
    folder, workbook_id = saved
    connect = store_module._connect

    def small_disk(file):
        connection = connect(file)
        (pages,) = connection.execute("PRAGMA page_count").fetchone()
        connection.execute(f"PRAGMA max_page_count = {pages + 2}")
        return connection

    monkeypatch.setattr(store_module, "_connect", small_disk)
    with caplog.at_level(logging.WARNING), pytest.raises(WorkbookError) as refused:
        open_store(folder).set_field(workbook_id, "notes/step1", "x" * 1_000_000)
    assert refused.value.key == "disk_full"
    assert "SQLITE_FULL" in caplog.text and "xxxx" not in caplog.text


def test_the_app_on_a_read_only_folder_shows_the_workbook_and_says_it_cannot_save(
    saved, monkeypatch
):
    folder, workbook_id = saved
    monkeypatch.setenv("INKL_DATA_DIR", str(folder))
    with read_only_folder(folder):
        ctx = open_workbook(workbook_id)
        assert ctx.session.workbook.notes["step1"] == "gemt før"
        assert "skrivebeskyttet" in ctx.alerts.value
        with pytest.raises(WorkbookError) as refused:
            ctx.store.set_field(workbook_id, "notes/step1", "ny")
        assert refused.value.key == "read_only"
        ctx.store.close()  # let go of the file before the folder is unmounted


def test_a_reader_sees_what_is_saved_after_it_opened(saved):
    folder, workbook_id = saved
    reader = open_store(folder, writable=False)
    open_store(folder).set_field(workbook_id, "notes/step2", "ny")
    assert reader.load(workbook_id).notes["step2"] == "ny"
