"""The real ckanapi client (RemoteCKAN and `ckanapi dump datasets`) against the live server."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ckanapi import NotAuthorized, NotFound, RemoteCKAN, ValidationError

from terbuka.accounts.services import token_create
from terbuka.core.tests.factories import make_opd, make_pemda, make_user
from terbuka.satudata import services
from terbuka.satudata.models import Dataset, Group, Status

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalog():
    ksb = make_pemda("ksb", "52.07")
    dikes = make_opd(ksb, "Dinas Kesehatan", acronym="DIKES")
    dinsos = make_opd(ksb, "Dinas Sosial", acronym="DINSOS")
    Group.objects.create(pemda=ksb, name="kesehatan", title="Kesehatan")
    services.dataset_upsert_system(
        pemda=ksb, name="penduduk-miskin-2024", title="Penduduk miskin per kecamatan 2024",
        notes="Jumlah penduduk miskin", opd=dinsos, tags=["kemiskinan", "sosial"],
        resources=[{"name": "csv", "url": "https://example.org/miskin.csv"}],
        tema="sosial", periode_awal="2024-01-01", periode_akhir="2024-12-31")
    services.dataset_upsert_system(
        pemda=ksb, name="fasilitas-kesehatan", title="Fasilitas kesehatan",
        notes="Puskesmas dan posyandu", opd=dikes, tags=["kesehatan"],
        resources=[{"name": "xlsx", "url": "https://example.org/faskes.xlsx"}], tema="kesehatan")
    for n in range(3):
        services.dataset_upsert_system(pemda=ksb, name=f"lain-{n}", title=f"Data lain {n}",
                                       notes="", opd=dikes)
    produsen = make_user("produsen", role="produsen_data", opd=dikes)
    key = token_create(actor=produsen, user=produsen, name="ckanapi")[1]
    return {"pemda": ksb, "key": key, "dikes": dikes}


def test_lists_searches_shows_and_creates(live_server, catalog):
    site = f"{live_server.url}/ksb/data"
    anon = RemoteCKAN(site, user_agent="terbuka-test")
    assert anon.action.site_read() is True
    assert anon.action.status_show()["ckan_version"].startswith("2.")
    names = anon.action.package_list()
    assert sorted(names) == sorted(Dataset.objects.values_list("name", flat=True))

    found = anon.action.package_search(q="kemiskinan", fq="res_format:CSV",
                                       **{"facet.field": ["organization", "tags"]})
    assert found["count"] == 1
    assert found["results"][0]["name"] == "penduduk-miskin-2024"
    assert found["facets"]["organization"] == {"ksb-dinsos": 1}
    assert found["search_facets"]["tags"]["items"][0]["count"] == 1

    shown = anon.action.package_show(id="fasilitas-kesehatan")
    assert shown["organization"]["name"] == "ksb-dikes"
    assert shown["resources"][0]["format"] == "XLSX"
    assert anon.action.resource_show(id=shown["resources"][0]["id"])["url"].endswith(".xlsx")
    assert "ksb-dikes" in anon.action.organization_list()
    assert anon.action.organization_show(id="ksb-dikes")["package_count"] == 4
    assert anon.action.group_list() == ["kesehatan"]
    assert "kemiskinan" in anon.action.tag_list()
    assert "cc-by-4.0" in {lic["id"] for lic in anon.action.license_list()}
    with pytest.raises(NotFound):
        anon.action.package_show(id="tidak-ada")
    with pytest.raises(NotAuthorized):
        anon.action.package_create(name="tanpa-token", title="x", owner_org="ksb-dikes")

    ckan = RemoteCKAN(site, apikey=catalog["key"], user_agent="terbuka-test")
    created = ckan.action.package_create(
        name="cakupan-imunisasi", title="Cakupan imunisasi dasar lengkap",
        notes="Persentase bayi", owner_org="ksb-dikes", license_id="cc-by-4.0",
        tags=[{"name": "imunisasi"}], extras=[{"key": "sumber", "value": "Dinkes"}],
        satuan="persen", tema="kesehatan", groups=[{"name": "kesehatan"}])
    assert created["state"] == "draft" and created["private"] is True
    assert created["extras"] == [{"key": "sumber", "value": "Dinkes"}]
    res = ckan.action.resource_create(package_id=created["id"], name="csv",
                                      url="https://example.org/imunisasi.csv")
    assert res["format"] == "CSV"
    patched = ckan.action.package_patch(id="cakupan-imunisasi", notes="Persentase bayi 0-11")
    assert patched["notes"] == "Persentase bayi 0-11" and patched["satuan"] == "persen"
    assert len(patched["resources"]) == 1
    # A draft is invisible to the public, visible to its producer.
    with pytest.raises(NotFound):
        anon.action.package_show(id="cakupan-imunisasi")
    assert ckan.action.package_show(id="cakupan-imunisasi")["title"].startswith("Cakupan")
    with pytest.raises(ValidationError) as exc:
        ckan.action.package_create(name="cakupan-imunisasi", title="lagi",
                                   owner_org="ksb-dikes")
    assert "name" in exc.value.error_dict
    updated = ckan.action.package_update(id="cakupan-imunisasi", title="Imunisasi",
                                         owner_org="ksb-dikes", resources=[])
    assert updated["notes"] == "" and updated["resources"] == []
    assert Dataset.objects.get(name="cakupan-imunisasi").status == Status.DRAFT


def test_ckanapi_dump_datasets(live_server, catalog, tmp_path: Path):
    out = tmp_path / "datasets.jsonl"
    ckanapi = Path(sys.executable).with_name("ckanapi")
    done = subprocess.run(  # noqa: S603 (our own venv binary, fixed arguments)
        [str(ckanapi), "dump", "datasets", "--all", "-r", f"{live_server.url}/ksb/data",
         "-O", str(out), "-p", "1", "-q"],
        timeout=120, capture_output=True, text=True,
        # The parent starts its workers as `ckanapi` found on PATH.
        env={**os.environ, "PATH": f"{ckanapi.parent}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    assert done.returncode == 0, done.stderr
    dumped = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(d["name"] for d in dumped) == sorted(
        Dataset.objects.values_list("name", flat=True))
    assert all(d["resources"] is not None for d in dumped)


def test_root_api_spans_every_pemda(live_server, catalog):
    banggai = make_pemda("banggai", "72.01")
    services.dataset_upsert_system(pemda=banggai, name="banggai-data", title="Data Banggai",
                                   notes="")
    root = RemoteCKAN(live_server.url)
    assert "banggai-data" in root.action.package_list()
    assert "penduduk-miskin-2024" in root.action.package_list()
    per_pemda = RemoteCKAN(f"{live_server.url}/banggai/data")
    assert per_pemda.action.package_list() == ["banggai-data"]
