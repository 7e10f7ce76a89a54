"""The saluran API: public statistics, the triage queue for operators only."""

import pytest
from django.test import Client

from terbuka.aduan import services as aduan_services
from terbuka.api.testing import assert_error, token_client
from terbuka.saluran import services

pytestmark = pytest.mark.django_db


def test_statistics_are_public_and_suppressed(world):
    for i in range(2):
        aduan_services.complaint_submit(actor=None, pemda=world.pemda, kind="layanan",
                                        category=None, title="", body=f"Keluhan {i}",
                                        channel="web")
    rows = Client().get("/api/v1/saluran/pemda/ksb/statistics").json()
    total = next(r for r in rows if r["dimensi"] == "total")
    assert total["jumlah"] == "<5"
    assert_error(Client().get("/api/v1/saluran/pemda/nowhere/statistics"), 404, "not_found")


def test_triage_queue_for_operators_only(world):
    services.triage_receive(pemda=world.pemda, source="sms", text="Lampu mati", sender="+628")
    assert_error(Client().get("/api/v1/saluran/pemda/ksb/triage"), 401, "not_authenticated")
    assert_error(token_client(world.warga).get("/api/v1/saluran/pemda/ksb/triage"), 403,
                 "permission_denied")
    page = token_client(world.operator).get("/api/v1/saluran/pemda/ksb/triage").json()
    assert page["count"] == 1 and page["results"][0]["text"] == "Lampu mati"
    assert "sender" not in page["results"][0]
