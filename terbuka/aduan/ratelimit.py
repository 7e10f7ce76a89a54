"""Per-client limits on intake and tracking look-ups (spam floods, guessing tracking numbers).

A fixed window counter in the shared cache, keyed by the client: the logged-in account when
there is one, else the address. Behind the local reverse proxy (a loopback peer) the address
is the one nginx puts in X-Real-IP; a header from anyone else is ignored, so it cannot be
forged to escape the limit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache

TRUSTED_PROXIES = {"127.0.0.1", "::1"}


def client_key(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    address = request.META.get("REMOTE_ADDR", "")
    if address in TRUSTED_PROXIES:
        address = request.META.get("HTTP_X_REAL_IP", "").strip() or address
    return f"a{address}"


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window resets


def hit(scope: str, request, *, limit: int, window: int) -> Verdict:
    """Count one request of `scope` for this client; limit <= 0 turns the limit off."""
    if limit <= 0:
        return Verdict(True, 0)
    now = int(time.time())
    start = now - now % window
    key = f"aduan:rl:{scope}:{client_key(request)}:{start}"
    if cache.add(key, 1, timeout=window + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window + 5)
            count = 1
    return Verdict(count <= limit, start + window - now)
