"""A produsen data on a 360 px phone uploads a messy Excel export, reads the precise error
list, uploads a clean file and sees the table, its chart and the downloads. Chromium through
Playwright against the live server; skips when either is missing."""

from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from terbuka.core.tests.factories import make_user

from .conftest import desa_codes, make_resource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def messy_xlsx(path, codes):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["kode_desa", "tahun", "balita"])
    ws.append([codes[0], 2023, 120])
    ws.append([codes[1], 2023, "seratus"])
    ws.append(["52.07.01", 2024, 80])
    wb.save(path)


def test_produsen_uploads_on_a_phone(browser, live_server, ksb, dikes, tmp_path):
    make_user("produsen", role="produsen_data", opd=dikes, password="rahasia-produsen-1")
    resource = make_resource(ksb, dikes)
    codes = desa_codes(3)
    messy = tmp_path / "ekspor.xlsx"
    messy_xlsx(messy, codes)
    clean = tmp_path / "bersih.csv"
    clean.write_text("kode_desa;tahun;balita\n" + "".join(
        f"{codes[i % 3]};{2020 + i // 3};{100 + i}\n" for i in range(12)), encoding="cp1252")
    schema = ('{"fields": [{"name": "kode_desa", "type": "string", '
              '"kodeReferensi": "wilayah.desa"}, {"name": "tahun", "type": "integer"}, '
              '{"name": "balita", "type": "integer"}]}')

    page = browser.new_page(viewport={"width": 360, "height": 740}, locale="id-ID")
    page.set_default_timeout(20_000)
    login = reverse("accounts:login")
    page.goto(f"{live_server.url}{login}?next=/ksb/datastore/{resource.uuid}/upload/")
    page.get_by_label("Nama pengguna atau e-mail").fill("produsen")
    page.get_by_label("Kata sandi").fill("rahasia-produsen-1")
    page.get_by_role("button", name="Masuk").click()

    page.get_by_label("Berkas").set_input_files(str(messy))
    page.get_by_label("Table Schema (opsional, JSON)").fill(schema)
    page.get_by_role("button", name="Unggah dan periksa").click()
    page.get_by_role("alert").wait_for()
    assert "2 masalah" in page.get_by_role("alert").inner_text()
    rows = page.locator("table.ds-errors tbody tr").all_inner_texts()
    assert any(r.startswith("3\tbalita") and "seratus bukan bilangan bulat" in r for r in rows)
    assert any(r.startswith("4\tkode_desa") and "kode wilayah tingkat lain" in r for r in rows)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("link", name="Unggah berkas yang sudah diperbaiki").click()
    page.get_by_label("Berkas").set_input_files(str(clean))
    page.get_by_label("Table Schema (opsional, JSON)").fill(schema)
    page.get_by_role("button", name="Unggah dan periksa").click()
    page.get_by_text("Tabel berhasil dimuat: 12 baris.").wait_for()
    page.get_by_role("link", name="Lihat tabel").click()
    assert page.locator("table.ds-table tbody tr").count() == 12
    chart = page.locator("img.ds-chart")
    chart.scroll_into_view_if_needed()
    # Polled from here: wait_for_function evaluates a string, which the page's CSP forbids.
    for _ in range(100):
        if chart.evaluate("img => img.complete && img.naturalWidth > 0"):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the chart image did not load")
    page.get_by_role("link", name="balita").click()
    page.get_by_role("link", name="balita ▲").click()
    assert page.locator("table.ds-table tbody tr td").nth(3).inner_text() == "111"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    body = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    assert body.splitlines()[0] == "_id,kode_desa,tahun,balita" and len(body.splitlines()) == 13
