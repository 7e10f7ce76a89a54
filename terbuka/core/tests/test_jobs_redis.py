"""One job through the real Redis on 127.0.0.1:6379, the production queue."""

import os
import uuid

import pytest
from django.core.cache import cache
from huey import PriorityRedisHuey

from terbuka.core.jobs import enqueue_on_commit
from terbuka.core.models import Opd, OpdKind, Pemda, PemdaKind, Region, RegionLevel
from terbuka.core.tasks import refresh_pemda_summary, summary_cache_key

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_huey():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        # CI promises the service, so there a missing Redis is a failure, not a skip.
        if os.environ.get("TERBUKA_CI"):
            pytest.fail("Redis is not reachable on 127.0.0.1:6379 (TERBUKA_CI is set)")
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    # A unique queue name so parallel runs and a live worker on the same Redis never meet.
    huey = PriorityRedisHuey(f"terbuka-test-{uuid.uuid4().hex}", url=REDIS_URL, results=False)
    yield huey
    huey.storage.flush_all()


@pytest.mark.redis
@pytest.mark.django_db
def test_job_runs_through_redis(redis_huey, django_capture_on_commit_callbacks):
    cache.clear()
    task = redis_huey.task(retries=0)(refresh_pemda_summary.call_local)
    Region.objects.create(code="72", name="Sulawesi Tengah", level=RegionLevel.PROVINSI,
                          provinsi_code="72")
    Region.objects.create(code="72.01", name="Kabupaten Banggai",
                          level=RegionLevel.KABUPATEN_KOTA, parent_id="72", provinsi_code="72",
                          kabupaten_code="72.01")
    pemda = Pemda.objects.create(slug="banggai", name="Kabupaten Banggai", short_name="Banggai",
                                 kind=PemdaKind.KABUPATEN, region_id="72.01")
    Opd.objects.create(pemda=pemda, name="Dinas Kesehatan", kind=OpdKind.DINAS)

    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(task, pemda.pk)

    assert redis_huey.pending_count() == 1
    assert cache.get(summary_cache_key(pemda.pk)) is None, "ran without a worker"

    message = redis_huey.dequeue()
    assert message is not None
    redis_huey.execute(message)

    assert cache.get(summary_cache_key(pemda.pk))["opd"] == 1
    assert redis_huey.pending_count() == 0
    assert redis_huey.dequeue() is None
