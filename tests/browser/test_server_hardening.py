"""The server as an attacker and a careless script meet it: raw HTTP and websockets, no browser.

DNS rebinding: a foreign ``Host`` must get 403 on pages, files, the API and kernel websockets.
Kernels: a page beyond the limit gets a short page in the user's language at once. A folder
that cannot be written still shows its workbooks.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from inkl_widgets.server.launch import ensure_demo, start_url
from inkl_widgets.store.database import open_store

from ..filesystems import read_only_folder
from ..harness import ROOT, RunningApp, eventually, free_port
from .test_accessibility import audit
from .test_app_browser import open_page

pytestmark = pytest.mark.browser

START = "/voila/render/00_start.ipynb"
KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')


def get(
    app,
    path: str,
    host: str | None = None,
    timeout: float = 60,
    address: str = "127.0.0.1",
    source: str = "",
    **headers,
):
    """(status, headers, body) of a GET to ``address`` (from ``source``) with exactly the given
    ``Host``."""
    connection = http.client.HTTPConnection(
        address, app.port, timeout=timeout, source_address=(source, 0) if source else None
    )
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host or f"{address}:{app.port}")
        for name, value in headers.items():
            connection.putheader(name.replace("_", "-"), value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def open_channels(app, kernel_id: str, host: str):
    """Open the kernel's websocket with ``Host`` and a matching ``Origin``; the error, if any."""
    request = HTTPRequest(
        f"ws://127.0.0.1:{app.port}/api/kernels/{kernel_id}/channels",
        headers={"Host": host, "Origin": f"http://{host}"},
    )

    async def attempt():
        try:
            connection = await websocket_connect(request)
        except HTTPClientError as error:
            return error
        connection.close()
        return None

    # its own thread: Playwright's sync API keeps an event loop running in this one
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, attempt()).result()


@pytest.mark.parametrize(
    "path", [START, "/voila/tree", "/", "/api/kernels", "/voila/static/voila.js", "/voila/files/x"]
)
def test_a_foreign_host_is_refused_everywhere(app, path):
    before = app.kernel_count()
    status, _headers, body = get(app, path, host=f"evil.example:{app.port}")
    assert status == 403
    assert "127.0.0.1" in body  # says where the app does answer
    assert app.kernel_count() <= before  # nothing was started for it


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_the_loopback_names_are_served(app, host):
    assert get(app, "/voila/tree", host=f"{host}:{app.port}")[0] == 200


def test_a_foreign_host_with_the_loopback_port_in_disguise_is_refused(app):
    for host in ["127.0.0.1.evil.example", f"localhost.evil.example:{app.port}", "evil.example"]:
        assert get(app, "/voila/tree", host=host)[0] == 403


def test_a_kernel_websocket_refuses_a_foreign_host_but_serves_its_own(app):
    status, _headers, body = get(app, f"{START}?workbook={app.demo_id}")
    assert status == 200
    kernel_id = KERNEL_ID.search(body).group(1)
    refused = open_channels(app, kernel_id, f"evil.example:{app.port}")
    assert refused is not None and refused.code == 403
    assert open_channels(app, kernel_id, f"127.0.0.1:{app.port}") is None


def test_the_root_sends_a_person_to_the_start_page(app):
    status, headers, _body = get(app, "/")
    assert status in (301, 302)
    assert headers["Location"] == START


@pytest.fixture(scope="module")
def small_app(tmp_path_factory):
    running = RunningApp(tmp_path_factory.mktemp("small") / "data", max_kernels=1)
    yield running
    running.stop()


def at_the_limit(small_app) -> None:
    """One page served and its kernel kept: the small app's only kernel is taken."""
    if small_app.kernel_count() == 0:
        first = get(small_app, f"{START}?workbook={small_app.demo_id}")
        assert first[0] == 200 and KERNEL_ID.search(first[2])
    assert small_app.kernel_count() == 1


def test_a_page_beyond_the_kernel_limit_gets_a_clear_page_at_once(small_app):
    at_the_limit(small_app)

    began = time.monotonic()
    status, headers, body = get(small_app, START, timeout=10)
    assert time.monotonic() - began < 5
    assert status == 503 and headers["Retry-After"]
    assert '<html lang="da">' in body and "for mange sider" in body
    assert small_app.kernel_count() == 1

    status, _headers, body = get(small_app, START, timeout=10, Accept_Language="en-GB,da;q=0.5")
    assert status == 503
    assert '<html lang="en">' in body and "Too many pages" in body


def test_the_kernel_limit_page_meets_wcag_22_aa(small_app, page):
    at_the_limit(small_app)
    response = page.goto(f"http://127.0.0.1:{small_app.port}{START}")
    assert response.status == 503
    assert audit(page) == []


def test_the_app_on_a_read_only_folder_shows_the_workbook_and_says_it_cannot_save(
    tmp_path, browser
):
    running = RunningApp(tmp_path / "data")
    running.store.close()  # the folder's last writer is gone, as after a meeting
    try:
        with read_only_folder(running.data_dir):
            tab = browser.new_page()
            open_page(tab, running.url("01_beskriv_praksis.ipynb", running.demo_id))
            expect(tab.locator(".inkl-workbook-name")).to_have_text("Velkommen her")
            expect(tab.get_by_role("alert")).to_contain_text("Datamappen er skrivebeskyttet")
            tab.close(run_before_unload=True)
            running.stop()  # the kernels let go of the file before the folder is unmounted
    finally:
        running.stop()
    server_log = (running.data_dir.parent / "voila.log").read_text()
    assert "storage refused" in server_log  # the cause, for whoever runs the server


def group_ended(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return True
    return False


def test_inkl_app_starts_on_a_read_only_folder_and_says_so(tmp_path):
    folder = tmp_path / "data"
    store = open_store(folder)
    demo_id = ensure_demo(store)
    store.close()
    port = free_port()
    command = [sys.executable, "-m", "inkl_widgets.cli", "--data-dir", str(folder)]
    command += ["app", "--port", str(port), "--no-browser"]
    with read_only_folder(folder):
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # the app and its Voilà stop together below
        )
        try:
            assert server.stdout.readline().strip() == start_url(port, demo_id)
            status, _headers, _body = get(SimpleNamespace(port=port), f"{START}?workbook={demo_id}")
            assert status == 200
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            eventually(lambda: group_ended(server.pid), timeout=30)  # Voilà and its kernels
    assert "Datamappen er skrivebeskyttet" in server.stderr.read()
