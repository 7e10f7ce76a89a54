"""Reads of the lingkungan app: ledgers, passbooks, reports and summaries.

Money and weights are summed in Python over Decimal where the answer must be exact to the
rupiah or the gram (ledger checks, passbooks): SQLite keeps decimals as floating point, and a
SUM there can be off in the last place. Reports of tonnage use the database's SUM, rounded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from terbuka.core import audit, policy
from terbuka.core.models import Region, Role, RoleAssignment
from terbuka.core.policy import Target
from terbuka.lingkungan import ledger, rollup, sipsn
from terbuka.lingkungan.models import (
    Account,
    CareGroup,
    CleanupEvent,
    CleanupWaste,
    Component,
    ExtensionVisit,
    Harvest,
    Household,
    Nasabah,
    Park,
    PeriodClose,
    Plot,
    Posting,
    Stock,
    Transaksi,
    TransaksiKind,
    TransaksiLine,
    Unit,
    WastePrice,
    WasteType,
)

ZERO = ledger.ZERO


def _entries(postings) -> list[ledger.Entry]:
    return [ledger.Entry(debit, credit, amount, nasabah)
            for debit, credit, amount, nasabah in postings]


def balances_at(unit: Unit, on: datetime.date) -> tuple[Decimal, Decimal]:
    """(cash, total customer savings) of `unit` at the end of day `on`, from the postings."""
    rows = Posting.objects.filter(unit=unit, date__lte=on).values_list(
        "debit", "credit", "amount", "nasabah_id")
    balances = ledger.account_balances(_entries(rows))
    cash = balances.get((Account.KAS, None), ZERO)
    savings = sum((v for (acct, _n), v in balances.items() if acct == Account.TABUNGAN), ZERO)
    return cash, savings


@dataclass(frozen=True)
class Mismatch:
    what: str  # "cash", "savings <number>", "stock <code>"
    cached: Decimal
    derived: Decimal


def ledger_verify(unit: Unit) -> list[Mismatch]:
    """Every cached balance of `unit` against what its postings and lines say; empty when the
    books agree. Run by tests after every random operation and by `lingkungan_verify`."""
    problems = []
    rows = Posting.objects.filter(unit=unit).values_list(
        "debit", "credit", "amount", "nasabah_id")
    balances = ledger.account_balances(_entries(rows))
    unit.refresh_from_db(fields=["cash_balance"])
    cash = balances.get((Account.KAS, None), ZERO)
    if cash != unit.cash_balance:
        problems.append(Mismatch("cash", unit.cash_balance, cash))
    for n in Nasabah.objects.filter(unit=unit).only("number", "balance"):
        derived = balances.get((Account.TABUNGAN, n.pk), ZERO)
        if derived != n.balance:
            problems.append(Mismatch(f"savings {n.number}", n.balance, derived))
    weights: dict[int, Decimal] = {}
    for kind, type_id, kg in TransaksiLine.objects.filter(transaksi__unit=unit).values_list(
            "transaksi__kind", "waste_type_id", "weight_kg"):
        sign = 1 if kind == TransaksiKind.SETORAN else -1
        weights[type_id] = weights.get(type_id, ZERO) + sign * kg
    for s in Stock.objects.filter(unit=unit).select_related("waste_type"):
        derived = weights.pop(s.waste_type_id, ZERO)
        if derived != s.weight_kg:
            problems.append(Mismatch(f"stock {s.waste_type.code}", s.weight_kg, derived))
    for type_id, derived in weights.items():
        if derived:
            problems.append(Mismatch(f"stock {type_id}", ZERO, derived))
    return problems


# --- bank sampah: lists and pages --------------------------------------------------------------


def units(pemda) -> QuerySet[Unit]:
    return Unit.objects.filter(pemda=pemda, is_active=True).select_related("region").annotate(
        customers=Count("nasabah", filter=Q(nasabah__is_active=True), distinct=True))


def unit_get(pemda, unit_id: int) -> Unit | None:
    return Unit.objects.filter(pemda=pemda, pk=unit_id).select_related("region").first()


def waste_types(pemda) -> QuerySet[WasteType]:
    return WasteType.objects.filter(pemda=pemda, is_active=True)


def price_list(unit: Unit, on: datetime.date) -> list[dict]:
    """For each active waste type: the price on `on` and the next price when one is set."""
    prices: dict[int, list[WastePrice]] = {}
    for p in WastePrice.objects.filter(unit=unit).order_by("valid_from"):
        prices.setdefault(p.waste_type_id, []).append(p)
    out = []
    for wt in waste_types(unit.pemda):
        history = prices.get(wt.pk, [])
        current = [p for p in history if p.valid_from <= on]
        upcoming = [p for p in history if p.valid_from > on]
        out.append({"waste_type": wt, "price": current[-1] if current else None,
                    "next": upcoming[0] if upcoming else None, "history": history})
    return out


def stock(unit: Unit) -> QuerySet[Stock]:
    return Stock.objects.filter(unit=unit).select_related("waste_type").order_by(
        "waste_type__category", "waste_type__name")


def nasabah_list(unit: Unit, q: str = "") -> QuerySet[Nasabah]:
    qs = Nasabah.objects.filter(unit=unit)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(number=q))
    return qs.order_by("number")


def nasabah_get(unit: Unit, nasabah_id: int) -> Nasabah | None:
    return Nasabah.objects.filter(unit=unit, pk=nasabah_id).select_related("unit").first()


def passbook(*, actor, nasabah: Nasabah, request=None) -> list[dict]:
    """The customer's buku tabungan: every deposit and withdrawal in order, with what was
    weighed and the running balance. Reading it is recorded (it is personal data)."""
    audit.record_read(actor=actor, action="lingkungan.passbook.view", obj=nasabah,
                      pemda=nasabah.unit.pemda, request=request)
    trxs = list(Transaksi.objects.filter(nasabah=nasabah).order_by("date", "id")
                .prefetch_related("lines__waste_type"))
    rows, balance = [], ZERO
    for t in trxs:
        change = t.amount if t.kind == TransaksiKind.SETORAN else -t.amount
        balance += change
        rows.append({"trx": t, "lines": list(t.lines.all()),
                     "credit": t.amount if change >= 0 else None,
                     "debit": t.amount if change < 0 else None, "balance": balance})
    return rows


def cashbook(unit: Unit, start: datetime.date, end: datetime.date) -> dict:
    """The unit's buku kas for [start, end]: opening cash, each cash movement with its running
    balance, closing cash."""
    opening, _s = balances_at(unit, start - datetime.timedelta(days=1))
    postings = (Posting.objects.filter(unit=unit, date__range=(start, end))
                .filter(Q(debit=Account.KAS) | Q(credit=Account.KAS))
                .select_related("transaksi", "nasabah").order_by("date", "id"))
    rows, cash = [], opening
    for p in postings:
        cash_in = p.amount if p.debit == Account.KAS else None
        cash_out = p.amount if p.credit == Account.KAS else None
        cash += p.amount if cash_in else -p.amount
        rows.append({"posting": p, "in": cash_in, "out": cash_out, "balance": cash})
    return {"opening": opening, "rows": rows, "closing": cash}


def closed_months(unit: Unit) -> QuerySet[PeriodClose]:
    return PeriodClose.objects.filter(unit=unit).order_by("-month")


def recent_transactions(unit: Unit, limit: int = 20) -> QuerySet[Transaksi]:
    return (Transaksi.objects.filter(unit=unit).select_related("nasabah")
            .order_by("-date", "-id")[:limit])


def can(user, action: str, unit: Unit) -> bool:
    return policy.can(user, action, Target(unit.pemda_id, region_code=unit.region_id))


# --- reports -----------------------------------------------------------------------------------

GROUPINGS = {
    "waste_type": ("waste_type__name", "waste_type__category"),
    "category": ("waste_type__category",),
    "unit": ("transaksi__unit__name",),
    "desa": ("transaksi__unit__region_id", "transaksi__unit__region__name"),
    "month": ("month",),
}


def tonnage(pemda, start: datetime.date, end: datetime.date, by: str,
            kind: str = TransaksiKind.SETORAN) -> list[dict]:
    """Kg deposited (or sold, with kind=penjualan) in [start, end], grouped by one of
    waste_type, category, unit, desa, month; biggest first, months in order."""
    qs = TransaksiLine.objects.filter(
        transaksi__unit__pemda=pemda, transaksi__kind=kind,
        transaksi__date__range=(start, end))
    if by == "month":
        qs = qs.annotate(month=TruncMonth("transaksi__date"))
    rows = (qs.values(*GROUPINGS[by])
            .annotate(kg=Sum("weight_kg"), amount=Sum("amount"), transactions=Count(
                "transaksi", distinct=True)))
    out = []
    for r in rows:
        r = dict(r)
        r["kg"] = Decimal(r["kg"] or 0).quantize(ledger.GRAM)
        r["amount"] = Decimal(r["amount"] or 0).quantize(ledger.RUPIAH)
        if by == "month" and isinstance(r["month"], datetime.datetime):
            r["month"] = r["month"].date()
        out.append(r)
    if by == "month":
        return sorted(out, key=lambda r: r["month"])
    return sorted(out, key=lambda r: -r["kg"])


def _kg(qs, field: str) -> Decimal:
    return Decimal(qs.aggregate(kg=Sum(field))["kg"] or 0).quantize(ledger.GRAM)


def managed_waste(pemda, start: datetime.date, end: datetime.date) -> sipsn.Managed:
    """Reduction (bank sampah deposits) and handling (clean-up collection) in tonnes, as
    SIPSN counts them."""
    deposited = _kg(TransaksiLine.objects.filter(
        transaksi__unit__pemda=pemda, transaksi__kind=TransaksiKind.SETORAN,
        transaksi__date__range=(start, end)), "weight_kg")
    collected = _kg(CleanupWaste.objects.filter(
        event__pemda=pemda, event__date__range=(start, end)), "weight_kg")
    return sipsn.managed([("bank_sampah", deposited), ("kerja_bakti", collected)])


def tonnage_reduced(pemda, start: datetime.date, end: datetime.date) -> float | None:
    """The indicator lingkungan.tonnage_reduced: None when the pemda has no bank sampah."""
    if not Unit.objects.filter(pemda=pemda).exists():
        return None
    return float(managed_waste(pemda, start, end).reduction_t)


def overview(pemda, start: datetime.date, end: datetime.date) -> dict:
    managed = managed_waste(pemda, start, end)
    return {
        "units": Unit.objects.filter(pemda=pemda, is_active=True).count(),
        "customers": Nasabah.objects.filter(unit__pemda=pemda, is_active=True).count(),
        "managed": managed,
        "sold_kg": _kg(TransaksiLine.objects.filter(
            transaksi__unit__pemda=pemda, transaksi__kind=TransaksiKind.PENJUALAN,
            transaksi__date__range=(start, end)), "weight_kg"),
        "parks": Park.objects.filter(pemda=pemda, is_active=True).count(),
        "cleanups": CleanupEvent.objects.filter(pemda=pemda, date__range=(start, end)).count(),
        "households": Household.objects.filter(pemda=pemda).count(),
    }


# --- Jumat Bersih and parks --------------------------------------------------------------------


def cleanups(pemda, start: datetime.date | None = None,
             end: datetime.date | None = None) -> QuerySet[CleanupEvent]:
    qs = CleanupEvent.objects.filter(pemda=pemda).select_related("region").annotate(
        kg=Sum("waste__weight_kg"))
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    return qs.order_by("-date", "-id")


def cleanup_waste(event: CleanupEvent) -> QuerySet[CleanupWaste]:
    return event.waste.all()


def parks(pemda) -> QuerySet[Park]:
    return (Park.objects.filter(pemda=pemda, is_active=True).select_related("region")
            .prefetch_related("care_groups").order_by("name"))


def park_get(pemda, park_id: int) -> Park | None:
    return Park.objects.filter(pemda=pemda, pk=park_id).first()


def care_groups(park: Park) -> QuerySet[CareGroup]:
    return park.care_groups.all()


# --- yard farming ------------------------------------------------------------------------------


def pekarangan_by_desa(pemda, start: datetime.date | None = None,
                       end: datetime.date | None = None) -> list[rollup.DesaSummary]:
    """Households, inclusion, plots, components, harvests (in the period, when given) and
    visits, summed per desa. No names leave this function."""
    households = Household.objects.filter(pemda=pemda)
    harvests = Harvest.objects.filter(component__plot__household__pemda=pemda)
    visits = ExtensionVisit.objects.filter(household__pemda=pemda)
    if start:
        harvests, visits = harvests.filter(date__gte=start), visits.filter(date__gte=start)
    if end:
        harvests, visits = harvests.filter(date__lte=end), visits.filter(date__lte=end)
    summaries = rollup.by_desa(
        households.values("id", "members", "women_headed", "has_disability",
                          region_code=F("region_id")),
        Plot.objects.filter(household__pemda=pemda).values("household_id", "area_m2"),
        Component.objects.filter(plot__household__pemda=pemda).values(
            "kind", household_id=F("plot__household_id")),
        harvests.values("unit", "amount", "eaten", "sold", "shared", "sold_value",
                        household_id=F("component__plot__household_id")),
        visits.values("household_id"),
    )
    names = dict(Region.objects.filter(code__in=[s.region_code for s in summaries])
                 .values_list("code", "name"))
    for s in summaries:
        s.region_name = names.get(s.region_code, "")
    return summaries


def reach(user, pemda, action: str) -> list[str] | None:
    """The region codes within which `user` may do `action` in `pemda`; None for everywhere
    (a grant without a region, a PEMDA-scoped role, a superuser)."""
    if user.is_superuser:
        return None
    allow = policy.actions()[action].allow
    codes = []
    for role, region in RoleAssignment.objects.filter(
            user=user, pemda=pemda, is_active=True,
            role__in=[str(r) for r in allow]).values_list("role", "region_id"):
        if allow[Role(role)] is not policy.Scope.REGION or region is None:
            return None
        codes.append(region)
    return codes


def households(pemda, *, actor, region_code: str = "", request=None) -> QuerySet[Household]:
    """Households with their names, limited to the regions the actor's grants reach; the read
    is recorded."""
    qs = Household.objects.filter(pemda=pemda).select_related("region").annotate(
        plot_count=Count("plots", distinct=True))
    if region_code:
        qs = qs.filter(region_id=region_code)
    codes = reach(actor, pemda, "lingkungan.pekarangan.manage") if actor else None
    if codes is not None:
        within = Q(pk__in=[])
        for code in codes:
            within |= Q(region_id=code) | Q(region__code__startswith=code + ".")
        qs = qs.filter(within)
    audit.record(actor=actor, action="lingkungan.household.list", pemda=pemda, is_read=True,
                 request=request, changes={"region": region_code})
    return qs.order_by("region_id", "head_name")


def household_get(pemda, household_id: int, *, actor, request=None) -> Household | None:
    """One household with its plots, components, harvests and visits; the read is recorded."""
    household = (Household.objects.filter(pemda=pemda, pk=household_id)
                 .select_related("region").first())
    if household is not None:
        audit.record_read(actor=actor, action="lingkungan.household.view", obj=household,
                          pemda=pemda, request=request)
    return household


def household_detail(household: Household) -> dict:
    return {
        "plots": household.plots.prefetch_related("components"),
        "harvests": Harvest.objects.filter(component__plot__household=household)
        .select_related("component").order_by("-date", "-id")[:30],
        "visits": household.visits.all()[:20],
    }
