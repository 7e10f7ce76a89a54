"""Aggregates go to Satu Data through core.publishing, suppressed, without names."""

import pytest

from terbuka.core import publishing
from terbuka.gotongroyong import services
from terbuka.gotongroyong.publish import publish_all

from .conftest import TODAY


@pytest.fixture
def sink():
    received = []
    before = (publishing._sink, publishing._sink_module)
    publishing.register_sink("satudata", lambda table: received.append(table) or table.key)
    yield received
    publishing._sink, publishing._sink_module = before


@pytest.mark.django_db
def test_projects_and_sanitation_are_published(ksb, project, sanitasi, dusun, sink):
    services.household_record(actor=None, programme=sanitasi, dusun=dusun, head_name="Amaq Rudi",
                              latrine="layak", recorded_on=TODAY)
    refs = publish_all(ksb)
    assert refs == ["proyek-per-desa", f"stbm-{sanitasi.slug}"]
    projects, stbm = sink
    (row,) = projects.rows
    assert row["jenis"] == "stimulan" and row["dana_pemerintah"] == 30_000_000
    (row,) = stbm.rows
    assert row["jumlah_kk"] == "<5"  # one household: suppressed
    assert row["status_odf"] == "awaiting_verification"
    assert "Amaq Rudi" not in repr(stbm.rows)
