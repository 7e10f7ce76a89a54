"""Staff pages for parks, clean-ups and yard farming; the household pages are audit-logged."""

import pytest
from django.urls import reverse

from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import make_user
from terbuka.lingkungan.models import CareGroup, CleanupEvent, Harvest, Household, Park, Plot

from .conftest import TODAY


@pytest.fixture(autouse=True)
def english_pages(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _url(name, **kw):
    return reverse(f"lingkungan:{name}", kwargs={"pemda": "banggai", **kw})


def test_register_a_park_with_its_care_group(client, pengelola, desa):
    client.force_login(pengelola)
    response = client.post(_url("park_create"), {
        "name": "Taman Kota Luwuk", "region_code": desa, "area_m2": "12500",
        "care_group": "Kelompok Peduli Taman", "members": "12"})
    assert response.status_code == 302
    park = Park.objects.get()
    assert CareGroup.objects.get(park=park).members == 12
    page = client.get(_url("parks")).content.decode()
    assert "Taman Kota Luwuk" in page and "Kelompok Peduli Taman" in page


def test_a_bad_park_saves_nothing(client, pengelola, desa):
    client.force_login(pengelola)
    response = client.post(_url("park_create"), {
        "name": "Taman X", "region_code": desa, "area_m2": "-5", "care_group": "Grup"})
    assert response.status_code == 200
    assert "negative" in str(response.context["form"].errors["area_m2"])
    assert not Park.objects.exists() and not CareGroup.objects.exists()


def test_record_a_clean_up_on_the_page(client, pengelola, desa):
    client.force_login(pengelola)
    response = client.post(_url("cleanup_create"), {
        "title": "Jumat Bersih", "date": TODAY().isoformat(), "region_code": desa,
        "place": "Pantai", "participants": "40", "kg_plastik": "12,5", "kg_organik": ""})
    assert response.status_code == 302
    event = CleanupEvent.objects.get()
    assert [(w.category, str(w.weight_kg)) for w in event.waste.all()] == [("plastik", "12.500")]


def test_household_register_plot_harvest_and_visit(client, pengelola, desa):
    client.force_login(pengelola)
    response = client.post(_url("households"), {
        "head_name": "Ibu Nurhayati", "region_code": desa, "members": "4",
        "women_headed": "on", "joined": TODAY().isoformat()})
    assert response.status_code == 302
    household = Household.objects.get()
    assert household.women_headed and not household.has_disability
    page = _url("household", household_id=household.pk)
    assert client.post(page, {"form": "plot", "plot-area_m2": "30",
                              "plot-components": ["sayur", "unggas"]}).status_code == 302
    component = Plot.objects.get().components.get(kind="sayur")
    refused = client.post(page, {
        "form": "harvest", "harvest-component": component.pk,
        "harvest-date": TODAY().isoformat(), "harvest-commodity": "Kangkung",
        "harvest-unit": "kg", "harvest-amount": "5", "harvest-eaten": "3"})
    assert "add up to" in str(refused.context["harvest_form"].errors)
    assert client.post(page, {
        "form": "harvest", "harvest-component": component.pk,
        "harvest-date": TODAY().isoformat(), "harvest-commodity": "Kangkung",
        "harvest-unit": "kg", "harvest-amount": "5", "harvest-eaten": "3",
        "harvest-sold": "2", "harvest-sold_value": "10000"}).status_code == 302
    assert client.post(page, {"form": "visit", "visit-date": TODAY().isoformat(),
                              "visit-officer": "Pak Anwar",
                              "visit-topic": "Kompos"}).status_code == 302
    assert Harvest.objects.get().sold == 2
    html = client.get(page).content.decode()
    assert "Kangkung" in html and "Kompos" in html
    assert AuditEvent.objects.filter(action="lingkungan.household.view", is_read=True).exists()


def test_household_pages_are_for_programme_staff_only(client, banggai, desa):
    assert client.get(_url("households")).status_code == 302
    client.force_login(make_user("warga", role="warga", pemda=banggai))
    assert client.get(_url("households")).status_code == 403
    assert client.get(_url("park_create")).status_code == 403
    assert client.get(_url("cleanup_create")).status_code == 403
    response = client.post(_url("park_create"), {"name": "T", "region_code": desa})
    assert response.status_code == 403
    assert not Park.objects.exists()


def test_a_pendamping_sees_only_households_in_their_region(client, banggai):
    from terbuka.core.regions import desa_under
    from terbuka.core.tests.factories import BANGGAI
    from terbuka.lingkungan import services

    desa = list(desa_under(BANGGAI).order_by("code"))
    here = desa[0]
    there = next(d for d in desa if d.kecamatan_code != here.kecamatan_code)
    for region, name in ((here, "Ibu Dekat"), (there, "Ibu Jauh")):
        services.household_register(actor=None, pemda=banggai, region_code=region.code,
                                    head_name=name, joined=TODAY())
    client.force_login(make_user("pendamping", role="pendamping", pemda=banggai,
                                 region=here.kecamatan_code))
    html = client.get(_url("households")).content.decode()
    assert "Ibu Dekat" in html and "Ibu Jauh" not in html
