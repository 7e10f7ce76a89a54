"""Core's background jobs (found by huey's Django integration, which imports every app's tasks.py).

`refresh_pemda_summary` keeps the counts shown on a pemda's public home page (OPD, service units,
dusun, posyandu, kecamatan, desa) in the cache, so the page does not count rows on every visit.
Services that add or change those rows queue it with `jobs.enqueue_on_commit`.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db.models import Count

from terbuka.core.jobs import job
from terbuka.core.models import Opd, Pemda, Place, Region, RegionLevel, UnitLayanan

logger = logging.getLogger(__name__)

SUMMARY_KEYS = (
    "opd", "unit_layanan", "dusun", "posyandu", "kabupaten_kota", "kecamatan", "desa_kelurahan",
)


def summary_cache_key(pemda_id: int) -> str:
    return f"terbuka:pemda-summary:{pemda_id}"


def pemda_summary_compute(pemda_id: int) -> dict[str, int] | None:
    """The public counts of one pemda, straight from the database; None if it no longer exists."""
    pemda = Pemda.objects.filter(pk=pemda_id).select_related("region").first()
    if pemda is None:
        return None
    places = dict(
        Place.objects.filter(pemda_id=pemda_id, is_active=True)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    region = pemda.region
    # The denormalised ancestor columns make "everything under this region" one equality.
    under = (
        Region.objects.filter(provinsi_code=region.code)
        if region.level == RegionLevel.PROVINSI
        else Region.objects.filter(kabupaten_code=region.code)
    )
    under = under.exclude(code=region.code)
    levels = dict(under.values_list("level").annotate(n=Count("code")).values_list("level", "n"))
    return {
        "opd": Opd.objects.filter(pemda_id=pemda_id, is_active=True).count(),
        "unit_layanan": UnitLayanan.objects.filter(
            opd__pemda_id=pemda_id, is_active=True
        ).count(),
        "dusun": places.get("dusun", 0),
        "posyandu": places.get("posyandu", 0),
        "kabupaten_kota": levels.get(RegionLevel.KABUPATEN_KOTA, 0),
        "kecamatan": levels.get(RegionLevel.KECAMATAN, 0),
        "desa_kelurahan": levels.get(RegionLevel.DESA_KELURAHAN, 0),
    }


def pemda_summary_cached(pemda_id: int) -> dict[str, int] | None:
    """The counts as last refreshed; computed (and stored) on a cache miss."""
    summary = cache.get(summary_cache_key(pemda_id))
    if summary is None:
        summary = pemda_summary_compute(pemda_id)
        if summary is not None:
            cache.set(summary_cache_key(pemda_id), summary, timeout=None)
    return summary


@job()
def refresh_pemda_summary(pemda_id: int) -> bool:
    """Recount and store. Safe to run twice: it sets the counts, and skips the write when the
    stored counts are already current. Returns whether it wrote."""
    summary = pemda_summary_compute(pemda_id)
    key = summary_cache_key(pemda_id)
    if summary is None:
        # The pemda was deleted after the job was queued: nothing to count, drop stale counts.
        cache.delete(key)
        return False
    if cache.get(key) == summary:
        return False
    cache.set(key, summary, timeout=None)
    logger.info("Refreshed public summary of pemda %s: %s", pemda_id, summary)
    return True
