"""Public portal pages: home, search with facets, dataset page with schema.org JSON-LD,
organisation pages; drafts never shown."""

import json
import re

import pytest

from terbuka.core.tests.factories import make_opd
from terbuka.satudata import services


@pytest.fixture
def catalog(ksb, dikes):
    dinsos = make_opd(ksb, "Dinas Sosial", acronym="DINSOS")
    services.dataset_upsert_system(
        pemda=ksb, name="penduduk-miskin", title="Penduduk miskin per desa", notes="Data BPS",
        opd=dinsos, tags=["kemiskinan"], tema="1.06", satuan="jiwa",
        periode_awal="2024-01-01", periode_akhir="2024-12-31",
        ms_indikator={"konsep": "Kemiskinan moneter", "definisi": "Di bawah garis kemiskinan"},
        resources=[{"name": "Tabel", "url": "https://example.org/miskin.csv"}])
    services.dataset_upsert_system(
        pemda=ksb, name="puskesmas", title="Daftar puskesmas", notes="", opd=dikes,
        tags=["kesehatan"], tema="1.02",
        resources=[{"name": "Tabel", "url": "https://example.org/pkm.xlsx"}])


def test_home_counts_and_newest(client, catalog):
    html = client.get("/ksb/data/").content.decode()
    assert "Penduduk miskin per desa" in html and "Daftar puskesmas" in html
    assert re.search(r"<strong>2</strong>\s*dataset", html)


def test_search_with_text_and_facet(client, catalog):
    html = client.get("/ksb/data/dataset/", {"q": "kemiskinan"}).content.decode()
    assert "Penduduk miskin per desa" in html and "Daftar puskesmas" not in html
    html = client.get("/ksb/data/dataset/", {"res_format": "XLSX"}).content.decode()
    assert "Daftar puskesmas" in html and "Penduduk miskin per desa" not in html
    assert "✓ XLSX" in html
    # A facet value with quotes cannot break the query.
    assert client.get("/ksb/data/dataset/", {"tags": 'a"b OR'}).status_code == 200


def test_dataset_page_is_readable_and_carries_jsonld(client, catalog):
    r = client.get("/ksb/data/dataset/penduduk-miskin/")
    html = r.content.decode()
    assert "Dinas Sosial" in html and "Kemiskinan moneter" in html
    assert 'href="https://example.org/miskin.csv"' in html
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Dataset" and data["name"] == "Penduduk miskin per desa"
    assert data["distribution"][0]["contentUrl"] == "https://example.org/miskin.csv"
    assert data["temporalCoverage"] == "2024-01-01/2024-12-31"
    assert data["creator"]["name"] == "Dinas Sosial"


def test_organisation_pages(client, catalog):
    html = client.get("/ksb/data/organisasi/").content.decode()
    assert "Dinas Sosial" in html
    html = client.get("/ksb/data/organisasi/ksb-dinsos/").content.decode()
    assert "Penduduk miskin per desa" in html and "Daftar puskesmas" not in html
    assert client.get("/ksb/data/organisasi/tidak-ada/").status_code == 404


def test_drafts_are_not_public(client, ksb, produsen, catalog):
    services.dataset_create(actor=produsen, pemda=ksb, name="rahasia", title="Draf rahasia",
                            owner_org="ksb-dikes")
    assert client.get("/ksb/data/dataset/rahasia/").status_code == 404
    assert "Draf rahasia" not in client.get("/ksb/data/dataset/").content.decode()
    client.force_login(produsen)
    assert client.get("/ksb/data/dataset/rahasia/").status_code == 200


def test_phone_width_has_no_fixed_widths(client, catalog):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("satudata/satudata.css")).read_text()
    assert not re.search(r"\bwidth:\s*\d{3,}px", css)
