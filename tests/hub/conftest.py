"""The hub layer: a real JupyterHub (``tests/hub_server.py``) in front of the app, two
organisations on the throw-away PostgreSQL, three board members, real Chromium."""

from __future__ import annotations

import pytest

from ..hub_server import RunningHub

MEMBERS = {"foreningen_a": ["anna", "asger"], "foreningen_b": ["bo"]}


@pytest.fixture(scope="module")
def organisations(postgres) -> dict[str, str]:
    """Each organisation's database address."""
    return {name: postgres.new_organisation(name) for name in MEMBERS}


@pytest.fixture(scope="module")
def hub(organisations):
    running = RunningHub(
        {
            name: {"members": MEMBERS[name], "database_url": url}
            for name, url in organisations.items()
        }
    )
    yield running
    running.stop()
