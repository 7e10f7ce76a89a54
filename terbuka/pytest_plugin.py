"""Loaded by pytest through `addopts = -p terbuka.pytest_plugin`, before pytest-django imports the
settings: a root conftest.py is imported too late for that, so settings would see the
developer's environment (file cache and queue in var/, slow password hashing)."""

import os

# Tests never touch the developer's own var/ files or a real queue unless a test asks for it.
os.environ.setdefault("TERBUKA_ENV", "test")
os.environ.setdefault("QUEUE_IMMEDIATE", "1")
