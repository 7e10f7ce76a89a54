"""Aggregates go to the catalog with small counts suppressed; indicators; the demo loader
builds posyandu with two years of sessions whose SKDN identity holds, and runs twice."""

import datetime

import pytest

from terbuka.core import indicators, publishing
from terbuka.core.tests.factories import make_pemda
from terbuka.posyandu import demo, publish, selectors, skdn
from terbuka.posyandu.models import Measurement, Posyandu, Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_ksb():
    from terbuka.core.demo import PEMDA, _places

    pemda = make_pemda("ksb", "52.07")
    spec = next(s for s in PEMDA if s.slug == "ksb")
    from terbuka.core.demo import DemoReport

    _places(pemda, spec, DemoReport())
    demo.load(pemda, children=6)
    return pemda


def test_demo_has_two_years_and_consistent_skdn(demo_ksb):
    pemda = demo_ksb
    assert Posyandu.objects.filter(pemda=pemda).count() >= 8
    months = sorted(set(Session.objects.filter(pemda=pemda).values_list("month", flat=True)))
    assert len(months) == 24
    for month in months[-3:]:
        for row in selectors.skdn_table(pemda=pemda, month=month, level="posyandu"):
            assert row["report"].problems == [], row
    assert Measurement.objects.filter(pemda=pemda, zwei__isnull=True).count() == 0
    before = Measurement.objects.count()
    demo.load(pemda, children=6)
    assert Measurement.objects.count() == before


def test_publish_suppresses_small_counts(demo_ksb):
    captured = []
    saved = (publishing._sink, publishing._sink_module)
    publishing.register_sink("satudata", lambda t: captured.append(t) or "ds-1")
    try:
        month = selectors.latest_month(pemda=demo_ksb)
        assert publish.publish_month(actor=None, pemda=demo_ksb, month=month) == "ds-1"
    finally:
        publishing._sink, publishing._sink_module = saved
    (table,) = captured
    assert table.key == f"skdn-desa-{month:%Y-%m}"
    for row in table.rows:
        for col in ("s", "d", "stunting", "bgm"):
            v = row[col]
            assert v == 0 or v == "<5" or v >= 5
        # A rate beside a hidden count or base would give the count back.
        if "<5" in (row["diukur_tb"], row["stunting"]):
            assert row["prevalensi_stunting"] is None
        if "<5" in (row["d"], row["s"]):
            assert row["d_s"] is None
    assert not any("name" in c.name and c.name != "nama_desa" for c in table.columns)


def test_indicators(demo_ksb):
    month = selectors.latest_month(pemda=demo_ksb)
    end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    stunting = indicators.value("posyandu.stunting_prevalence", demo_ksb, month, end)
    rows = selectors.skdn_table(pemda=demo_ksb, month=month, level="kabupaten")
    total = skdn.add(r["counts"] for r in rows)
    assert stunting == round(100 * total["stunted"] / total["len_base"], 1)
    share = indicators.value("posyandu.strata_share", demo_ksb, month.replace(month=1, day=1),
                             end.replace(year=month.year - 1))
    assert share is None or 0 <= share <= 100
    assert 0 < indicators.value("posyandu.participation", demo_ksb, month, end) <= 100
