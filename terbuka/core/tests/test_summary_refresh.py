"""The public counts on a pemda's home page follow the services' writes, through the queue."""

import pytest
from django.db import transaction

from terbuka.core import services
from terbuka.core.tasks import pemda_summary_cached
from terbuka.core.tests.factories import first_desa, make_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def ksb():
    return make_pemda("ksb")


def test_writes_refresh_the_counts_once_committed(ksb, django_capture_on_commit_callbacks):
    before = pemda_summary_cached(ksb.pk)
    assert before["opd"] == 0 and before["posyandu"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        opd = services.opd_create(actor=None, pemda=ksb, name="Dinas Kesehatan", kind="dinas")
        services.unit_layanan_create(actor=None, opd=opd, name="Loket Terpadu")
        services.place_create(actor=None, pemda=ksb, kind="posyandu", name="Melati",
                              region_code=first_desa(ksb.region_id))

    after = pemda_summary_cached(ksb.pk)
    assert (after["opd"], after["unit_layanan"], after["posyandu"]) == (1, 1, 1)


def test_a_rolled_back_write_queues_nothing(ksb, django_capture_on_commit_callbacks):
    pemda_summary_cached(ksb.pk)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.opd_create(actor=None, pemda=ksb, name="Dinas Sosial", kind="dinas")
        raise RuntimeError("abort")
    assert callbacks == []
    assert pemda_summary_cached(ksb.pk)["opd"] == 0


def test_home_page_shows_the_counts(ksb, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.place_create(actor=None, pemda=ksb, kind="posyandu", name="Mawar",
                              region_code=first_desa(ksb.region_id))
    html = client.get("/ksb/").content.decode()
    assert "Posyandu terdaftar</dt><dd>1</dd>" in html
    kecamatan = ksb.region.children.count()
    assert f"Kecamatan</dt><dd>{kecamatan}</dd>" in html
