"""Done-when flow in a real browser: a citizen reports from a phone-sized screen, tracks it by
number, the operator verifies and disposes, the OPD answers, the citizen rates it."""


import pytest

from terbuka.aduan.demo import ensure_categories
from terbuka.aduan.models import Complaint
from terbuka.core.models import Role
from terbuka.core.tests.factories import make_opd, make_pemda, make_user

PHONE = {"width": 360, "height": 740}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base, username):
    page.goto(f"{base}/akun/masuk/?next=/ksb/aduan/antrian/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill("sandi-uji-123")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{base}/ksb/aduan/antrian/")


def test_citizen_operator_opd_citizen(browser, live_server, monkeypatch):
    from terbuka.aduan import views

    # Live-queue streams end quickly, so none outlives the test's database.
    monkeypatch.setattr(views, "STREAM_SECONDS", 1)
    pemda = make_pemda("ksb", "52.07")
    dinkes = make_opd(pemda, "Dinas Kesehatan", acronym="Dinkes")
    ensure_categories(pemda)
    make_user("operator", Role.OPERATOR_ADUAN, pemda=pemda, password="sandi-uji-123")
    make_user("petugas", Role.PETUGAS_OPD, opd=dinkes, password="sandi-uji-123")
    base = live_server.url

    # 1. The citizen, on a phone, in Bahasa Indonesia (the default).
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                locale="id-ID").new_page()
    phone.set_default_timeout(15_000)
    phone.goto(f"{base}/ksb/aduan/lapor/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the form scrolls sideways on a phone ({width}px)"
    phone.locator("input[name=kind][value=layanan]").check()
    phone.locator("select[name=category]").select_option("kesehatan")
    phone.locator("textarea[name=body]").fill(
        "Puskesmas Taliwang tutup jam 10 pagi, pasien pulang tanpa dilayani.")
    phone.locator("select[name=region_code]").select_option("52.07.02.2001")
    phone.locator("input[name=reporter_contact]").fill("ani@example.org")
    phone.locator("form.aduan-form button[type=submit]").click()
    number = phone.locator("#tracking-number").inner_text().strip()
    complaint = Complaint.objects.get()
    assert number == complaint.tracking_number
    secret_url = phone.url

    # 2. Tracking by number, without an account.
    phone.goto(f"{base}/ksb/aduan/")
    phone.locator("input[name=nomor]").fill(number.lower())
    phone.locator("input[name=nomor]").press("Enter")
    phone.wait_for_url("**/aduan/lacak/**")
    assert "Puskesmas Taliwang" in phone.content()

    # 3. The operator verifies and disposes to the OPD the rules propose.
    desk = browser.new_context(viewport={"width": 1024, "height": 800}).new_page()
    desk.set_default_timeout(15_000)
    _login(desk, base, "operator")
    desk.get_by_role("link", name=number).click()
    desk.locator("select[name=decision]").select_option("terverifikasi")
    desk.locator("button[name=go][value=verify]").click()
    desk.wait_for_load_state()
    assert desk.locator(f"input[name=opds][value='{dinkes.pk}']").is_checked()
    desk.locator("button[name=go][value=dispose]").click()
    desk.wait_for_load_state()
    complaint.refresh_from_db()
    assert complaint.status == "disposisi"

    # 4. The OPD answers.
    opd = browser.new_context(viewport={"width": 1024, "height": 800}).new_page()
    opd.set_default_timeout(15_000)
    _login(opd, base, "petugas")
    opd.get_by_role("link", name=number).click()
    opd.locator("textarea[name=text]").fill("Jam layanan kembali 07.30–14.00 mulai besok.")
    opd.locator("button[name=go][value=respond]").click()
    opd.wait_for_load_state()
    complaint.refresh_from_db()
    assert complaint.status == "tindak_lanjut"
    # Close the officials' pages (and their live-queue streams) while streams are still short.
    desk.context.close()
    opd.context.close()

    # 5. The citizen reads the answer through the secret link, confirms and rates it.
    phone.goto(secret_url)
    assert "07.30" in phone.content()
    phone.locator("input[name=decision][value=confirm]").check()
    phone.locator("input[name=rating][value='4']").check()
    phone.locator("input[name=form][value=reply] ~ div.actions button").click()
    phone.wait_for_load_state()
    complaint.refresh_from_db()
    assert complaint.status == "selesai" and complaint.rating == 4
    assert "4/5" in phone.content()
