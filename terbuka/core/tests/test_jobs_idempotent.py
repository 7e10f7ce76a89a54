"""refresh_pemda_summary takes an id, re-reads the rows and can run any number of times."""

import pytest
from django.core.cache import cache

from terbuka.core.models import (
    Opd,
    OpdKind,
    Pemda,
    PemdaKind,
    Place,
    PlaceKind,
    Region,
    RegionLevel,
)
from terbuka.core.tasks import (
    pemda_summary_cached,
    refresh_pemda_summary,
    summary_cache_key,
)

REGIONS = [
    ("52", RegionLevel.PROVINSI), ("52.07", RegionLevel.KABUPATEN_KOTA),
    ("52.07.01", RegionLevel.KECAMATAN), ("52.07.01.2001", RegionLevel.DESA_KELURAHAN),
    ("52.07.01.2002", RegionLevel.DESA_KELURAHAN), ("52.07.02", RegionLevel.KECAMATAN),
    ("52.07.02.1001", RegionLevel.DESA_KELURAHAN), ("52.01", RegionLevel.KABUPATEN_KOTA),
    ("52.01.01", RegionLevel.KECAMATAN),
]


@pytest.fixture
def ksb(db):
    cache.clear()
    for code, level in REGIONS:
        parts = code.split(".")
        Region.objects.create(
            code=code, name=code, level=level, parent_id=".".join(parts[:-1]) or None,
            provinsi_code=parts[0], kabupaten_code=".".join(parts[:2]) if len(parts) > 1 else "",
            kecamatan_code=".".join(parts[:3]) if len(parts) > 2 else "",
        )
    pemda = Pemda.objects.create(slug="ksb", name="Kabupaten Sumbawa Barat", short_name="KSB",
                                 kind=PemdaKind.KABUPATEN, region_id="52.07")
    Opd.objects.create(pemda=pemda, name="Dinas Kesehatan", acronym="Dinkes", kind=OpdKind.DINAS)
    Place.objects.create(pemda=pemda, kind=PlaceKind.POSYANDU, name="Melati",
                         region_id="52.07.01.2001")
    yield pemda
    cache.clear()


def test_counts_what_is_under_the_pemda_region(ksb):
    refresh_pemda_summary.call_local(ksb.pk)

    assert cache.get(summary_cache_key(ksb.pk)) == {
        "opd": 1, "unit_layanan": 0, "dusun": 0, "posyandu": 1,
        "kabupaten_kota": 0, "kecamatan": 2, "desa_kelurahan": 3,
    }


def test_running_twice_leaves_the_same_state(ksb):
    assert refresh_pemda_summary.call_local(ksb.pk) is True
    first = cache.get(summary_cache_key(ksb.pk))

    assert refresh_pemda_summary.call_local(ksb.pk) is False
    assert cache.get(summary_cache_key(ksb.pk)) == first


def test_reads_state_when_it_runs_not_when_queued(ksb):
    refresh_pemda_summary.call_local(ksb.pk)
    Opd.objects.create(pemda=ksb, name="Inspektorat Daerah", kind=OpdKind.INSPEKTORAT)

    assert refresh_pemda_summary.call_local(ksb.pk) is True
    assert pemda_summary_cached(ksb.pk)["opd"] == 2


def test_a_deleted_pemda_is_a_quiet_no_op(ksb):
    pk = ksb.pk
    refresh_pemda_summary.call_local(pk)
    ksb.delete()

    assert refresh_pemda_summary.call_local(pk) is False
    assert refresh_pemda_summary.call_local(pk) is False
    assert cache.get(summary_cache_key(pk)) is None


def test_cached_read_computes_on_a_miss(ksb):
    assert cache.get(summary_cache_key(ksb.pk)) is None
    assert pemda_summary_cached(ksb.pk)["posyandu"] == 1
    assert cache.get(summary_cache_key(ksb.pk))["posyandu"] == 1
