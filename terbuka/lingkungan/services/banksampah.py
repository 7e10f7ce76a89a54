"""Writes of the bank sampah: units, waste types, prices, customers and the ledger.

Every posting goes through `_record`, which locks the unit row (then the customer's), refuses
a date in a closed month, writes the transaction, its lines and its postings, and moves the
cached balances in the same database transaction. The cached columns carry check constraints
(never below zero), so even a bug that skipped a check here would be refused by the database.
Locking the unit first on every posting serialises a unit's bookkeeping and fixes the lock
order, so two cashiers cannot overdraw an account or deadlock each other.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from terbuka.core import audit
from terbuka.core.policy import Target
from terbuka.lingkungan import ledger
from terbuka.lingkungan.models import (
    Account,
    BuyerKind,
    Nasabah,
    NasabahKind,
    PeriodClose,
    Posting,
    Stock,
    Transaksi,
    TransaksiKind,
    TransaksiLine,
    Unit,
    UnitKind,
    WasteCategory,
    WastePrice,
    WasteType,
)
from terbuka.lingkungan.selectors import balances_at
from terbuka.lingkungan.services._common import (
    choice,
    day,
    desa,
    duplicate,
    error,
    money,
    require,
    same_pemda,
    text,
    weight,
)

NUMBER_PREFIX = {
    TransaksiKind.SETORAN: "ST",
    TransaksiKind.PENARIKAN: "TR",
    TransaksiKind.PENJUALAN: "JL",
    TransaksiKind.KAS_MASUK: "KM",
    TransaksiKind.KAS_KELUAR: "KK",
}


def rupiah(amount: Decimal) -> str:
    return "Rp " + number_format(amount, decimal_pos=0, force_grouping=True)


def unit_target(unit: Unit) -> Target:
    return Target(unit.pemda_id, region_code=unit.region_id)


# --- units, waste types, prices, customers -----------------------------------------------------


@transaction.atomic
def unit_create(*, actor, pemda, name: str, kind: str, region_code: str, manager_name: str,
                address: str = "", manager_phone: str = "", founded=None,
                request=None) -> Unit:
    region = desa(pemda, region_code)
    require(actor, "lingkungan.unit.manage", Target(pemda.pk, region_code=region.code))
    name = text(name, "name", required=True, max_length=160)
    kind = choice(kind, UnitKind, "kind")
    if Unit.objects.filter(pemda=pemda, name__iexact=name).exists():
        raise duplicate("name", _("A bank sampah named “%(name)s” already exists.")
                        % {"name": name})
    unit = Unit.objects.create(
        pemda=pemda, name=name, kind=kind, region=region,
        address=text(address, "address", max_length=300),
        manager_name=text(manager_name, "manager_name", required=True, max_length=160),
        manager_phone=text(manager_phone, "manager_phone", max_length=40),
        founded=day(founded, "founded", required=False),
    )
    audit.record(actor=actor, action="lingkungan.unit.create", obj=unit, pemda=pemda,
                 request=request, changes=audit.diff({}, {
                     "name": name, "kind": kind, "region": region.code,
                     "manager_name": unit.manager_name}))
    return unit


@transaction.atomic
def waste_type_create(*, actor, pemda, code: str, name: str, category: str,
                      request=None) -> WasteType:
    require(actor, "lingkungan.wastetype.manage", Target(pemda.pk))
    code = text(code, "code", required=True, max_length=30).lower()
    if not code.replace("-", "").replace("_", "").isalnum() or not code.isascii():
        raise error("code", _("“%(code)s”: use letters, digits, - and _ only.") % {"code": code})
    name = text(name, "name", required=True, max_length=120)
    category = choice(category, WasteCategory, "category")
    if WasteType.objects.filter(pemda=pemda, code=code).exists():
        raise duplicate("code", _("The waste type code “%(code)s” is already used.")
                        % {"code": code})
    waste_type = WasteType.objects.create(pemda=pemda, code=code, name=name, category=category)
    audit.record(actor=actor, action="lingkungan.wastetype.create", obj=waste_type, pemda=pemda,
                 request=request,
                 changes=audit.diff({}, {"code": code, "name": name, "category": category}))
    return waste_type


def price_on(unit: Unit, waste_type: WasteType, on: datetime.date) -> WastePrice | None:
    return (WastePrice.objects.filter(unit=unit, waste_type=waste_type, valid_from__lte=on)
            .order_by("-valid_from").first())


@transaction.atomic
def price_set(*, actor, unit: Unit, waste_type: WasteType, price_per_kg: Any,
              valid_from: Any = None, request=None) -> WastePrice:
    """A new buying price from `valid_from` (today when not given) on. Prices are history: a
    price may not start in the past, nor on or before the last deposit of that waste type at
    the unit, so no recorded deposit ever stands beside a price it did not get."""
    require(actor, "lingkungan.unit.manage", unit_target(unit))
    same_pemda(waste_type, unit.pemda, "waste_type")
    price = money(price_per_kg, "price_per_kg", positive=False)
    today = timezone.localdate()
    valid_from = day(valid_from, "valid_from", not_future=False) if valid_from else today
    Unit.objects.select_for_update().get(pk=unit.pk)  # no deposit slips in meanwhile
    if valid_from < today:
        raise error("valid_from", _(
            "A price cannot start in the past (%(date)s): deposits made since then kept the "
            "price of their day. Give today or a later date.") % {"date": valid_from.isoformat()})
    last = (TransaksiLine.objects.filter(transaksi__unit=unit, waste_type=waste_type,
                                         transaksi__kind=TransaksiKind.SETORAN)
            .order_by("-transaksi__date").values_list("transaksi__date", flat=True).first())
    if last is not None and valid_from <= last:
        raise error("valid_from", _(
            "%(type)s was already deposited on %(last)s at the old price; a new price can "
            "start on %(next)s at the earliest.") % {
            "type": waste_type.name, "last": last.isoformat(),
            "next": (last + datetime.timedelta(days=1)).isoformat()})
    existing = WastePrice.objects.filter(unit=unit, waste_type=waste_type,
                                         valid_from=valid_from).first()
    before = {"price_per_kg": existing.price_per_kg} if existing else {}
    if existing is not None:
        # Same day, no deposit has used it yet (checked above): the new figure replaces it.
        WastePrice.objects.filter(pk=existing.pk).update(price_per_kg=price)
        existing.price_per_kg = price
        row = existing
    else:
        row = WastePrice.objects.create(unit=unit, waste_type=waste_type, valid_from=valid_from,
                                        price_per_kg=price)
    audit.record(actor=actor, action="lingkungan.price.set", obj=row, pemda=unit.pemda,
                 request=request, changes=audit.diff(before, {
                     "price_per_kg": price, "valid_from": valid_from.isoformat(),
                     "unit": unit.name, "waste_type": waste_type.code}))
    return row


@transaction.atomic
def nasabah_create(*, actor, unit: Unit, name: str, kind: str = NasabahKind.PERORANGAN,
                   phone: str = "", address: str = "", joined: Any = None,
                   number: str = "", request=None) -> Nasabah:
    require(actor, "lingkungan.unit.manage", unit_target(unit))
    name = text(name, "name", required=True, max_length=160)
    kind = choice(kind, NasabahKind, "kind")
    joined = day(joined, "joined") if joined else timezone.localdate()
    Unit.objects.select_for_update().get(pk=unit.pk)  # numbers are given out one at a time
    number = text(number, "number", max_length=20)
    if not number:
        number = f"{Nasabah.objects.filter(unit=unit).count() + 1:05d}"
        while Nasabah.objects.filter(unit=unit, number=number).exists():
            number = f"{int(number) + 1:05d}"
    elif Nasabah.objects.filter(unit=unit, number=number).exists():
        raise duplicate("number", _("Account number %(number)s is already used at %(unit)s.")
                        % {"number": number, "unit": unit.name})
    nasabah = Nasabah.objects.create(
        unit=unit, number=number, name=name, kind=kind, joined=joined,
        phone=text(phone, "phone", max_length=40),
        address=text(address, "address", max_length=300),
    )
    audit.record(actor=actor, action="lingkungan.nasabah.create", obj=nasabah,
                 pemda=unit.pemda, request=request,
                 changes=audit.diff({}, {"unit": unit.name, "number": number, "kind": kind}))
    return nasabah


# --- the ledger --------------------------------------------------------------------------------


def _check_open(unit: Unit, on: datetime.date) -> None:
    if PeriodClose.objects.filter(unit=unit, month=ledger.month_start(on)).exists():
        raise error("date", _("The books of %(unit)s for %(month)s are closed; nothing can be "
                              "recorded on %(date)s any more.") % {
            "unit": unit.name, "month": on.strftime("%m/%Y"), "date": on.isoformat()})


def _next_number(unit: Unit, kind: str, on: datetime.date) -> str:
    prefix = f"{NUMBER_PREFIX[kind]}{on:%y%m}-"
    count = Transaksi.objects.filter(unit=unit, number__startswith=prefix).count()
    return f"{prefix}{count + 1:05d}"


def _lock(unit: Unit) -> Unit:
    return Unit.objects.select_for_update().select_related("pemda").get(pk=unit.pk)


def _record(*, actor, unit: Unit, kind: str, on: datetime.date, amount: Decimal,
            nasabah: Nasabah | None = None, lines: Sequence[tuple] = (), credit=None,
            buyer_name: str = "", buyer_kind: str = "", note: str = "",
            request=None) -> Transaksi:
    """Write one transaction with its lines and postings and move the caches. The caller has
    locked the unit (and the customer) and checked the amounts against them."""
    _check_open(unit, on)
    trx = Transaksi.objects.create(
        unit=unit, kind=kind, date=on, number=_next_number(unit, kind, on), nasabah=nasabah,
        buyer_name=buyer_name, buyer_kind=buyer_kind, amount=amount, note=note,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    TransaksiLine.objects.bulk_create([
        TransaksiLine(transaksi=trx, waste_type=wt, weight_kg=kg, price_per_kg=price, amount=amt)
        for wt, kg, price, amt in lines
    ])
    entries = ledger.entries_for(kind, amount, nasabah.pk if nasabah else None, credit)
    Posting.objects.bulk_create([
        Posting(transaksi=trx, unit=unit, date=on, debit=e.debit, credit=e.credit,
                nasabah=nasabah if Account.TABUNGAN in (e.debit, e.credit) else None,
                amount=e.amount)
        for e in entries
    ])
    balances = ledger.account_balances(entries)
    cash = balances.get((Account.KAS, None))
    if cash:
        unit.cash_balance += cash
        Unit.objects.filter(pk=unit.pk).update(cash_balance=unit.cash_balance)
    if nasabah is not None:
        savings = balances.get((Account.TABUNGAN, nasabah.pk))
        if savings:
            nasabah.balance += savings
            Nasabah.objects.filter(pk=nasabah.pk).update(balance=nasabah.balance)
    sign = 1 if kind == TransaksiKind.SETORAN else -1
    for wt, kg, _price, _amt in lines:
        stock, _created = Stock.objects.select_for_update().get_or_create(
            unit=unit, waste_type=wt)
        stock.weight_kg += sign * kg
        Stock.objects.filter(pk=stock.pk).update(weight_kg=stock.weight_kg)
    audit.record(actor=actor, action=f"lingkungan.{kind}.create", obj=trx, pemda=unit.pemda,
                 request=request, changes={
                     "number": trx.number, "date": on.isoformat(), "amount": str(amount),
                     "nasabah": nasabah.number if nasabah else "",
                     "lines": [[wt.code, str(kg), str(price)] for wt, kg, price, _a in lines]})
    return trx


def _waste_lines(unit: Unit, raw: Iterable, *, with_price: bool) -> list[tuple]:
    """[(WasteType, weight, price)] from input rows of (waste_type or its id, weight[, price]);
    one waste type at most once."""
    rows = list(raw or [])
    if not rows:
        raise error("lines", _("Weigh at least one waste type."))
    out, seen = [], set()
    for index, row in enumerate(rows):
        field = f"lines.{index}"
        if not isinstance(row, (list, tuple)) or len(row) != (3 if with_price else 2):
            raise error(field, _("Expected a waste type, a weight and a price.") if with_price
                        else _("Expected a waste type and a weight."))
        wt = row[0]
        if not isinstance(wt, WasteType):
            wt = WasteType.objects.filter(pemda_id=unit.pemda_id, pk=wt).first() if (
                isinstance(wt, int) or (isinstance(wt, str) and wt.isdigit())) else None
            if wt is None:
                raise error(f"{field}.waste_type", _("Unknown waste type “%(value)s”.")
                            % {"value": row[0]})
        same_pemda(wt, unit.pemda, f"{field}.waste_type")
        if wt.pk in seen:
            raise error(f"{field}.waste_type", _("%(type)s is listed twice; weigh it once.")
                        % {"type": wt.name})
        seen.add(wt.pk)
        kg = weight(row[1], f"{field}.weight_kg")
        price = money(row[2], f"{field}.price_per_kg", positive=False) if with_price else None
        out.append((wt, kg, price))
    return out


@transaction.atomic
def deposit_record(*, actor, nasabah: Nasabah, lines: Iterable, date: Any = None,
                   note: str = "", request=None) -> Transaksi:
    """A customer brings sorted waste: each type is weighed and bought at the unit's price of
    that day; the total goes to the customer's savings."""
    unit = nasabah.unit
    require(actor, "lingkungan.ledger.post", unit_target(unit))
    on = day(date, "date") if date else timezone.localdate()
    note = text(note, "note", max_length=300)
    unit = _lock(unit)
    nasabah = Nasabah.objects.select_for_update().get(pk=nasabah.pk)
    if not nasabah.is_active:
        raise error("nasabah", _("Account %(number)s is closed.") % {"number": nasabah.number})
    if on < nasabah.joined:
        raise error("date", _("%(date)s is before %(name)s joined (%(joined)s).") % {
            "date": on.isoformat(), "name": nasabah.name, "joined": nasabah.joined.isoformat()})
    priced = []
    for index, (wt, kg, _none) in enumerate(_waste_lines(unit, lines, with_price=False)):
        price = price_on(unit, wt, on)
        if price is None:
            raise error(f"lines.{index}.waste_type", _(
                "%(unit)s has no buying price for %(type)s on %(date)s; set one first.") % {
                "unit": unit.name, "type": wt.name, "date": on.isoformat()})
        priced.append((wt, kg, price.price_per_kg,
                       ledger.line_amount(kg, price.price_per_kg)))
    total = sum((row[3] for row in priced), ledger.ZERO)
    return _record(actor=actor, unit=unit, kind=TransaksiKind.SETORAN, on=on, amount=total,
                   nasabah=nasabah, lines=priced, note=note, request=request)


