"""Storage: every workbook field in an embedded database, one transaction per change.

SQLite by default (a file in the data folder), reached through SQLAlchemy so another database URL
can serve later. Writes use ``BEGIN IMMEDIATE`` in WAL mode with a busy timeout: concurrent
writers queue instead of failing or losing updates (see the storage facts in the stack notes).
Every change appends to a history, from which any earlier value can be restored.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from . import schema
from .errors import WorkbookError
from .fields import assemble, check_field, flatten
from .model import Workbook

DATABASE_FILE = "inkl.sqlite3"
BUSY_TIMEOUT_MS = 30_000


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


def open_store(location: str | Path | None = None) -> WorkbookStore:
    """The store at a database URL, a data folder, or by default the data folder's SQLite file."""
    if isinstance(location, str) and "://" in location:
        return WorkbookStore(create_engine(location))
    folder = Path(location) if location else default_data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise WorkbookError("storage_failed") from None
    return WorkbookStore(_sqlite_engine(folder / DATABASE_FILE))


def _sqlite_engine(file: Path) -> Engine:
    engine = create_engine(f"sqlite:///{file}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _configure(connection, _record) -> None:
        connection.isolation_level = None  # SQLAlchemy's begin event below issues BEGIN itself
        cursor = connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        reading = connection.get_execution_options().get("reading", False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _encode(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _decode(stored: str | None) -> object:
    return None if stored is None else json.loads(stored)


def new_workbook_id() -> str:
    """A random id: never derived from a name, so it can never name a path."""
    return secrets.token_hex(5)


class WorkbookStore:
    """Workbooks as fields with revisions, plus their history. All I/O of the app goes here."""

    def __init__(self, engine: Engine):
        self.engine = engine
        try:
            with engine.begin() as connection:
                schema.migrate(connection)
        except OperationalError:
            raise WorkbookError("storage_failed") from None

    def _writing(self):
        return self.engine.begin()

    def _reading(self):
        return self.engine.execution_options(reading=True).begin()

    # ---- workbooks -------------------------------------------------------------------------

    def create(self, name: str, language: str = "da", **fields: object) -> str:
        """A new workbook with a fresh id; extra fields (e.g. ``cycle``) are set with it."""
        workbook_id = new_workbook_id()
        created = dt.date.today().isoformat()
        initial = {"name": name, "language": language, "created": created, **fields}
        self.write_whole(Workbook(id=workbook_id, **initial), origin="create", must_be_new=True)
        return workbook_id

    def exists(self, workbook_id: str) -> bool:
        with self._reading() as connection:
            found = connection.execute(
                text("SELECT 1 FROM workbooks WHERE id = :id"), {"id": workbook_id}
            ).first()
        return found is not None

    def list(self) -> list[WorkbookSummary]:
        """All workbooks, the most recently changed first."""
        query = text(
            "SELECT w.id, w.updated_at, n.value AS name, c.value AS cycle FROM workbooks w "
            "LEFT JOIN fields n ON n.workbook_id = w.id AND n.path = 'name' "
            "LEFT JOIN fields c ON c.workbook_id = w.id AND c.path = 'cycle' "
            "ORDER BY w.updated_at DESC, w.id"
        )
        with self._reading() as connection:
            rows = connection.execute(query).all()
        return [
            WorkbookSummary(
                row.id, _decode(row.name) or "", _decode(row.cycle) or 1, row.updated_at
            )
            for row in rows
        ]

    def load(self, workbook_id: str) -> Workbook:
        fields, _ = self.load_fields(workbook_id)
        return assemble(workbook_id, fields)

    def load_fields(self, workbook_id: str) -> tuple[dict[str, object], dict[str, int]]:
        """The stored fields and their revisions; a page keeps the revisions to detect staleness."""
        with self._reading() as connection:
            self._require(connection, workbook_id)
            rows = connection.execute(
                text("SELECT path, value, rev FROM fields WHERE workbook_id = :id"),
                {"id": workbook_id},
            ).all()
        return {r.path: _decode(r.value) for r in rows}, {r.path: r.rev for r in rows}

    def _require(self, connection, workbook_id: str) -> None:
        found = connection.execute(
            text("SELECT 1 FROM workbooks WHERE id = :id"), {"id": workbook_id}
        ).first()
        if found is None:
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
        try:
            with self._writing() as connection:
                self._require(connection, workbook_id)
                results = {
                    path: self._write(
                        connection, workbook_id, path, value, expected.get(path), origin
                    )
                    for path, value in checked.items()
                }
                self._touch(connection, workbook_id)
        except SQLAlchemyError:
            raise WorkbookError("storage_failed") from None
        return results

    def _write(self, connection, workbook_id, path, value, expected, origin) -> Saved:
        current = connection.execute(
            text("SELECT value, rev FROM fields WHERE workbook_id = :id AND path = :path"),
            {"id": workbook_id, "path": path},
        ).first()
        old_value, old_rev = (current.value, current.rev) if current else (None, 0)
        new_value, new_rev, at = _encode(value), old_rev + 1, _now()
        stale = expected is not None and expected != old_rev
        if current is not None and current.value == new_value:
            return Saved(old_rev, stale, sequence=0)  # nothing new was written
        connection.execute(
            text(
                "INSERT INTO fields (workbook_id, path, value, rev, updated_at) "
                "VALUES (:id, :path, :value, :rev, :at) ON CONFLICT (workbook_id, path) "
                "DO UPDATE SET value = excluded.value, rev = excluded.rev, "
                "updated_at = excluded.updated_at"
            ),
            {"id": workbook_id, "path": path, "value": new_value, "rev": new_rev, "at": at},
        )
        sequence = self._append_history(
            connection, workbook_id, path, old_value, new_value, new_rev, at, origin
        )
        return Saved(new_rev, stale, sequence)

    def _append_history(self, connection, workbook_id, path, old, new, rev, at, origin) -> int:
        result = connection.execute(
            text(
                "INSERT INTO history (workbook_id, path, old_value, new_value, rev, at, origin) "
                "VALUES (:id, :path, :old, :new, :rev, :at, :origin) RETURNING seq"
            ),
            {
                "id": workbook_id,
                "path": path,
                "old": old,
                "new": new,
                "rev": rev,
                "at": at,
                "origin": origin,
            },
        )
        return result.scalar_one()

    def _last_sequence(self, connection, workbook_id: str) -> int:
        return connection.execute(
            text("SELECT COALESCE(MAX(seq), 0) FROM history WHERE workbook_id = :id"),
            {"id": workbook_id},
        ).scalar_one()

    def _touch(self, connection, workbook_id: str) -> None:
        connection.execute(
            text("UPDATE workbooks SET updated_at = :at WHERE id = :id"),
            {"at": _now(), "id": workbook_id},
        )

    def write_whole(self, workbook: Workbook, origin: str, must_be_new: bool = False) -> None:
        """Make the stored workbook exactly ``workbook`` in one transaction (create, restore).

        Fields the new state lacks are removed, with the removal recorded in the history.
        """
        fields = flatten(Workbook.model_validate(workbook.model_dump()))
        try:
            with self._writing() as connection:
                exists = connection.execute(
                    text("SELECT 1 FROM workbooks WHERE id = :id"), {"id": workbook.id}
                ).first()
                if exists and must_be_new:
                    raise WorkbookError("workbook_exists")
                if not exists:
                    connection.execute(
                        text(
                            "INSERT INTO workbooks (id, created_at, updated_at) "
                            "VALUES (:id, :at, :at)"
                        ),
                        {"id": workbook.id, "at": _now()},
                    )
                for path, value in fields.items():
                    self._write(connection, workbook.id, path, value, None, origin)
                self._remove_missing(connection, workbook.id, set(fields), origin)
                self._touch(connection, workbook.id)
        except SQLAlchemyError:
            raise WorkbookError("storage_failed") from None

    def _remove_missing(self, connection, workbook_id: str, keep: set[str], origin: str) -> None:
        rows = connection.execute(
            text("SELECT path, value, rev FROM fields WHERE workbook_id = :id"), {"id": workbook_id}
        ).all()
        for row in (r for r in rows if r.path not in keep):
            connection.execute(
                text("DELETE FROM fields WHERE workbook_id = :id AND path = :path"),
                {"id": workbook_id, "path": row.path},
            )
            self._append_history(
                connection, workbook_id, row.path, row.value, None, row.rev + 1, _now(), origin
            )

    # ---- history ---------------------------------------------------------------------------

    def history(self, workbook_id: str, path: str | None = None, after: int = 0) -> list[Change]:
        """Changes in the order they happened, optionally of one field or after a sequence."""
        query = (
            "SELECT seq, path, old_value, new_value, rev, at, origin FROM history "
            "WHERE workbook_id = :id AND seq > :after"
        )
        params: dict[str, object] = {"id": workbook_id, "after": after}
        if path is not None:
            query += " AND path = :path"
            params["path"] = path
        with self._reading() as connection:
            self._require(connection, workbook_id)
            rows = connection.execute(text(query + " ORDER BY seq"), params).all()
        return [
            Change(r.seq, r.path, _decode(r.old_value), _decode(r.new_value), r.rev, r.at, r.origin)
            for r in rows
        ]

    def latest_sequence(self, workbook_id: str) -> int:
        with self._reading() as connection:
            return self._last_sequence(connection, workbook_id)

    def restore(self, workbook_id: str, sequence: int) -> Saved:
        """Put back the value a field had right after history entry ``sequence``."""
        with self._reading() as connection:
            row = connection.execute(
                text("SELECT path, new_value FROM history WHERE workbook_id = :id AND seq = :seq"),
                {"id": workbook_id, "seq": sequence},
            ).first()
        if row is None or row.new_value is None:
            raise WorkbookError("no_such_change")
        saved = self.set_fields(workbook_id, {row.path: _decode(row.new_value)}, origin="restore")
        return saved[row.path]
