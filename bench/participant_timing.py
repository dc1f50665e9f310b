"""Participants on a shared server: how soon a commit shows on another screen, and the memory
each participant's page costs.

    .venv/bin/python bench/participant_timing.py [--phones N] [--commits N]

A shared server (``inkl app --share`` on 127.0.0.2, as in the tests) serves the meeting view on
a question screen and ``--phones`` participant pages. This process then commits contributions
straight to the store, one at a time, and times each from the end of its commit until the
projector's page and the first phone's page show it: commit-to-other-screen latency, measured in
the browser with no polling of ours in between (Playwright waits on each animation frame).
Memory is each kernel's resident size once every page has rendered.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from inkl_widgets.domain.contributions import new_contribution
from inkl_widgets.store.participant_links import issue_link
from inkl_widgets.store.sharing import new_facilitator_key
from tests.harness import RunningApp, launch_chromium

NETWORK = "127.0.0.2"
SCREEN = "step1.q1"
SHOWN = "([box, text]) => document.querySelector(box)?.textContent.includes(text)"
PROJECTOR_LIST = ".inkl-deck > .inkl-shown .inkl-contributions"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(phones: int, commits: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="inkl-bench-share-") as scratch:
        data = Path(scratch) / "data"
        data.mkdir()
        key = new_facilitator_key(data)
        app = RunningApp(data, share_address=NETWORK)
        base = f"http://{NETWORK}:{app.port}"
        try:
            workbook_id = app.store.create("Målingen")
            app.store.set_field(workbook_id, "meeting_run/screen", SCREEN)
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                projector = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
                projector.set_default_timeout(120_000)
                projector.goto(f"{base}/inkl/facilitator?key={key}", wait_until="commit")
                projector.goto(f"{base}/voila/render/06_moede.ipynb?workbook={workbook_id}")
                projector.wait_for_selector(PROJECTOR_LIST, state="attached")
                pages = []
                for _ in range(phones):
                    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
                    phone.set_default_timeout(120_000)
                    phone.goto(f"{base}/inkl/join/{issue_link(app.store, workbook_id)}")
                    phone.wait_for_selector(".inkl-contribution-form", state="visible")
                    pages.append(phone)
                memory = app.kernel_sizes_mib()
                latencies = []
                for number in range(commits):
                    text = f"Måling {number}"
                    _item, values = new_contribution(SCREEN, text, "bench")
                    app.store.set_fields(workbook_id, values)
                    committed = time.perf_counter()
                    for page, box in (
                        (projector, PROJECTOR_LIST),
                        (pages[0], ".inkl-contributions"),
                    ):
                        page.wait_for_function(SHOWN, arg=[box, text], polling="raf")
                        latencies.append(time.perf_counter() - committed)
                browser.close()
        finally:
            app.stop()
    phone_memory = sorted(memory)[: max(1, len(memory) - 1)]  # all but the largest (projector)
    return {
        "latency_median_s": statistics.median(latencies),
        "latency_p95_s": percentile(latencies, 0.95),
        "kernels": len(memory),
        "participant_mib_median": statistics.median(phone_memory),
        "all_kernels_mib": sum(memory),
    }


def report(figures: dict[str, float], phones: int, commits: int) -> str:
    return (
        f"Participants ({phones} phones and a projector, {commits} commits, two screens each):\n"
        f"  commit to other screen: median {figures['latency_median_s'] * 1000:.0f} ms, "
        f"p95 {figures['latency_p95_s'] * 1000:.0f} ms\n"
        f"  memory: {figures['participant_mib_median']:.0f} MiB per participant (median), "
        f"{figures['all_kernels_mib']:.0f} MiB in {figures['kernels']:.0f} kernels"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=4)
    parser.add_argument("--commits", type=int, default=40)
    options = parser.parse_args(argv)
    print(report(measure(options.phones, options.commits), options.phones, options.commits))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
