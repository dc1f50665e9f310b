"""The browser layer: the real Voilà app in real Chromium."""

from ..harness import app, browser, page  # noqa: F401 - fixtures
