"""/api/v1/ for gotong royong: public list, progress with the one error format."""

import pytest

from terbuka.api.testing import assert_error, token_client
from terbuka.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_public_list_shows_money_and_progress(client, ksb, project):
    body = client.get("/api/v1/pemda/ksb/gotongroyong/projects").json()
    assert body["count"] == 1
    (item,) = body["results"]
    assert item["kind"] == "stimulan" and item["budget_apbd"] == "30000000"
    assert client.get("/api/v1/pemda/nowhere/gotongroyong/projects").status_code == 404


def test_progress_over_100_is_a_422_naming_the_field(ksb, project, pendamping):
    api = token_client(pendamping)
    url = f"/api/v1/gotongroyong/projects/{project.pk}/progress"
    response = api.post(url, {"reported_on": "2025-06-01", "physical_pct": "101",
                              "spent": "0"}, content_type="application/json")
    assert_error(response, 422, "validation_error")
    assert "physical_pct" in response.json()["error"]["fields"]
    ok = api.post(url, {"reported_on": "2025-06-01", "physical_pct": "40", "spent": "1000"},
                  content_type="application/json")
    assert ok.status_code == 201 and ok.json()["physical_pct"] == "40.0"
    warga = token_client(make_user(role="warga", pemda=ksb))
    denied = warga.post(url, {"reported_on": "2025-06-01", "physical_pct": "50", "spent": "0"},
                        content_type="application/json")
    assert_error(denied, 403, "permission_denied")
