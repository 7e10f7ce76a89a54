"""Open data into Satu Data through core.publishing: commitments with progress, and
co-creation participation with small counts suppressed; a job and a command publish them."""

import io

import pytest
from django.core.management import call_command

from terbuka.core import publishing
from terbuka.rencanaaksi import demo, opendata, tasks


@pytest.fixture
def sink():
    received = []
    saved = (publishing._sink, publishing._sink_module)
    publishing.register_sink("satudata", lambda table: received.append(table) or f"ds-{table.key}")
    yield received
    publishing._sink, publishing._sink_module = saved


def test_tables_reach_the_sink_with_small_counts_suppressed(ntb, ksb, sink):
    demo.load(ntb, io.StringIO())
    sink.clear()
    refs = opendata.publish_pemda(ksb)
    # KSB coordinates no plan, so it has no participation table: an empty one is not sent.
    assert refs == ["ds-commitments", None]
    (commitments,) = sink
    assert len(commitments.rows) == 6 and {r["pemda"] for r in commitments.rows} == {"ksb"}
    assert all(0 <= r["progress_percent"] <= 100 for r in commitments.rows)
    sink.clear()
    opendata.publish_pemda(ntb)
    rows = sink[1].rows
    assert rows and any(r["men"] == "<5" or r["women"] == "<5" for r in rows)
    assert all(not isinstance(r["women"], int) or r["women"] == 0 or r["women"] >= 5
               for r in rows)


def test_switched_off_catalog_gets_nothing(ntb, sink):
    ntb.modules = ["rencanaaksi"]
    ntb.save()
    assert opendata.publish_pemda(ntb) == [None, None]
    assert sink == []


def test_task_and_command(ntb, ksb, sink):
    tasks.publish_pemda.call_local(ntb.pk)
    assert sink == []  # nothing to publish yet: no empty tables
    demo.load(ntb, io.StringIO())
    sink.clear()
    tasks.publish_pemda.call_local(ntb.pk)
    assert [t.key for t in sink] == ["commitments", "co-creation-participation"]
    out = io.StringIO()
    call_command("rencanaaksi_publish", "ntb", stdout=out)
    assert "ntb: ds-commitments, ds-co-creation-participation" in out.getvalue()
