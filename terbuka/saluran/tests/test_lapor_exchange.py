"""SP4N-LAPOR! exchange: batches both ways keep the link between both numbers; nothing is
entered twice; the HTTP client is off without a token."""

import json

import pytest
from django.core.exceptions import PermissionDenied

from terbuka.aduan import services as aduan_services
from terbuka.aduan.models import Channel, Complaint
from terbuka.saluran import lapor, services
from terbuka.saluran.lapor_client import LaporClient, LaporUnavailable
from terbuka.saluran.models import LaporAccount, LaporLink

pytestmark = pytest.mark.django_db


def _complaint(world, body="Jalan rusak di Seloto"):
    return aduan_services.complaint_submit(actor=None, pemda=world.pemda, kind="layanan",
                                           category=None, title="Jalan rusak", body=body,
                                           channel="web", region_code="52.07.02.2011")


def _incoming(**over):
    data = {"lapor_id": "5551234", "judul": "Pungli di kantor desa", "isi": "Diminta bayar",
            "klasifikasi": "pengaduan", "tanggal": "2026-11-20T09:00:00+08:00",
            "status": "terverifikasi", "anonim": False, "rahasia": True}
    data.update(over)
    return json.dumps([data])


def test_export_maps_fields_and_links_the_complaint(world):
    complaint = _complaint(world)
    (record,) = services.lapor_export(actor=world.operator, pemda=world.pemda)
    assert record.nomor_terbuka == complaint.tracking_number and record.lapor_id == ""
    assert record.klasifikasi == "pengaduan" and record.status == "belum_terverifikasi"
    assert record.kode_wilayah == "52.07.02.2011" and record.lokasi == "Seloto"
    assert LaporLink.objects.get(complaint=complaint).origin == "terbuka"


def test_a_new_lapor_report_becomes_one_complaint_however_often_it_comes(world):
    first = services.lapor_import(actor=world.operator, pemda=world.pemda, text=_incoming(),
                                  fmt="json")
    again = services.lapor_import(actor=world.operator, pemda=world.pemda, text=_incoming(),
                                  fmt="json")
    assert (first["created"], again["created"], again["unchanged"]) == (1, 0, 1)
    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.LAPOR and complaint.confidential
    assert complaint.lapor_link.lapor_id == "5551234"
    # and it is not sent back to LAPOR! as if it were ours
    assert services.lapor_export(actor=None, pemda=world.pemda) == []


def test_our_forwarded_complaint_coming_back_gets_linked_not_doubled(world):
    complaint = _complaint(world)
    (record,) = services.lapor_export(actor=None, pemda=world.pemda)
    record.lapor_id, record.status = "7770001", "diproses"
    summary = services.lapor_import(actor=None, pemda=world.pemda,
                                    text=lapor.dump_csv([record]), fmt="csv")
    assert summary["linked"] == 1 and Complaint.objects.count() == 1
    assert LaporLink.objects.get(complaint=complaint).lapor_id == "7770001"
    (again,) = services.lapor_export(actor=None, pemda=world.pemda)
    assert again.lapor_id == "7770001"


def test_bad_rows_are_reported_and_good_ones_still_load(world):
    text = json.dumps([json.loads(_incoming())[0], {"isi": "tanpa nomor"},
                       {**json.loads(_incoming(lapor_id="1"))[0], "nomor_terbuka":
                        "KSB-0000-AAAA"}])
    summary = services.lapor_import(actor=None, pemda=world.pemda, text=text, fmt="json")
    assert summary["created"] == 1
    assert [e["row"] for e in summary["errors"]] == [2, 3]


def test_only_operators_and_admins_exchange(world):
    with pytest.raises(PermissionDenied):
        services.lapor_export(actor=world.warga, pemda=world.pemda)


def test_page_downloads_and_loads(client, world):
    _complaint(world)
    client.force_login(world.operator)
    page = client.get("/ksb/saluran/lapor/?export=csv")  # a link never exports
    assert page["Content-Type"].startswith("text/html") and not LaporLink.objects.exists()
    csv_text = client.post("/ksb/saluran/lapor/", {"export": "csv"}).content.decode()
    assert csv_text.startswith("judul,isi,klasifikasi")
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("lapor.json", _incoming().encode())
    page = client.post("/ksb/saluran/lapor/", {"file": upload})
    assert page.status_code == 200 and Complaint.objects.count() == 2


def test_client_is_off_without_a_token_and_pushes_and_pulls_with_one(world):
    with pytest.raises(LaporUnavailable):
        LaporClient.for_pemda(world.pemda)
    LaporAccount.objects.create(pemda=world.pemda, base_url="https://lapor.example/api/v1/",
                                token="rahasia", is_active=True)
    complaint = _complaint(world)
    calls = []

    def transport(method, url, body, headers):
        calls.append((method, url, body, headers))
        if method == "POST":
            return {"tracking_id": "8880001"}
        return {"data": [json.loads(_incoming(lapor_id="8880002"))[0]]}

    client = LaporClient.for_pemda(world.pemda, transport=transport)
    assert client.push(world.pemda) == {"sent": 1}
    assert LaporLink.objects.get(complaint=complaint).lapor_id == "8880001"
    method, url, body, headers = calls[0]
    assert (method, url) == ("POST", "https://lapor.example/api/v1/reports")
    assert body["reference_number"] == complaint.tracking_number
    assert headers["Authorization"] == "Bearer rahasia"
    assert client.push(world.pemda) == {"sent": 0}  # already there
    assert client.pull(world.pemda)["created"] == 1
    assert LaporAccount.objects.get().last_pulled_at is not None
