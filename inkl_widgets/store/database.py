"""Storage: every workbook field in an embedded database, one transaction per change.

SQLite (a file in the data folder), reached through the standard library's ``sqlite3``: the
store only ever sends SQL text, and importing SQLAlchemy for that cost every page's kernel about
100 ms. Writes use ``BEGIN IMMEDIATE`` in WAL mode with a busy timeout: concurrent writers queue
instead of failing or losing updates (see the storage facts in the stack notes); reads run in a
plain ``BEGIN``, so each sees one consistent snapshot. Every change appends to a history, from
which any earlier value can be restored.

Reading never writes: a store opened for reading (``open_store(writable=False)``) opens the file
read-only and migrates an older schema in a copy in memory, so listing and exporting work on a
read-only folder, for a user who may not write there, and on a full disk. A refused write says
why in one sentence (read-only folder, full disk, or that saving failed) and logs SQLite's error.
"""

from __future__ import annotations

import builtins
import datetime as dt
import errno
import json
import logging
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import msgspec
import platformdirs

from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.model.fields import assemble, check_field, flatten, validate_workbook
from inkl_widgets.model.workbook import Workbook
from inkl_widgets.store import schema
from inkl_widgets.store.watch import SQLiteChangeWatcher, Watcher

DATABASE_FILE = "inkl.sqlite3"
BUSY_TIMEOUT_MS = 30_000
SQLITE_READONLY, SQLITE_FULL = 8, 13  # primary result codes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Saved:
    """One write's result: the field's revision, whether the writer was behind, and the history
    entry it made (0 when the value was unchanged and nothing was written)."""

    revision: int
    stale: bool
    sequence: int


@dataclass(frozen=True)
class Change:
    """One entry of the history: a field going from one value to another."""

    sequence: int
    path: str
    old: object
    new: object
    revision: int
    at: str
    origin: str
    author: str = ""


@dataclass(frozen=True)
class WorkbookSummary:
    id: str
    name: str
    cycle: int
    updated_at: str


def default_data_dir() -> Path:
    """``INKL_DATA_DIR`` if set, else the user's data folder (``~/.local/share/inkl`` on Linux)."""
    chosen = os.environ.get("INKL_DATA_DIR")
    return Path(chosen) if chosen else Path(platformdirs.user_data_dir("inkl", appauthor=False))


def open_store(location: str | Path | None = None, writable: bool = True) -> WorkbookStore:
    """The store in a data folder, by default the user's (``default_data_dir``), or on the
    PostgreSQL server a ``postgresql://`` address names (``location`` or ``INKL_DATABASE_URL``).

    For reading only, nothing is created or migrated in the folder. Changes are signed with
    ``INKL_AUTHOR`` (the hub user who opened the page), if set.
    """
    location = location or os.environ.get("INKL_DATABASE_URL")
    author = os.environ.get("INKL_AUTHOR", "")
    if str(location).startswith(("postgresql://", "postgres://")):
        from inkl_widgets.store.postgres import PostgresStore  # psycopg only where it is used

        return PostgresStore(str(location), author=author)
    folder = Path(location) if location else default_data_dir()
    if writable:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except (OSError, ValueError) as error:
            raise _refused(error, folder) from error
    return WorkbookStore(folder / DATABASE_FILE, writable=writable, author=author)


def open_store_as_allowed(location: str | Path | None = None) -> tuple[WorkbookStore, str | None]:
    """The store for writing; where writing is refused (a read-only folder, a full disk) the
    same store for reading, with the key of the sentence that says why (``error.<key>``)."""
    try:
        return open_store(location), None
    except WorkbookError as error:
        if error.key not in ("read_only", "disk_full"):
            raise
        return open_store(location, writable=False), error.key


def _refused(error: Exception, folder: Path) -> WorkbookError:
    """The sentence for a failed write, with the cause logged (never the user's text)."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    name = getattr(error, "sqlite_errorname", None) or type(error).__name__
    log.warning("storage refused in %s: %s: %s", folder, name, error)
    if code == SQLITE_FULL or getattr(error, "errno", None) == errno.ENOSPC or _full(folder):
        return WorkbookError("disk_full")
    if code == SQLITE_READONLY or not _writable(folder):
        return WorkbookError("read_only")
    return WorkbookError("storage_failed")


def _full(folder: Path) -> bool:
    """Whether the disk holding ``folder`` has no room left (SQLite may only say "I/O error")."""
    try:
        return os.statvfs(folder).f_bavail == 0
    except OSError:
        return False


def _writable(folder: Path) -> bool:
    """Whether this user may create files in ``folder`` (or in the folder it would be made in)."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return os.access(folder, os.W_OK)