@transaction.atomic
def withdrawal_record(*, actor, nasabah: Nasabah, amount: Any, date: Any = None,
                      note: str = "", request=None) -> Transaksi:
    """A customer takes money out of their savings, paid from the unit's cash."""
    unit = nasabah.unit
    require(actor, "lingkungan.ledger.post", unit_target(unit))
    amount = money(amount, "amount")
    on = day(date, "date") if date else timezone.localdate()
    note = text(note, "note", max_length=300)
    unit = _lock(unit)
    nasabah = Nasabah.objects.select_for_update().get(pk=nasabah.pk)
    if amount > nasabah.balance:
        raise error("amount", _("%(amount)s is more than the savings balance of %(name)s "
                                "(%(balance)s).") % {
            "amount": rupiah(amount), "name": nasabah.name, "balance": rupiah(nasabah.balance)})
    if amount > unit.cash_balance:
        raise error("amount", _("%(unit)s has only %(cash)s in cash; %(amount)s cannot be paid "
                                "out now.") % {
            "unit": unit.name, "cash": rupiah(unit.cash_balance), "amount": rupiah(amount)})
    try:
        with transaction.atomic():
            return _record(actor=actor, unit=unit, kind=TransaksiKind.PENARIKAN, on=on,
                           amount=amount, nasabah=nasabah, note=note, request=request)
    except IntegrityError as exc:  # the database's check constraint: the last line of defence
        raise error("amount", _("The balance changed meanwhile; %(amount)s is more than "
                                "the savings balance.") % {"amount": rupiah(amount)}) from exc


