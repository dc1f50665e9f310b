"""The Binder layer: a fresh environment served like Binder, in real Chromium."""

from ..harness import browser, page  # noqa: F401 - fixtures
