import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Row ids are reused after each test's rollback, so a cached value keyed by id would
    leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
