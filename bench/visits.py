"""What the benchmark does in the browser, app pages and bare pages alternately.

A first page is opened in a fresh browser context (cold cache, no cookies); the pages after it
are reached by clicking the page's link in the same tab, so the browser's cache is warm, as it
is for a person walking through the workbook. Before each measurement the server is left to
settle (see ``voila_server``), and every sample is recorded under a key, to be summed up by
medians. A page that never becomes ready is counted, its kernel shut down, and the rest of that
round left out.
"""

from __future__ import annotations

import logging
import math
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from bare_notebooks import BARE_A, LINK, TEXTAREA
from page_timing import READY, Transfer, close, first_visit, follow, kernel_id, load, new_tab
from playwright.sync_api import Browser, Locator, Page
from playwright.sync_api import TimeoutError as PageTimeout
from voila_server import BenchServer

from inkl_widgets.store.database import WorkbookStore
from inkl_widgets.widgets.plan_grid import PAGE_ROWS

log = logging.getLogger("bench")

APP_READY = ".inkl-page .inkl-stepper"
NEXT = "a.inkl-next"
PREVIOUS = "a.inkl-prev"
SAVE_TIMEOUT = 30.0
SAVE_POLL = 0.005
PLAN_ROWS = 200  # items r0 … r199, in this order (see ``run.big_plan``)
EDITED_ROW = 15  # on the first page: the grid shows PAGE_ROWS rows at a time
PLAN_TIMEOUT_MS = 180_000  # on a busy machine the 200-row plan is slow, not hung


