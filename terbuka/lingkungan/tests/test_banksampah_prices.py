"""Prices are a history: deposits keep their day's price; no edit reaches back."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from terbuka.lingkungan import services
from terbuka.lingkungan.models import TransaksiLine, WastePrice

from .conftest import TODAY


def test_a_new_price_leaves_past_deposits_alone(unit, nasabah, types):
    yesterday = TODAY() - datetime.timedelta(days=1)
    old = services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "2")],
                                  date=yesterday)
    services.price_set(actor=None, unit=unit, waste_type=types["pet"], price_per_kg="3500")
    new = services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "2")])
    assert TransaksiLine.objects.get(transaksi=old).price_per_kg == 3000
    assert old.amount == 6000 and new.amount == 7000
    # A deposit dated yesterday, recorded late, still gets yesterday's price.
    late = services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["kaleng"], "1")],
                                   date=yesterday)
    assert late.amount == 8000
    assert services.price_on(unit, types["pet"], yesterday).price_per_kg == 3000


def test_price_edits_on_the_past_are_refused(unit, nasabah, types):
    with pytest.raises(ValidationError) as err:
        services.price_set(actor=None, unit=unit, waste_type=types["pet"], price_per_kg="1",
                           valid_from=TODAY() - datetime.timedelta(days=5))
    assert "cannot start in the past" in str(err.value.message_dict["valid_from"])
    services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "1")])
    with pytest.raises(ValidationError) as err:
        services.price_set(actor=None, unit=unit, waste_type=types["pet"], price_per_kg="1")
    assert "already deposited on" in str(err.value.message_dict["valid_from"])
    tomorrow = TODAY() + datetime.timedelta(days=1)
    services.price_set(actor=None, unit=unit, waste_type=types["pet"], price_per_kg="3200",
                       valid_from=tomorrow)
    # The same future day again replaces the figure rather than adding a second price.
    services.price_set(actor=None, unit=unit, waste_type=types["pet"], price_per_kg="3300",
                       valid_from=tomorrow)
    assert list(WastePrice.objects.filter(unit=unit, waste_type=types["pet"], valid_from=tomorrow)
                .values_list("price_per_kg", flat=True)) == [Decimal(3300)]
    with pytest.raises(ValidationError):
        services.price_set(actor=None, unit=unit, waste_type=types["pet"], price_per_kg="-1")


def test_a_price_from_another_pemda_is_refused(unit):
    from terbuka.core.tests.factories import KSB, make_pemda

    ksb = make_pemda("ksb", KSB)
    foreign = services.waste_type_create(actor=None, pemda=ksb, code="pet", name="PET",
                                         category="plastik")
    with pytest.raises(ValidationError) as err:
        services.price_set(actor=None, unit=unit, waste_type=foreign, price_per_kg="1")
    assert "another regional government" in str(err.value)