@transaction.atomic
def sale_record(*, actor, unit: Unit, buyer_name: str, buyer_kind: str, lines: Iterable,
                date: Any = None, note: str = "", request=None) -> Transaksi:
    """The unit sells sorted waste to a collector or recycler, from its stock, for cash."""
    require(actor, "lingkungan.ledger.post", unit_target(unit))
    on = day(date, "date") if date else timezone.localdate()
    buyer_name = text(buyer_name, "buyer_name", required=True, max_length=160)
    buyer_kind = choice(buyer_kind, BuyerKind, "buyer_kind")
    note = text(note, "note", max_length=300)
    unit = _lock(unit)
    rows = []
    for index, (wt, kg, price) in enumerate(_waste_lines(unit, lines, with_price=True)):
        held = (Stock.objects.filter(unit=unit, waste_type=wt)
                .values_list("weight_kg", flat=True).first()) or ledger.ZERO
        if kg > held:
            raise error(f"lines.{index}.weight_kg", _(
                "Only %(held)s kg of %(type)s is in stock; %(kg)s kg cannot be sold.") % {
                "held": held, "type": wt.name, "kg": kg})
        rows.append((wt, kg, price, ledger.line_amount(kg, price)))
    total = sum((row[3] for row in rows), ledger.ZERO)
    return _record(actor=actor, unit=unit, kind=TransaksiKind.PENJUALAN, on=on, amount=total,
                   lines=rows, buyer_name=buyer_name, buyer_kind=buyer_kind, note=note,
                   request=request)


