"""Pages of the lingkungan app: public figures and registers, and the bank sampah operator's
desk (deposit, withdrawal, sale, cash, prices, passbook, closing a month). Views parse, call
one service or selector and render; the rules are the services'."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import policy
from terbuka.core.forms import apply_service_errors
from terbuka.core.policy import Target
from terbuka.core.publishing import Column, suppress_small_counts
from terbuka.lingkungan import ledger, selectors, services
from terbuka.lingkungan.forms import (
    CashForm,
    CleanupForm,
    CloseForm,
    DepositForm,
    HarvestForm,
    HouseholdForm,
    NasabahForm,
    ParkForm,
    PlotForm,
    PriceForm,
    SaleForm,
    VisitForm,
    WithdrawalForm,
)
from terbuka.lingkungan.models import UnitKind, WasteCategory
from terbuka.lingkungan.services.banksampah import rupiah


def _login(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _staff(request, action: str, pemda):
    """Forms for staff whose grant may be narrowed to a region: the page opens for anyone
    holding a role the action allows in this pemda; the service then checks the region of
    what is saved."""
    denied = _login(request)
    if denied:
        return denied
    allowed = {str(role) for role in policy.actions()[action].allow}
    if not (request.user.is_superuser or policy.roles_of(request.user, pemda.pk) & allowed):
        raise PermissionDenied(_("You are not allowed to do this: %(action)s.")
                               % {"action": policy.actions()[action].description})
    return None


def _year(request) -> int:
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), timezone.localdate().year)


def _period(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


# --- public pages ------------------------------------------------------------------------------


def home(request, pemda):
    year = _year(request)
    start, end = _period(year)
    return render(request, "lingkungan/home.html", {
        "year": year, "overview": selectors.overview(pemda, start, end),
        "units": selectors.units(pemda),
        "can_manage": policy.can(request.user, "lingkungan.ledger.view", Target(pemda.pk)),
    })


def report(request, pemda):
    year = _year(request)
    start, end = _period(year)
    tables = [
        (key, label, selectors.tonnage(pemda, start, end, by=key))
        for key, label in (("waste_type", _("By waste type")), ("unit", _("By bank sampah")),
                           ("desa", _("By desa/kelurahan")), ("month", _("By month")))
    ]
    return render(request, "lingkungan/report.html", {
        "year": year, "tables": tables, "managed": selectors.managed_waste(pemda, start, end),
        "categories": dict(WasteCategory.choices), "kinds": dict(UnitKind.choices),
    })


def cleanups(request, pemda):
    year = _year(request)
    start, end = _period(year)
    events = list(selectors.cleanups(pemda, start, end).prefetch_related("waste"))
    return render(request, "lingkungan/cleanups.html", {
        "year": year, "events": events,
        "participants": sum(e.participants for e in events),
        "can_record": policy.can(request.user, "lingkungan.cleanup.record", Target(pemda.pk)),
    })


def cleanup_create(request, pemda):
    denied = _staff(request, "lingkungan.cleanup.record", pemda)
    if denied:
        return denied
    form = CleanupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = services.cleanup_record(
                actor=request.user, pemda=pemda, title=data["title"], date=data["date"],
                region_code=data["region_code"], place=data["place"],
                organiser=data["organiser"], participants=data["participants"],
                waste=form.waste(), request=request)
        except ValidationError as exc:
            apply_service_errors(form, exc, aliases={
                f"waste.{c}": f"kg_{c}" for c in WasteCategory.values})
        else:
            messages.success(request, _("%(title)s on %(date)s was recorded.")
                             % {"title": event.title, "date": event.date.isoformat()})
            return redirect("lingkungan:cleanups", pemda=pemda.slug)
    return render(request, "lingkungan/form.html", {
        "form": form, "title": _("Record a clean-up"),
        "cancel": reverse("lingkungan:cleanups", kwargs={"pemda": pemda.slug})})


def parks(request, pemda):
    return render(request, "lingkungan/parks.html", {
        "parks": selectors.parks(pemda),
        "can_manage": policy.can(request.user, "lingkungan.park.manage", Target(pemda.pk))})


def park_create(request, pemda):
    denied = _staff(request, "lingkungan.park.manage", pemda)
    if denied:
        return denied
    form = ParkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                park = services.park_create(
                    actor=request.user, pemda=pemda, name=data["name"],
                    region_code=data["region_code"], address=data["address"],
                    area_m2=data["area_m2"], request=request)
                if data["care_group"]:
                    services.care_group_add(actor=request.user, park=park,
                                            name=data["care_group"],
                                            members=data["members"] or 0, request=request)
        except ValidationError as exc:
            apply_service_errors(form, exc, aliases={"name": "name"})
        else:
            messages.success(request, _("%(name)s was registered.") % {"name": park.name})
            return redirect("lingkungan:parks", pemda=pemda.slug)
    return render(request, "lingkungan/form.html", {
        "form": form, "title": _("Register a park"),
        "cancel": reverse("lingkungan:parks", kwargs={"pemda": pemda.slug})})


def pekarangan(request, pemda):
    year = _year(request)
    start, end = _period(year)
    summaries = selectors.pekarangan_by_desa(pemda, start, end)
    totals = {
        "households": sum(r.households for r in summaries),
        "women_headed": sum(r.women_headed for r in summaries),
        "with_disability": sum(r.with_disability for r in summaries),
        "harvest_kg": sum((r.harvest_kg for r in summaries), ledger.ZERO),
    }
    # A public page shows small counts per desa the way a published table does: 1 to 4
    # women-headed households, or households with a disability, would point at neighbours.
    counted = [Column(name, "integer", count=True)
               for name in ("households", "women_headed", "with_disability")]
    rows = suppress_small_counts([vars(r) for r in summaries], counted)
    return render(request, "lingkungan/pekarangan.html", {
        "year": year, "rows": rows, "totals": totals,
        "can_manage": policy.can(request.user, "lingkungan.pekarangan.manage",
                                 Target(pemda.pk))})


def households(request, pemda):
    """Programme staff: the households with their names, and registering one."""
    denied = _staff(request, "lingkungan.pekarangan.manage", pemda)
    if denied:
        return denied
    form = HouseholdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            household = services.household_register(actor=request.user, pemda=pemda,
                                                     request=request, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s was registered.")
                             % {"name": household.head_name})
            return redirect("lingkungan:household", pemda=pemda.slug,
                            household_id=household.pk)
    region = request.GET.get("desa", "").strip()[:13]
    return render(request, "lingkungan/households.html", {
        "form": form, "region": region,
        "households": selectors.households(pemda, actor=request.user, region_code=region,
                                           request=request)[:500]})


def household(request, pemda, household_id: int):
    denied = _login(request)
    if denied:
        return denied
    found = selectors.household_get(pemda, household_id, actor=request.user, request=request)
    if found is None:
        raise Http404(_("No such household."))
    policy.require(request.user, "lingkungan.pekarangan.manage",
                   Target(pemda.pk, region_code=found.region_id))
    post = request.POST if request.method == "POST" else None
    which = (post or {}).get("form", "")
    plot_form = PlotForm(post if which == "plot" else None, prefix="plot")
    harvest_form = HarvestForm(post if which == "harvest" else None, prefix="harvest",
                               household=found)
    visit_form = VisitForm(post if which == "visit" else None, prefix="visit")
    bound = {"plot": plot_form, "harvest": harvest_form, "visit": visit_form}.get(which)
    if bound is not None and bound.is_valid():
        data = dict(bound.cleaned_data)
        try:
            if which == "plot":
                services.plot_add(actor=request.user, household=found, request=request, **data)
            elif which == "harvest":
                services.harvest_record(actor=request.user, request=request,
                                        **{k: v for k, v in data.items()})
            else:
                services.visit_record(actor=request.user, household=found, request=request,
                                      **data)
        except ValidationError as exc:
            apply_service_errors(bound, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("lingkungan:household", pemda=pemda.slug, household_id=found.pk)
    return render(request, "lingkungan/household.html", {
        "household": found, **selectors.household_detail(found),
        "plot_form": plot_form, "harvest_form": harvest_form, "visit_form": visit_form})


# --- the operator's desk -----------------------------------------------------------------------


def kelola(request, pemda):
    denied = _login(request)
    if denied:
        return denied
    reachable = [u for u in selectors.units(pemda)
                 if selectors.can(request.user, "lingkungan.ledger.view", u)]
    if not reachable and not policy.can(request.user, "lingkungan.unit.manage",
                                        Target(pemda.pk)):
        raise PermissionDenied(_("You do not manage any bank sampah here."))
    return render(request, "lingkungan/kelola.html", {"units": reachable})


def _unit(request, pemda, unit_id: int, action: str = "lingkungan.ledger.view"):
    unit = selectors.unit_get(pemda, unit_id)
    if unit is None:
        raise Http404(_("No such bank sampah."))
    policy.require(request.user, action, Target(pemda.pk, region_code=unit.region_id))
    return unit


def _desk(view):
    """Operator pages: log in first, then the unit must exist here and be in the user's reach."""
    def wrapper(request, pemda, unit_id: int, **kwargs):
        denied = _login(request)
        if denied:
            return denied
        return view(request, pemda, _unit(request, pemda, unit_id), **kwargs)
    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@_desk
