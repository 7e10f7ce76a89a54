"""/metrics in Prometheus text format: requests by route pattern, queue depth, job outcomes."""

import pytest
from prometheus_client.parser import text_string_to_metric_families

from terbuka.core.tests.factories import KSB, make_pemda

pytestmark = pytest.mark.django_db


def _samples(client, name):
    text = client.get("/metrics", REMOTE_ADDR="127.0.0.1").content.decode()
    return [s for family in text_string_to_metric_families(text) for s in family.samples
            if s.name == name]


def _count(client, **labels):
    return sum(s.value for s in _samples(client, "terbuka_http_requests_total")
               if all(s.labels.get(k) == v for k, v in labels.items()))


def test_requests_are_counted_by_route_pattern_not_path(client):
    make_pemda("ksb", KSB)
    before = _count(client, route="<slug:pemda>/", status="200")
    client.get("/ksb/")
    client.get("/ksb/")
    assert _count(client, route="<slug:pemda>/", status="200") == before + 2
    assert not [s for s in _samples(client, "terbuka_http_requests_total")
                if s.labels["route"] == "ksb/"]


def test_unknown_paths_share_one_series(client):
    before = _count(client, route="unmatched", status="404")
    client.get("/no/such/page/at/all/")
    assert _count(client, route="unmatched", status="404") == before + 1


def test_latency_histogram_and_queue_depth_are_exported(client):
    client.get("/healthz")
    buckets = _samples(client, "terbuka_http_request_duration_seconds_bucket")
    assert any(s.labels["route"] == "healthz" for s in buckets)
    depth = _samples(client, "terbuka_queue_pending_jobs")
    assert len(depth) == 1 and depth[0].value >= 0


def test_job_outcomes_are_counted(client):
    from terbuka.core.tasks import refresh_pemda_summary

    pemda = make_pemda("ksb", KSB)

    def completed():
        return sum(s.value for s in _samples(client, "terbuka_jobs_total")
                   if s.labels["task"] == "refresh_pemda_summary"
                   and s.labels["outcome"] == "complete")

    before = completed()
    refresh_pemda_summary(pemda.pk)  # QUEUE_IMMEDIATE in tests: runs now, signals fire
    assert completed() == before + 1


def test_metrics_are_hidden_from_other_addresses(client, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.5"]
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.5").status_code == 200
