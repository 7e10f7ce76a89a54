"""The lingkungan app's part of /api/v1/: public figures and registers (no personal data),
and the bank sampah desk for staff (deposits, withdrawals, sales, passbooks).

Money and weights travel as decimal strings ("1.250", "3000"), never as binary floats."""

import datetime
import re
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from terbuka.api import errors
from terbuka.api.errors import ERRORS_READ, ERRORS_WRITE
from terbuka.api.params import ObjectId, Text
from terbuka.core import policy
from terbuka.core import selectors as core_selectors
from terbuka.core.policy import Target
from terbuka.core.publishing import Column, suppress_small_counts
from terbuka.lingkungan import selectors, services
from terbuka.lingkungan.models import Nasabah, Unit

router = Router(tags=["lingkungan"])
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,40}")
BASE = "/lingkungan/pemda/{slug}"


def _pemda(slug: str):
    pemda = core_selectors.pemda_by_slug(slug) if SLUG.fullmatch(slug) else None
    if pemda is None:
        raise errors.not_found(
            _("There is no regional government at the path “%(slug)s”.") % {"slug": slug})
    return pemda


def _unit(pemda, unit_id: int) -> Unit:
    unit = selectors.unit_get(pemda, unit_id)
    if unit is None:
        raise errors.not_found(_("%(pemda)s has no bank sampah with id %(id)s.")
                               % {"pemda": pemda.short_name, "id": unit_id})
    return unit


def _nasabah(unit: Unit, nasabah_id: int) -> Nasabah:
    nasabah = selectors.nasabah_get(unit, nasabah_id)
    if nasabah is None:
        raise errors.not_found(_("%(unit)s has no customer with id %(id)s.")
                               % {"unit": unit.name, "id": nasabah_id})
    return nasabah


def _year(year: int | None) -> tuple[datetime.date, datetime.date]:
    year = year or timezone.localdate().year
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


class YearQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Calendar year; this year "
                             "when not given")


# --- public ------------------------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    region_code: str
    desa: str
    customers: int


@router.get(BASE + "/units", response={200: list[UnitOut], **ERRORS_READ}, auth=None,
            summary="Bank sampah of a regional government")
def unit_list(request: HttpRequest, slug: str):
    return [{"id": u.pk, "name": u.name, "kind": u.kind, "region_code": u.region_id,
             "desa": u.region.name, "customers": u.customers}
            for u in selectors.units(_pemda(slug))]


class TonnageRow(Schema):
    key: str = Field(description="Waste type, bank sampah, desa code or YYYY-MM")
    label: str
    kg: Decimal
    amount: Decimal = Field(description="Rupiah paid to customers (deposits) or received")
    transactions: int


class TonnageQuery(YearQuery):
    by: str = Field("waste_type", pattern="^(waste_type|category|unit|desa|month)$")
    kind: str = Field("setoran", pattern="^(setoran|penjualan)$",
                      description="setoran: deposited; penjualan: sold to buyers")


def _row_key(row: dict, by: str) -> tuple[str, str]:
    if by == "waste_type":
        return row["waste_type__name"], row["waste_type__name"]
    if by == "category":
        return row["waste_type__category"], row["waste_type__category"]
    if by == "unit":
        return row["transaksi__unit__name"], row["transaksi__unit__name"]
    if by == "desa":
        return row["transaksi__unit__region_id"], row["transaksi__unit__region__name"]
    month = row["month"].strftime("%Y-%m")
    return month, month


@router.get(BASE + "/tonnage", response={200: list[TonnageRow], **ERRORS_READ}, auth=None,
            summary="Kg deposited at (or sold by) bank sampah, grouped")
def tonnage(request: HttpRequest, slug: str, query: Query[TonnageQuery]):
    start, end = _year(query.year)
    rows = selectors.tonnage(_pemda(slug), start, end, by=query.by, kind=query.kind)
    out = []
    for r in rows:
        key, label = _row_key(r, query.by)
        out.append({"key": key, "label": label, "kg": r["kg"], "amount": r["amount"],
                    "transactions": r["transactions"]})
    return out


