"""package_search: q, fq syntax, ranges, negation, OR, paging, sort and facets."""

import datetime

import pytest
from django.utils import timezone

from terbuka.core.tests.factories import make_opd
from terbuka.satudata import services
from terbuka.satudata.models import Dataset

URL = "/ksb/data/api/3/action/package_search"


@pytest.fixture
def catalog(ksb, dikes):
    dinsos = make_opd(ksb, "Dinas Sosial", acronym="DINSOS")
    made = []
    specs = [
        ("penduduk-miskin", "Penduduk miskin per desa", dinsos, ["kemiskinan"], "CSV", 2021),
        ("bantuan-sosial", "Penerima bantuan sosial", dinsos, ["kemiskinan", "bansos"], "XLSX",
         2022),
        ("jumlah-puskesmas", "Jumlah puskesmas", dikes, ["kesehatan"], "CSV", 2023),
        ("gizi-buruk", "Kasus gizi buruk balita", dikes, ["kesehatan", "stunting"], "JSON",
         2024),
    ]
    for name, title, opd, tags, fmt, year in specs:
        made.append(services.dataset_upsert_system(
            pemda=ksb, name=name, title=title, notes="", opd=opd, tags=tags,
            resources=[{"name": fmt, "url": f"https://example.org/{name}.{fmt.lower()}"}],
            periode_awal=f"{year}-01-01", periode_akhir=f"{year}-12-31"))
    # Distinct modification times, a year apart, for range queries.
    for i, d in enumerate(made):
        Dataset.objects.filter(pk=d.pk).update(
            metadata_modified=timezone.make_aware(datetime.datetime(2021 + i, 6, 1)))
    return made


def names(client, **params):
    r = client.get(URL, params)
    assert r.status_code == 200, r.json()
    return [d["name"] for d in r.json()["result"]["results"]]


def test_field_value_and_or_and_negation(client, catalog):
    assert sorted(names(client, fq="tags:kemiskinan")) == ["bantuan-sosial", "penduduk-miskin"]
    assert sorted(names(client, fq="tags:stunting OR res_format:XLSX")) == [
        "bantuan-sosial", "gizi-buruk"]
    assert sorted(names(client, fq="-organization:ksb-dinsos")) == [
        "gizi-buruk", "jumlah-puskesmas"]
    assert names(client, fq="organization:ksb-dikes NOT tags:stunting") == ["jumlah-puskesmas"]
    assert names(client, fq='tags:kemiskinan tags:bansos') == ["bantuan-sosial"]
    assert names(client, q="name:gizi-buruk") == ["gizi-buruk"]
    assert sorted(names(client, fq="tags:(stunting OR bansos)")) == [
        "bantuan-sosial", "gizi-buruk"]


def test_ranges(client, catalog):
    got = names(client, fq="metadata_modified:[2023-01-01T00:00:00Z TO *]")
    assert sorted(got) == ["gizi-buruk", "jumlah-puskesmas"]
    assert names(client, fq="metadata_modified:[* TO 2021-12-31T00:00:00Z]") == [
        "penduduk-miskin"]
    assert sorted(names(client, fq="tahun:[2022 TO 2023]")) == [
        "bantuan-sosial", "jumlah-puskesmas"]
    assert names(client, fq="tahun:{2022 TO 2024}") == ["jumlah-puskesmas"]


def test_paging_and_sort(client, catalog):
    all_by_name = names(client, sort="name asc", rows=10)
    assert all_by_name == sorted(all_by_name)
    assert names(client, sort="name asc", rows=2, start=2) == all_by_name[2:4]
    newest = names(client)  # default: newest change first
    assert newest[0] == "gizi-buruk" and newest[-1] == "penduduk-miskin"


def test_rows_limit_and_bad_input(client, catalog):
    assert client.get(URL, {"rows": 1000}).status_code == 200
    r = client.get(URL, {"rows": 1001})
    assert r.status_code == 409 and "rows" in r.json()["error"]
    assert client.get(URL, {"start": -1}).status_code == 409
    for bad in ("metadata_modified:[2024 TO", "nosuchfield:x", "metadata_modified:[bad TO *]",
                "tags:(a OR"):
        r = client.get(URL, {"fq": bad})
        assert r.status_code == 400, bad
        assert r.json()["error"]["__type"] == "Search Query Error"
    assert client.get(URL, {"sort": "nonsense desc"}).status_code == 400
    assert client.get(URL, {"facet.field": '["nope"]'}).status_code == 400


def test_facets(client, catalog):
    r = client.get(URL, {"facet.field": '["organization","tags","res_format","tahun"]',
                         "facet.limit": 2, "rows": 0}).json()["result"]
    assert r["count"] == 4 and r["results"] == []
    assert r["facets"]["organization"] == {"ksb-dikes": 2, "ksb-dinsos": 2}
    assert r["facets"]["tags"] == {"kemiskinan": 2, "kesehatan": 2}
    assert r["facets"]["res_format"] == {"CSV": 2, "JSON": 1}
    items = r["search_facets"]["organization"]["items"]
    assert {i["display_name"] for i in items} == {"Dinas Kesehatan", "Dinas Sosial"}


def test_harvester_paging(client, catalog):
    """What a CKAN harvester sends: rows=100&start=N&sort=id asc&fq=metadata_modified:[… TO *]."""
    seen = []
    start = 0
    while True:
        r = client.get(URL, {"rows": 2, "start": start, "sort": "id asc",
                             "fq": "metadata_modified:[2022-01-01T00:00:00Z TO *]"})
        page = r.json()["result"]
        if not page["results"]:
            break
        seen += [d["id"] for d in page["results"]]
        start += 2
    assert page["count"] == 3
    assert seen == sorted(seen) and len(set(seen)) == 3


def test_private_and_drafts_stay_hidden(client, catalog, ksb, produsen):
    services.dataset_create(actor=produsen, pemda=ksb, name="draf", title="Draf miskin",
                            owner_org="ksb-dikes")
    assert "draf" not in names(client, rows=100)
    assert "draf" not in names(client, rows=100, include_private="true")
    assert "draf" not in client.get("/api/3/action/package_list").json()["result"]
