"""One open page's link to one stored workbook: prompt saving and listening for other tabs.

Widgets report edits here; the session validates them at once and saves them field by field,
retries when saving fails, and tells the page about changes other tabs made. An edit after a
pause is saved at once (a few milliseconds); while someone types on, the keystrokes gather and
are saved together at most every ``SAVE_INTERVAL``, so a dying session loses at most that much
typing and the history does not fill with single letters. It never imports ipywidgets, so it is
tested without a browser or kernel.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.model.fields import assemble, check_field
from inkl_widgets.model.workbook import Workbook
from inkl_widgets.store.database import Change, WorkbookStore
from inkl_widgets.store.live import follow_commits

SAVE_INTERVAL = 0.4
RETRY_DELAY = 2.0
POLL_INTERVAL = 2.0
TYPING_GRACE = 3.0

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SaveStatus:
    """What the save indicator shows: ``saved`` (with the time), ``saving`` or ``failed``."""

    state: str
    at: dt.datetime | None = None


@dataclass(frozen=True)
class Conflict:
    """Another tab saved ``theirs`` over the words this page had just saved (``mine``)."""

    path: str
    mine: object
    theirs: object


Unsubscribe = Callable[[], None]


def _subscribe(listeners: list, callback: Callable) -> Unsubscribe:
    """Add ``callback`` to ``listeners``; the function returned takes it out again (once)."""
    listeners.append(callback)

    def unsubscribe() -> None:
        if callback in listeners:
            listeners.remove(callback)

    return unsubscribe


class Immediately:
    """Runs scheduled work at once: outside a kernel (tests, scripts) nothing waits."""

    def call_later(self, _delay: float, callback: Callable[[], None]):
        callback()
        return None

    def time(self) -> float:
        return time.monotonic()


def kernel_scheduler():
    """The kernel's event loop when running in a Jupyter kernel, else ``Immediately``.

    Asking for "the running loop" is not enough: a test process driving a browser has one
    (Playwright's) that never runs our callbacks.
    """
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None and getattr(shell, "kernel", None) is not None:
        return asyncio.get_event_loop()
    return Immediately()


class WorkbookSession:
    """The fields of one workbook as this page knows them, kept in step with the store."""

    def __init__(self, store: WorkbookStore, workbook_id: str, scheduler=None):
        self.store = store
        self.id = workbook_id
        self.values, self.revisions = store.load_fields(workbook_id)
        self._seen = store.latest_sequence(workbook_id)
        self._scheduler = scheduler or kernel_scheduler()
        self._pending: dict[str, object] = {}
        self._typed_at: dict[str, float] = {}  # fields this page edited, and when
        self._waiting: dict[str, Change] = {}  # other tabs' changes to fields this page typed in
        self._own: set[int] = set()
        self._flush_handle = None
        self._saved_at = float("-inf")  # when a save was last tried, on the scheduler's clock
        self._field_listeners: dict[str, list[Callable[[object], None]]] = {}
        self._conflict_listeners: dict[str, list[Callable[[Conflict], None]]] = {}
        self._listeners: list[Callable[[str], None]] = []
        self._status_listeners: list[Callable[[SaveStatus], None]] = []
        self.status = SaveStatus("saved")
        self.stop_listening: Unsubscribe = lambda: None
        self._recheck = None  # a look due for changes held back while this page typed

    # ---- reading ---------------------------------------------------------------------------

    def value(self, path: str, default: object = "") -> Any:
        """The field's value as this page sees it (its own unsaved edits first); its type is
        the one the model gives the path, which only the caller knows."""
        return self._pending.get(path, self.values.get(path, default))

    @property
    def workbook(self) -> Workbook:
        """The workbook as this page sees it, including edits not yet saved."""
        return assemble(self.id, {**self.values, **self._pending})

    # ---- listening -------------------------------------------------------------------------
    # Every subscription returns the function that ends it: a page that rebuilds its widgets
    # drops the listeners of the widgets it closes, so a long meeting does not pile them up.

    def on_field(self, path: str, callback: Callable[[object], None]) -> Unsubscribe:
        """Call back with the field's value after every change to it, this page's or another
        tab's; returns the function that stops it."""
        return _subscribe(self._field_listeners.setdefault(path, []), callback)

    def on_any(self, callback: Callable[[str], None]) -> Unsubscribe:
        """Call back with the path after any change, local or remote (progress, history)."""
        return _subscribe(self._listeners, callback)

    def on_status(self, callback: Callable[[SaveStatus], None]) -> Unsubscribe:
        return _subscribe(self._status_listeners, callback)

    def on_conflict(self, path: str, callback: Callable[[Conflict], None]) -> Unsubscribe:
        """Call back when another tab wrote over what this page had just saved in the field."""
        return _subscribe(self._conflict_listeners.setdefault(path, []), callback)

    def listener_count(self) -> int:
        """How many subscriptions are live: a page that keeps growing this leaks widgets."""
        return (
            sum(map(len, self._field_listeners.values()))
            + sum(map(len, self._conflict_listeners.values()))
            + len(self._listeners)
            + len(self._status_listeners)
        )

    def later(self, delay: float, callback: Callable[[], None]):
        """Run ``callback`` after ``delay`` seconds on the page's event loop (at once without)."""
        return self._scheduler.call_later(delay, callback)

    def _changed(self, path: str) -> None:
        value = self.value(path)
        for callback in list(self._field_listeners.get(path, ())):
            callback(value)
        for listener in list(self._listeners):
            listener(path)

    def _set_status(self, status: SaveStatus) -> None:
        self.status = status
        for callback in list(self._status_listeners):
            callback(status)

    # ---- writing ---------------------------------------------------------------------------

    def edit(self, path: str, value: object) -> None:
        """Accept an edit from the page; refused values raise ``WorkbookError`` and save nothing."""
        self.edit_many({path: value})

    def edit_many(self, values: dict[str, object]) -> None:
        """Several edits saved together (a new plan row, a swap of two rows)."""
        checked = {path: check_field(path, value) for path, value in values.items()}
        now = self._scheduler.time()
        for path, value in checked.items():
            self._pending[path] = value
            self._typed_at[path] = now
        self._set_status(SaveStatus("saving"))
        for path in checked:
            self._changed(path)
        self._save_soon()

    def _save_soon(self) -> None:
        """Save now, unless a save is already due (it takes these edits along) or one was tried
        less than ``SAVE_INTERVAL`` ago (then save when the interval is over)."""
        if self._flush_handle is not None:
            return
        wait = self._saved_at + SAVE_INTERVAL - self._scheduler.time()
        if wait <= 0:
            self.flush()
        else:
            self._flush_handle = self._scheduler.call_later(wait, self.flush)

    def flush(self) -> None:
        """Save every pending edit now, in one transaction; on failure keep them and retry."""
        if self._flush_handle is not None:
            self._flush_handle.cancel()
            self._flush_handle = None
        if not self._pending:
            return
        self._saved_at = self._scheduler.time()
        batch = dict(self._pending)
        try:
            saved = self.store.set_fields(
                self.id, batch, {path: self.revisions.get(path, 0) for path in batch}
            )
        except WorkbookError as error:
            log.warning("saving failed (%s); retrying", error.key)
            self._set_status(SaveStatus("failed"))
            self._flush_handle = self._scheduler.call_later(RETRY_DELAY, self.flush)
            return
        for path, result in saved.items():
            self.values[path] = batch[path]
            self.revisions[path] = result.revision
            self._own.add(result.sequence)
            if self._pending.get(path) == batch[path]:
                del self._pending[path]
        if self._pending:
            self._save_soon()
        else:
            self._set_status(SaveStatus("saved", dt.datetime.now()))

    # ---- other tabs ------------------------------------------------------------------------

    def poll(self) -> list[str]:
        """Take in what other tabs saved since the last look; returns the paths that changed.

        A field this page is typing in (edits not saved yet, or edited in the last few seconds)
        keeps its words for now: unsaved ones are about to be saved over the other tab's. Once
        the typing pauses, another tab's words that replaced the ones this page saved are taken
        in, and the page is told (``on_conflict``) so that it can say so and offer its own back.
        """
        waited = dict(self._waiting)
        for change in self.store.history(self.id, after=self._seen):
            self._seen = max(self._seen, change.sequence)
            if change.sequence not in self._own:
                self._waiting[change.path] = change
        now = self._scheduler.time()
        changed, conflicts = [], []
        for path, change in list(self._waiting.items()):
            if change.revision <= self.revisions.get(path, 0):
                del self._waiting[path]  # this page has saved over it since
                continue
            typing = now - self._typed_at.get(path, -TYPING_GRACE) < TYPING_GRACE
            if path in self._pending or typing:
                continue
            del self._waiting[path]
            if path in waited:
                conflicts.append(Conflict(path, self.values.get(path), change.new))
            if change.new is None:
                self.values.pop(path, None)
            else:
                self.values[path] = change.new
            self.revisions[path] = change.revision
            changed.append(path)
        for path in changed:
            self._changed(path)
        for conflict in conflicts:
            if conflict.mine not in (None, "", conflict.theirs):
                for callback in list(self._conflict_listeners.get(conflict.path, ())):
                    callback(conflict)
        return changed

    def take_in_now(self, path: str) -> list[str]:
        """Take in the stored changes, the field at ``path`` too though it was typed in a
        moment ago: for a deliberate act (a version put back), not another tab's typing."""
        self._typed_at.pop(path, None)
        return self.poll()

    def listen(self, interval: float = POLL_INTERVAL) -> None:
        """Take in other tabs' and devices' changes for as long as the kernel lives: pushed as
        each commit happens (``live.follow_commits``), or, if the store cannot be watched,
        looked for every ``interval`` seconds. Needs an event loop."""
        if isinstance(self._scheduler, Immediately):
            return
        try:
            self.stop_listening = follow_commits(
                self.store, self.id, self._poll_safely, self._scheduler
            )
            return
        except (WorkbookError, OSError, sqlite3.Error):
            log.warning("cannot watch the database; looking for changes every %s s", interval)

        def tick() -> None:
            self._poll_safely()
            self._scheduler.call_later(interval, tick)

        self._scheduler.call_later(interval, tick)

    def _poll_safely(self) -> None:
        self._recheck = None
        try:
            self.poll()
        except Exception:  # a failed look must not stop the next one
            log.exception("taking in changes failed")
        if self._waiting and self._recheck is None:
            # changes held back while this page typed: take them in once the typing pauses,
            # since no further commit may come to wake the page
            self._recheck = self._scheduler.call_later(TYPING_GRACE, self._poll_safely)
