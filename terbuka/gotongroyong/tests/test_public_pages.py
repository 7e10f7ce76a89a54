"""Public pages show projects with money and progress; the LPJ draft is for the recorders."""

import pytest
from django.test import override_settings

from terbuka.core.tests.factories import make_user
from terbuka.gotongroyong import exifgps, services

from .conftest import DESA, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield


def test_public_home_desa_and_project_pages_show_money_and_progress(client, ksb, project):
    services.tranche_record(actor=None, project=project, amount="20000000", source="apbd",
                            paid_on=TODAY)
    services.progress_record(actor=None, project=project, reported_on=TODAY, physical_pct="45",
                             spent="12000000")
    services.photo_add(actor=None, project=project, stage="proses",
                       data=exifgps.jpeg_with_gps(-8.74, 116.85))
    home = client.get("/ksb/gotong-royong/").content.decode()
    assert "Rabat jalan dusun" in home and "Rp 30.000.000" in home  # government money
    assert "Rp 5.000.000" in home  # community: money + materials
    assert "45,0 %" in home and "<svg" in home and "<circle" in home  # progress and map
    desa = client.get(f"/ksb/gotong-royong/desa/{DESA}/").content.decode()
    assert "Rabat jalan dusun" in desa
    page = client.get(f"/ksb/gotong-royong/proyek/{project.pk}/").content.decode()
    assert "Rp 20.000.000" in page and "Amaq Rudi" not in page  # members stay off public pages
    photo = project.photos.get()
    response = client.get(f"/ksb/gotong-royong/foto/{photo.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert client.get("/ksb/gotong-royong/desa/72.01.04.2008/").status_code == 404


def test_kind_filter(client, ksb, project, kelompok):
    services.project_create(actor=None, pemda=ksb, kelompok=kelompok, kind="mandiri",
                            title="Musholla swadaya", year=2025, output="Musholla", volume=1,
                            unit="unit", contribution_money="9000000")
    page = client.get("/ksb/gotong-royong/?jenis=mandiri").content.decode()
    assert "Musholla swadaya" in page and "Rabat jalan dusun" not in page


def test_lpj_draft_is_not_public_until_signed(client, ksb, project, pendamping):
    url = f"/ksb/gotong-royong/proyek/{project.pk}/lpj/"
    assert client.get(url).status_code == 302  # to login
    client.force_login(make_user("warga", role="warga", pemda=ksb))
    assert client.get(url).status_code == 403
    client.force_login(pendamping)
    page = client.get(url).content.decode()
    assert "Draft" in page and "Amaq Rudi" in page and "@media print" not in page
    services.progress_record(actor=None, project=project, reported_on=TODAY, physical_pct="100",
                             spent="30000000")
    services.photo_add(actor=None, project=project, stage="sesudah",
                       data=exifgps.jpeg_with_gps(-8.74, 116.85))
    response = client.post(url, {"signed_by": "Lalu Hadi", "signed_on": "2025-06-02"})
    assert "chair" in response.content.decode()  # error beside the field, not a 500
    response = client.post(url, {"signed_by": "Amaq Rudi", "signed_on": "2025-06-02"})
    assert response.status_code == 302
    client.logout()  # also drops the language cookie
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert "Signed by Amaq Rudi on 2025-06-02" in page


def test_programme_page_shows_odf_status(client, ksb, sanitasi, dusun):
    services.household_record(actor=None, programme=sanitasi, dusun=dusun, head_name="Amaq Rudi",
                              latrine="babs", recorded_on=TODAY)
    page = client.get(f"/ksb/gotong-royong/program/{sanitasi.slug}/").content.decode()
    assert "Not yet ODF" in page and "Amaq Rudi" not in page


def test_work_pages_need_a_role(client, ksb, project, pendamping, sanitasi):
    assert client.get("/ksb/gotong-royong/kerja/").status_code == 302
    client.force_login(make_user("warga", role="warga", pemda=ksb))
    assert client.get("/ksb/gotong-royong/kerja/").status_code == 403
    assert client.get(f"/ksb/gotong-royong/kerja/proyek/{project.pk}/").status_code == 403
    client.force_login(pendamping)
    assert "Rabat jalan dusun" in client.get("/ksb/gotong-royong/kerja/").content.decode()
    response = client.post(f"/ksb/gotong-royong/kerja/proyek/{project.pk}/", {
        "form": "progress", "progress-reported_on": "2025-06-01", "progress-physical_pct": "120",
        "progress-spent": "0"})
    assert response.status_code == 200 and "0 to 100" in response.content.decode()
    page = client.get(f"/ksb/gotong-royong/kerja/sanitasi/{sanitasi.slug}/?desa={DESA}")
    assert page.status_code == 200
