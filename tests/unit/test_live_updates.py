"""Live updates: a commit by another process reaches a listening page's session at once, pushed
by the database watcher rather than found by a poll every 2 s."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time

import pytest

from inkl_widgets.store.database import open_store
from inkl_widgets.store.session import WorkbookSession

from ..harness import ROOT, eventually

WRITE = (
    "import sys; from inkl_widgets.store.database import open_store; "
    "open_store(sys.argv[1]).set_field(sys.argv[2], 'answers/step1.q1.1', sys.argv[3])"
)


@pytest.fixture
def loop():
    """A page kernel's event loop, running in its own thread."""
    running = asyncio.new_event_loop()
    thread = threading.Thread(target=running.run_forever, daemon=True)
    thread.start()
    yield running
    running.call_soon_threadsafe(running.stop)
    thread.join(timeout=5)
    running.close()


def test_another_process_commit_reaches_a_listening_session_within_half_a_second(
    store, data_dir, loop
):
    workbook_id = store.create("Direkte")
    session = WorkbookSession(store, workbook_id, scheduler=loop)
    changed = []
    session.on_any(changed.append)
    session.listen()
    try:
        for words in ("Første", "Anden", "Tredje"):
            written = subprocess.run(
                [sys.executable, "-c", WRITE, str(data_dir), workbook_id, words], cwd=ROOT
            )
            assert written.returncode == 0
            committed = time.monotonic()
            eventually(lambda w=words: session.value("answers/step1.q1.1") == w, timeout=5)
            assert time.monotonic() - committed < 0.5  # the goal; polling took up to 2 s
        assert changed.count("answers/step1.q1.1") == 3
    finally:
        session.stop_listening()


def test_other_workbooks_commits_do_not_wake_the_page(store, data_dir, loop):
    mine, other = store.create("Min"), store.create("Anden")
    session = WorkbookSession(store, mine, scheduler=loop)
    looks = []
    session.poll = lambda: looks.append(1) or []  # count the looks this page is woken for
    session.listen()
    try:
        writer = open_store(data_dir)
        for words in ("Ikke", "min", "bog"):
            writer.set_field(other, "answers/step1.q1.1", words)
        writer.set_field(mine, "answers/step1.q1.1", "Min")
        eventually(lambda: looks, timeout=5)  # woken by the last commit, in order after the rest
        assert looks == [1]
    finally:
        session.stop_listening()
