"""Background jobs of rencana aksi: publishing its open data after a change."""

from __future__ import annotations

from terbuka.core.jobs import job
from terbuka.core.models import Pemda


@job()
def publish_pemda(pemda_id: int) -> None:
    """Re-publish the pemda's rencana aksi tables (replaces them: safe to run twice)."""
    from terbuka.rencanaaksi import opendata

    pemda = Pemda.objects.filter(pk=pemda_id, is_active=True).first()
    if pemda is not None:
        opendata.publish_pemda(pemda)
