"""Full-text search in Bahasa Indonesia on the database in use (SQLite FTS5 or PostgreSQL):
stemming, synonyms, ranking by relevance then recency."""

import datetime

import pytest
from django.utils import timezone

from terbuka.satudata import selectors, services
from terbuka.satudata.models import Dataset


@pytest.fixture
def catalog(ksb):
    specs = [
        ("angka-kemiskinan", "Angka kemiskinan kabupaten", "Persentase penduduk miskin"),
        ("populasi", "Populasi per kecamatan", "Proyeksi jumlah warga"),
        ("rumah-tangga-miskin", "Rumah tangga miskin", "Kemiskinan dan penduduk miskin"),
        ("produksi-padi", "Produksi padi sawah", "Hasil pertanian tanaman pangan"),
    ]
    out = {}
    for i, (name, title, notes) in enumerate(specs):
        out[name] = services.dataset_upsert_system(pemda=ksb, name=name, title=title,
                                                   notes=notes)
        Dataset.objects.filter(pk=out[name].pk).update(
            metadata_modified=timezone.now() - datetime.timedelta(days=10 - i))
    return out


def _names(pemda, q, **kw):
    return [d.name for d in selectors.catalog_search(pemda=pemda, q=q, rows=50, **kw).datasets]


def test_stemming_finds_other_word_forms(ksb, catalog):
    assert set(_names(ksb, "miskin")) == {"angka-kemiskinan", "rumah-tangga-miskin"}
    assert _names(ksb, "petani") == ["produksi-padi"]  # pertanian, via the synonym list


def test_synonyms(ksb, catalog):
    # "populasi" finds datasets about "penduduk" and the reverse.
    assert set(_names(ksb, "populasi")) == {"populasi", "angka-kemiskinan",
                                            "rumah-tangga-miskin"}
    assert "populasi" in _names(ksb, "penduduk")


def test_relevance_then_recency(ksb, catalog):
    # "miskin" occurs more often in rumah-tangga-miskin: it ranks first though it is older.
    Dataset.objects.filter(name="angka-kemiskinan").update(metadata_modified=timezone.now())
    assert _names(ksb, "kemiskinan") == ["rumah-tangga-miskin", "angka-kemiskinan"]
    # Equal relevance: newest first.
    for n in (1, 2):
        services.dataset_upsert_system(pemda=ksb, name=f"kembar-{n}", title="Data kembar",
                                       notes="Sama")
    Dataset.objects.filter(name="kembar-1").update(metadata_modified=timezone.now())
    assert _names(ksb, "kembar") == ["kembar-1", "kembar-2"]


def test_all_words_must_match(ksb, catalog):
    assert _names(ksb, "miskin rumah") == ["rumah-tangga-miskin"]
    assert _names(ksb, "miskin sawah") == []


def test_words_without_content_search_everything(ksb, catalog):
    assert len(_names(ksb, "dan yang")) == 4


def test_index_follows_updates(ksb, catalog):
    services.dataset_update(actor=None, dataset=catalog["produksi-padi"],
                            data={"title": "Produksi jagung"})
    assert _names(ksb, "jagung") == ["produksi-padi"]
    assert _names(ksb, "sawah") == []
