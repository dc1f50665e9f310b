"""Benchmark inkl against bare Voilà and plain nbconvert, and print the figures.

    .venv/bin/python bench/run.py [--rounds N] [--quick] [--preheat | --no-preheat]

These are figures to read, not timed tests: nothing fails when a target is missed. One Voilà
server, started with the app's command line and ``voila.json``, serves a temporary copy of the
app's notebooks beside two bare notebooks, so app pages and bare pages are served identically;
a temporary data folder holds the demo workbook and a workbook with a 200-row plan. Each round
measures bare pages and app pages one after the other; the table shows medians over the rounds.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

# The browser and the server are started by the tests' harness (tests/harness.py), so both
# measure the same thing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import nbformat
from bare_notebooks import write_bare_notebooks
from export_timing import export_timings
from figures import table
from meeting_timing import meeting_round
from participant_timing import measure as measure_participants
from participant_timing import report as participant_report
from playwright.sync_api import sync_playwright
from summary import Browsed, figures, machine, notes
from visits import PLAN_ROWS, Visits
from voila_server import BenchServer

from inkl_widgets.content.resources import notebooks_dir
from inkl_widgets.server.launch import ensure_demo
from inkl_widgets.store.database import WorkbookStore, open_store
from inkl_widgets.widgets.address import PAGES
from tests.harness import launch_chromium

log = logging.getLogger("bench")

STEP_CHANGES = 50
PHONES, COMMITS = 6, 40  # a shared server's participants; see participant_timing
QUICK_STEP_CHANGES = 10


def main(argv: list[str] | None = None) -> int:
    options = parse_arguments(argv)
    logging.basicConfig(format="[%(asctime)s] %(message)s", datefmt="%H:%M:%S", level="INFO")
    rounds = 1 if options.quick else options.rounds
    changes = QUICK_STEP_CHANGES if options.quick else STEP_CHANGES
    began = time.monotonic()
    log.info("export: %d rounds", rounds)
    exports, floors = export_timings(rounds)
    with tempfile.TemporaryDirectory(prefix="inkl-bench-") as scratch:
        browsed = browse(Path(scratch), options.preheat, rounds, changes)
    print(table(figures(browsed, exports, floors)))
    print()
    print(notes(rounds, browsed))
    phones, commits = (2, 10) if options.quick else (PHONES, COMMITS)
    log.info("participants: %d phones, %d commits", phones, commits)
    print(participant_report(measure_participants(phones, commits), phones, commits))
    print(f"The whole run took {time.monotonic() - began:.0f} s.")
    print()
    print(machine(browsed.chromium))
    return 0


def browse(scratch: Path, preheat: bool | None, rounds: int, changes: int) -> Browsed:
    """Serve the app and the bare pages and take every browser measurement."""
    pages = [notebook for key, notebook in PAGES.items() if key == "start" or "step" in key]
    folder = served_folder(scratch)
    store = open_store(scratch / "data")
    demo_id = ensure_demo(store)
    plan_id = big_plan(store)
    with (
        BenchServer(folder, scratch / "data", preheat) as server,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        visits = Visits(server, browser, pages)
        log.info("waiting for Voilà to start (and heat any kernel pools)")
        server.wait_until_started()
        visits.warm_up(demo_id)
        for number in range(1, rounds + 1):
            log.info("pages: round %d of %d", number, rounds)
            visits.bare_round()
            visits.app_round(demo_id)
            visits.plan_round(PAGES["step3"], store, plan_id)
            meeting_round(visits, demo_id)
        log.info("first visits")
        app_visit, bare_visit = visits.first_visits(demo_id)
        log.info("%d step changes", changes)
        walk_began = time.monotonic()
        changes_made, alive = visits.walk(demo_id, changes)
        walk_seconds = time.monotonic() - walk_began
        chromium = browser.version
        browser.close()
    return Browsed(
        visits,
        app_visit,
        bare_visit,
        changes_made,
        alive,
        server.pooled_kernels,
        walk_seconds,
        chromium,
    )


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="measurements per figure")
    parser.add_argument("--quick", action="store_true", help="one round: a smoke run")
    parser.add_argument(
        "--preheat",
        action=argparse.BooleanOptionalAction,
        help="serve with (or without) preheated kernel pools, bare pages too; default: as inkl app",
    )
    return parser.parse_args(argv)


# ---- what is served ---------------------------------------------------------------------------


def served_folder(scratch: Path) -> Path:
    """A copy of the app's notebooks with the two bare notebooks beside them."""
    folder = scratch / "notebooks"
    shutil.copytree(notebooks_dir(), folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    start = nbformat.read(folder / PAGES["start"], as_version=4)
    write_bare_notebooks(folder, dict(start.metadata.kernelspec))
    return folder


def big_plan(store: WorkbookStore) -> str:
    """A workbook whose action plan has 200 filled rows, items ``r0`` … ``r199`` in order."""
    workbook_id = store.create("Handleplan med 200 rækker")
    fields: dict[str, object] = {}
    for number in range(PLAN_ROWS):
        fields.update(
            {
                f"plan/r{number}/goal": f"At flere frivillige er med, punkt {number + 1}",
                f"plan/r{number}/actions": "Ring til kontaktpersonen\nHold mødet",
                f"plan/r{number}/time": f"2027-W{number % 52 + 1:02d}",
                f"plan/r{number}/position": number + 1,
            }
        )
    store.set_fields(workbook_id, fields)
    return workbook_id


if __name__ == "__main__":
    sys.exit(main())
