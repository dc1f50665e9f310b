"""The browser layer: the real Voilà app in real Chromium (fixtures ``app``, ``browser`` and
``page`` from ``tests/harness.py``, shared through ``tests/conftest.py``), and ``shared``: the
app as ``inkl app --share`` serves it."""

import pytest

from inkl_widgets.server.launch import MAX_SHARED_KERNELS
from inkl_widgets.store.sharing import new_facilitator_key

from ..harness import RunningApp

# A shared server's "local network" address: a second loopback address (see ``shared``).
NETWORK = "127.0.0.2"


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """``inkl app --share`` on ``NETWORK`` (and loopback), with its kernel limit, one per test
    module."""
    data = tmp_path_factory.mktemp("share") / "data"
    data.mkdir()
    key = new_facilitator_key(data)
    running = RunningApp(data, share_address=NETWORK, max_kernels=MAX_SHARED_KERNELS)
    running.key = key
    running.base = f"http://{NETWORK}:{running.port}"
    running.other_id = running.store.create("Anden forening")
    yield running
    running.stop()
