"""The default queue is a SQLite file: a job queued by one process is still there for the next."""

import pytest
from django.core.cache import cache
from huey import SqliteHuey

from terbuka.core.models import Opd, OpdKind, Pemda, PemdaKind, Region, RegionLevel
from terbuka.core.tasks import refresh_pemda_summary, summary_cache_key


@pytest.mark.django_db
def test_job_survives_a_new_queue_instance(tmp_path):
    cache.clear()
    Region.objects.create(code="52", name="Nusa Tenggara Barat", level=RegionLevel.PROVINSI,
                          provinsi_code="52")
    pemda = Pemda.objects.create(slug="ntb", name="Provinsi NTB", short_name="NTB",
                                 kind=PemdaKind.PROVINSI, region_id="52")
    Opd.objects.create(pemda=pemda, name="Bappeda", kind=OpdKind.BADAN)
    path = tmp_path / "queue.sqlite3"

    web = SqliteHuey("terbuka", filename=str(path))
    web.task()(refresh_pemda_summary.call_local)(pemda.pk)
    assert web.pending_count() == 1
    web.storage.close()
    del web

    # As a worker started later would: a fresh instance on the same file.
    worker = SqliteHuey("terbuka", filename=str(path))
    worker.task()(refresh_pemda_summary.call_local)
    assert worker.pending_count() == 1
    worker.execute(worker.dequeue())

    assert cache.get(summary_cache_key(pemda.pk))["opd"] == 1
    assert worker.pending_count() == 0
