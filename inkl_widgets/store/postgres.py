"""The store on PostgreSQL, for a hosted service with many organisations.

The same ``WorkbookStore`` and the same SQL as on SQLite; only the connection, the
transactions and the schema's first version differ. psycopg is imported here alone, so the
laptop path never needs it. Each organisation connects as its own database role, whose tables
live in a schema of the same name that no other role may use (``organisations.py``): the
database, not the app, keeps organisations apart. Writers of one organisation queue on an
advisory lock, as SQLite's writers queue on its file, so a stale writer is always detected.
Every committed write notifies ``LISTEN``-ers with the workbook's id (``ChangeWatcher``).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.store import schema
from inkl_widgets.store.database import WorkbookStore

CONNECT_TIMEOUT_S = 10
CHANNEL = "'inkl_' || current_schema()"  # one notification channel per organisation

# SQLite's migrations, with the one phrase PostgreSQL spells differently: the history's counter.
MIGRATIONS: list[tuple[str, ...]] = [
    tuple(
        statement.replace(
            "INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
        )
        for statement in statements
    )
    for statements in schema.MIGRATIONS
]


@functools.lru_cache(maxsize=64)
def _pyformat(query: str) -> str:
    """The store's ``:name`` parameters in psycopg's ``%(name)s`` style."""
    return re.sub(r"(?<![:\w]):([A-Za-z_]\w*)", r"%(\1)s", query.replace("%", "%%"))


class _Connection:
    """A psycopg connection that takes the store's SQL as ``sqlite3`` does."""

    def __init__(self, raw: psycopg.Connection):
        self.raw = raw

    def execute(self, query: str, params: dict | None = None) -> psycopg.Cursor:
        return self.raw.execute(_pyformat(query), params)


def _connect(url: str) -> _Connection:
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.Error:
        raise WorkbookError("storage_failed") from None
    return _Connection(raw)


class PostgresStore(WorkbookStore):
    """``WorkbookStore`` on the PostgreSQL database and role that ``url`` names.

    The connection is opened again when the server dropped it (a restart, a failover), so a
    meeting goes on after the database comes back; the write that met the drop is refused and
    the page's session retries it.
    """

    def __init__(self, url: str, author: str = ""):
        self.url = url
        self.writable = True
        self.author = author
        self._lock = threading.Lock()
        self._server = _connect(url)
        try:
            with self._writing() as connection:
                schema.migrate(connection, MIGRATIONS)
        except WorkbookError:
            self.close()
            raise

    def close(self) -> None:
        with self._lock:
            self._server.raw.close()

    @contextmanager
    def _transaction(self, begin: str, queue: bool = False) -> Iterator[_Connection]:
        with self._lock:
            if self._server.raw.closed:
                self._server = _connect(self.url)
            connection = self._server
            try:
                connection.execute(begin)
                if queue:
                    connection.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
                yield connection
                connection.execute("COMMIT")
            except psycopg.Error:
                _roll_back(connection)
                raise WorkbookError("storage_failed") from None
            except BaseException:
                _roll_back(connection)
                raise

    def _writing(self):
        return self._transaction("BEGIN", queue=True)

    def _reading(self):
        return self._transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def _touch(self, connection, workbook_id: str) -> None:
        super()._touch(connection, workbook_id)
        connection.execute(f"SELECT pg_notify({CHANNEL}, :id)", {"id": workbook_id})

    def watch(self) -> ChangeWatcher:
        """A listener woken by every write to this organisation's workbooks, from any process."""
        return ChangeWatcher(self.url)


def _roll_back(connection: _Connection) -> None:
    if connection.raw.closed:
        return
    try:
        connection.raw.execute("ROLLBACK")
    except psycopg.Error:
        connection.raw.close()  # opened afresh by the next transaction


class ChangeWatcher:
    """The ids of workbooks other connections changed, pushed by ``LISTEN``/``NOTIFY``.

    The live updates of a page can wait here instead of asking the database every few seconds.
    """

    def __init__(self, url: str):
        self._connection = _connect(url)
        ((channel,),) = self._connection.execute(f"SELECT {CHANNEL}").fetchall()
        self._connection.raw.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))

    def wait(self, timeout: float) -> set[str]:
        """The workbooks changed since the last call, after waiting at most ``timeout`` seconds
        for the first change."""
        listening = self._connection.raw
        try:
            changed = {n.payload for n in listening.notifies(timeout=timeout, stop_after=1)}
            if changed:
                changed |= {n.payload for n in listening.notifies(timeout=0.01)}
        except psycopg.Error:
            raise WorkbookError("storage_failed") from None
        return changed

    def close(self) -> None:
        self._connection.raw.close()
