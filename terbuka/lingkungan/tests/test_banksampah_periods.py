"""Closing a month: nothing can be dated in it afterwards."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from terbuka.lingkungan import ledger, services
from terbuka.lingkungan.models import Transaksi

from .conftest import TODAY


def test_no_postings_in_a_closed_month(unit, nasabah, types):
    last_month = ledger.month_start(TODAY()) - datetime.timedelta(days=1)
    services.cash_record(actor=None, unit=unit, direction="in", amount="10000", note="Modal",
                         date=last_month)
    services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "1")],
                            date=last_month)
    period = services.period_close(actor=None, unit=unit, month=last_month.strftime("%Y-%m"))
    assert (period.cash_balance, period.savings_total) == (10000, 3000)
    before = Transaksi.objects.count()
    with pytest.raises(ValidationError) as err:
        services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "1")],
                                date=last_month)
    assert "are closed" in str(err.value.message_dict["date"])
    with pytest.raises(ValidationError):
        services.withdrawal_record(actor=None, nasabah=nasabah, amount="1000", date=last_month)
    assert Transaksi.objects.count() == before
    # Today is in an open month.
    services.withdrawal_record(actor=None, nasabah=nasabah, amount="1000")


def test_the_current_month_cannot_be_closed_nor_a_month_twice(unit):
    with pytest.raises(ValidationError) as err:
        services.period_close(actor=None, unit=unit, month=TODAY())
    assert "has not ended" in str(err.value)
    previous = ledger.month_start(TODAY()) - datetime.timedelta(days=1)
    services.period_close(actor=None, unit=unit, month=previous)
    with pytest.raises(ValidationError) as err:
        services.period_close(actor=None, unit=unit, month=previous)
    assert err.value.error_dict["month"][0].code == "unique"
