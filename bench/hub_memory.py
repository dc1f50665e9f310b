"""The memory one organisation's server needs behind JupyterHub, idle and in a meeting.

    .venv/bin/python bench/hub_memory.py [--pages 6]

A real hub (``tests/hub_server.py``, the deploy configuration) with one organisation on a
throw-away PostgreSQL; a member logs in, which starts the organisation's server. "In a meeting"
is ``--pages`` pages open at once in Chromium (a projector and the members' phones, each page
with its own kernel); "idle" is the server after every page is closed. Memory is summed over the
server and its kernels: RSS counts shared libraries once per process (an upper bound), USS only
what each process alone holds (a lower bound). It also times a member's first visit: from
the login form to the start page's widgets, the organisation's server started on the way.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from inkl_widgets.store.database import open_store
from tests.browser.test_app_browser import ready_or_reload
from tests.harness import eventually, launch_chromium
from tests.hub.test_hub import log_in, open_own_organisation
from tests.hub_server import RunningHub
from tests.postgres_server import PostgresServer

ORGANISATION = "foreningen"
PAGES = [
    "00_start.ipynb",
    "01_beskriv_praksis.ipynb",
    "02_vurder_potentialet.ipynb",
    "03_handleplan.ipynb",
    "04_foelg_op.ipynb",
    "05_eksport.ipynb",
]


def server_processes(hub: RunningHub) -> list[psutil.Process]:
    """The organisation's single-user server (the hub's child) and its kernels."""
    for process in psutil.Process(hub.process.pid).children():
        if "jupyterhub.singleuser" in " ".join(process.cmdline()):
            return [process, *process.children(recursive=True)]
    return []


def memory_mib(hub: RunningHub) -> tuple[int, float, float]:
    """Processes, summed RSS and summed USS in MiB (a process that just ended counts 0)."""
    infos = []
    for process in server_processes(hub):
        try:
            infos.append(process.memory_full_info())
        except psutil.NoSuchProcess:
            continue
    return (
        len(infos),
        sum(i.rss for i in infos) / 2**20,
        sum(i.uss for i in infos) / 2**20,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=6)
    args = parser.parse_args()
    postgres = PostgresServer()
    url = postgres.new_organisation(ORGANISATION)
    workbook_id = open_store(url).create("Foreningen")
    hub = RunningHub({ORGANISATION: {"members": ["mette"], "database_url": url}})
    figures = {}
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            context = browser.new_context()
            first = context.new_page()
            started = time.monotonic()
            log_in(first, hub, "mette")
            open_own_organisation(first, hub)
            start_seconds = time.monotonic() - started
            tabs = [first]
            for i in range(1, args.pages):
                tab = context.new_page()
                tab.set_default_timeout(120_000)
                page = PAGES[i % len(PAGES)]
                path = f"/user/{ORGANISATION}/voila/render/{page}?workbook={workbook_id}"
                tab.goto(hub.url(path), wait_until="commit")
                ready_or_reload(tab, timeout_ms=90_000)
                tabs.append(tab)
            figures[f"meeting, {args.pages} pages"] = memory_mib(hub)
            for tab in tabs:
                tab.close(run_before_unload=True)
            eventually(lambda: memory_mib(hub)[0] == 1, timeout=60)  # the kernels have ended
            figures["idle, no page open"] = memory_mib(hub)
            browser.close()
    finally:
        hub.stop()
        postgres.stop()
    print(f"{'one organisation’s server':<28}{'processes':>10}{'RSS MiB':>10}{'USS MiB':>10}")
    for name, (count, rss, uss) in figures.items():
        print(f"{name:<28}{count:>10}{rss:>10.0f}{uss:>10.0f}")
    print(f"From login to the start page, the server started on the way: {start_seconds:.1f} s")


if __name__ == "__main__":
    main()
