"""Service standards per OPD, published pages with links to other modules, and the mapping
of older units to today's through recorded restructurings."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from terbuka.core.models import UnitLayanan
from terbuka.core.tests.factories import KSB, make_opd, make_pemda, make_user
from terbuka.layanan import selectors, services
from terbuka.layanan.models import ServiceStandard

pytestmark = pytest.mark.django_db

KTP = {
    "name": "Penerbitan KTP-el", "requirements": "Fotokopi KK\nSurat pengantar desa",
    "procedure": "Datang ke loket, perekaman, pencetakan", "duration": "1 hari kerja",
    "duration_days": 1, "cost": "Gratis", "product": "KTP elektronik",
    "complaint_channel": "Kotak saran, WhatsApp 0812-0000-0000, aduan.ksb",
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def ksb():
    return make_pemda("ksb", KSB)


@pytest.fixture
def disdukcapil(ksb):
    return make_opd(ksb, "Dinas Kependudukan dan Pencatatan Sipil", acronym="Disdukcapil")


def test_standard_components_are_required_and_names_unique(ksb, disdukcapil):
    standard = services.standard_save(actor=None, opd=disdukcapil, is_published=True, **KTP)
    assert standard.cost_amount == 0 and standard.duration_days == 1
    with pytest.raises(ValidationError) as err:
        services.standard_save(actor=None, opd=disdukcapil, **KTP)
    assert err.value.error_dict["name"][0].code == "unique"
    for field in ("requirements", "procedure", "duration", "cost", "product",
                  "complaint_channel"):
        with pytest.raises(ValidationError) as err:
            services.standard_save(actor=None, opd=disdukcapil,
                                   **{**KTP, "name": f"Other {field}", field: " "})
        assert field in err.value.message_dict
    with pytest.raises(ValidationError):
        services.standard_save(actor=None, opd=disdukcapil, cost_amount="-5",
                               **{**KTP, "name": "Akta"})
    assert ServiceStandard.objects.count() == 1


def test_only_the_opd_itself_or_the_admin_writes_its_standards(ksb, disdukcapil):
    dinkes = make_opd(ksb, "Dinas Kesehatan")
    own = make_user(role="petugas_opd", opd=disdukcapil)
    other = make_user(role="petugas_opd", opd=dinkes)
    services.standard_save(actor=own, opd=disdukcapil, **KTP)
    with pytest.raises(PermissionDenied):
        services.standard_save(actor=other, opd=disdukcapil, **{**KTP, "name": "Akta lahir"})


def test_published_page_links_to_ikm_and_hides_drafts(client, ksb, disdukcapil):
    unit = UnitLayanan.objects.create(opd=disdukcapil, name="Loket Adminduk Taliwang")
    services.standard_save(actor=None, opd=disdukcapil, unit=unit, is_published=True, **KTP)
    services.standard_save(actor=None, opd=disdukcapil, **{**KTP, "name": "Draf layanan"})
    client.cookies["django_language"] = "en"
    page = client.get(f"/ksb/standar-pelayanan/opd/{disdukcapil.pk}/").content.decode()
    assert "Penerbitan KTP-el" in page and "Draf layanan" not in page
    assert "1 hari kerja" in page and "Gratis" in page and "KTP elektronik" in page
    # IKM is installed: its pages are linked by URL name, not by import.
    assert f"/ksb/ikm/unit/{unit.pk}/" in page and f"/ksb/ikm/opd/{disdukcapil.pk}/isi/" in page
    index = client.get("/ksb/standar-pelayanan/").content.decode()
    assert "1 published service" in index


def test_links_to_a_module_switched_off_are_left_out(client, ksb, disdukcapil):
    ksb.modules = ["layanan"]
    ksb.save()
    services.standard_save(actor=None, opd=disdukcapil, is_published=True, **KTP)
    page = client.get(f"/ksb/standar-pelayanan/opd/{disdukcapil.pk}/").content.decode()
    assert "/ikm/" not in page and "/aduan/" not in page


def test_older_units_map_to_todays_through_recorded_restructurings(client, ksb):
    dinsos = make_opd(ksb, "Dinas Sosial")
    dinsosnaker = make_opd(ksb, "Dinas Sosial, Tenaga Kerja dan Transmigrasi")
    disnaker = make_opd(ksb, "Dinas Tenaga Kerja dan Transmigrasi")
    d = datetime.date
    services.restructuring_record(actor=None, pemda=ksb, kind="gabung",
                                  effective_on=d(2017, 1, 1), regulation="Perda 10/2016",
                                  old=["Dinas Sosial lama", "Dinas Nakertrans lama"],
                                  new=[dinsosnaker])
    services.restructuring_record(actor=None, pemda=ksb, kind="pecah",
                                  effective_on=d(2022, 1, 1), regulation="Perda 4/2021",
                                  old=[dinsosnaker], new=[dinsos, disnaker])
    assert selectors.map_to_current(ksb, name="dinas sosial lama", as_of=d(2015, 5, 1)) == [
        dinsos, disnaker]
    assert selectors.map_to_current(ksb, opd=dinsosnaker, as_of=d(2020, 1, 1)) == [
        dinsos, disnaker]
    assert selectors.map_to_current(ksb, opd=dinsos, as_of=d(2023, 1, 1)) == [dinsos]
    assert selectors.map_to_current(ksb, name="Dinas Tidak Ada") == []
    with pytest.raises(ValidationError):  # a split needs two successors
        services.restructuring_record(actor=None, pemda=ksb, kind="pecah",
                                      effective_on=d(2024, 1, 1), regulation="x",
                                      old=[dinsos], new=[disnaker])
    page = client.get("/ksb/standar-pelayanan/riwayat/").content.decode()
    assert "Perda 4/2021" in page and "Dinas Sosial lama" in page


def test_api_lists_published_standards(client, ksb, disdukcapil):
    services.standard_save(actor=None, opd=disdukcapil, is_published=True, **KTP)
    services.standard_save(actor=None, opd=disdukcapil, **{**KTP, "name": "Draf"})
    body = client.get("/api/v1/pemda/ksb/layanan/standards").json()
    assert [s["name"] for s in body["results"]] == ["Penerbitan KTP-el"]
    assert body["results"][0]["duration"] == "1 hari kerja"


def test_admin_records_a_rename_through_the_page(client, ksb, disdukcapil):
    client.force_login(make_user(role="petugas_opd", opd=disdukcapil))
    assert client.get("/ksb/standar-pelayanan/riwayat/baru/").status_code == 403
    client.force_login(make_user(role="admin_pemda", pemda=ksb))
    client.cookies["django_language"] = "en"
    response = client.post("/ksb/standar-pelayanan/riwayat/baru/", {
        "kind": "ganti_nama", "effective_on": "2017-01-01", "regulation": "Perda 7/2016",
        "old": "Kantor Catatan Sipil", "new": [disdukcapil.pk]})
    assert response.status_code == 302
    assert selectors.map_to_current(ksb, name="kantor catatan sipil") == [disdukcapil]
    bad = client.post("/ksb/standar-pelayanan/riwayat/baru/", {
        "kind": "pecah", "effective_on": "2020-01-01", "regulation": "x",
        "old": "Disdukcapil", "new": [disdukcapil.pk]})
    assert "wrong number of successors" in bad.content.decode()
