"""Pages: public list without personal data, the posyandu and child pages for those allowed
(logged), the KMS chart as SVG, the dashboard, export and the kader app's files."""

import json

import pytest

from terbuka.core.models import AuditEvent
from terbuka.posyandu import services

from .conftest import month_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def measured(posyandu, child):
    for n, w, length in ((2, "8.6", "73.0"), (1, "8.9", "74.0"), (0, "9.2", "75.5")):
        s, _ = services.session_open(actor=None, posyandu=posyandu, held_on=month_ago(n, 4))
        services.measurement_record(actor=None, session=s, person=child,
                                    measured_on=month_ago(n, 4), weight_kg=w, length_cm=length,
                                    position="l")
    return child


def test_public_page_has_no_personal_data(client, ksb, posyandu, measured):
    resp = client.get("/ksb/posyandu/")
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "Posyandu Mawar" in body and measured.name not in body


def test_child_page_for_kader_shows_kms_and_is_logged(client, ksb, posyandu, kader, measured):
    client.force_login(kader)
    resp = client.get(f"/ksb/posyandu/anak/{measured.uuid}/")
    assert resp.status_code == 200
    body = resp.content.decode()
    assert body.count("<svg") == 3 and body.count('class="kms-point"') >= 9
    assert AuditEvent.objects.filter(action="posyandu.person.read", is_read=True).count() == 1
    svg = client.get(f"/ksb/posyandu/anak/{measured.uuid}/kms-wfa.svg")
    assert svg["Content-Type"] == "image/svg+xml" and svg.content.count(b"kms-point") == 3


def test_child_page_refused_to_other_kader_and_anonymous(client, other_posyandu, measured):
    from terbuka.core.tests.factories import make_user

    resp = client.get(f"/ksb/posyandu/anak/{measured.uuid}/")
    assert resp.status_code == 302 and "/login" in resp["Location"] or "masuk" in resp["Location"]
    client.force_login(make_user(role="kader_posyandu", place=other_posyandu.place))
    assert client.get(f"/ksb/posyandu/anak/{measured.uuid}/").status_code == 403


def test_posyandu_page_and_dashboard(client, ksb, posyandu, nakes, measured):
    client.force_login(nakes)
    page = client.get(f"/ksb/posyandu/{posyandu.pk}/")
    assert page.status_code == 200 and measured.name in page.content.decode()
    dash = client.get(f"/ksb/posyandu/dasbor/?bulan={month_ago(0):%Y-%m}")
    assert dash.status_code == 200
    assert "<svg" in dash.content.decode()
    down = client.get(f"/ksb/posyandu/dasbor/?wilayah={posyandu.desa_code}"
                      f"&bulan={month_ago(0):%Y-%m}")
    assert "Posyandu Mawar" in down.content.decode()


def test_export_is_for_nakes_and_logged(client, posyandu, kader, nakes, measured):
    client.force_login(kader)
    assert client.get(f"/ksb/posyandu/{posyandu.pk}/ekspor.csv").status_code == 403
    client.force_login(nakes)
    resp = client.get(f"/ksb/posyandu/{posyandu.pk}/ekspor.csv")
    assert resp.status_code == 200 and measured.name in resp.content.decode()
    assert AuditEvent.objects.filter(action="posyandu.export.individual").count() == 1


def test_strata_computed_from_the_page(client, posyandu, nakes, measured):
    client.force_login(nakes)
    year = month_ago(0).year
    resp = client.post(f"/ksb/posyandu/{posyandu.pk}/strata/", {"year": year})
    assert resp.status_code == 302
    a = posyandu.strata.get()
    assert a.stratum == "pratama" and "kader" in a.missing and a.version == "kemenkes-2011"


def test_kader_app_files(client, posyandu, kader):
    client.force_login(kader)
    app = client.get("/ksb/posyandu/kader/")
    assert app.status_code == 200 and b"kader-config" in app.content
    manifest = client.get("/ksb/posyandu/kader/manifest.webmanifest").json()
    assert manifest["start_url"] == "/ksb/posyandu/kader/" and manifest["display"] == "standalone"
    sw = client.get("/ksb/posyandu/kader/sw.js")
    assert sw["Service-Worker-Allowed"] == "/ksb/posyandu/kader/" and b"caches" in sw.content
    tables = json.loads(client.get("/ksb/posyandu/kader/growth-tables.json").content)
    assert len(tables["wfa"]["1"]) == 1827 and tables["kbm"][1] == 800
    assert [c["key"] for c in tables["classes"]] == ["bb_u", "pb_tb_u", "bb_pb_tb"]


def test_alert_referred_and_followed_up_from_the_child_page(client, posyandu, kader, nakes,
                                                           child):
    from terbuka.posyandu.models import Alert

    s, _ = services.session_open(actor=None, posyandu=posyandu, held_on=month_ago(0, 2))
    services.measurement_record(actor=None, session=s, person=child, measured_on=month_ago(0, 2),
                                weight_kg="5.5", confirm_unusual=True)
    alert = Alert.objects.get(person=child, kind="bgm")
    client.force_login(kader)
    page = client.get(f"/ksb/posyandu/anak/{child.uuid}/").content.decode()
    assert "Rujuk ke puskesmas" in page or "Refer to the puskesmas" in page
    client.post(f"/ksb/posyandu/peringatan/{alert.pk}/", {"action": "refer"})
    client.post(f"/ksb/posyandu/peringatan/{alert.pk}/", {"note": "x", "status": "closed"})
    alert.refresh_from_db()
    assert alert.status == "referred"  # a kader refers but does not close
    client.force_login(nakes)
    client.post(f"/ksb/posyandu/peringatan/{alert.pk}/",
                {"note": "Kunjungan rumah, PMT pemulihan", "status": "followed_up"})
    alert.refresh_from_db()
    assert alert.status == "followed_up"
    assert "PMT pemulihan" in client.get(f"/ksb/posyandu/anak/{child.uuid}/").content.decode()
