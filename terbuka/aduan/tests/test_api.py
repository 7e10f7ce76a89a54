"""The JSON API: intake, tracking, public list, officials' steps; one error format."""

import json

from terbuka.aduan.models import Complaint, DeadlineSettings
from terbuka.api.testing import assert_error, token_client

BASE = "/api/v1/pemda/ksb/aduan"


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_submit_returns_number_and_secret_link_after_commit(client, world):
    response = _post(client, BASE, {"kind": "layanan", "category": "kesehatan",
                                    "body": "Obat kosong di Puskesmas Maluk",
                                    "region_code": "52.07.08.2002"})
    assert response.status_code == 201, response.content
    body = response.json()
    complaint = Complaint.objects.get(tracking_number=body["tracking_number"])
    assert complaint.channel == "api"
    assert body["secret_url"].endswith(f"/t/{complaint.secret_token}/")
    assert body["status"] == "diterima" and body["status_label"]


def test_submit_errors_use_the_one_format(client, world):
    error = assert_error(_post(client, BASE, {"body": ""}), 422, "validation_error")
    assert "body" in error["fields"]
    error = assert_error(_post(client, BASE, {"body": "x", "region_code": "72.01"}), 422,
                         "validation_error")
    assert "region_code" in error["fields"]
    assert_error(_post(client, BASE, {"body": "x", "colour": "red"}), 422, "validation_error")
    assert_error(_post(client, "/api/v1/pemda/nowhere/aduan", {"body": "x"}), 404, "not_found")
    assert Complaint.objects.count() == 0


def test_submit_rate_limit_answers_429(client, world):
    DeadlineSettings.objects.filter(pemda=world.pemda).update(intake_limit=1)
    assert _post(client, BASE, {"body": "satu"}).status_code == 201
    response = _post(client, BASE, {"body": "dua"})
    assert_error(response, 429, "bad_request")
    assert int(response["Retry-After"]) > 0
    assert Complaint.objects.count() == 1


def test_track_public_and_confidential(client, world, submit):
    public = submit(body="Lampu jalan mati, hubungi 081234567890")
    secret = submit(confidential=True, body="Isi rahasia")
    body = client.get(f"{BASE}/track/{public.tracking_number}").json()
    assert body["is_public"] and body["events"] and "081234567890" not in json.dumps(body)
    body = client.get(f"{BASE}/track/{secret.tracking_number}").json()
    assert body["title"] is None and body["events"] == []
    assert_error(client.get(f"{BASE}/track/KSB-0000-ZZZZ"), 404, "not_found")


def test_public_list_hides_confidential_and_wrongdoing(client, world, submit):
    submit(title="Terbuka")
    submit(title="Tertutup", confidential=True)
    submit(title="Pungli", kind="pelanggaran")
    titles = [r["title"] for r in client.get(f"{BASE}/public").json()["results"]]
    assert titles == ["Terbuka"]


def test_officials_steps_through_the_api(world, submit):
    complaint = submit()
    operator = token_client(world.operator)
    number = complaint.tracking_number
    assert _post(operator, f"{BASE}/{number}/verify",
                 {"decision": "terverifikasi"}).json()["status"] == "terverifikasi"
    assert _post(operator, f"{BASE}/{number}/dispose",
                 {"opds": [world.dinkes.pk]}).json()["status"] == "disposisi"
    petugas = token_client(world.petugas)
    queue = petugas.get(f"{BASE}/queue").json()["results"]
    assert [q["tracking_number"] for q in queue] == [number]
    assert _post(petugas, f"{BASE}/{number}/respond",
                 {"opd": world.dinkes.pk, "text": "Selesai"}).json()["status"] == "tindak_lanjut"
    other = token_client(world.petugas_pupr)
    assert_error(_post(other, f"{BASE}/{number}/respond", {"opd": world.pupr.pk, "text": "x"}),
                 404, "not_found")
    assert_error(_post(petugas, f"{BASE}/{number}/verify", {"decision": "arsip",
                                                           "reason": "x"}), 403,
                 "permission_denied")
