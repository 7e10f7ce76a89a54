"""The IKM API: public results, public questionnaire, periods with a token."""

import pytest
from django.test import Client

from terbuka.api.testing import assert_error, token_client
from terbuka.core.tests.factories import make_user
from terbuka.ikm.tests.conftest import PROFILE, answers
from terbuka.ikm.tests.test_formula import WORKED

pytestmark = pytest.mark.django_db


def test_public_answers_then_results(unit):
    from terbuka.ikm.formula import ELEMENTS

    client = Client()
    url = f"/api/v1/ikm/pemda/ksb/units/{unit.pk}/responses"
    for row in WORKED:
        body = dict(zip(ELEMENTS, row, strict=True)) | PROFILE
        assert client.post(url, body, content_type="application/json").status_code == 201
    detail = client.get(f"/api/v1/ikm/pemda/ksb/units/{unit.pk}").json()
    assert detail["result"]["ikm"] == 79.86
    assert detail["result"]["grade"] == "B"
    assert detail["result"]["nrr"]["biaya"] == 4.0
    assert len(detail["quarters"]) == 8
    (listed,) = client.get("/api/v1/ikm/pemda/ksb/units").json()
    assert listed["result"]["respondents"] == 4


def test_bad_questionnaire_is_a_validation_error_naming_fields(unit):
    body = answers(3) | PROFILE | {"waktu": 9, "sex": "X"}
    response = Client().post(f"/api/v1/ikm/pemda/ksb/units/{unit.pk}/responses", body,
                             content_type="application/json")
    assert_error(response, 422, "validation_error")
    assert {"waktu", "sex"} <= set(response.json()["error"]["fields"])


def test_unknown_pemda_and_unit_are_404(unit):
    assert_error(Client().get("/api/v1/ikm/pemda/nowhere/units"), 404, "not_found")
    assert_error(Client().get("/api/v1/ikm/pemda/ksb/units/424242"), 404, "not_found")


def test_period_needs_a_token_with_the_right_role(unit, ksb):
    url = f"/api/v1/ikm/pemda/ksb/units/{unit.pk}/periods"
    body = {"name": "S1", "start": "2026-01-01", "end": "2026-06-30", "population": 500}
    assert_error(Client().post(url, body, content_type="application/json"), 401,
                 "not_authenticated")
    warga = token_client(make_user(role="warga", pemda=ksb))
    assert_error(warga.post(url, body, content_type="application/json"), 403,
                 "permission_denied")
    admin = token_client(make_user(role="admin_pemda", pemda=ksb))
    created = admin.post(url, body, content_type="application/json")
    assert created.status_code == 201 and created.json()["required_sample"] == 217
    assert_error(admin.post(url, body, content_type="application/json"), 409, "conflict")
