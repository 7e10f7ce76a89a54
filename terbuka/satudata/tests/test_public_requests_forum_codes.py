"""Permintaan Data (public form, public status, private contact), Forum Satu Data and the
Kode Referensi registry (pages and versions)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.satudata import codelists, data_requests, forum
from terbuka.satudata.models import DataRequest, RequestStatus


def test_public_asks_and_sees_the_answer(client, ksb, walidata,
                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post("/ksb/data/permintaan/ajukan/", {
            "title": "Data nelayan per desa", "description": "Untuk skripsi",
            "requester_name": "Siti", "requester_email": "siti@example.org"})
    item = DataRequest.objects.get()
    assert r.status_code == 302 and r.url.endswith(f"/permintaan/{item.number}/")
    assert mail.outbox[-1].to == ["walidata@ksb.example"]
    with django_capture_on_commit_callbacks(execute=True):
        data_requests.data_request_answer(actor=walidata, data_request=item,
                                          status=RequestStatus.TERSEDIA,
                                          answer="Tersedia di portal bulan depan")
    assert mail.outbox[-1].to == ["siti@example.org"]
    html = client.get(f"/ksb/data/permintaan/{item.number}/").content.decode()
    assert "Tersedia di portal bulan depan" in html and str(RequestStatus.TERSEDIA.label) in html
    listing = client.get("/ksb/data/permintaan/").content.decode()
    assert "Data nelayan per desa" in listing
    assert "siti@example.org" not in html + listing and "Siti" not in html + listing


def test_request_form_errors_beside_fields(client, ksb):
    r = client.post("/ksb/data/permintaan/ajukan/", {"title": "", "requester_email": "x"})
    assert r.status_code == 200
    assert not DataRequest.objects.exists()
    assert 'id="id_title_error"' in r.content.decode()


def test_only_the_walidata_answers(ksb, produsen):
    item = data_requests.data_request_submit(
        actor=None, pemda=ksb, title="x", description="y", requester_name="a",
        requester_email="a@example.org")
    from terbuka.core.tests.factories import make_user

    warga = make_user("warga1", role="warga", pemda=ksb)
    with pytest.raises(PermissionDenied):
        data_requests.data_request_answer(actor=warga, data_request=item, status="diproses")
    with pytest.raises(ValidationError):
        data_requests.data_request_answer(actor=None, data_request=item, status="ditolak")


def test_forum_meeting_page(client, ksb, walidata):
    meeting = forum.forum_meeting_create(
        actor=walidata, pemda=ksb, title="Forum Satu Data triwulan I",
        date=datetime.date(2025, 3, 10), agenda="Daftar data prioritas",
        participants="Diskominfo\nBPS KSB\nBappeda", decisions="Menetapkan 40 data prioritas")
    forum.follow_up_add(actor=walidata, meeting=meeting, action="Lengkapi metadata",
                        owner="Dinas Kesehatan", due_date=datetime.date(2025, 4, 30))
    html = client.get(f"/ksb/data/forum/{meeting.pk}/").content.decode()
    assert "BPS KSB" in html and "Lengkapi metadata" in html and "30 Apr 2025" in html
    assert "Forum Satu Data triwulan I" in client.get("/ksb/data/forum/").content.decode()


def test_forum_is_for_the_walidata(ksb, produsen):
    with pytest.raises(PermissionDenied):
        forum.forum_meeting_create(actor=produsen, pemda=ksb, title="x",
                                   date=datetime.date(2025, 1, 1))


def test_codelists_seed_version_and_pages(client, ksb, dikes):
    made = codelists.codelists_seed(ksb)
    keys = {c.key for c in made}
    assert {"wilayah-kecamatan", "wilayah-desa", "opd", "urusan", "jenis-kelamin",
            "kelompok-umur"} <= keys
    again = codelists.codelists_seed(ksb)
    assert {c.pk for c in again} == {c.pk for c in made}  # unchanged lists keep their version
    v2 = codelists.codelist_publish(actor=None, pemda=ksb, key="jenis-kelamin",
                                    title="Jenis kelamin", codes=[("1", "Laki-laki"),
                                                                  ("2", "Perempuan"),
                                                                  ("9", "Tidak diketahui")])
    assert v2.version == 2
    html = client.get("/ksb/data/kode-referensi/jenis-kelamin/").content.decode()
    assert "Tidak diketahui" in html
    old = client.get("/ksb/data/kode-referensi/jenis-kelamin/", {"versi": 1}).content.decode()
    assert "Tidak diketahui" not in old
    assert "Urusan pemerintahan" in client.get("/ksb/data/kode-referensi/").content.decode()
    with pytest.raises(ValidationError):
        codelists.codelist_publish(actor=None, pemda=ksb, key="dup", title="x",
                                   codes=[("1", "a"), ("1", "b")])


def test_codelist_api(client, ksb, dikes):
    codelists.codelists_seed(ksb)
    listing = client.get("/api/v1/satudata/ksb/codelists").json()
    assert "urusan" in {c["key"] for c in listing["results"]}
    one = client.get("/api/v1/satudata/ksb/codelists/jenis-kelamin").json()
    assert one["version"] == 1 and one["is_master"] is False
    codes = client.get("/api/v1/satudata/ksb/codelists/kelompok-umur/codes").json()
    assert codes["results"][0] == {"code": "00-04", "label": "0–4 tahun", "parent_code": "",
                                   "attributes": {}}
    assert client.get("/api/v1/satudata/ksb/codelists/tidak-ada").status_code == 404
    assert client.get("/api/v1/satudata/nowhere/codelists").status_code == 404
