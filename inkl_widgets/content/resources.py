"""Where the package finds its shipped files: content, demo workbooks and notebooks.

In a clone (or an editable install) they sit beside the package in ``data/`` and ``notebooks/``;
an installed wheel carries copies inside the package as ``_data`` and ``_notebooks``.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _shipped(installed_name: str, clone_name: str) -> Path:
    inside = _PACKAGE / installed_name
    return inside if inside.is_dir() else _PACKAGE.parent / clone_name


def data_dir() -> Path:
    """The shipped ``data/`` folder."""
    return _shipped("_data", "data")


def content_dir() -> Path:
    """The folder of language folders; ``INKL_CONTENT_DIR`` points at a consultant's own."""
    chosen = os.environ.get("INKL_CONTENT_DIR")
    return Path(chosen) if chosen else data_dir() / "content"


def demo_dir() -> Path:
    """Shipped demo workbooks (JSON backups)."""
    return data_dir() / "demo"


def notebooks_dir() -> Path:
    """The app's notebooks, served by Voilà."""
    return _shipped("_notebooks", "notebooks")


def voila_config_dir() -> Path:
    """The folder holding the project's ``voila.json``."""
    inside = _PACKAGE / "_voila"
    return inside if inside.is_dir() else _PACKAGE.parent