CASH_IN_ACCOUNTS = (Account.MODAL, Account.PENDAPATAN_LAIN)


@transaction.atomic
def cash_record(*, actor, unit: Unit, direction: str, amount: Any, note: str,
                account: str = Account.MODAL, date: Any = None, request=None) -> Transaksi:
    """Cash that is not waste: capital or a grant in, other income in, an expense out."""
    require(actor, "lingkungan.ledger.post", unit_target(unit))
    if direction not in ("in", "out"):
        raise error("direction", _("“%(value)s” is not one of: in, out.") % {"value": direction})
    amount = money(amount, "amount")
    on = day(date, "date") if date else timezone.localdate()
    note = text(note, "note", required=True, max_length=300)
    unit = _lock(unit)
    if direction == "in":
        if account not in CASH_IN_ACCOUNTS:
            raise error("account", _("“%(value)s” is not one of: %(allowed)s.")
                        % {"value": account, "allowed": ", ".join(CASH_IN_ACCOUNTS)})
        return _record(actor=actor, unit=unit, kind=TransaksiKind.KAS_MASUK, on=on,
                       amount=amount, credit=account, note=note, request=request)
    if amount > unit.cash_balance:
        raise error("amount", _("%(unit)s has only %(cash)s in cash.")
                    % {"unit": unit.name, "cash": rupiah(unit.cash_balance)})
    return _record(actor=actor, unit=unit, kind=TransaksiKind.KAS_KELUAR, on=on, amount=amount,
                   note=note, request=request)


