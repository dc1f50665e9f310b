"""The browser layer: the real Voilà app in real Chromium (fixtures ``app``, ``browser`` and
``page`` from ``tests/harness.py``, shared through ``tests/conftest.py``), and ``shared``: the
app as ``inkl app --share`` serves it."""

import secrets

import pytest

from inkl_widgets.server.launch import MAX_SHARED_KERNELS
from inkl_widgets.store.sharing import new_facilitator_key

from ..harness import RunningApp

# A shared server's "local network" address: a second loopback address (see ``shared``).
NETWORK = "127.0.0.2"


def start_shared(tmp_path_factory, database_url: str | None = None, **options) -> RunningApp:
    """``inkl app --share`` on ``NETWORK`` (and loopback), with its kernel limit; the workbooks
    in a fresh data folder, or in the PostgreSQL database ``database_url`` names; ``options``
    as ``voila_command`` takes them."""
    data = tmp_path_factory.mktemp("share") / "data"  # made by the key, as by the app
    key = new_facilitator_key(data)
    options = {"share_address": NETWORK, "max_kernels": MAX_SHARED_KERNELS, **options}
    running = RunningApp(data, database_url=database_url, **options)
    running.key = key
    running.base = f"http://{NETWORK}:{running.port}"
    running.other_id = running.store.create("Anden forening")
    return running


def new_organisation_url(postgres) -> str:
    """A fresh organisation on the tests' PostgreSQL server, for one shared server."""
    return postgres.new_organisation(f"org_{secrets.token_hex(5)}")


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """A shared server on SQLite, one per test module."""
    running = start_shared(tmp_path_factory)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def shared_on_postgres(tmp_path_factory, postgres):
    """A shared server whose workbooks are on PostgreSQL, one per test module."""
    running = start_shared(tmp_path_factory, new_organisation_url(postgres))
    yield running
    running.stop()
