"""The walidata workflow in a real browser (Chromium via Playwright): a produsen data drafts
and submits, the walidata returns it with a reason, the produsen resubmits, a pembina comments,
the walidata checks the four principles and publishes; the public then sees the dataset."""


import pytest

from terbuka.core.tests.factories import make_opd, make_pemda, make_user
from terbuka.satudata.models import Dataset, ReviewEvent, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "rahasia-uji-123"  # noqa: S105


def _login(browser, base, username):
    page = browser.new_context(viewport={"width": 390, "height": 860},
                               locale="id-ID").new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/akun/masuk/?next=/ksb/data/meja/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{base}/ksb/data/meja/")
    return page


def _transition(page, to_status):
    page.locator(f"form[action$='/status/{to_status}/'] button[type=submit]").first.click()
    page.wait_for_load_state()


def test_draft_return_resubmit_comment_publish(browser, live_server):
    ksb = make_pemda("ksb", "52.07")
    dikes = make_opd(ksb, "Dinas Kesehatan", acronym="DIKES")
    make_user("produsen", role="produsen_data", opd=dikes, password=PASSWORD)
    make_user("walidata", role="walidata", pemda=ksb, password=PASSWORD)
    make_user("bps", role="pembina_data", pemda=ksb, password=PASSWORD)
    base = live_server.url

    produsen = _login(browser, base, "produsen")
    produsen.goto(f"{base}/ksb/data/meja/baru/")
    produsen.fill("#id_title", "Cakupan imunisasi dasar lengkap")
    produsen.fill("#id_name", "cakupan-imunisasi")
    produsen.fill("#id_notes", "Persentase bayi usia 0-11 bulan yang mendapat imunisasi lengkap")
    produsen.select_option("#id_owner_org", "ksb-dikes")
    produsen.select_option("#id_license_id", "cc-by-4.0")
    produsen.fill("#id_tema", "1.02")
    produsen.fill("#id_satuan", "persen")
    produsen.fill("#id_tahun_prioritas", "2025")
    produsen.locator("form.stacked button[type=submit]").click()
    produsen.wait_for_url(f"{base}/ksb/data/meja/cakupan-imunisasi/")
    produsen.fill("#id_name", "Tabel")
    produsen.fill("#id_url", "https://example.org/imunisasi.csv")
    produsen.locator("form[action$='/sumber/'] button[type=submit]").click()
    produsen.wait_for_load_state()
    assert produsen.get_by_text("CSV", exact=True).is_visible()
    _transition(produsen, "diajukan")
    assert Dataset.objects.get(name="cakupan-imunisasi").status == Status.DIAJUKAN
    # The public does not see a dataset under review.
    anon = browser.new_page()
    assert anon.goto(f"{base}/ksb/data/dataset/cakupan-imunisasi/").status == 404

    walidata = _login(browser, base, "walidata")
    walidata.goto(f"{base}/ksb/data/meja/cakupan-imunisasi/")
    _transition(walidata, "diperiksa")
    # Publishing with an unchecked principle is refused and says which.
    for name in ("standar_data", "metadata", "interoperabilitas"):
        walidata.check(f"input[name={name}]")
    walidata.locator("form[action$='/status/terbit/'] button.primary").click()
    walidata.wait_for_load_state()
    assert walidata.locator(".message.error").first.is_visible()
    assert "kode_referensi" in walidata.locator(".messages").inner_text()
    assert Dataset.objects.get(name="cakupan-imunisasi").status == Status.DIPERIKSA
    walidata.fill("textarea[name=note]", "Kode wilayah belum memakai Kode Referensi")
    walidata.locator("form[action$='/status/terbit/'] button.secondary").click()
    walidata.wait_for_load_state()
    assert Dataset.objects.get(name="cakupan-imunisasi").status == Status.DIKEMBALIKAN

    produsen.goto(f"{base}/ksb/data/meja/cakupan-imunisasi/")
    assert produsen.get_by_text("Kode wilayah belum memakai Kode Referensi").is_visible()
    _transition(produsen, "diajukan")

    bps = _login(browser, base, "bps")
    bps.goto(f"{base}/ksb/data/meja/cakupan-imunisasi/")
    bps.fill("textarea[name=body]", "Data prioritas: sertakan metadata indikator MS-Ind.")
    bps.locator("form[action$='/komentar/'] button[type=submit]").click()
    bps.wait_for_load_state()
    assert bps.get_by_text("sertakan metadata indikator").is_visible()

    walidata.goto(f"{base}/ksb/data/meja/cakupan-imunisasi/")
    assert walidata.get_by_text("sertakan metadata indikator").is_visible()
    _transition(walidata, "diperiksa")
    for name in ("standar_data", "metadata", "interoperabilitas", "kode_referensi"):
        walidata.check(f"input[name={name}]")
    walidata.locator("form[action$='/status/terbit/'] button.primary").click()
    walidata.wait_for_load_state()
    dataset = Dataset.objects.get(name="cakupan-imunisasi")
    assert dataset.status == Status.TERBIT
    assert list(ReviewEvent.objects.filter(dataset=dataset).values_list(
        "to_status", flat=True)) == ["diajukan", "diperiksa", "dikembalikan", "diajukan",
                                      "diperiksa", "terbit"]

    response = anon.goto(f"{base}/ksb/data/dataset/cakupan-imunisasi/")
    assert response.status == 200
    assert anon.get_by_role("heading", level=1).inner_text() == "Cakupan imunisasi dasar lengkap"
    # The public pages fit a 360 px phone: no sideways scrolling.
    phone = browser.new_page(viewport={"width": 360, "height": 740})
    for path in ("/ksb/data/", "/ksb/data/dataset/?q=imunisasi",
                 "/ksb/data/dataset/cakupan-imunisasi/", "/ksb/data/permintaan/ajukan/"):
        phone.goto(f"{base}{path}")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, path
