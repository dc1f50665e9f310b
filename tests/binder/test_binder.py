"""Binder, imitated here: a fresh environment built from binder/ exactly as its files say, then
``jupyter server`` started the way Binder starts it, and the app reached through the server's
``/voila/render/`` route in real Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inkl_widgets.server.launch import wait_for_port
from inkl_widgets.store.database import open_store

from ..browser.test_app_browser import ready_or_reload
from ..harness import ROOT, free_port

pytestmark = pytest.mark.binder


def _run(command: list[str], **kwargs) -> None:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


@pytest.fixture(scope="module")
def binder_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("binder")
    repo = home / "repo"
    shutil.copytree(
        ROOT,
        repo,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "__pycache__", "*.sqlite3*", ".pytest_cache"
        ),
    )
    venv = home / "env"
    _run([sys.executable, "-m", "venv", str(venv)])
    env = {
        **os.environ,
        "PATH": f"{venv / 'bin'}:{os.environ['PATH']}",
        "INKL_DATA_DIR": str(home / "data"),
        "BINDER_LAUNCH_HOST": "https://binder.example/",
        "HOME": str(home),
    }
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    _run(
        [str(venv / "bin/python"), "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"],
        cwd=repo,
        env=env,
    )
    _run(["bash", "binder/postBuild"], cwd=repo, env=env)
    port = free_port()
    log = open(home / "server.log", "w")  # noqa: SIM115 - closed below; read it when this fails
    server = subprocess.Popen(
        [
            str(venv / "bin/jupyter"),
            "server",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--IdentityProvider.token=",
            *(["--allow-root"] if os.geteuid() == 0 else []),  # Binder itself is not root
        ],
        cwd=repo,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        assert wait_for_port(port, timeout=90)
        yield port, home / "data"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_the_app_runs_on_binders_server_route(binder_server, page, danish):
    port, data_dir = binder_server
    base = f"http://127.0.0.1:{port}/voila/render/notebooks"
    # Without preheated kernels the page streams while its notebook runs: wait for the widgets,
    # not for the load event.
    page.set_default_timeout(180_000)
    requests, scripts = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda r: scripts.append(r) if r.url.split("?")[0].endswith(".js") else 0)
    page.goto(f"{base}/00_start.ipynb", wait_until="commit")
    ready_or_reload(page, timeout_ms=90_000)  # Voilà's stalled render, as in the app's tests
    # postBuild set compression and the installed wheel brought the template without the CDN
    local = f"http://127.0.0.1:{port}/"
    assert [url for url in requests if "://" in url and not url.startswith(local)] == []
    assert scripts
    assert [r.url for r in scripts if r.headers.get("content-encoding") != "gzip"] == []
    page.get_by_role("link", name="Velkommen her").click()
    page.wait_for_url("**workbook=velkommen-her", wait_until="commit")
    ready_or_reload(page, timeout_ms=90_000)
    page.locator("a.inkl-next").click()
    ready_or_reload(page, timeout_ms=90_000)
    # the page's stylesheets came with the installed template, not with a widget
    sheets = "[...document.querySelectorAll('style')].filter(s => !s.closest('.jupyter-widgets'))"
    assert ".inkl-page" in page.evaluate(f"{sheets}.map(s => s.textContent).join('')")
    question = danish.question_groups("step1")[0].questions[0]
    page.get_by_label(question.text, exact=True).fill("Skrevet på Binder")
    expect(page.locator(".inkl-save")).to_contain_text("Gemt kl.")
    assert open_store(Path(data_dir)).load("velkommen-her").answers[question.id] == (
        "Skrevet på Binder"
    )
