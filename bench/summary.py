"""The benchmark's results summed up: figures for the table and the notes printed under it."""

from __future__ import annotations

import datetime as dt
import math
import os
import statistics
import subprocess
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import psutil
from export_timing import FLOOR_CELLS
from figures import Figure
from meeting_timing import meeting_figures
from page_timing import TIMEOUT_MS, Transfer
from visits import EDITED_ROW, PLAN_ROWS, PLAN_TIMEOUT_MS, Visits

from inkl_widgets.widgets.address import PAGES
from inkl_widgets.widgets.plan_grid import PAGE_ROWS

ROOT = Path(__file__).resolve().parent.parent
PAGE_RATIO = 1.15
EXPORT_RATIO = 2.0
FIRST_VISIT_MIB = 3.0
PLAN_READY_S = 1.5
EDIT_SAVED_MS = 100.0
MIB = 1024 * 1024


@dataclass
class Browsed:
    """Everything measured against the Voilà server."""

    visits: Visits
    app_visit: Transfer | None
    bare_visit: Transfer | None
    changes_made: int
    alive: int
    pooled: int
    walk_seconds: float
    chromium: str


def figures(browsed: Browsed, exports: list[float], floors: list[float]) -> list[Figure]:
    """Every figure of the table, in the order of the issue's list."""
    visits = browsed.visits
    return [
        *page_figures(visits),
        Figure(
            f"app page loads that hung, of {visits.opened['app']}",
            len(visits.hung["app"]),
            "count",
            baseline=len(visits.hung["bare"]),
            max_value=0,
        ),
        Figure(
            f"kernels alive after {browsed.changes_made} step changes",
            browsed.alive,
            "count",
            baseline=browsed.pooled,
            max_value=browsed.pooled,
        ),
        Figure(
            "first visit downloads (start page)",
            mib(browsed.app_visit),
            "MiB",
            baseline=mib(browsed.bare_visit),
            max_value=FIRST_VISIT_MIB,
        ),
        Figure(
            "HTML export of the demo workbook",
            statistics.median(exports),
            "s",
            baseline=statistics.median(floors),
            max_ratio=EXPORT_RATIO,
        ),
        *plan_figures(visits),
        *meeting_figures(visits),
    ]


def median(visits: Visits, key: str) -> float:
    """The median of a figure's samples; NaN when every round of it hung."""
    samples = visits.samples[key]
    return statistics.median(samples) if samples else math.nan


def mib(transfer: Transfer | None) -> float:
    return transfer.body_bytes / MIB if transfer else math.nan


def label(notebook: str) -> str:
    key = next(key for key, page in PAGES.items() if page == notebook)
    return key.replace("step", "step ")


def page_figures(visits: Visits) -> list[Figure]:
    """Ready times, step changes and kernel memory: each app page beside its bare counterpart.

    The start page is a first visit (cold cache) and is compared with a bare page opened cold;
    the steps are reached by their links (warm cache) and compared with a bare page reached by
    its link.
    """
    start, *steps = pages = visits.pages
    ready = [
        Figure(
            "page ready, start (cold)",
            median(visits, f"cold {start}"),
            "s",
            baseline=median(visits, "cold bare"),
            max_ratio=PAGE_RATIO,
        ),
        *(
            Figure(
                f"page ready, {label(notebook)} (by link)",
                median(visits, f"linked {notebook}"),
                "s",
                baseline=median(visits, "linked bare"),
                max_ratio=PAGE_RATIO,
            )
            for notebook in steps
        ),
    ]
    moves = [
        Figure(
            f"next step: click to {label(notebook)} ready",
            median(visits, f"next {notebook}"),
            "s",
            baseline=median(visits, "next bare"),
            max_ratio=PAGE_RATIO,
        )
        for notebook in steps
    ]
    memory = [
        Figure(
            f"kernel memory, {label(notebook)}",
            median(visits, f"memory {notebook}") / MIB,
            "MiB",
            baseline=median(visits, "memory bare") / MIB,
        )
        for notebook in pages
    ]
    return ready + moves + memory


