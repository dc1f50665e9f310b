"""The store loses nothing: field-level transactions, history, concurrent processes, crashes."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

import pytest

from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.store import database as store_module
from inkl_widgets.store import schema
from inkl_widgets.store.database import DATABASE_FILE, open_store

from ..harness import ROOT


def _dump(store) -> list:
    """Every row of the store's tables, through its own connection (either engine)."""
    with store._reading() as connection:
        return [
            connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("workbooks", "fields", "history")
        ]


@pytest.mark.both_engines
def test_each_field_write_is_saved_with_a_revision_and_history(store):
    workbook_id = store.create("Velkommen her")
    first = store.set_field(workbook_id, "answers/step1.q1.1", "Vi vil gerne lære mere")
    second = store.set_field(workbook_id, "answers/step1.q1.1", "Vi vil lære af de frivillige")
    assert (first.revision, second.revision) == (1, 2)
    assert store.load(workbook_id).answers["step1.q1.1"] == "Vi vil lære af de frivillige"
    changes = store.history(workbook_id, path="answers/step1.q1.1")
    assert [(c.old, c.new) for c in changes] == [
        (None, "Vi vil gerne lære mere"),
        ("Vi vil gerne lære mere", "Vi vil lære af de frivillige"),
    ]


@pytest.mark.both_engines
def test_the_later_writer_wins_and_learns_it_was_stale(store):
    workbook_id = store.create("Velkommen her")
    store.set_field(workbook_id, "notes/step1", "tab A")
    tab_b = store.set_field(workbook_id, "notes/step1", "tab B", expected_revision=1)
    tab_a = store.set_field(workbook_id, "notes/step1", "tab A again", expected_revision=1)
    assert not tab_b.stale and tab_a.stale
    assert store.load(workbook_id).notes["step1"] == "tab A again"
    assert "tab B" in [c.new for c in store.history(workbook_id, path="notes/step1")]


@pytest.mark.both_engines
def test_any_earlier_value_can_be_restored(store):
    workbook_id = store.create("Velkommen her")
    for words in ("første udkast", "andet udkast", "tredje udkast"):
        store.set_field(workbook_id, "notes/step2", words)
    first = store.history(workbook_id, path="notes/step2")[0]
    store.restore(workbook_id, first.sequence)
    assert store.load(workbook_id).notes["step2"] == "første udkast"
    assert store.history(workbook_id)[-1].origin == "restore"


@pytest.mark.both_engines
def test_a_refused_value_changes_nothing(store):
    workbook_id = store.create("Velkommen her")
    store.set_field(workbook_id, "plan/p1/goal", "Flere frivillige")
    before = _dump(store)
    with pytest.raises(WorkbookError):
        store.set_fields(workbook_id, {"plan/p1/goal": "Ny", "plan/p1/status": "finished"})
    assert _dump(store) == before


@pytest.mark.both_engines
def test_odd_names_are_stored_exactly_and_never_become_paths(store, data_dir):
    names = ["../../etc/passwd", "a/b\\c", "tab\tnew\nline\x07", "\u202eevil\u202c", "æ" * 300]
    ids = [store.create(name) for name in names]
    assert [store.load(i).name for i in ids] == names
    files = {p.name for p in data_dir.iterdir()} if data_dir.exists() else set()
    assert files <= {DATABASE_FILE, f"{DATABASE_FILE}-wal", f"{DATABASE_FILE}-shm"}
    assert sorted(s.name for s in store.list()) == sorted(names)


WRITER = """
import sys
from inkl_widgets.store.database import open_store
store = open_store(sys.argv[1])
workbook_id, prefix, count = sys.argv[2], sys.argv[3], int(sys.argv[4])
for i in range(count):
    store.set_field(workbook_id, f"plan/{prefix}{i}/goal", f"goal {i} from {prefix}")
    store.set_field(workbook_id, "notes/step3", f"{prefix} {i}")
"""


@pytest.mark.both_engines
def test_two_processes_writing_one_workbook_lose_nothing(store, store_location):
    workbook_id = store.create("Velkommen her")
    count = 150
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, store_location, workbook_id, p, str(count)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in ("a", "b")
    ]
    for writer in writers:
        _, errors = writer.communicate(timeout=240)
        assert writer.returncode == 0, errors
    workbook = store.load(workbook_id)
    assert len(workbook.plan) == 2 * count
    assert workbook.plan["b149"].goal == "goal 149 from b"
    assert len(store.history(workbook_id, path="notes/step3")) == 2 * count


