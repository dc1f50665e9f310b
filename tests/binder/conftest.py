"""The Binder layer: a fresh environment built from ``binder/`` and served like Binder, in real
Chromium (``browser`` and ``page`` from ``tests/harness.py``)."""
