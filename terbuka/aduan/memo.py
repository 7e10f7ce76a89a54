"""A small per-process memo with a time limit, for the reference data every submission reads
(the pemda, its limits, categories, regions). Each read otherwise costs a database round trip
on the intake path; a change made elsewhere is seen within TTL seconds (the pemda's own
services clear it at once in their process)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

TTL = 30.0
_store: dict[Any, tuple[float, Any]] = {}
_lock = threading.Lock()


def get(key: Any, load: Callable[[], Any], ttl: float = TTL) -> Any:
    now = time.monotonic()
    hit = _store.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    value = load()
    with _lock:
        if len(_store) > 5000:
            _store.clear()
        _store[key] = (now + ttl, value)
    return value


def clear() -> None:
    with _lock:
        _store.clear()