def unit_desk(request, pemda, unit):
    today = timezone.localdate()
    return render(request, "lingkungan/unit.html", {
        "unit": unit, "stock": selectors.stock(unit),
        "recent": selectors.recent_transactions(unit),
        "prices": selectors.price_list(unit, today),
        "closed": selectors.closed_months(unit)[:6],
        "can_post": selectors.can(request.user, "lingkungan.ledger.post", unit),
    })


def _unit_url(unit) -> str:
    return reverse("lingkungan:unit", kwargs={"pemda": unit.pemda.slug, "unit_id": unit.pk})


def _done(request, unit, message):
    messages.success(request, message)
    return redirect("lingkungan:unit", pemda=unit.pemda.slug, unit_id=unit.pk)


@_desk
def deposit(request, pemda, unit):
    form = DepositForm(request.POST or None, unit=unit, waste_types=selectors.waste_types(pemda),
                       initial={"nasabah": request.GET.get("nasabah")})
    if request.method == "POST" and form.is_valid():
        try:
            trx = services.deposit_record(
                actor=request.user, nasabah=form.cleaned_data["nasabah"], lines=form.lines(),
                date=form.cleaned_data["date"], note=form.cleaned_data["note"],
                request=request)
        except ValidationError as exc:
            apply_service_errors(form, exc, aliases=form.service_aliases())
        else:
            messages.success(request, _("Deposit %(number)s: %(amount)s added to the savings of "
                                        "%(name)s.") % {"number": trx.number,
                                                        "amount": rupiah(trx.amount),
                                                        "name": trx.nasabah.name})
            return redirect("lingkungan:passbook", pemda=pemda.slug, unit_id=unit.pk,
                            nasabah_id=trx.nasabah_id)
    return render(request, "lingkungan/form.html", {
        "form": form, "unit": unit, "title": _("Record a deposit"),
        "lead": _("Weigh each type the customer brought; leave the others empty. The price "
                  "of the day is applied."),
        "cancel": _unit_url(unit)})


