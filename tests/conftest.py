"""Shared fixtures: every test works in its own data folder with a real SQLite file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from inkl_widgets.content.loading import load_content
from inkl_widgets.content.resources import demo_dir
from inkl_widgets.store.database import open_store
from inkl_widgets.store.portable import import_backup, parse_backup
from inkl_widgets.store.session import WorkbookSession
from inkl_widgets.widgets.binding import PageContext

from .harness import app, browser, page  # noqa: F401 - one browser and one app for every layer

# The content cache of this run, for the tests and every server they start (not the user's).
os.environ["INKL_CACHE_DIR"] = tempfile.mkdtemp(prefix="inkl-cache-")


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("INKL_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def store(data_dir):
    return open_store(data_dir)


@pytest.fixture(scope="session")
def danish():
    return load_content("da")


@pytest.fixture(scope="session")
def english():
    return load_content("en")


@pytest.fixture
def demo():
    return parse_backup((demo_dir() / "velkommen-her.json").read_bytes())


@pytest.fixture
def demo_id(store, demo):
    """The demo workbook, stored."""
    return import_backup(store, demo)


@pytest.fixture
def ctx(store, demo_id, danish):
    """A page's context on the stored demo workbook, in Danish, without a kernel."""
    return PageContext(WorkbookSession(store, demo_id), danish, store)