def _connect(file: Path) -> sqlite3.Connection:
    """A connection set up as every one must be: WAL, ``synchronous=NORMAL``, the busy timeout.

    ``isolation_level=None`` stops ``sqlite3`` from opening transactions on its own; the store
    issues ``BEGIN``/``COMMIT`` itself. ``check_same_thread=False`` because the store may be used
    from more than one thread (see ``WorkbookStore``).
    """
    connection = sqlite3.connect(
        file, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def _connect_for_reading(file: Path) -> sqlite3.Connection:
    """The database opened read-only, or an empty one in memory when there is no file yet.

    A WAL database needs its ``-shm`` file to be read. Where that cannot be made (a read-only
    folder, a full disk) and no write-ahead log is pending, the file alone holds every change
    and is opened as immutable. A schema older than this code's is migrated in a copy in memory.
    """
    if not file.is_file():
        return _migrated_copy(None)
    base = f"{file.resolve().as_uri()}?mode=ro"
    try:
        return _open_for_reading(base)
    except sqlite3.OperationalError as error:
        pending = file.with_name(file.name + "-wal")
        if pending.is_file() and pending.stat().st_size > 0:
            raise
        log.info("reading %s as immutable: %s", file, error)
        return _open_for_reading(base + "&immutable=1")


def _open_for_reading(uri: str) -> sqlite3.Connection:
    connection = sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        version = schema.version_of(connection)
    except (sqlite3.Error, WorkbookError):
        connection.close()
        raise
    return connection if version == schema.SCHEMA_VERSION else _migrated_copy(connection)


def _migrated_copy(source: sqlite3.Connection | None) -> sqlite3.Connection:
    """An in-memory copy of ``source`` (or an empty database) brought up to this schema."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    if source is not None:
        source.backup(memory)
        source.close()
    memory.execute("BEGIN")
    schema.migrate(memory)
    memory.execute("COMMIT")
    return memory


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _encode(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _decode(stored: str | None) -> Any:
    """A stored JSON value: its type is the field's, which the model checks."""
    return None if stored is None else json.loads(stored)


class Statements(Protocol):
    """What the store's queries need of a connection: ``sqlite3``'s has it, and so has the
    PostgreSQL store's (``postgres._Connection``)."""

    def execute(self, query: str, params: Any = ..., /) -> Any: ...


def new_workbook_id() -> str:
    """A random id: never derived from a name, so it can never name a path."""
    return secrets.token_hex(5)


class WorkbookStore:
    """Workbooks as fields with revisions, plus their history. All I/O of the app goes here.

    One connection for the store's lifetime, behind a lock. A page's kernel calls the store from
    its event loop, and nothing stops a thread (an ipykernel subshell, a script) from calling it
    too; the lock keeps each transaction to one caller at a time, which costs nothing here since
    SQLite runs one writer at a time anyway. A connection per operation would need no lock, but
    closing the file's last connection checkpoints and deletes the WAL, which measured 2-4 ms
    per save against 0.02 ms on a kept connection.
    """

    def __init__(self, file: Path, writable: bool = True, author: str = ""):
        self.file = file
        self.writable = writable
        self.author = author  # who each change is recorded as made by ("" when no one logs in)
        self._lock = threading.Lock()
        try:
            self._connection = _connect(file) if writable else _connect_for_reading(file)
        except sqlite3.Error as error:
            raise _refused(error, file.parent) from error
        if not writable:
            return
        try:
            with self._writing() as connection:
                schema.migrate(connection)
        except WorkbookError:
            self.close()
            raise

    def watch(self) -> Watcher:
        """A watcher told of every commit to this database, from any process."""
        return SQLiteChangeWatcher(self.file)

    def close(self) -> None:
        """Let go of the database file; the store cannot be used afterwards."""
        with self._lock:
            self._connection.close()

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[Statements]:
        with self._lock:
            connection = self._connection
            try:
                connection.execute(begin)
                try:
                    yield connection
                    connection.execute("COMMIT")
                except BaseException:
                    if connection.in_transaction:  # SQLite may have rolled back (disk full)
                        connection.execute("ROLLBACK")
                    raise
            except sqlite3.Error as error:
                raise _refused(error, self.file.parent) from error

    def _writing(self):
        if not self.writable:
            raise WorkbookError("read_only")
        return self._transaction("BEGIN IMMEDIATE")

    def _reading(self):
        return self._transaction("BEGIN")

    # ---- workbooks -------------------------------------------------------------------------

    def create(self, name: str, language: str = "da", **fields: Any) -> str:
        """A new workbook with a fresh id; extra fields (e.g. ``cycle``) are set with it."""
        workbook_id = new_workbook_id()
        created = dt.date.today().isoformat()
        workbook = Workbook(id=workbook_id, name=name, language=language, created=created, **fields)
        self.write_whole(workbook, origin="create", must_be_new=True)
        return workbook_id

    def exists(self, workbook_id: str) -> bool:
        with self._reading() as connection:
            return _workbook_exists(connection, workbook_id)

    def list(self) -> list[WorkbookSummary]:
        """All workbooks, the most recently changed first."""
        query = (
            "SELECT w.id, n.value, c.value, w.updated_at FROM workbooks w "
            "LEFT JOIN fields n ON n.workbook_id = w.id AND n.path = 'name' "
            "LEFT JOIN fields c ON c.workbook_id = w.id AND c.path = 'cycle' "
            "ORDER BY w.updated_at DESC, w.id"
        )
        with self._reading() as connection:
            rows = connection.execute(query).fetchall()
        return [
            WorkbookSummary(workbook_id, _decode(name) or "", _decode(cycle) or 1, updated_at)
            for workbook_id, name, cycle, updated_at in rows
        ]

    def load(self, workbook_id: str) -> Workbook:
        fields, _ = self.load_fields(workbook_id)
        return assemble(workbook_id, fields)

    def load_fields(self, workbook_id: str) -> tuple[dict[str, object], dict[str, int]]:
        """The stored fields and their revisions; a page keeps the revisions to detect staleness."""
        with self._reading() as connection:
            self._require(connection, workbook_id)
            rows = connection.execute(
                "SELECT path, value, rev FROM fields WHERE workbook_id = :id", {"id": workbook_id}
            ).fetchall()
        values = {path: _decode(value) for path, value, _ in rows}
        return values, {path: rev for path, _, rev in rows}

    def _require(self, connection, workbook_id: str) -> None:
        if not _workbook_exists(connection, workbook_id):
            raise WorkbookError("no_such_workbook")

    # ---- field writes ----------------------------------------------------------------------

    def set_field(
        self, workbook_id: str, path: str, value: object, expected_revision: int | None = None
    ) -> Saved:
        """Write one field in its own transaction. The later writer wins; ``stale`` tells a
        writer whose ``expected_revision`` was behind, and the value it replaced stays in history.
        """
        return self.set_fields(workbook_id, {path: value}, {path: expected_revision})[path]

    def set_fields(
        self,
        workbook_id: str,
        values: dict[str, object],
        expected: dict[str, int | None] | None = None,
        origin: str = "edit",
    ) -> dict[str, Saved]:
        """Write several fields at once (a new plan row, two rows swapping places): all or none."""
        checked = {path: check_field(path, value) for path, value in values.items()}
        expected = expected or {}
        with self._writing() as connection:
            self._require(connection, workbook_id)
            results = {
                path: self._write(connection, workbook_id, path, value, expected.get(path), origin)
                for path, value in checked.items()
            }
            self._touch(connection, workbook_id)
        return results

    def _write(self, connection, workbook_id, path, value, expected, origin) -> Saved:
        current = connection.execute(
            "SELECT value, rev FROM fields WHERE workbook_id = :id AND path = :path",
            {"id": workbook_id, "path": path},
        ).fetchone()
        old_value, old_rev = current or (None, 0)
        new_value, new_rev, at = _encode(value), old_rev + 1, _now()
        stale = expected is not None and expected != old_rev
        if current is not None and old_value == new_value:
            return Saved(old_rev, stale, sequence=0)  # nothing new was written
        connection.execute(
            "INSERT INTO fields (workbook_id, path, value, rev, updated_at) "
            "VALUES (:id, :path, :value, :rev, :at) ON CONFLICT (workbook_id, path) "
            "DO UPDATE SET value = excluded.value, rev = excluded.rev, "
            "updated_at = excluded.updated_at",
            {"id": workbook_id, "path": path, "value": new_value, "rev": new_rev, "at": at},
        )
        sequence = self._append_history(
            connection, workbook_id, path, old_value, new_value, new_rev, at, origin
        )
        return Saved(new_rev, stale, sequence)

    def _append_history(self, connection, workbook_id, path, old, new, rev, at, origin) -> int:
        (sequence,) = connection.execute(
            "INSERT INTO history (workbook_id, path, old_value, new_value, rev, at, origin, "
            "author) VALUES (:id, :path, :old, :new, :rev, :at, :origin, :author) RETURNING seq",
            {
                "id": workbook_id,
                "path": path,
                "old": old,
                "new": new,
                "rev": rev,
                "at": at,
                "origin": origin,
                "author": self.author,
            },
        ).fetchone()
        return sequence

    def _touch(self, connection, workbook_id: str) -> None:
        connection.execute(
            "UPDATE workbooks SET updated_at = :at WHERE id = :id",
            {"at": _now(), "id": workbook_id},
        )

    def write_whole(self, workbook: Workbook, origin: str, must_be_new: bool = False) -> None:
        """Make the stored workbook exactly ``workbook`` in one transaction (create, restore).

        Fields the new state lacks are removed, with the removal recorded in the history.
        """
        fields = flatten(validate_workbook(msgspec.to_builtins(workbook)))
        with self._writing() as connection:
            exists = _workbook_exists(connection, workbook.id)
            if exists and must_be_new:
                raise WorkbookError("workbook_exists")
            if not exists:
                connection.execute(
                    "INSERT INTO workbooks (id, created_at, updated_at) VALUES (:id, :at, :at)",
                    {"id": workbook.id, "at": _now()},
                )
            for path, value in fields.items():
                self._write(connection, workbook.id, path, value, None, origin)
            self._remove_missing(connection, workbook.id, set(fields), origin)
            self._touch(connection, workbook.id)

    def _remove_missing(self, connection, workbook_id: str, keep: set[str], origin: str) -> None:
        rows = connection.execute(
            "SELECT path, value, rev FROM fields WHERE workbook_id = :id", {"id": workbook_id}
        ).fetchall()
        for path, value, rev in rows:
            if path in keep:
                continue
            connection.execute(
                "DELETE FROM fields WHERE workbook_id = :id AND path = :path",
                {"id": workbook_id, "path": path},
            )
            self._append_history(
                connection, workbook_id, path, value, None, rev + 1, _now(), origin
            )

    # ---- history ---------------------------------------------------------------------------

    def history(
        self, workbook_id: str, path: str | None = None, after: int = 0
    ) -> builtins.list[Change]:
        """Changes in the order they happened, optionally of one field or after a sequence."""
        query = (
            "SELECT seq, path, old_value, new_value, rev, at, origin, author FROM history "
            "WHERE workbook_id = :id AND seq > :after"
        )
        params: dict[str, object] = {"id": workbook_id, "after": after}
        if path is not None:
            query += " AND path = :path"
            params["path"] = path
        with self._reading() as connection:
            self._require(connection, workbook_id)
            rows = connection.execute(query + " ORDER BY seq", params).fetchall()
        return [
            Change(seq, changed, _decode(old), _decode(new), rev, at, origin, author)
            for seq, changed, old, new, rev, at, origin, author in rows
        ]

    def latest_sequence(self, workbook_id: str) -> int:
        with self._reading() as connection:
            (sequence,) = connection.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM history WHERE workbook_id = :id",
                {"id": workbook_id},
            ).fetchone()
        return sequence

    def restore(self, workbook_id: str, sequence: int) -> Saved:
        """Put back the value a field had right after history entry ``sequence``."""
        if not 0 < sequence < 2**63:  # beyond SQLite's integers: no such entry
            raise WorkbookError("no_such_change")
        with self._reading() as connection:
            row = connection.execute(
                "SELECT path, new_value FROM history WHERE workbook_id = :id AND seq = :seq",
                {"id": workbook_id, "seq": sequence},
            ).fetchone()
        if row is None or row[1] is None:
            raise WorkbookError("no_such_change")
        path, value = row
        return self.set_fields(workbook_id, {path: _decode(value)}, origin="restore")[path]


def _workbook_exists(connection: Statements, workbook_id: str) -> bool:
    found = connection.execute("SELECT 1 FROM workbooks WHERE id = :id", {"id": workbook_id})
    return found.fetchone() is not None
