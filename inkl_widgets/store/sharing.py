"""What ``inkl app --share`` keeps beside the database: the facilitator's key and the address.

The key is made anew each time the app starts sharing, so a facilitator link ends with the
server that printed it. Both files live in the data folder, readable only by its owner: whoever
can read them can read the database anyway. They belong to the one server on this machine, not
to the organisation's workbooks, so they stay there when the workbooks are on PostgreSQL
(``INKL_DATABASE_URL``); the folder is made for them if the database did not need it. The
participant links themselves are in the database, beside the workbooks they open.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

log = logging.getLogger(__name__)
KEY_FILE = "share-key"
ADDRESS_FILE = "share-address"
FACILITATOR_PATH = "inkl/facilitator"
JOIN_PATH = "inkl/join/"


def _write_private(file: Path, text: str) -> None:
    file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = file.with_name(file.name + ".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, file)


def new_facilitator_key(data_dir: Path) -> str:
    """A fresh facilitator key, replacing the last one (whose links then stop working)."""
    key = secrets.token_urlsafe(24)
    _write_private(data_dir / KEY_FILE, key)
    return key


def read_facilitator_key(data_dir: Path) -> str:
    """The facilitator key the sharing server checks, or "" when none was made."""
    try:
        return (data_dir / KEY_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def remember_address(data_dir: Path, base_url: str) -> None:
    """Note where the sharing server answers, for ``inkl link`` to print whole links."""
    _write_private(data_dir / ADDRESS_FILE, base_url)


def forget_address(data_dir: Path) -> None:
    """The app no longer shares: pages stop offering participant links."""
    try:
        (data_dir / ADDRESS_FILE).unlink(missing_ok=True)
    except OSError:  # a read-only data folder: the app still serves its workbooks to read
        log.warning("could not remove %s from a folder that refuses writing", ADDRESS_FILE)


def shared_address(data_dir: Path) -> str | None:
    """The sharing server's address (``http://ADDR:PORT``), if one has been started."""
    try:
        return (data_dir / ADDRESS_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def facilitator_url(base_url: str, key: str) -> str:
    return f"{base_url}/{FACILITATOR_PATH}?key={key}"


def participant_url(base_url: str, token: str) -> str:
    return f"{base_url}/{JOIN_PATH}{token}"
