"""Prometheus metrics: requests by route, queue depth, job outcomes.

Under gunicorn with several worker processes, set PROMETHEUS_MULTIPROC_DIR to an empty
directory shared by the workers (see docs/deploy.md); prometheus_client then aggregates the
processes' values when /metrics is read."""

from __future__ import annotations

import time

from django.conf import settings
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter(
    "terbuka_http_requests_total", "HTTP requests answered", ["method", "route", "status"]
)
LATENCY = Histogram(
    "terbuka_http_request_duration_seconds", "Time to answer an HTTP request", ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10),
)
JOBS = Counter("terbuka_jobs_total", "Background jobs finished, by outcome", ["task", "outcome"])
QUEUE_DEPTH = Gauge(
    "terbuka_queue_pending_jobs", "Jobs waiting in the queue", multiprocess_mode="livemax"
)


def _route(request) -> str:
    # The URL pattern, not the path: /ksb/aduan/123/ and /ntb/aduan/9/ are one series.
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.route or match.view_name or "unmatched"


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        route = _route(request)
        LATENCY.labels(request.method, route).observe(time.perf_counter() - started)
        REQUESTS.labels(request.method, route, str(response.status_code)).inc()
        return response


def watch_jobs() -> None:
    """Count job outcomes through huey's signals (the worker process runs them)."""
    from huey import signals
    from huey.contrib.djhuey import HUEY

    outcome = {
        signals.SIGNAL_COMPLETE: "complete",
        signals.SIGNAL_ERROR: "error",
        signals.SIGNAL_RETRYING: "retrying",
        signals.SIGNAL_EXPIRED: "expired",
    }

    @HUEY.signal(*outcome)
    def _count(signal, task, *args, **kwargs):
        JOBS.labels(task.name, outcome[signal]).inc()


def render() -> tuple[bytes, str]:
    from huey.contrib.djhuey import HUEY

    try:
        QUEUE_DEPTH.set(HUEY.pending_count())
    except Exception:  # noqa: BLE001 - the queue being down is what readiness reports
        QUEUE_DEPTH.set(-1)
    if settings.PROMETHEUS_MULTIPROC_DIR:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