class ManagedOut(Schema):
    year: int
    reduction_t: Decimal = Field(description="SIPSN pengurangan: deposited at bank sampah")
    handling_t: Decimal = Field(description="SIPSN penanganan: collected at clean-ups")


@router.get(BASE + "/managed", response={200: ManagedOut, **ERRORS_READ}, auth=None,
            summary="Tonnes of waste reduced and handled, as SIPSN counts them")
def managed(request: HttpRequest, slug: str, query: Query[YearQuery]):
    start, end = _year(query.year)
    m = selectors.managed_waste(_pemda(slug), start, end)
    return {"year": start.year, "reduction_t": m.reduction_t, "handling_t": m.handling_t}


class CareGroupOut(Schema):
    name: str
    members: int
    since: datetime.date | None


class ParkOut(Schema):
    id: int
    name: str
    region_code: str
    area_m2: Decimal | None
    care_groups: list[CareGroupOut]


@router.get(BASE + "/parks", response={200: list[ParkOut], **ERRORS_READ}, auth=None,
            summary="The register of public parks and their care groups")
def park_list(request: HttpRequest, slug: str):
    return [{"id": p.pk, "name": p.name, "region_code": p.region_id, "area_m2": p.area_m2,
             "care_groups": [{"name": g.name, "members": g.members, "since": g.since}
                             for g in p.care_groups.all()]}
            for p in selectors.parks(_pemda(slug))]


class CleanupOut(Schema):
    id: int
    title: str
    date: datetime.date
    region_code: str
    place: str
    participants: int
    waste_kg: dict[str, Decimal]


@router.get(BASE + "/cleanups", response={200: list[CleanupOut], **ERRORS_READ}, auth=None,
            summary="Jumat Bersih and other clean-ups of a year")
def cleanup_list(request: HttpRequest, slug: str, query: Query[YearQuery]):
    start, end = _year(query.year)
    return [{"id": e.pk, "title": e.title, "date": e.date, "region_code": e.region_id,
             "place": e.place, "participants": e.participants,
             "waste_kg": {w.category: w.weight_kg for w in e.waste.all()}}
            for e in selectors.cleanups(_pemda(slug), start, end).prefetch_related("waste")]


class DesaOut(Schema):
    region_code: str
    desa: str
    households: int | str = Field(description="Counts 1–4 are published as \"<5\"")
    women_headed: int | str
    with_disability: int | str
    plot_area_m2: Decimal
    harvest_kg: Decimal
    eaten_kg: Decimal
    sold_kg: Decimal
    shared_kg: Decimal


@router.get(BASE + "/pekarangan", response={200: list[DesaOut], **ERRORS_READ}, auth=None,
            summary="Yard integrated farming per desa (harvests of the year)")
def pekarangan(request: HttpRequest, slug: str, query: Query[YearQuery]):
    start, end = _year(query.year)
    rows = [{**vars(r), "desa": r.region_name}
            for r in selectors.pekarangan_by_desa(_pemda(slug), start, end)]
    counted = [Column(n, "integer", count=True)
               for n in ("households", "women_headed", "with_disability")]
    return suppress_small_counts(rows, counted)


# --- the bank sampah desk (staff) --------------------------------------------------------------


class LineIn(Schema):
    model_config = ConfigDict(extra="forbid")
    waste_type_id: int
    weight_kg: Decimal


class DepositIn(Schema):
    model_config = ConfigDict(extra="forbid")
    nasabah_id: int
    lines: list[LineIn]
    date: datetime.date | None = None
    note: Text = ""


class WithdrawalIn(Schema):
    model_config = ConfigDict(extra="forbid")
    nasabah_id: int
    amount: Decimal
    date: datetime.date | None = None
    note: Text = ""


class SaleLineIn(LineIn):
    price_per_kg: Decimal


class SaleIn(Schema):
    model_config = ConfigDict(extra="forbid")
    buyer_name: Text
    buyer_kind: str
    lines: list[SaleLineIn]
    date: datetime.date | None = None
    note: Text = ""


