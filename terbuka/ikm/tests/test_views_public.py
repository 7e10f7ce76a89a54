"""Public pages: the phone questionnaire with its invitation reference, results, choice by OPD."""

import datetime

import pytest

from terbuka.core.models import UnitLayanan
from terbuka.ikm import services
from terbuka.ikm.models import Response
from terbuka.ikm.tests.conftest import PROFILE, answers

pytestmark = pytest.mark.django_db


def _post(unit, **override):
    data = {**{k: str(v) for k, v in answers(3).items()}, **PROFILE, "service": "KTP-el"}
    data.update(override)
    return data


def test_invitation_link_fills_the_form_and_keeps_the_reference(client, unit, ksb):
    url = f"/ksb/ikm/unit/{unit.pk}/isi/?ref=ADU-2026-000007"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="ref" value="ADU-2026-000007"' in html
    assert 'name="persyaratan"' in html and 'name="sarana"' in html
    response = client.post(url, _post(unit, ref="ADU-2026-000007"))
    assert response.status_code == 302 and "/ksb/ikm/terima-kasih/" in response["Location"]
    saved = Response.objects.get()
    assert saved.ref == "ADU-2026-000007" and saved.service == "KTP-el"
    again = client.post(url, _post(unit, ref="ADU-2026-000007"))
    assert again.status_code == 200
    assert "already been rated" in again.content.decode() or "sudah" in again.content.decode()
    assert Response.objects.count() == 1


def test_missing_answers_are_shown_beside_the_question(client, unit):
    data = _post(unit)
    del data["waktu"]
    page = client.post(f"/ksb/ikm/unit/{unit.pk}/isi/", data)
    assert page.status_code == 200
    assert 'id="id_waktu_error"' in page.content.decode()
    assert Response.objects.count() == 0


def test_results_page_shows_index_grade_and_periods(client, unit):
    today = datetime.date.today()
    services.period_create(actor=None, unit=unit, name="Periode uji",
                           start=today - datetime.timedelta(days=30), end=today,
                           population=100)
    for value in (4, 4, 3, 4, 4):
        services.response_submit(actor=None, unit=unit, answers=answers(value), **PROFILE)
    page = client.get(f"/ksb/ikm/unit/{unit.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "95,00" in html  # (4+4+3+4+4)/5 = 3.8 → 95.00, Indonesian decimal comma
    assert "Periode uji" in html and ">80" in html  # Krejcie–Morgan for 100 served
    index = client.get("/ksb/ikm/").content.decode()
    assert "Loket KTP-el Taliwang" in index and "95,00" in index


def test_unknown_unit_is_404(client, unit):
    assert client.get("/ksb/ikm/unit/999999/").status_code == 404
    assert client.get("/ksb/ikm/unit/999999/isi/").status_code == 404


def test_opd_invitation_goes_to_its_only_unit_or_offers_a_choice(client, unit, opd):
    one = client.get(f"/ksb/ikm/opd/{opd.pk}/isi/?ref=ADU-1")
    assert one.status_code == 302
    assert one["Location"] == f"/ksb/ikm/unit/{unit.pk}/isi/?ref=ADU-1"
    second = UnitLayanan.objects.create(opd=opd, name="Loket Akta")
    many = client.get(f"/ksb/ikm/opd/{opd.pk}/isi/?ref=ADU-1").content.decode()
    assert f"/ksb/ikm/unit/{second.pk}/isi/?ref=ADU-1" in many
