"""Participant links: a secret that lets a phone into one workbook's participant page, for a while.

Only a hash of each secret is stored, so the database (or a backup of it) cannot be used to join.
A link ends when it expires, or when all of its workbook's links are revoked at once. The links
are not part of the workbook: they are never exported and never restored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from inkl_widgets.model.errors import WorkbookError

DEFAULT_HOURS = 24
MAX_HOURS = 24 * 30


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _moment(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="seconds")


def issue_link(store, workbook_id: str, hours: int = DEFAULT_HOURS) -> str:
    """A new secret for ``workbook_id``, valid for ``hours``; only its hash is kept."""
    if not 1 <= hours <= MAX_HOURS:
        raise ValueError(hours)
    token = secrets.token_urlsafe(24)
    expires = _moment(dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours))
    with store._writing() as connection:
        store._require(connection, workbook_id)
        connection.execute(
            "INSERT INTO participant_links (token_hash, workbook_id, expires_at) "
            "VALUES (:token_hash, :workbook_id, :expires_at)",
            {"token_hash": _hash(token), "workbook_id": workbook_id, "expires_at": expires},
        )
    return token


def workbook_of_link(store, token: str, now: dt.datetime | None = None) -> str | None:
    """The workbook a live link opens, or None for an unknown, expired or revoked one."""
    if not token or len(token) > 100:
        return None
    at = _moment(now or dt.datetime.now(dt.UTC))
    try:
        with store._reading() as connection:
            row = connection.execute(
                "SELECT workbook_id FROM participant_links "
                "WHERE token_hash = :token_hash AND expires_at > :now",
                {"token_hash": _hash(token), "now": at},
            ).fetchone()
    except WorkbookError:  # a database that cannot be read lets no one in
        return None
    return row[0] if row else None


def revoke_links(store, workbook_id: str) -> int:
    """End every link of ``workbook_id`` at once; how many there were."""
    with store._writing() as connection:
        store._require(connection, workbook_id)
        cursor = connection.execute(
            "DELETE FROM participant_links WHERE workbook_id = :workbook_id",
            {"workbook_id": workbook_id},
        )
        return max(cursor.rowcount, 0)
