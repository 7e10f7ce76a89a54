"""The pages: citizens' intake and tracking, public lists, the staff pages."""

import re

import pytest
from django.urls import reverse

from terbuka.aduan import services
from terbuka.aduan.models import Complaint, DeadlineSettings


def _url(name, world, **kw):
    return reverse(f"aduan:{name}", kwargs={"pemda": world.pemda.slug, **kw})


def test_submit_shows_the_number_only_after_commit(client, world):
    response = client.post(_url("submit", world), {
        "kind": "layanan", "category": "kesehatan", "title": "", "body": "Antrian panjang",
        "region_code": "52.07.02.2001", "reporter_contact": "ani@example.org",
    })
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("secret", world, token=complaint.secret_token)
    page = client.get(response["Location"])
    assert complaint.tracking_number in page.content.decode()
    assert complaint.title == "Antrian panjang"


def test_submit_errors_are_shown_beside_the_field(client, world):
    response = client.post(_url("submit", world), {"kind": "layanan", "body": "x" * 20000})
    assert response.status_code == 200
    assert Complaint.objects.count() == 0
    assert "aria-invalid" in response.content.decode()


def test_intake_rate_limit_has_a_clear_message(client, world):
    DeadlineSettings.objects.filter(pemda=world.pemda).update(intake_limit=2)
    data = {"kind": "aspirasi", "body": "Tambah lampu jalan"}
    assert client.post(_url("submit", world), data).status_code == 302
    assert client.post(_url("submit", world), data).status_code == 302
    third = client.post(_url("submit", world), data)
    assert third.status_code == 429 and "Retry-After" in third
    assert "spam" in third.content.decode()
    assert Complaint.objects.count() == 2


def test_track_by_number_and_confidential_shows_status_only(client, world, submit):
    public = submit(body="Hubungi 081234567890 atau budi@example.org, NIK 5207010101010001")
    secret = submit(confidential=True, body="Rahasia sekali")
    page = client.get(_url("track", world), {"nomor": public.tracking_number}).content.decode()
    assert public.title in page
    assert "081234567890" not in page
    page = client.get(_url("track", world), {"nomor": secret.tracking_number}).content.decode()
    assert "Rahasia sekali" not in page and secret.tracking_number in page


def test_public_pages_never_show_confidential_wrongdoing_or_identity(client, world, submit):
    submit(title="Umum", reporter_name="Nama Pelapor Asli")
    submit(title="Rahasia", confidential=True)
    submit(title="Pungli", kind="pelanggaran", category=None)
    page = client.get(_url("home", world)).content.decode()
    assert "Umum" in page and "Rahasia" not in page and "Pungli" not in page
    assert "Nama Pelapor Asli" not in page
    hidden = Complaint.objects.get(title="Rahasia")
    assert client.get(_url("public_detail", world,
                           number=hidden.tracking_number)).status_code == 404
    shown = Complaint.objects.get(title="Umum")
    detail = client.get(_url("public_detail", world, number=shown.tracking_number))
    assert "Nama Pelapor Asli" not in detail.content.decode()


def test_statistics_per_opd_and_region(client, world, submit):
    complaint = submit()
    services.complaint_dispose(actor=world.operator, complaint=complaint, opds=[world.dinkes])
    services.complaint_respond(actor=world.petugas, complaint=complaint, opd=world.dinkes,
                               text="Sudah")
    page = client.get(_url("statistics", world)).content.decode()
    assert "Dinkes" in page and "Taliwang" in page


def test_queue_needs_a_role_and_shows_due_items(client, world, submit):
    complaint = submit()
    assert client.get(_url("queue", world)).status_code == 302
    client.force_login(world.petugas)
    assert complaint.tracking_number not in client.get(_url("queue", world)).content.decode()
    client.force_login(world.operator)
    assert complaint.tracking_number in client.get(_url("queue", world)).content.decode()


def test_queue_stream_sends_changes_of_own_part(client, world, submit, monkeypatch):
    from terbuka.aduan import views

    monkeypatch.setattr(views, "STREAM_SECONDS", 0)  # one poll, then the stream ends
    complaint = submit()
    client.force_login(world.operator)
    response = client.get(_url("queue_stream", world), {"since": "0"})
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"] == "text/event-stream"
    assert f'"number": "{complaint.tracking_number}"' in body
    assert "reporter" not in body


def test_operator_verifies_and_disposes_through_the_page(client, world, submit):
    complaint = submit()
    client.force_login(world.operator)
    url = _url("manage", world, pk=complaint.pk)
    page = client.get(url).content.decode()
    assert "Dinas Kesehatan" in page  # routing proposal
    client.post(url, {"action": "verify", "decision": "terverifikasi"})
    client.post(url, {"action": "dispose", "opds": [world.dinkes.pk], "instruction": "cek"})
    complaint.refresh_from_db()
    assert complaint.status == "disposisi"
    client.force_login(world.petugas)
    client.post(url, {"action": "respond", "text": "Sudah kami tangani", "public": "on",
                      "opd": world.dinkes.pk})
    complaint.refresh_from_db()
    assert complaint.status == "tindak_lanjut"


def test_forum_session_and_its_complaints(client, world):
    client.force_login(world.operator)
    response = client.post(_url("forum_create", world), {
        "title": "YASINAN Kecamatan Taliwang", "held_on": "2026-11-20", "level": "kecamatan",
        "region_code": "52.07.02", "attendance_men": 40, "attendance_women": 55,
        "attendance_disability": 3, "attendance_elderly": 10, "attendance_youth": 12,
        "officials": "Bupati, Kepala Dinas PUPR",
    })
    assert response.status_code == 302
    detail = response["Location"]
    client.post(detail, {"kind": "aspirasi", "category": "infrastruktur",
                         "body": "Jembatan desa perlu diperbaiki", "reporter_name": "Pak Kades"})
    complaint = Complaint.objects.get()
    assert complaint.channel == "yasinan" and complaint.forum_session is not None
    client.logout()
    page = client.get(detail).content.decode()
    assert "Jembatan desa" in page and "Pak Kades" not in page


@pytest.mark.parametrize("name", ["home", "submit", "track", "statistics", "forum_list"])
def test_public_pages_render(client, world, name):
    response = client.get(_url(name, world))
    assert response.status_code == 200
    assert re.search(r'<meta name="viewport"', response.content.decode())
