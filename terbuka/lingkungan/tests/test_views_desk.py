"""The operator's desk in HTML: deposit, withdrawal refused with the reason beside the field,
passbook, prices; and who may see it."""

import datetime

import pytest

from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import make_user
from terbuka.lingkungan import services
from terbuka.lingkungan.models import Nasabah, Transaksi

from .conftest import TODAY


@pytest.fixture(autouse=True)
def english_pages(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def desk(client, pengelola):
    client.force_login(pengelola)
    return client


def _url(unit, name, **kw):
    from django.urls import reverse

    return reverse(f"lingkungan:{name}", kwargs={"pemda": "banggai", "unit_id": unit.pk, **kw})


def test_deposit_form_records_and_shows_the_passbook(desk, unit, nasabah, types):
    page = desk.get(_url(unit, "deposit"))
    assert page.status_code == 200 and "Botol PET (kg)" in page.content.decode()
    response = desk.post(_url(unit, "deposit"), {
        "nasabah": nasabah.pk, "date": TODAY().isoformat(),
        f"w_{types['pet'].pk}": "1,5", f"w_{types['kardus'].pk}": "", "note": ""})
    assert response.status_code == 302
    assert response["Location"] == _url(unit, "passbook", nasabah_id=nasabah.pk)
    assert Nasabah.objects.get(pk=nasabah.pk).balance == 4500
    book = desk.get(response["Location"])
    html = book.content.decode()
    assert "Rp 4,500" in html and "Botol PET 1.500 kg" in html
    assert AuditEvent.objects.filter(action="lingkungan.passbook.view", is_read=True).exists()


def test_a_negative_weight_is_shown_beside_its_field(desk, unit, nasabah, types):
    response = desk.post(_url(unit, "deposit"), {
        "nasabah": nasabah.pk, "date": TODAY().isoformat(), f"w_{types['pet'].pk}": "-3"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "negative" in str(form.errors[f"w_{types['pet'].pk}"])
    assert not Transaksi.objects.exists()


def test_a_withdrawal_above_the_balance_is_refused_with_the_reason(desk, unit, nasabah, types):
    services.cash_record(actor=None, unit=unit, direction="in", amount="100000", note="Modal")
    services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "1")])
    response = desk.post(_url(unit, "withdrawal"), {
        "nasabah": nasabah.pk, "amount": "5000", "date": TODAY().isoformat()})
    assert response.status_code == 200
    assert "more than the savings balance" in str(response.context["form"].errors["amount"])
    response = desk.post(_url(unit, "withdrawal"), {
        "nasabah": nasabah.pk, "amount": "3000", "date": TODAY().isoformat()})
    assert response.status_code == 302
    assert Nasabah.objects.get(pk=nasabah.pk).balance == 0


def test_price_in_the_past_is_refused_on_the_page(desk, unit, types):
    response = desk.post(_url(unit, "prices"), {
        "waste_type": types["pet"].pk, "price_per_kg": "100",
        "valid_from": (TODAY() - datetime.timedelta(days=1)).isoformat()})
    assert "cannot start in the past" in str(response.context["form"].errors["valid_from"])


def test_unit_desk_cash_book_customers_and_close_pages_render(desk, unit, nasabah):
    for name in ("unit", "cash", "customers", "prices", "close", "sale", "withdrawal"):
        assert desk.get(_url(unit, name)).status_code == 200, name
    response = desk.post(_url(unit, "customers"), {
        "name": "SDN 1 Luwuk", "kind": "lembaga", "joined": TODAY().isoformat()})
    assert response.status_code == 302
    assert Nasabah.objects.filter(unit=unit, name="SDN 1 Luwuk", number="00002").exists()


def test_desk_needs_a_login_and_the_right_role(client, banggai, unit):
    assert client.get(_url(unit, "unit")).status_code == 302
    client.force_login(make_user("warga", role="warga", pemda=banggai))
    assert client.get(_url(unit, "unit")).status_code == 403
    assert client.get(_url(unit, "deposit")).status_code == 403
    from django.urls import reverse

    assert client.get(reverse("lingkungan:kelola", kwargs={"pemda": "banggai"})).status_code == 403


def test_public_pages_render_without_personal_data(client, unit, nasabah, types):
    from django.urls import reverse

    services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "2")])
    for name in ("home", "report", "cleanups", "parks", "pekarangan"):
        response = client.get(reverse(f"lingkungan:{name}", kwargs={"pemda": "banggai"}))
        assert response.status_code == 200, name
        assert "Siti Aminah" not in response.content.decode()
    report = client.get(reverse("lingkungan:report", kwargs={"pemda": "banggai"}))
    assert "Botol PET" in report.content.decode()
