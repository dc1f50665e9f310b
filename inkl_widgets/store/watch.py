"""Learning that other connections changed workbooks, without reading the workbooks.

``WorkbookStore.watch()`` gives a watcher whose ``wait(timeout)`` returns the ids of the
workbooks changed since the last call, as soon as there are any. On PostgreSQL the database
pushes them (``LISTEN``/``NOTIFY``, see ``postgres.ChangeWatcher``); here on SQLite the watcher
asks ``PRAGMA data_version``, which changes only when another connection commits and costs
almost nothing, and reads the history only then. A page's live updates can wait on either.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Protocol

from inkl_widgets.model.errors import WorkbookError


class Watcher(Protocol):
    """What a page's live updates wait on, whichever engine the store is on."""

    def wait(self, timeout: float) -> set[str]: ...

    def close(self) -> None: ...


LOOK_INTERVAL = 0.05


class SQLiteChangeWatcher:
    """Changes to the workbooks in one SQLite file, by any connection or process."""

    def __init__(self, file: Path):
        self._connection = sqlite3.connect(file, isolation_level=None, check_same_thread=False)
        self._version = self._data_version()
        (self._seen,) = self._connection.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM history"
        ).fetchone()

    def _data_version(self) -> int:
        return self._connection.execute("PRAGMA data_version").fetchone()[0]

    def wait(self, timeout: float) -> set[str]:
        """The workbooks changed since the last call, after waiting at most ``timeout`` seconds
        for the first change."""
        deadline = time.monotonic() + timeout
        try:
            while True:
                version = self._data_version()
                if version != self._version:
                    self._version = version
                    changed = self._changed()
                    if changed:
                        return changed
                if time.monotonic() >= deadline:
                    return set()
                time.sleep(LOOK_INTERVAL)
        except sqlite3.Error:
            raise WorkbookError("storage_failed") from None

    def _changed(self) -> set[str]:
        rows = self._connection.execute(
            "SELECT seq, workbook_id FROM history WHERE seq > :seen", {"seen": self._seen}
        ).fetchall()
        self._seen = max((seq for seq, _ in rows), default=self._seen)
        return {workbook_id for _, workbook_id in rows}

    def close(self) -> None:
        self._connection.close()
