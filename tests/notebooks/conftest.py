"""The notebooks layer: each notebook executed headless with nbclient, on the shared data
fixtures of ``tests/conftest.py``."""