class LineOut(Schema):
    waste_type_id: int
    waste_type: str
    weight_kg: Decimal
    price_per_kg: Decimal
    amount: Decimal


class TransaksiOut(Schema):
    id: int
    number: str
    kind: str
    date: datetime.date
    amount: Decimal
    nasabah_id: int | None
    balance_after: Decimal | None = Field(None, description="The customer's savings after it")
    lines: list[LineOut]


def _trx_out(trx, balance=None) -> dict:
    return {"id": trx.pk, "number": trx.number, "kind": trx.kind, "date": trx.date,
            "amount": trx.amount, "nasabah_id": trx.nasabah_id, "balance_after": balance,
            "lines": [{"waste_type_id": ln.waste_type_id, "waste_type": ln.waste_type.name,
                       "weight_kg": ln.weight_kg, "price_per_kg": ln.price_per_kg,
                       "amount": ln.amount} for ln in trx.lines.select_related("waste_type")]}


@router.post(BASE + "/units/{unit_id}/deposits", response={201: TransaksiOut, **ERRORS_WRITE},
             summary="Record a deposit (pengelola lingkungan)")
def deposit_create(request: HttpRequest, slug: str, unit_id: ObjectId, payload: DepositIn):
    unit = _unit(_pemda(slug), unit_id)
    trx = services.deposit_record(
        actor=request.auth, nasabah=_nasabah(unit, payload.nasabah_id), request=request,
        lines=[(ln.waste_type_id, ln.weight_kg) for ln in payload.lines],
        date=payload.date, note=payload.note)
    return Status(201, _trx_out(trx, trx.nasabah.balance))


@router.post(BASE + "/units/{unit_id}/withdrawals",
             response={201: TransaksiOut, **ERRORS_WRITE},
             summary="Record a withdrawal from savings (pengelola lingkungan)")
def withdrawal_create(request: HttpRequest, slug: str, unit_id: ObjectId,
                      payload: WithdrawalIn):
    unit = _unit(_pemda(slug), unit_id)
    trx = services.withdrawal_record(
        actor=request.auth, nasabah=_nasabah(unit, payload.nasabah_id), amount=payload.amount,
        date=payload.date, note=payload.note, request=request)
    return Status(201, _trx_out(trx, trx.nasabah.balance))


@router.post(BASE + "/units/{unit_id}/sales", response={201: TransaksiOut, **ERRORS_WRITE},
             summary="Record a sale to a collector or recycler (pengelola lingkungan)")
def sale_create(request: HttpRequest, slug: str, unit_id: ObjectId, payload: SaleIn):
    unit = _unit(_pemda(slug), unit_id)
    trx = services.sale_record(
        actor=request.auth, unit=unit, buyer_name=payload.buyer_name,
        buyer_kind=payload.buyer_kind, date=payload.date, note=payload.note, request=request,
        lines=[(ln.waste_type_id, ln.weight_kg, ln.price_per_kg) for ln in payload.lines])
    return Status(201, _trx_out(trx))


class PassbookOut(Schema):
    nasabah_id: int
    number: str
    name: str
    balance: Decimal
    entries: list[TransaksiOut]


@router.get(BASE + "/units/{unit_id}/customers/{nasabah_id}/passbook",
            response={200: PassbookOut, **ERRORS_READ, **errors.ERRORS_AUTH},
            summary="A customer's passbook (staff; the read is recorded)")
def passbook(request: HttpRequest, slug: str, unit_id: ObjectId, nasabah_id: ObjectId):
    unit = _unit(_pemda(slug), unit_id)
    policy.require(request.auth, "lingkungan.ledger.view",
                   Target(unit.pemda_id, region_code=unit.region_id))
    nasabah = _nasabah(unit, nasabah_id)
    rows = selectors.passbook(actor=request.auth, nasabah=nasabah, request=request)
    return {"nasabah_id": nasabah.pk, "number": nasabah.number, "name": nasabah.name,
            "balance": nasabah.balance,
            "entries": [_trx_out(r["trx"], r["balance"]) for r in rows]}
