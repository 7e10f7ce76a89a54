"""DCAT-AP output parses in every serialisation and carries the mapping."""

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from terbuka.satudata import services
from terbuka.satudata.dcat import HYDRA


@pytest.fixture
def published(ksb, dikes):
    return services.dataset_upsert_system(
        pemda=ksb, name="angka-stunting", title="Prevalensi stunting", notes="Balita pendek",
        opd=dikes, tags=["stunting", "gizi"], frekuensi="tahunan", tema="1.02",
        periode_awal="2024-01-01", periode_akhir="2024-12-31", cakupan_wilayah=["52.07.01"],
        kode_daftar_data="DD-52.07-001",
        resources=[{"name": "csv", "url": "https://example.org/stunting.csv", "size": 1234,
                    "hash": "sha256:" + "ab" * 32}])


FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_dataset_document_parses_with_mapping(client, published, fmt):
    r = client.get(f"/ksb/data/dataset/angka-stunting.{fmt}")
    assert r.status_code == 200
    g = Graph().parse(data=r.content, format=FORMATS[fmt])
    (ds,) = g.subjects(RDF.type, DCAT.Dataset)
    assert str(g.value(ds, DCTERMS.title)) == "Prevalensi stunting"
    assert str(g.value(ds, DCTERMS.identifier)) == str(published.uuid)
    assert {str(k) for k in g.objects(ds, DCAT.keyword)} == {"stunting", "gizi"}
    assert g.value(ds, DCTERMS.accrualPeriodicity) == URIRef(
        "http://publications.europa.eu/resource/authority/frequency/ANNUAL")
    assert g.value(ds, DCTERMS.accessRights) == URIRef(
        "http://publications.europa.eu/resource/authority/access-right/PUBLIC")
    period = g.value(ds, DCTERMS.temporal)
    assert str(g.value(period, DCAT.startDate)) == "2024-01-01"
    spatial = g.value(ds, DCTERMS.spatial)
    assert str(spatial).endswith("#52.07.01")
    dist = g.value(ds, DCAT.distribution)
    assert str(g.value(dist, DCAT.downloadURL)) == "https://example.org/stunting.csv"
    assert int(g.value(dist, DCAT.byteSize)) == 1234
    assert str(g.value(dist, DCTERMS.license)).startswith("https://creativecommons.org/")


def test_catalog_pages_and_modified_since(client, ksb, published):
    for n in range(3):
        services.dataset_upsert_system(pemda=ksb, name=f"lain-{n}", title=f"Lain {n}", notes="")
    g = Graph().parse(data=client.get("/ksb/data/catalog.ttl").content, format="turtle")
    (cat,) = g.subjects(RDF.type, DCAT.Catalog)
    assert len(list(g.objects(cat, DCAT.dataset))) == 4
    (paging,) = g.subjects(RDF.type, HYDRA.PagedCollection)
    assert int(g.value(paging, HYDRA.totalItems)) == 4
    jsonld = Graph().parse(data=client.get("/catalog.jsonld").content, format="json-ld")
    assert len(list(jsonld.subjects(RDF.type, DCAT.Dataset))) == 4
    later = client.get("/catalog.rdf", {"modified_since": "2999-01-01"})
    g = Graph().parse(data=later.content, format="xml")
    assert list(g.subjects(RDF.type, DCAT.Dataset)) == []


def test_bad_paging_input_is_a_400(client, ksb):
    assert client.get("/catalog.ttl", {"page": "0"}).status_code == 400
    r = client.get("/catalog.ttl", {"modified_since": "kemarin"})
    assert r.status_code == 400 and "modified_since" in r.json()["error"]["fields"]


def test_drafts_are_not_in_dcat(client, ksb, produsen):
    services.dataset_create(actor=produsen, pemda=ksb, name="draf-x", title="Draf",
                            owner_org="ksb-dikes")
    assert client.get("/ksb/data/dataset/draf-x.ttl").status_code == 404
    g = Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")
    assert list(g.subjects(RDF.type, DCAT.Dataset)) == []
