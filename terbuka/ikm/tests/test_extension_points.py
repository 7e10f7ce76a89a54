"""What ikm offers the platform: the ikm.score indicator, publication to Satu Data, demo."""

import datetime
from io import StringIO

import pytest

from terbuka.core import indicators, publishing
from terbuka.ikm import services
from terbuka.ikm.demo import load
from terbuka.ikm.models import Response, SurveyPeriod
from terbuka.ikm.tests.conftest import PROFILE, answers

pytestmark = pytest.mark.django_db


def test_ikm_score_indicator_pools_the_period(unit, ksb):
    day = datetime.date(2026, 5, 10)
    for value in (4, 2):
        services.response_submit(actor=None, unit=unit, answers=answers(value),
                                 submitted_on=day, **PROFILE)
    value = indicators.value("ikm.score", ksb, datetime.date(2026, 5, 1),
                             datetime.date(2026, 5, 31))
    assert value == 75.0  # mean answer 3 → 3 × 25
    assert indicators.value("ikm.score", ksb, datetime.date(2026, 6, 1),
                            datetime.date(2026, 6, 30)) is None


@pytest.fixture
def sink():
    tables = []
    previous = (publishing._sink, publishing._sink_module)
    publishing.register_sink("satudata", lambda table: tables.append(table) or "ikm-ksb")
    yield tables
    publishing.register_sink("satudata", previous[0]) if previous[0] else None
    publishing._sink, publishing._sink_module = previous


def test_publication_suppresses_small_respondent_counts(unit, ksb, sink):
    services.period_create(actor=None, unit=unit, name="S1", start="2026-01-01",
                           end="2026-06-30")
    for _ in range(3):
        services.response_submit(actor=None, unit=unit, answers=answers(3),
                                 submitted_on=datetime.date(2026, 2, 2), **PROFILE)
    assert services.results_publish(actor=None, pemda=ksb) == "ikm-ksb"
    (table,) = sink
    (row,) = table.rows
    assert row["responden"] == "<5" and row["ikm"] == 75.0 and row["mutu"] == "C"
    assert table.module == "ikm" and table.key == "ikm-unit-layanan"


def test_demo_loader_is_idempotent_and_scores_every_unit(unit, ksb):
    out = StringIO()
    first = load(ksb, out)
    assert first > 0 and "ikm:" in out.getvalue()
    assert load(ksb, StringIO()) == 0
    assert SurveyPeriod.objects.filter(unit=unit).count() == 2
    assert Response.objects.filter(unit=unit).count() == first
