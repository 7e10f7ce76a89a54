"""The pure bookkeeping module: parsing, rounding, double entry."""

from decimal import Decimal

import pytest

from terbuka.lingkungan import ledger


@pytest.mark.parametrize("raw,expected", [
    ("1.5", Decimal("1.500")), ("2,25", Decimal("2.250")), (3, Decimal("3.000")),
    (Decimal("0.001"), Decimal("0.001")), (" 10 ", Decimal("10.000")),
])
def test_weights_are_exact_decimals(raw, expected):
    assert ledger.parse_weight(raw) == expected


@pytest.mark.parametrize("raw,reason", [
    ("-1", "negative"), ("0", "zero"), ("abc", "not_a_number"), (1.5, "not_a_number"),
    ("NaN", "not_a_number"), ("Infinity", "not_a_number"), ("0.0001", "too_precise"),
    ("100001", "too_large"), (True, "not_a_number"), (None, "not_a_number"),
])
def test_bad_weights_say_why(raw, reason):
    with pytest.raises(ledger.BadNumber) as err:
        ledger.parse_weight(raw)
    assert err.value.reason == reason


def test_money_is_whole_rupiah():
    assert ledger.parse_money("2500") == Decimal("2500")
    assert ledger.parse_money("0", positive=False) == 0
    with pytest.raises(ledger.BadNumber):
        ledger.parse_money("2500.5")


@pytest.mark.parametrize("kg,price,amount", [
    ("1.250", 3000, 3750), ("0.333", 1750, 583), ("0.001", 500, 1), ("0.001", 499, 0),
    ("2.5", 1, 3),  # 2.5 rounds half up
])
def test_line_amount_rounds_half_up_to_the_rupiah(kg, price, amount):
    assert ledger.line_amount(Decimal(kg), Decimal(price)) == Decimal(amount)


def test_each_kind_posts_one_balanced_pair_and_balances_follow():
    entries = (
        ledger.entries_for("setoran", Decimal(5000), nasabah=1)
        + ledger.entries_for("setoran", Decimal(2000), nasabah=2)
        + ledger.entries_for("kas_masuk", Decimal(10000))
        + ledger.entries_for("penarikan", Decimal(1500), nasabah=1)
        + ledger.entries_for("penjualan", Decimal(6000))
        + ledger.entries_for("kas_keluar", Decimal(500))
    )
    balances = ledger.account_balances(entries)
    assert balances[("tabungan", 1)] == 3500
    assert balances[("tabungan", 2)] == 2000
    assert balances[("kas", None)] == 10000 - 1500 + 6000 - 500
    assert balances[("pembelian", None)] == 7000
    assert balances[("penjualan", None)] == 6000
    # Double entry: what the debit-normal accounts hold equals what the others owe.
    debit_side = sum(v for (a, _n), v in balances.items() if a in ledger.DEBIT_NORMAL)
    credit_side = sum(v for (a, _n), v in balances.items() if a not in ledger.DEBIT_NORMAL)
    assert debit_side == credit_side


def test_a_free_deposit_posts_nothing():
    assert ledger.entries_for("setoran", Decimal(0), nasabah=1) == []
