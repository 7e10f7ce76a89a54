"""A bank sampah cashier on a 360 px phone: logs in, records a deposit, reads the passbook.
Debian's Chromium driven by Playwright against the live test server; skips when absent."""

import datetime

import pytest
from django.conf import settings

from terbuka.core.tests.factories import BANGGAI, make_pemda, make_user
from terbuka.lingkungan import services
from terbuka.lingkungan.models import Nasabah, WastePrice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_deposit_and_passbook_on_a_phone(browser, live_server):
    from django.utils import timezone

    pemda = make_pemda("banggai", BANGGAI)
    unit = services.unit_create(actor=None, pemda=pemda, name="Bank Sampah SDN 1 Luwuk",
                                kind="sekolah", region_code="72.01.04.1009",
                                manager_name="Ibu Rahma")
    pet = services.waste_type_create(actor=None, pemda=pemda, code="pet", name="Botol PET",
                                     category="plastik")
    services.waste_type_create(actor=None, pemda=pemda, code="kardus", name="Kardus",
                               category="kertas")
    WastePrice.objects.create(unit=unit, waste_type=pet, price_per_kg=3000,
                              valid_from=timezone.localdate() - datetime.timedelta(days=30))
    nasabah = services.nasabah_create(actor=None, unit=unit, name="Siti Aminah")
    make_user("kasir", role="pengelola_lingkungan", pemda=pemda, password="rahasia-kasir-123")

    page = browser.new_page(viewport={"width": 360, "height": 740}, locale="id-ID")
    page.set_default_timeout(20_000)
    page.goto(f"{live_server.url}/banggai/lingkungan/kelola/{unit.pk}/setor/")
    page.get_by_label("Nama pengguna atau e-mail").fill("kasir")
    page.get_by_label("Kata sandi").fill("rahasia-kasir-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"**/kelola/{unit.pk}/setor/")

    page.get_by_label("Nasabah").select_option(str(nasabah.pk))
    page.get_by_label("Botol PET (kg)").fill("2,5")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Simpan").click()

    page.wait_for_url(f"**/nasabah/{nasabah.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Buku tabungan"
    assert page.get_by_test_id("balance").inner_text() == "Rp 7.500"
    assert page.get_by_text("Botol PET 2,500 kg").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert Nasabah.objects.get(pk=nasabah.pk).balance == 7500
    screenshots = settings.DATA_DIR / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshots / "lingkungan-passbook-360.png"), full_page=True)
