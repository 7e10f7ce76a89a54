"""The JSON API: public figures without personal data, the desk for staff, errors."""

import pytest

from terbuka.api.testing import assert_error, token_client
from terbuka.core.tests.factories import make_user
from terbuka.lingkungan import services
from terbuka.lingkungan.models import Nasabah

BASE = "/api/v1/lingkungan/pemda/banggai"


@pytest.fixture(autouse=True)
def english_answers(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def staff_client(user):
    client = token_client(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_deposit_withdrawal_and_passbook_over_the_api(unit, nasabah, types, pengelola):
    client = staff_client(pengelola)
    services.cash_record(actor=None, unit=unit, direction="in", amount="50000", note="Modal")
    response = client.post(f"{BASE}/units/{unit.pk}/deposits", {
        "nasabah_id": nasabah.pk,
        "lines": [{"waste_type_id": types["kaleng"].pk, "weight_kg": "1.250"}]},
        content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["amount"] == "10000" and body["balance_after"] == "10000"
    assert body["lines"][0]["price_per_kg"] == "8000"

    refused = client.post(f"{BASE}/units/{unit.pk}/withdrawals",
                          {"nasabah_id": nasabah.pk, "amount": "10001"},
                          content_type="application/json")
    assert_error(refused, 422, "validation_error")
    assert "more than the savings balance" in refused.json()["error"]["fields"]["amount"][0]
    ok = client.post(f"{BASE}/units/{unit.pk}/withdrawals",
                     {"nasabah_id": nasabah.pk, "amount": "4000"},
                     content_type="application/json")
    assert ok.status_code == 201 and ok.json()["balance_after"] == "6000"

    book = client.get(f"{BASE}/units/{unit.pk}/customers/{nasabah.pk}/passbook")
    assert book.status_code == 200
    assert [(e["kind"], e["balance_after"]) for e in book.json()["entries"]] == [
        ("setoran", "10000"), ("penarikan", "6000")]


def test_negative_weight_is_refused_naming_the_line(unit, nasabah, types, pengelola):
    response = staff_client(pengelola).post(f"{BASE}/units/{unit.pk}/deposits", {
        "nasabah_id": nasabah.pk,
        "lines": [{"waste_type_id": types["pet"].pk, "weight_kg": "-1"}]},
        content_type="application/json")
    assert_error(response, 422, "validation_error")
    assert "negative" in response.json()["error"]["fields"]["lines.0.weight_kg"][0]
    assert Nasabah.objects.get(pk=nasabah.pk).balance == 0


def test_public_reads_need_no_login_and_show_no_names(client, unit, nasabah, types):
    services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "2.5")])
    units = client.get(f"{BASE}/units").json()
    assert units == [{"id": unit.pk, "name": unit.name, "kind": "sekolah",
                      "region_code": unit.region_id, "desa": unit.region.name, "customers": 1}]
    rows = client.get(f"{BASE}/tonnage?by=waste_type").json()
    assert rows == [{"key": "Botol PET", "label": "Botol PET", "kg": "2.500", "amount": "7500",
                     "transactions": 1}]
    assert client.get(f"{BASE}/managed").json()["reduction_t"] == "0.003"
    for path in ("parks", "cleanups", "pekarangan", "tonnage?by=month", "tonnage?by=desa"):
        response = client.get(f"{BASE}/{path}")
        assert response.status_code == 200, path
        assert "Siti" not in response.content.decode()
    assert_error(client.get(f"{BASE}/tonnage?by=nasabah"), 422, "validation_error")
    assert_error(client.get("/api/v1/lingkungan/pemda/nowhere/units"), 404, "not_found")


@pytest.mark.parametrize("who", ["anonymous", "warga"])
def test_the_desk_is_for_staff(client, banggai, unit, nasabah, types, who):
    if who == "warga":
        client = token_client(make_user("warga", role="warga", pemda=banggai))
    response = client.post(f"{BASE}/units/{unit.pk}/deposits", {
        "nasabah_id": nasabah.pk, "lines": [{"waste_type_id": types["pet"].pk,
                                             "weight_kg": "1"}]},
        content_type="application/json")
    assert response.status_code in (401, 403)
    book = client.get(f"{BASE}/units/{unit.pk}/customers/{nasabah.pk}/passbook")
    assert book.status_code in (401, 403)
