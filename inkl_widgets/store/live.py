"""Other devices' commits pushed to a page as they happen, instead of looked for every 2 s.

A thread per page waits on the store's watcher (on SQLite ``PRAGMA data_version``, which reads
nothing else; on PostgreSQL ``LISTEN``/``NOTIFY``) and, when the page's own workbook changed,
asks the page's event loop to take the changes in. The session then reads only the new history
rows, and the widgets send what changed through their own comm: no whole-workbook polling.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable

from inkl_widgets.model.errors import WorkbookError

WAIT_SECONDS = 1.0  # how long one wait lasts; a stopped page's thread ends within it

log = logging.getLogger(__name__)


def follow_commits(
    store, workbook_id: str, on_change: Callable[[], None], loop: asyncio.AbstractEventLoop
) -> Callable[[], None]:
    """Call ``on_change`` on ``loop`` after every commit that changed ``workbook_id``, from
    any connection or process; returns the function that stops following."""
    watcher = store.watch()  # made here, so that a store that cannot watch says so at once
    stopped = threading.Event()

    def follow() -> None:
        try:
            while not stopped.is_set():
                try:
                    changed = watcher.wait(WAIT_SECONDS)
                except WorkbookError:  # the database is busy or gone for a moment: try again
                    log.warning("watching for changes failed; trying again")
                    stopped.wait(WAIT_SECONDS)
                    continue
                if workbook_id in changed and not loop.is_closed():
                    loop.call_soon_threadsafe(on_change)
        finally:
            watcher.close()

    threading.Thread(target=follow, name=f"inkl-follow-{workbook_id}", daemon=True).start()
    return stopped.set
