"""Shared fixtures: every test works in its own data folder with a real SQLite file, or, in the
tests marked ``both_engines``, also as its own organisation on a real PostgreSQL server."""

from __future__ import annotations

import os
import secrets
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
from .postgres_server import PostgresServer

# The content cache of this run, for the tests and every server they start (not the user's).
os.environ["INKL_CACHE_DIR"] = tempfile.mkdtemp(prefix="inkl-cache-")


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("INKL_DATA_DIR", str(folder))
    return folder


def pytest_generate_tests(metafunc):
    """Run the tests marked ``both_engines`` once on SQLite and once on PostgreSQL."""
    if "engine" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_engines"):
        metafunc.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def engine(request) -> str:
    """The store's engine: SQLite, the embedded default, unless the test runs on both."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def postgres():
    """One throw-away PostgreSQL server for the whole run, started only if a test needs it."""
    server = PostgresServer()
    yield server
    server.stop()


@pytest.fixture
def store_location(engine, data_dir, request, monkeypatch) -> str:
    """What ``open_store`` is given: the data folder, or a fresh organisation's address."""
    if engine == "sqlite":
        return str(data_dir)
    url = request.getfixturevalue("postgres").new_organisation(f"org_{secrets.token_hex(5)}")
    monkeypatch.setenv("INKL_DATABASE_URL", url)
    return url


@pytest.fixture
def store(store_location):
    opened = open_store(store_location)
    yield opened
    opened.close()


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
