"""The unit layer: model, content, store and widgets without a kernel, on real SQLite files
(and the store's ``both_engines`` tests on a real PostgreSQL server too).

The data fixtures (``data_dir``, ``store``, ``danish``, ``demo``, ``ctx`` …) come from
``tests/conftest.py``, which every layer shares."""
