"""Bank sampah bookkeeping as plain arithmetic over Decimal (no Django).

Money is whole rupiah; weights are kilograms to the gram. A line's amount is weight × price
rounded half up to the rupiah, the way a cashier rounds. Each transaction kind becomes a fixed
pair of accounts (double entry), so every balance is a sum over postings:

| transaction | debit       | credit          | effect                              |
|-------------|-------------|-----------------|-------------------------------------|
| setoran     | pembelian   | tabungan (who)  | the customer's savings grow          |
| penarikan   | tabungan    | kas             | savings and cash shrink              |
| penjualan   | kas         | penjualan       | cash grows                           |
| kas_masuk   | kas         | modal / lain    | cash grows (capital, grant, other)   |
| kas_keluar  | beban       | kas             | cash shrinks (operating expense)     |

Savings are a liability of the unit (credit-normal); cash is an asset (debit-normal).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

RUPIAH = Decimal("1")
GRAM = Decimal("0.001")
ZERO = Decimal("0")

MAX_WEIGHT_KG = Decimal("100000")  # 100 t in one line is a typing mistake, not a deposit
MAX_PRICE = Decimal("10000000")

DEBIT_NORMAL = frozenset({"kas", "pembelian", "beban"})

PAIRS = {
    "setoran": ("pembelian", "tabungan"),
    "penarikan": ("tabungan", "kas"),
    "penjualan": ("kas", "penjualan"),
    "kas_masuk": ("kas", "modal"),
    "kas_keluar": ("beban", "kas"),
}


class BadNumber(ValueError):
    """A value that is not a usable number; `reason` is one of: not_a_number, negative,
    zero, too_precise, too_large."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def parse_decimal(value, *, places: int, positive: bool = True, maximum: Decimal) -> Decimal:
    """`value` (str, int or Decimal; floats are refused as inexact) as a Decimal with at most
    `places` decimal places, > 0 when `positive`, else >= 0, and not above `maximum`."""
    if isinstance(value, (bool, float)):
        raise BadNumber("not_a_number")
    if isinstance(value, str):
        value = value.strip().replace(",", ".")
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise BadNumber("not_a_number") from None
    if not number.is_finite():
        raise BadNumber("not_a_number")
    if number < 0:
        raise BadNumber("negative")
    if positive and number == 0:
        raise BadNumber("zero")
    if number > maximum:
        raise BadNumber("too_large")
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise BadNumber("too_precise")
    return number.quantize(Decimal(1).scaleb(-places))


def parse_weight(value) -> Decimal:
    return parse_decimal(value, places=3, maximum=MAX_WEIGHT_KG)


def parse_money(value, *, positive: bool = True) -> Decimal:
    return parse_decimal(value, places=0, positive=positive, maximum=MAX_PRICE * 1000)


def line_amount(weight_kg: Decimal, price_per_kg: Decimal) -> Decimal:
    return (weight_kg * price_per_kg).quantize(RUPIAH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Entry:
    debit: str
    credit: str
    amount: Decimal
    nasabah: int | None = None


def entries_for(kind: str, amount: Decimal, nasabah: int | None = None,
                credit: str | None = None) -> list[Entry]:
    """The postings of one transaction. A zero amount (a deposit of free waste) posts
    nothing: the weight still counts towards stock and tonnage."""
    debit_account, credit_account = PAIRS[kind]
    if credit is not None:  # kas_masuk may credit other income instead of capital
        credit_account = credit
    if amount == 0:
        return []
    return [Entry(debit_account, credit_account, amount, nasabah)]


def account_balances(entries: Iterable[Entry]) -> dict[tuple[str, int | None], Decimal]:
    """{(account, nasabah or None): balance}, each in its normal direction (cash as held,
    savings as owed to the customer)."""
    out: dict[tuple[str, int | None], Decimal] = defaultdict(lambda: ZERO)
    for e in entries:
        sign = 1 if e.debit in DEBIT_NORMAL else -1
        out[(e.debit, e.nasabah if e.debit == "tabungan" else None)] += sign * e.amount
        sign = -1 if e.credit in DEBIT_NORMAL else 1
        out[(e.credit, e.nasabah if e.credit == "tabungan" else None)] += sign * e.amount
    return dict(out)


def month_start(day):
    return day.replace(day=1)