def plan_figures(visits: Visits) -> list[Figure]:
    """The 200-row plan reached from step 2, ready when its first page of rows shows: against
    the demo's step 3, those rows, one edit."""
    plan = median(visits, "linked plan")
    demo_step3 = median(visits, f"linked {PAGES['step3']}")
    saved_ms = median(visits, "plan edit") * 1000
    return [
        Figure(
            f"{PLAN_ROWS}-row plan: step 3 ready, first {PAGE_ROWS} rows (by link)",
            plan,
            "s",
            baseline=demo_step3,
        ),
        Figure(
            f"{PLAN_ROWS}-row plan: first {PAGE_ROWS} rows ready beyond demo step 3",
            plan - demo_step3,
            "s",
            max_value=PLAN_READY_S,
        ),
        Figure(
            f"{PLAN_ROWS}-row plan: row {PAGE_ROWS} (last of page 1) after page header",
            median(visits, "plan rows after page"),
            "s",
            max_value=PLAN_READY_S,
        ),
        Figure(
            f"{PLAN_ROWS}-row plan: kernel memory",
            median(visits, "memory plan") / MIB,
            "MiB",
            baseline=median(visits, "memory bare") / MIB,
        ),
        Figure(
            f"{PLAN_ROWS}-row plan: one edit saved",
            saved_ms,
            "ms",
            max_value=EDIT_SAVED_MS,
        ),
    ]


def notes(rounds: int, browsed: Browsed) -> str:
    visits = browsed.visits
    pooled = browsed.pooled
    kernels = f"preheated ({pooled} kept ready)" if pooled else "started per request"
    return "\n".join(
        [
            f"{dt.date.today()}: medians of {rounds} rounds; kernels {kernels}, the same for "
            "app and bare pages (one Voilà server, the app's voila.json).",
            "Baselines: a bare Voilà page with one Textarea (page ready, memory, bytes); a link "
            "between two bare pages (next step); nbconvert's HTMLExporter, basic template, on "
            f"{FLOOR_CELLS} Markdown cells in this process (export).",
            "Page ready: navigation start to the stepper (app) or the Textarea (bare) visible; "
            f"the {PLAN_ROWS}-row plan: to row {PAGE_ROWS}, the last of its first page, visible "
            f"(the grid shows {PAGE_ROWS} rows a page). The start page opened in a fresh "
            "browser context: cold cache, no cookies; the steps (and the 200-row plan, from "
            "step 2) reached by their links: warm cache.",
            "Next step: click on the link to the next page's mark visible. Memory: RSS of the "
            "open page's kernel after the server settled.",
            transfers(browsed.app_visit, browsed.bare_visit),
            f"Edit saved: typing into row {EDITED_ROW}'s cell (first page) until the SQLite "
            "history holds it (an edit after a pause is saved at once).",
            f"Hung: not ready within {TIMEOUT_MS / 1000:.0f} s (the 200-row plan: "
            f"{PLAN_TIMEOUT_MS / 1000:.0f} s); the rest of that round is left "
            f"out. App: {'; '.join(visits.hung['app']) or 'none'}. Bare: "
            f"{len(visits.hung['bare'])} of {visits.opened['bare']} loads.",
            f"The server settled (pools refilled, nothing running) before each measurement; "
            f"{visits.unsettled} waits timed out. The step changes did not wait: "
            f"{browsed.walk_seconds:.0f} s in all, {median(visits, 'walk step'):.2f} s per "
            "step (median).",
            "Shared machine with other jobs running: compare ratios, not absolutes.",
        ]
    )


def transfers(app: Transfer | None, bare: Transfer | None) -> str:
    def described(transfer: Transfer | None) -> str:
        if transfer is None:
            return "hung"
        hosts = ", ".join(transfer.other_hosts) or "none"
        return (
            f"{transfer.requests} requests, {transfer.compressed} compressed, "
            f"other hosts asked: {hosts}"
        )

    return f"First visit, HTTP response bodies: app {described(app)}; bare {described(bare)}."


def machine(chromium: str) -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    memory = psutil.virtual_memory().total / 1024**3
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return (
        f"Machine: {len(os.sched_getaffinity(0))} cores ({model}), {memory:.0f} GiB RAM; "
        f"voila {version('voila')}, ipywidgets {version('ipywidgets')}, "
        f"nbconvert {version('nbconvert')}, Chromium {chromium}; inkl {commit}."
    )
