"""Property: after any sequence of deposits, withdrawals, sales and cash movements over a month,
every customer's balance is deposits minus withdrawals to the rupiah, stock is deposited minus
sold to the gram, cash is what came in minus what went out, and every cached balance agrees
with the postings. Refused operations change nothing. Runs on SQLite and PostgreSQL."""

import datetime
import itertools
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terbuka.lingkungan import selectors, services
from terbuka.lingkungan.models import Nasabah, Stock, Unit

from .conftest import TODAY, make_unit, open_price

PRICES = {"pet": 3000, "kardus": 1750, "kaleng": 8250}
_serial = itertools.count()

weights = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("60"), places=3)
days_ago = st.integers(min_value=0, max_value=30)
lines = st.lists(st.tuples(st.sampled_from(sorted(PRICES)), weights), min_size=1, max_size=3,
                 unique_by=lambda t: t[0])
operation = st.one_of(
    st.tuples(st.just("deposit"), st.integers(0, 2), lines, days_ago),
    st.tuples(st.just("withdraw"), st.integers(0, 2),
              st.integers(min_value=1, max_value=150_000), days_ago),
    st.tuples(st.just("sell"), st.sampled_from(sorted(PRICES)), weights,
              st.integers(min_value=0, max_value=12_000), days_ago),
    st.tuples(st.just("cash_in"), st.integers(min_value=1, max_value=200_000), days_ago),
)


def _amount(kg: Decimal, price: int) -> Decimal:
    return (kg * price).quantize(Decimal(1), rounding=ROUND_HALF_UP)


@settings(max_examples=25, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=st.lists(operation, min_size=1, max_size=25))
def test_balances_and_stock_follow_the_recorded_transactions(banggai, types, ops):
    unit = make_unit(banggai, name=f"Bank Sampah Uji {next(_serial)}")
    for code, price in PRICES.items():
        open_price(unit, types[code], price)
    people = [services.nasabah_create(actor=None, unit=unit, name=f"Nasabah {i}",
                                      joined=TODAY() - datetime.timedelta(days=60))
              for i in range(3)]
    deposited = [Decimal(0)] * 3
    withdrawn = [Decimal(0)] * 3
    stock = dict.fromkeys(PRICES, Decimal(0))
    cash = Decimal(0)

    for op in ops:
        kind, on = op[0], TODAY() - datetime.timedelta(days=op[-1])
        if kind == "deposit":
            _, who, rows, _d = op
            services.deposit_record(actor=None, nasabah=people[who], date=on,
                                    lines=[(types[c], kg) for c, kg in rows])
            for code, kg in rows:
                deposited[who] += _amount(kg, PRICES[code])
                stock[code] += kg
        elif kind == "withdraw":
            _, who, amount, _d = op
            fits = amount <= deposited[who] - withdrawn[who] and amount <= cash
            try:
                services.withdrawal_record(actor=None, nasabah=people[who], amount=amount,
                                           date=on)
            except ValidationError:
                assert not fits, f"a withdrawal of {amount} that fits was refused"
            else:
                assert fits, f"a withdrawal of {amount} above balance or cash went through"
                withdrawn[who] += amount
                cash -= amount
        elif kind == "sell":
            _, code, kg, price, _d = op
            fits = kg <= stock[code]
            try:
                services.sale_record(actor=None, unit=unit, buyer_name="Pengepul Luwuk",
                                     buyer_kind="pengepul", lines=[(types[code], kg, price)],
                                     date=on)
            except ValidationError:
                assert not fits
            else:
                assert fits
                stock[code] -= kg
                cash += _amount(kg, price)
        else:
            _, amount, _d = op
            services.cash_record(actor=None, unit=unit, direction="in", amount=amount,
                                 note="Modal", date=on)
            cash += amount

    for i, person in enumerate(people):
        assert Nasabah.objects.get(pk=person.pk).balance == deposited[i] - withdrawn[i]
        passbook = selectors.passbook(actor=None, nasabah=person)
        assert (passbook[-1]["balance"] if passbook else 0) == deposited[i] - withdrawn[i]
    held = {s.waste_type.code: s.weight_kg
            for s in Stock.objects.filter(unit=unit).select_related("waste_type")}
    for code, kg in stock.items():
        assert held.get(code, Decimal(0)) == kg
    assert Unit.objects.get(pk=unit.pk).cash_balance == cash
    assert selectors.ledger_verify(unit) == []
