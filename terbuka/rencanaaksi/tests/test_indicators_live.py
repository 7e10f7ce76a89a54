"""A commitment linked to another module's indicator shows its monthly values; nothing when
that module is switched off."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from terbuka.core import indicators
from terbuka.rencanaaksi import selectors, services
from terbuka.rencanaaksi.tests.conftest import add_commitment


@pytest.fixture
def fake_indicator():
    def compute(pemda, start, end):
        return float(start.month * 10)  # a different value per month, to see the series

    indicator = indicators.register(indicators.Indicator(
        key="fakeaduan.on_time", module="fakeaduan", label="Aduan dijawab tepat waktu",
        unit="%", compute=compute))
    yield indicator
    indicators._indicators.pop(indicator.key, None)


def test_unknown_indicator_is_refused(consortium, ntb):
    c = add_commitment(consortium, ntb)
    with pytest.raises(ValidationError) as exc:
        services.indicator_link(actor=None, commitment=c, key="nobody.nothing")
    assert "key" in exc.value.message_dict


def test_commitment_shows_monthly_values(consortium, ntb, fake_indicator):
    c = add_commitment(consortium, ntb, start=dt.date(2022, 1, 1), end=dt.date(2023, 6, 30))
    services.indicator_link(actor=None, commitment=c, key="fakeaduan.on_time", target=90)
    (series,) = selectors.indicator_series(c, today=dt.date(2022, 4, 15))
    assert series.available
    assert series.points == [("2022-01", 10.0), ("2022-02", 20.0), ("2022-03", 30.0),
                             ("2022-04", 40.0)]
    assert series.latest == 40.0 and series.target == 90


def test_switched_off_module_gives_an_empty_state(consortium, ntb, fake_indicator):
    c = add_commitment(consortium, ntb)
    services.indicator_link(actor=None, commitment=c, key="fakeaduan.on_time")
    ntb.modules = ["rencanaaksi"]
    ntb.save()
    (series,) = selectors.indicator_series(c, today=dt.date(2022, 4, 15))
    assert not series.available and series.points == []


def test_bars_of_a_share_are_drawn_against_100(consortium, ntb, fake_indicator):
    c = add_commitment(consortium, ntb, start=dt.date(2022, 1, 1), end=dt.date(2023, 6, 30))
    services.indicator_link(actor=None, commitment=c, key="fakeaduan.on_time")
    (series,) = selectors.indicator_series(c, today=dt.date(2022, 3, 15))
    assert series.peak == 100.0  # values are 10, 20, 30 %