class Visits:
    """Runs the browser measurements against one server and keeps their samples.

    Parameters
    ----------
    pages : the app's notebooks in the order their "next" links follow.
    """

    def __init__(self, server: BenchServer, browser: Browser, pages: list[str]):
        self.server, self.browser, self.pages = server, browser, pages
        self.samples: defaultdict[str, list[float]] = defaultdict(list)
        self.opened: Counter[str] = Counter()  # page loads, "app" or "bare"
        self.hung: defaultdict[str, list[str]] = defaultdict(list)  # pages never ready, and why
        self.unsettled = 0  # waits after which the server was still busy or kept a kernel

    def settle(self, open_pages: int = 0) -> None:
        if not self.server.wait_until_quiet(open_pages):
            self.unsettled += 1
            expected = self.server.pooled_kernels + open_pages
            log.warning(
                "server not quiet: %d kernels, %d expected", len(self.server.kernels()), expected
            )

    @contextmanager
    def measuring(self, tab: Page, kind: str) -> Iterator[None]:
        """Close the tab and let the server settle afterwards; count a page that hung."""
        try:
            yield
        except PageTimeout:
            self.hung[kind].append(self.abandon(tab))
            log.warning("hung: %s", self.hung[kind][-1])
        else:
            close(tab)
            self.settle()

    def abandon(self, tab: Page) -> str:
        """Shut a hung page's kernel down, as leaving a loaded page would have, and close it.

        Returns the page, what Voilà's loading screen said (e.g. "Executing 2 of 3") and the
        marks that did show.
        """
        page = tab.url.rsplit("/", 1)[-1].split("?")[0]
        said = tab.evaluate("document.getElementById('loading_text')?.textContent ?? ''").strip()
        seen = ", ".join(tab.evaluate("Object.keys(window.__benchMarks || {})")) or "none"
        requests = tab.context.request
        requests.get(self.server.tree_url())  # the cookie, in case the page never set it
        xsrf = next(c["value"] for c in tab.context.cookies() if c["name"] == "_xsrf")
        requests.post(self.server.shutdown_url(kernel_id(tab)), headers={"X-XSRFToken": xsrf})
        close(tab)
        self.settle()
        return f"{page} ({said or 'loading screen gone'}; marks seen: {seen})"

    def _load(self, tab: Page, kind: str, url: str, wait_for=READY) -> dict[str, float]:
        self.opened[kind] += 1
        return load(tab, url, wait_for)

    def _follow(self, tab: Page, kind: str, link: str, wait_for=READY):
        self.opened[kind] += 1
        return follow(tab, link, wait_for)

    # ---- pages and steps ---------------------------------------------------------------------

    def warm_up(self, workbook_id: str) -> None:
        """Open a bare page and the start page once, unmeasured: a fresh server's first
        requests compile templates and read static files, which no later page pays for."""
        for notebook, marks, cookie_from in (
            (BARE_A, {"page": TEXTAREA}, self.server.tree_url()),
            (self.pages[0], {"page": APP_READY}, None),
        ):
            tab = new_tab(self.browser, marks, cookie_from)
            with self.measuring(tab, "warm-up"):
                load(tab, self.server.url(notebook, workbook_id))

    def bare_round(self) -> None:
        """A bare page opened cold, its kernel's memory, then its link to the other bare page."""
        tab = new_tab(self.browser, {"page": TEXTAREA}, cookie_from=self.server.tree_url())
        with self.measuring(tab, "bare"):
            self.samples["cold bare"].append(
                self._load(tab, "bare", self.server.url(BARE_A))["page"]
            )
            self.settle(open_pages=1)
            self.samples["memory bare"].append(self.server.kernel_rss(kernel_id(tab)))
            since_click, since_navigation = self._follow(tab, "bare", LINK)
            self.samples["next bare"].append(since_click["page"])
            self.samples["linked bare"].append(since_navigation["page"])

    def app_round(self, workbook_id: str) -> None:
        """The start page opened cold, then each step in turn by its "next" link.

        A person arrives at the start page and walks on by the links, so only the start page is
        a first visit; every kernel's memory is taken once its page has settled.
        """
        start, *steps = self.pages
        tab = new_tab(self.browser, {"page": APP_READY})
        with self.measuring(tab, "app"):
            ready = self._load(tab, "app", self.server.url(start, workbook_id))
            self.samples[f"cold {start}"].append(ready["page"])
            self.settle(open_pages=1)
            self.samples[f"memory {start}"].append(self.server.kernel_rss(kernel_id(tab)))
            for notebook in steps:
                since_click, since_navigation = self._follow(tab, "app", NEXT)
                self.samples[f"next {notebook}"].append(since_click["page"])
                self.samples[f"linked {notebook}"].append(since_navigation["page"])
                self.settle(open_pages=1)
                self.samples[f"memory {notebook}"].append(self.server.kernel_rss(kernel_id(tab)))

    # ---- the 200-row plan --------------------------------------------------------------------

    def plan_round(self, notebook: str, store: WorkbookStore, workbook_id: str) -> None:
        """The plan page reached by link until the last row of its first page shows; then one
        edit typed and saved.

        The grid shows the plan ``PAGE_ROWS`` rows at a time, so the first page is what a person
        waits for. The tab opens the page before the plan cold and lets the server settle, as
        the demo's steps are measured. The edited cell is the ``roles`` cell of row
        ``EDITED_ROW``, on the first page.
        """
        before = self.pages[self.pages.index(notebook) - 1]
        last_row = f".inkl-plan-rows > :nth-child({PAGE_ROWS}) textarea"
        tab = new_tab(self.browser, {"page": APP_READY, "rows": last_row})
        tab.set_default_timeout(PLAN_TIMEOUT_MS)
        with self.measuring(tab, "app"):
            self._load(tab, "app", self.server.url(before, workbook_id))
            self.settle(open_pages=1)
            _, ready = self._follow(tab, "app", NEXT, wait_for=("page", "rows"))
            self.samples["linked plan"].append(ready["rows"])
            self.samples["plan rows after page"].append(ready["rows"] - ready["page"])
            self.settle(open_pages=1)
            self.samples["memory plan"].append(self.server.kernel_rss(kernel_id(tab)))
            row = f".inkl-plan-rows > :nth-child({EDITED_ROW})"
            cell = tab.locator(f"{row} .inkl-plan-roles textarea")
            path = f"plan/r{EDITED_ROW - 1}/roles"
            value = f"Mette, prøve {len(self.samples['plan edit']) + 1}"
            self.samples["plan edit"].append(time_save(cell, store, workbook_id, path, value))

    # ---- kernels after many step changes and bytes of a first visit ------------------------

    def walk(self, workbook_id: str, changes: int) -> tuple[int, int]:
        """Click back and forth between start and last step; the kernels alive after leaving.

        The tab starts without Voilà's cookie, as a person's browser does, and clicks on as soon
        as each page is ready, without letting the server settle; leaving the last page should
        leave only the pooled kernels. Returns the step changes made (fewer if a page hung) and
        the kernels alive once the server settled after the tab was closed.
        """
        tab = new_tab(self.browser, {"page": APP_READY})
        made = 0
        with self.measuring(tab, "app"):
            self._load(tab, "app", self.server.url(self.pages[0], workbook_id))
            place, forward = 0, True
            for _ in range(changes):
                forward = place < len(self.pages) - 1 if forward else place == 0
                since_click, _ = self._follow(tab, "app", NEXT if forward else PREVIOUS)
                self.samples["walk step"].append(since_click["page"])
                place += 1 if forward else -1
                made += 1
        return made, len(self.server.kernels())

    def first_visits(self, workbook_id: str) -> tuple[Transfer | None, Transfer | None]:
        """What a first visit downloads: the app's start page, and a bare page (None if hung)."""
        app = bare = None
        tab = new_tab(self.browser, {"page": APP_READY})
        with self.measuring(tab, "app"):
            self.opened["app"] += 1
            app = first_visit(tab, self.server.url(self.pages[0], workbook_id))
        tab = new_tab(self.browser, {"page": TEXTAREA}, cookie_from=self.server.tree_url())
        with self.measuring(tab, "bare"):
            self.opened["bare"] += 1
            bare = first_visit(tab, self.server.url(BARE_A))
        return app, bare


def time_save(cell: Locator, store: WorkbookStore, workbook_id: str, path: str, value) -> float:
    """Seconds from typing ``value`` into ``cell`` until the store's history holds it.

    An edit never saved within ``SAVE_TIMEOUT`` counts as infinitely slow.
    """
    after = store.latest_sequence(workbook_id)
    started = time.perf_counter()
    cell.fill(value)
    while time.perf_counter() - started < SAVE_TIMEOUT:
        if any(change.new == value for change in store.history(workbook_id, path, after)):
            return time.perf_counter() - started
        time.sleep(SAVE_POLL)
    return math.inf