KILLED_WRITER = """
import sys
from inkl_widgets.store.database import open_store
store = open_store(sys.argv[1])
print("ready", flush=True)
i = 0
while True:
    i += 1
    store.set_fields(sys.argv[2], {"notes/step1": str(i) * 50_000, "notes/step2": str(i)})
"""


@pytest.mark.both_engines
def test_a_writer_killed_mid_write_leaves_a_workbook_that_opens(store, store_location):
    workbook_id = store.create("Velkommen her")
    randomness = random.Random(7)
    for _ in range(12):
        writer = subprocess.Popen(
            [sys.executable, "-c", KILLED_WRITER, store_location, workbook_id],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(randomness.uniform(0.02, 0.25))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        workbook = open_store(store_location).load(workbook_id)
        counter = workbook.notes.get("step2", "")
        assert workbook.notes.get("step1", "") == counter * 50_000  # both fields or neither


def test_a_full_disk_gives_a_clear_error_and_keeps_the_data(store, data_dir, monkeypatch):
    workbook_id = store.create("Velkommen her")
    store.set_field(workbook_id, "notes/step1", "gemt før")
    with closing(sqlite3.connect(store.file)) as connection:
        (pages,) = connection.execute("PRAGMA page_count").fetchone()
    connect = store_module._connect

    def small_disk(file):
        connection = connect(file)
        connection.execute(f"PRAGMA max_page_count = {pages + 2}")
        return connection

    monkeypatch.setattr(store_module, "_connect", small_disk)
    with pytest.raises(WorkbookError) as refused:
        open_store(data_dir).set_field(workbook_id, "notes/step1", "x" * 1_000_000)
    assert refused.value.key == "disk_full"
    monkeypatch.undo()
    assert open_store(data_dir).load(workbook_id).notes["step1"] == "gemt før"


@pytest.mark.both_engines
def test_a_database_from_a_newer_version_is_refused(store, store_location):
    with store._writing() as connection:
        connection.execute("UPDATE inkl_schema SET version = 99")
    with pytest.raises(WorkbookError) as refused:
        open_store(store_location)
    assert refused.value.key == "database_newer"


@pytest.mark.both_engines
def test_each_change_names_who_made_it(store, store_location, monkeypatch):
    workbook_id = store.create("Velkommen her")
    monkeypatch.setenv("INKL_AUTHOR", "mette")
    open_store(store_location).set_field(workbook_id, "notes/step1", "Mettes note")
    monkeypatch.setenv("INKL_AUTHOR", "jonas")
    open_store(store_location).set_field(workbook_id, "notes/step1", "Jonas' note")
    changes = store.history(workbook_id, path="notes/step1")
    assert [(c.new, c.author) for c in changes] == [
        ("Mettes note", "mette"),
        ("Jonas' note", "jonas"),
    ]


def test_a_database_from_before_authors_opens_with_its_history(data_dir):
    data_dir.mkdir()
    with closing(sqlite3.connect(data_dir / DATABASE_FILE)) as connection, connection:
        schema.migrate(connection, schema.MIGRATIONS[:1])
        connection.execute("INSERT INTO workbooks VALUES ('abc', 'then', 'then')")
        connection.execute(
            "INSERT INTO history (workbook_id, path, old_value, new_value, rev, at, origin) "
            "VALUES ('abc', 'notes/step1', NULL, '\"før\"', 1, 'then', 'edit')"
        )
    (change,) = open_store(data_dir).history("abc")
    assert (change.new, change.author) == ("før", "")


@pytest.mark.both_engines
def test_a_commit_by_another_connection_wakes_the_watcher_with_its_workbook(store, store_location):
    workbook_id = store.create("Velkommen her")
    watcher = store.watch()
    assert watcher.wait(timeout=0.2) == set()
    open_store(store_location).set_field(workbook_id, "notes/step1", "fra en anden fane")
    assert watcher.wait(timeout=5) == {workbook_id}
    assert watcher.wait(timeout=0.2) == set()
    watcher.close()
