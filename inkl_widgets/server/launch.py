"""Start the app: Voilà on the notebooks folder, with the project's ``voila.json``.

The demo workbook is loaded first so that a newcomer sees a filled workbook straight away.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import webbrowser
from dataclasses import dataclass
from pathlib import Path

from inkl_widgets.content.resources import demo_dir, notebooks_dir, voila_config_dir
from inkl_widgets.store.database import WorkbookStore, default_data_dir
from inkl_widgets.store.portable import import_backup, parse_backup
from inkl_widgets.store.sharing import facilitator_url, new_facilitator_key
from inkl_widgets.widgets.address import PAGES

DEMO_FILE = "velkommen-her.json"
MAX_KERNELS = 16  # see LimitedKernelManager.max_kernels for why
# Sharing: a phone's participant page is a kernel of 57 MiB (median, measured with twelve
# phones adding at once; the projector's 103 MiB). 28 kernels - a board of twelve with a page
# or two each, and some left behind until culled - stay near 2 GiB, which a 4 GiB laptop
# running the projector's browser can spare. Beyond it a phone gets the limit page at once.
MAX_SHARED_KERNELS = 28


@dataclass(frozen=True)
class Https:
    """How a shared server learns that a page came over HTTPS, to mark its cookies ``Secure``:
    its own certificate (``certfile``, ``keyfile``), or a TLS proxy in front whose
    ``X-Forwarded-Proto`` it trusts (``trust_xheaders``), reached at ``public_url``. Neither is
    the local network's plain HTTP."""

    certfile: str = ""
    keyfile: str = ""
    trust_xheaders: bool = False
    public_url: str = ""

    @property
    def scheme(self) -> str:
        return "https" if self.certfile else "http"

    def shared_base(self, share_address: str, port: int) -> str:
        """Where people open a shared server: the proxy's address, else its own."""
        return self.public_url.rstrip("/") or f"{self.scheme}://{share_address}:{port}"

    def flags(self) -> list[str]:
        """The settings of ``InklVoila`` on Voilà's command line."""
        flags = [f"--InklVoila.trust_xheaders={self.trust_xheaders}"]
        if self.public_url:
            flags.append(f"--InklVoila.public_url={self.public_url}")
        if self.certfile:
            flags += [
                f"--InklVoila.certfile={self.certfile}",
                f"--InklVoila.keyfile={self.keyfile}",
            ]
        return flags


def ensure_demo(store: WorkbookStore) -> str | None:
    """Load the shipped demo workbook unless it is already there; its id either way (None only
    when it is missing from a store that cannot be written)."""
    workbook = parse_backup((demo_dir() / DEMO_FILE).read_bytes())
    if store.exists(workbook.id):
        return workbook.id
    if not store.writable:
        return None
    import_backup(store, workbook)
    return workbook.id


def voila_command(
    port: int,
    preheat: bool = False,
    max_kernels: int = MAX_KERNELS,
    share_address: str = "",
    https: Https = Https(),
) -> list[str]:
    """The Voilà command line: the notebooks folder, loopback (plus ``share_address``, behind
    the facilitator's key and participant links), at most ``max_kernels`` kernels, HTTPS as
    ``https`` says, the project's settings."""
    command = [
        sys.executable,
        "-m",
        "inkl_widgets.server.voila_server",
        str(notebooks_dir()),
        f"--port={port}",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--Voila.config_file_paths=['{voila_config_dir()}']",
        "--VoilaConfiguration.multi_kernel_manager_class="
        "inkl_widgets.server.kernel_limit.LimitedKernelManager",
        f"--LimitedKernelManager.max_kernels={max_kernels}",
    ]
    # Off by default: measured here, preheated pools made turning back to a page slow (10-14 s
    # while its pool refilled), kept 6-8 kernels alive, and now and then left a page on
    # "Executing 2 of 3"; kernels started per request took 2-4 s every time, and one lives.
    command.append(f"--preheat_kernel={preheat}")
    command += https.flags()
    if share_address:
        command += [
            f"--InklVoila.share_address={share_address}",
            "--Voila.port_retries=0",  # both addresses on the port the links name
        ]
    return command


def start_url(port: int, workbook_id: str | None = None, scheme: str = "http") -> str:
    query = f"?workbook={workbook_id}" if workbook_id else ""
    return f"{scheme}://127.0.0.1:{port}/voila/render/{PAGES['start']}{query}"


def wait_for_port(port: int, timeout: float = 60.0) -> bool:
    """True once something accepts connections on the loopback port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.2)
    return False


def run_app(
    store: WorkbookStore,
    port: int,
    browser: bool,
    preheat: bool,
    data_dir=None,
    max_kernels: int = MAX_KERNELS,
    share_address: str = "",
    https: Https = Https(),
) -> int:
    """Run Voilà in the foreground until it is stopped (Ctrl+C); with ``share_address``,
    print the facilitator's link, which carries a fresh key."""
    demo_id = ensure_demo(store)
    env = dict(os.environ)
    if data_dir:
        env["INKL_DATA_DIR"] = str(data_dir)
    url = start_url(port, demo_id, https.scheme)
    if share_address:
        key = new_facilitator_key(Path(data_dir) if data_dir else default_data_dir())
        url = facilitator_url(f"{https.scheme}://127.0.0.1:{port}", key)
        shared = facilitator_url(https.shared_base(share_address, port), key)
    command = voila_command(port, preheat, max_kernels, share_address, https)
    server = subprocess.Popen(command, env=env)
    try:
        if wait_for_port(port):
            print(shared if share_address else url, flush=True)
            if browser:
                webbrowser.open(url)
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return server.wait()
