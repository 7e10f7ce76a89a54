"""/healthz and /readyz, as a process supervisor and a load balancer read them."""

import pytest

from terbuka.ops import views

pytestmark = pytest.mark.django_db


def test_health_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_ready_when_database_cache_and_queue_answer(client):
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert [c["name"] for c in body["checks"]] == ["database", "cache", "queue"]
    assert all(c["ok"] for c in body["checks"])


@pytest.mark.parametrize("probe", ["_database", "_cache", "_queue"])
def test_not_ready_names_what_is_down(client, monkeypatch, probe):
    def down():
        raise ConnectionError("gone")

    monkeypatch.setattr(views, probe, down)
    response = client.get("/readyz")
    assert response.status_code == 503
    failed = [c for c in response.json()["checks"] if not c["ok"]]
    assert len(failed) == 1 and failed[0]["error"] == "ConnectionError"
    assert response["Cache-Control"].startswith("max-age=0")


def test_probes_refuse_writes(client):
    assert client.post("/healthz").status_code == 405
