"""One Voilà server for the benchmark, started with the app's own command line and settings.

App pages and bare pages live in one folder and are served by this one process, so both get the
same options (``voila.json``, preheated kernel pools or kernels per request). Between
measurements the benchmark waits until the server is quiet: a left page's kernel shuts down,
and with preheating a used kernel is replaced by a newly heated one; either would otherwise slow
down whichever page is measured next.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import psutil

from inkl_widgets.content.resources import notebooks_dir
from inkl_widgets.server.launch import voila_command, wait_for_port
from tests.harness import free_port

QUIET_CPU_PERCENT = 15.0  # of one core, for the server and all its kernels together
QUIET_WINDOW = 0.3
QUIET_WINDOWS = 2


class BenchServer:
    """Voilà serving ``folder`` the way ``inkl app`` serves the notebooks folder.

    Parameters
    ----------
    folder : a copy of the app's notebooks plus the bare notebooks.
    data_dir : the ``INKL_DATA_DIR`` the app's kernels use.
    preheat : as ``inkl app --preheat`` or ``--no-preheat``; None for the app's default. The
        bare pages are preheated exactly when the app pages are.
    """

    def __init__(self, folder: Path, data_dir: Path, preheat: bool | None = None):
        self.folder = folder
        self.port = free_port()
        options = {} if preheat is None else {"preheat": preheat}
        command = voila_command(self.port, **options)
        command[command.index(str(notebooks_dir()))] = str(folder)
        self.pooled_kernels = 0  # kernels kept ready with no page open; see wait_until_started
        self.log = open(folder.parent / "voila.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command,
            env={**os.environ, "INKL_DATA_DIR": str(data_dir)},
            cwd=folder,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.server = psutil.Process(self.process.pid)
        if not wait_for_port(self.port, timeout=90):
            self.stop()
            raise RuntimeError(f"Voilà did not start; see {self.log.name}")

    def __enter__(self) -> BenchServer:
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def url(self, notebook: str, workbook_id: str | None = None) -> str:
        query = f"?workbook={workbook_id}" if workbook_id else ""
        return f"http://127.0.0.1:{self.port}/voila/render/{notebook}{query}"

    def tree_url(self) -> str:
        """The page that sets Voilà's request-forgery cookie."""
        return f"http://127.0.0.1:{self.port}/voila/tree"

    def shutdown_url(self, kernel_id: str) -> str:
        """Where a page posts its kernel's shutdown when it is left."""
        return f"http://127.0.0.1:{self.port}/voila/api/shutdown/{kernel_id}"

    def kernels(self) -> list[psutil.Process]:
        found = []
        for child in self.server.children(recursive=True):
            try:
                if "ipykernel" in " ".join(child.cmdline()):
                    found.append(child)
            except psutil.Error:  # a kernel that is just ending
                continue
        return found

    def kernel_rss(self, kernel_id: str) -> int:
        """Resident memory of the kernel with this id, in bytes."""
        for kernel in self.kernels():
            try:
                if f"kernel-{kernel_id}.json" in " ".join(kernel.cmdline()):
                    return kernel.memory_info().rss
            except psutil.Error:
                continue
        raise LookupError(f"no kernel process for {kernel_id}")

    def wait_until_started(self, timeout: float = 180.0) -> None:
        """Wait until Voilà has started and heated the kernels it keeps ready, and count them.

        That is none with kernels per request, and a pool per notebook with preheating.
        """
        counts: list[int] = []

        def steady(count: int) -> bool:
            counts.append(count)
            return counts[-QUIET_WINDOWS:] == [count] * QUIET_WINDOWS

        self._wait_for(steady, timeout)
        self.pooled_kernels = len(self.kernels())

    def wait_until_quiet(self, open_pages: int = 0, timeout: float = 60.0) -> bool:
        """Wait until pools are refilled, closed pages' kernels are gone and nothing runs.

        Returns False if that did not happen within ``timeout`` (a kernel left behind).
        """
        return self._wait_for(lambda count: count == self.pooled_kernels + open_pages, timeout)

    def _wait_for(self, kernels_settled, timeout: float) -> bool:
        """Wait for ``kernels_settled(kernel count)`` over windows of low CPU use in a row."""
        deadline = time.monotonic() + timeout
        quiet = 0
        while time.monotonic() < deadline:
            settled = kernels_settled(len(self.kernels()))
            quiet = quiet + 1 if settled and self._cpu_percent() < QUIET_CPU_PERCENT else 0
            if quiet >= QUIET_WINDOWS:
                return True
        return False

    def _cpu_percent(self) -> float:
        processes = [self.server, *self.server.children(recursive=True)]
        for process in processes:
            try:
                process.cpu_percent(None)
            except psutil.Error:
                continue
        time.sleep(QUIET_WINDOW)
        total = 0.0
        for process in processes:
            try:
                total += process.cpu_percent(None)
            except psutil.Error:
                continue
        return total

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
