"""Jobs are handed to the queue only when the transaction that asked for them commits."""

import pytest
from django.core.cache import cache
from django.db import transaction

from terbuka.core.jobs import enqueue_on_commit, job
from terbuka.core.models import Pemda, PemdaKind, Region, RegionLevel
from terbuka.core.tasks import refresh_pemda_summary, summary_cache_key

runs: list[int] = []


@job(retries=0)
def record_run(pemda_id: int) -> None:
    runs.append(pemda_id)


class Boom(Exception):
    pass


@pytest.fixture(autouse=True)
def _clean():
    runs.clear()
    cache.clear()
    yield
    cache.clear()


def _pemda() -> Pemda:
    Region.objects.create(code="52", name="Nusa Tenggara Barat", level=RegionLevel.PROVINSI,
                          provinsi_code="52")
    return Pemda.objects.create(slug="ntb", name="Provinsi NTB", short_name="NTB",
                                kind=PemdaKind.PROVINSI, region_id="52")


@pytest.mark.django_db(transaction=True)
def test_rolled_back_transaction_queues_nothing():
    with pytest.raises(Boom), transaction.atomic():
        pemda = _pemda()
        enqueue_on_commit(record_run, pemda.pk)
        enqueue_on_commit(refresh_pemda_summary, pemda.pk)
        raise Boom

    assert runs == []
    assert cache.get(summary_cache_key(pemda.pk)) is None
    assert not Pemda.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_committed_transaction_runs_the_job_once_after_commit():
    with transaction.atomic():
        pemda = _pemda()
        enqueue_on_commit(record_run, pemda.pk)
        enqueue_on_commit(refresh_pemda_summary, pemda.pk)
        assert runs == [], "the job ran before the transaction committed"

    assert runs == [pemda.pk]
    assert cache.get(summary_cache_key(pemda.pk))["opd"] == 0


@pytest.mark.django_db(transaction=True)
def test_inner_rollback_drops_only_its_own_jobs():
    with transaction.atomic():
        pemda = _pemda()
        enqueue_on_commit(record_run, pemda.pk)
        with pytest.raises(Boom), transaction.atomic():
            enqueue_on_commit(record_run, -1)
            raise Boom

    assert runs == [pemda.pk]


@pytest.mark.django_db
def test_objects_are_refused_so_workers_reread_rows():
    pemda = _pemda()
    with pytest.raises(TypeError, match="Pemda.pk"):
        enqueue_on_commit(record_run, pemda)
    with pytest.raises(TypeError, match="Pemda.pk"):
        enqueue_on_commit(record_run, pemda_id=[pemda])
    with pytest.raises(TypeError, match="object"):
        enqueue_on_commit(record_run, object())


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_queue_is_logged_not_raised_after_commit(caplog):
    def queue_down(pemda_id):
        raise ConnectionError("queue unreachable")

    with transaction.atomic():
        pemda = _pemda()
        enqueue_on_commit(queue_down, pemda.pk)

    assert Pemda.objects.filter(pk=pemda.pk).exists()
    assert "Could not queue job queue_down" in caplog.text
