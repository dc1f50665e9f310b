"""The real app for tests and the benchmark: Voilà started as ``inkl app`` starts it, on a free
loopback port, and Debian's Chromium with the flags that work on this kind of machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from inkl_widgets.store.database import open_store

ROOT = Path(__file__).resolve().parent.parent


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_chromium(playwright, **options):
    """Debian's Chromium, headless, with no connection of its own to the outside."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, **options)


def eventually(check, timeout: float = 15.0):
    """``check()``'s first truthy result, polling: a page saves what is typed after a pause at
    once and what follows within the next 0.4 s, and the test reads the real database file."""
    import time

    deadline = time.monotonic() + timeout
    while not (result := check()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert result, "never happened"
    return result


def end_server(process, log, timeout: float = 20) -> None:
    """Ask a server to stop, make it stop if it will not, and close its log."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except Exception:
        process.kill()
    log.close()


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RunningApp:
    """A Voilà server started the way ``inkl app`` starts it, on its own data folder, with the
    workbooks there or in the PostgreSQL database ``database_url`` names."""

    def __init__(
        self, data_dir: Path, preheat: bool = False, database_url: str | None = None, **options
    ):
        import os
        import subprocess

        from inkl_widgets.server.launch import ensure_demo, voila_command, wait_for_port

        self.data_dir = data_dir
        self.store = open_store(database_url or data_dir)
        self.demo_id = ensure_demo(self.store)
        self.port = free_port()
        env = {**os.environ, "INKL_DATA_DIR": str(data_dir)}
        env.pop("INKL_DATABASE_URL", None)
        if database_url:
            env["INKL_DATABASE_URL"] = database_url
        self.log = open(data_dir.parent / "voila.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            voila_command(self.port, preheat=preheat, **options),
            env=env,
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        if not wait_for_port(self.port, timeout=90):
            self.stop()
            raise RuntimeError("Voilà did not start; see voila.log")

    def url(self, notebook: str, workbook_id: str | None = None) -> str:
        query = f"?workbook={workbook_id}" if workbook_id else ""
        return f"http://127.0.0.1:{self.port}/voila/render/{notebook}{query}"

    def kernel_count(self) -> int:
        return len(self.kernel_sizes_mib())

    def kernel_sizes_mib(self) -> list[float]:
        """Resident memory of each of the server's live kernels, in MiB."""
        import psutil

        sizes = []
        for child in psutil.Process(self.process.pid).children(recursive=True):
            try:
                if "ipykernel" in " ".join(child.cmdline()):
                    sizes.append(child.memory_info().rss / 2**20)
            except psutil.Error:  # a kernel that is just ending
                continue
        return sizes

    def stop(self) -> None:
        end_server(self.process, self.log)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    running = RunningApp(tmp_path_factory.mktemp("app") / "data")
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    for open_tab in context.pages:  # leave like a person does, so Voilà shuts the kernel down
        open_tab.close(run_before_unload=True)
    context.close()
