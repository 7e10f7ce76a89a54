"""Probes for the process supervisor and the load balancer, and the metrics endpoint."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from terbuka.ops import metrics


@never_cache
@require_GET
def healthz(request):
    """Liveness: the process answers. Touches nothing else, so a slow database does not get
    healthy web processes restarted."""
    return JsonResponse({"status": "ok"})


def _check(name: str, probe) -> dict:
    started = time.perf_counter()
    try:
        probe()
    except Exception as exc:  # noqa: BLE001 - any failure means not ready; say which
        return {"name": name, "ok": False, "error": type(exc).__name__,
                "ms": round((time.perf_counter() - started) * 1000, 1)}
    return {"name": name, "ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    cache.set("ops:ready", "1", 5)
    if cache.get("ops:ready") != "1":
        raise RuntimeError("cache did not keep a value")


def _queue():
    from huey.contrib.djhuey import HUEY

    HUEY.pending_count()


@never_cache
@require_GET
def readyz(request):
    """Readiness: the database, the cache and the job queue answer. 503 otherwise, so the
    load balancer stops sending traffic until they are back."""
    checks = [_check("database", _database), _check("cache", _cache), _check("queue", _queue)]
    ok = all(c["ok"] for c in checks)
    return JsonResponse({"status": "ok" if ok else "unavailable", "checks": checks},
                        status=200 if ok else 503)


@never_cache
@require_GET
def metrics_view(request):
    allowed = settings.METRICS_ALLOWED_IPS
    if allowed and request.META.get("REMOTE_ADDR") not in allowed:
        return HttpResponse(status=404)
    body, content_type = metrics.render()
    return HttpResponse(body, content_type=content_type)
