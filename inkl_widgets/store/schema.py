"""The database's tables and their migrations, applied in order inside one transaction.

Each entry of ``MIGRATIONS`` moves the schema up by one version; a database newer than this code
is refused rather than misread.
"""

from __future__ import annotations

import sqlite3

from inkl_widgets.model.errors import WorkbookError

MIGRATIONS: list[tuple[str, ...]] = [
    (
        "CREATE TABLE workbooks (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, "
        "updated_at TEXT NOT NULL)",
        "CREATE TABLE fields (workbook_id TEXT NOT NULL REFERENCES workbooks(id), "
        "path TEXT NOT NULL, value TEXT NOT NULL, rev INTEGER NOT NULL, updated_at TEXT NOT NULL, "
        "PRIMARY KEY (workbook_id, path))",
        "CREATE TABLE history (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
        "workbook_id TEXT NOT NULL REFERENCES workbooks(id), path TEXT NOT NULL, "
        "old_value TEXT, new_value TEXT, rev INTEGER NOT NULL, at TEXT NOT NULL, "
        "origin TEXT NOT NULL)",
        "CREATE INDEX history_by_workbook ON history (workbook_id, seq)",
    ),
    ("ALTER TABLE history ADD COLUMN author TEXT NOT NULL DEFAULT ''",),
    (
        "CREATE TABLE participant_links (token_hash TEXT PRIMARY KEY, "
        "workbook_id TEXT NOT NULL REFERENCES workbooks(id), expires_at TEXT NOT NULL)",
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)


def version_of(connection, latest: int = SCHEMA_VERSION) -> int:
    """The database's schema version (0 for a new, empty one), refusing a newer one."""
    if isinstance(connection, sqlite3.Connection):
        found = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'inkl_schema'"
        ).fetchone()
    else:  # PostgreSQL: the table in the organisation's own schema, by its search path
        (found,) = connection.execute("SELECT to_regclass('inkl_schema') IS NOT NULL").fetchone()
    (version,) = (
        connection.execute("SELECT MAX(version) FROM inkl_schema").fetchone() if found else (0,)
    )
    if (version or 0) > latest:
        raise WorkbookError("database_newer")
    return version or 0


def migrate(connection, migrations: list[tuple[str, ...]] = MIGRATIONS) -> None:
    """Bring the database up to the last of ``migrations``, inside the caller's transaction.

    The SQL is the subset SQLite and PostgreSQL share, so each engine passes its own list. A
    database that is up to date is only read.
    """
    latest = len(migrations)
    version = version_of(connection, latest)
    if version == latest:
        return
    connection.execute("CREATE TABLE IF NOT EXISTS inkl_schema (version INTEGER NOT NULL)")
    for statements in migrations[version:]:
        for statement in statements:
            connection.execute(statement)
    connection.execute("DELETE FROM inkl_schema")
    connection.execute("INSERT INTO inkl_schema VALUES (:version)", {"version": latest})
