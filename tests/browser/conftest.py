"""The browser layer: the real Voilà app in real Chromium (fixtures ``app``, ``browser`` and
``page`` from ``tests/harness.py``, shared through ``tests/conftest.py``)."""