@transaction.atomic
def period_close(*, actor, unit: Unit, month: Any, request=None) -> PeriodClose:
    """Close a month of a unit's books: from now on nothing can be dated in it."""
    require(actor, "lingkungan.period.close", unit_target(unit))
    if isinstance(month, str) and len(month.strip()) == 7:
        month = month.strip() + "-01"
    month = ledger.month_start(day(month, "month"))
    if month >= ledger.month_start(timezone.localdate()):
        raise error("month", _("%(month)s has not ended yet; only past months can be closed.")
                    % {"month": month.strftime("%m/%Y")})
    unit = _lock(unit)
    if PeriodClose.objects.filter(unit=unit, month=month).exists():
        raise duplicate("month", _("%(month)s is already closed.")
                        % {"month": month.strftime("%m/%Y")})
    cash, savings = balances_at(unit, _month_end(month))
    period = PeriodClose.objects.create(
        unit=unit, month=month, closed_by=actor if getattr(actor, "pk", None) else None,
        cash_balance=cash, savings_total=savings)
    audit.record(actor=actor, action="lingkungan.period.close", obj=unit, pemda=unit.pemda,
                 request=request, changes={"month": month.isoformat(), "cash": str(cash),
                                           "savings": str(savings)})
    return period


def _month_end(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