@_desk
def withdrawal(request, pemda, unit):
    form = WithdrawalForm(request.POST or None, unit=unit,
                          initial={"nasabah": request.GET.get("nasabah")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            trx = services.withdrawal_record(
                actor=request.user, nasabah=data["nasabah"], amount=data["amount"],
                date=data["date"], note=data["note"], request=request)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Withdrawal %(number)s: %(amount)s paid to %(name)s.")
                             % {"number": trx.number, "amount": rupiah(trx.amount),
                                "name": trx.nasabah.name})
            return redirect("lingkungan:passbook", pemda=pemda.slug, unit_id=unit.pk,
                            nasabah_id=trx.nasabah_id)
    return render(request, "lingkungan/form.html", {
        "form": form, "unit": unit, "title": _("Record a withdrawal"),
        "cancel": _unit_url(unit)})


@_desk
def sale(request, pemda, unit):
    form = SaleForm(request.POST or None, waste_types=selectors.waste_types(pemda))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            trx = services.sale_record(
                actor=request.user, unit=unit, buyer_name=data["buyer_name"],
                buyer_kind=data["buyer_kind"], lines=form.lines(), date=data["date"],
                note=data["note"], request=request)
        except ValidationError as exc:
            apply_service_errors(form, exc, aliases=form.service_aliases())
        else:
            return _done(request, unit, _("Sale %(number)s to %(buyer)s: %(amount)s.") % {
                "number": trx.number, "buyer": trx.buyer_name, "amount": rupiah(trx.amount)})
    return render(request, "lingkungan/form.html", {
        "form": form, "unit": unit, "title": _("Record a sale"),
        "cancel": _unit_url(unit)})


@_desk
def cash(request, pemda, unit):
    form = CashForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            trx = services.cash_record(
                actor=request.user, unit=unit, direction=data["direction"],
                account=data["account"] or "modal", amount=data["amount"], note=data["note"],
                date=data["date"], request=request)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _done(request, unit, _("%(number)s recorded: %(amount)s.")
                         % {"number": trx.number, "amount": rupiah(trx.amount)})
    today = timezone.localdate()
    try:
        month = datetime.date.fromisoformat(request.GET.get("bulan", "") + "-01")
    except ValueError:
        month = ledger.month_start(today)
    end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return render(request, "lingkungan/cashbook.html", {
        "form": form, "unit": unit, "month": month,
        "book": selectors.cashbook(unit, month, min(end, today)),
        "can_post": selectors.can(request.user, "lingkungan.ledger.post", unit)})


@_desk
def customers(request, pemda, unit):
    form = NasabahForm(request.POST or None)
    if request.method == "POST":
        policy.require(request.user, "lingkungan.unit.manage",
                       Target(pemda.pk, region_code=unit.region_id))
        if form.is_valid():
            try:
                n = services.nasabah_create(actor=request.user, unit=unit, request=request,
                                            **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("%(name)s has account number %(number)s.")
                                 % {"name": n.name, "number": n.number})
                return redirect("lingkungan:customers", pemda=pemda.slug, unit_id=unit.pk)
    q = request.GET.get("q", "").strip()[:80]
    return render(request, "lingkungan/customers.html", {
        "unit": unit, "form": form, "q": q, "customers": selectors.nasabah_list(unit, q)})


@_desk
def passbook(request, pemda, unit, nasabah_id: int):
    nasabah = selectors.nasabah_get(unit, nasabah_id)
    if nasabah is None:
        raise Http404(_("No such customer."))
    rows = selectors.passbook(actor=request.user, nasabah=nasabah, request=request)
    return render(request, "lingkungan/passbook.html", {
        "unit": unit, "nasabah": nasabah, "rows": rows,
        "can_post": selectors.can(request.user, "lingkungan.ledger.post", unit)})


@_desk
def prices(request, pemda, unit):
    form = PriceForm(request.POST or None, waste_types=selectors.waste_types(pemda))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            price = services.price_set(actor=request.user, unit=unit,
                                       waste_type=data["waste_type"],
                                       price_per_kg=data["price_per_kg"],
                                       valid_from=data["valid_from"], request=request)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _done(request, unit, _("%(type)s: %(price)s per kg from %(date)s.") % {
                "type": price.waste_type.name, "price": rupiah(price.price_per_kg),
                "date": price.valid_from.isoformat()})
    return render(request, "lingkungan/prices.html", {
        "unit": unit, "form": form,
        "prices": selectors.price_list(unit, timezone.localdate())})


@_desk
def close_month(request, pemda, unit):
    previous = ledger.month_start(timezone.localdate()) - datetime.timedelta(days=1)
    form = CloseForm(request.POST or None, initial={"month": previous.strftime("%Y-%m")})
    if request.method == "POST" and form.is_valid():
        try:
            period = services.period_close(actor=request.user, unit=unit,
                                           month=form.cleaned_data["month"], request=request)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _done(request, unit, _("The books for %(month)s are closed.")
                         % {"month": period.month.strftime("%m/%Y")})
    return render(request, "lingkungan/form.html", {
        "form": form, "unit": unit, "title": _("Close a month"),
        "lead": _("After closing, nothing can be recorded in that month any more."),
        "cancel": _unit_url(unit)})
