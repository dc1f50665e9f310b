"""Shared fixtures: every test works in its own data folder with a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from inkl_widgets.content import load_content
from inkl_widgets.portable import parse_backup
from inkl_widgets.resources import demo_dir
from inkl_widgets.store import open_store

ROOT = Path(__file__).resolve().parent.parent


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
