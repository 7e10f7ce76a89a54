"""Writes of yard integrated farming (pekarangan): households, plots, components, plantings,
harvests and extension visits."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from terbuka.core import audit
from terbuka.core.policy import Target
from terbuka.lingkungan import ledger
from terbuka.lingkungan.models import (
    Component,
    ComponentKind,
    ExtensionVisit,
    Harvest,
    HarvestUnit,
    Household,
    Planting,
    Plot,
)
from terbuka.lingkungan.services._common import (
    choice,
    day,
    desa,
    duplicate,
    error,
    money,
    require,
    text,
)
from terbuka.lingkungan.services._common import (
    quantity as decimal_of,
)

ACTION = "lingkungan.pekarangan.manage"


def _target(household: Household) -> Target:
    return Target(household.pemda_id, region_code=household.region_id)


@transaction.atomic
def household_register(*, actor, pemda, region_code: str, head_name: str, members: Any = 1,
                       women_headed: bool = False, has_disability: bool = False,
                       joined: Any = None, request=None) -> Household:
    region = desa(pemda, region_code)
    require(actor, ACTION, Target(pemda.pk, region_code=region.code))
    try:
        members = int(str(members).strip())
    except ValueError:
        raise error("members", _("“%(value)s” is not a whole number.")
                    % {"value": members}) from None
    if not 1 <= members <= 60:
        raise error("members", _("A household has 1 to 60 members, not %(value)s.")
                    % {"value": members})
    household = Household.objects.create(
        pemda=pemda, region=region, members=members,
        head_name=text(head_name, "head_name", required=True, max_length=160),
        women_headed=bool(women_headed), has_disability=bool(has_disability),
        joined=day(joined, "joined"),
    )
    audit.record(actor=actor, action="lingkungan.household.create", obj=household, pemda=pemda,
                 request=request, changes={
                     "region": region.code, "members": members,
                     "women_headed": household.women_headed,
                     "has_disability": household.has_disability})
    return household


@transaction.atomic
def plot_add(*, actor, household: Household, area_m2: Any, location: str = "",
             components: list | tuple = (), started: Any = None, request=None) -> Plot:
    require(actor, ACTION, _target(household))
    area = decimal_of(area_m2, "area_m2", places=2, maximum=1_000_000)
    started = day(started, "started") if started else household.joined
    kinds = [choice(k, ComponentKind, "components") for k in components]
    if len(set(kinds)) != len(kinds):
        raise error("components", _("Each component is listed once."))
    plot = Plot.objects.create(household=household, area_m2=area,
                               location=text(location, "location", max_length=200))
    Component.objects.bulk_create(
        [Component(plot=plot, kind=k, started=started) for k in kinds])
    audit.record(actor=actor, action="lingkungan.plot.create", obj=plot,
                 pemda=household.pemda, request=request,
                 changes={"area_m2": str(area), "components": kinds})
    return plot


@transaction.atomic
def component_add(*, actor, plot: Plot, kind: str, started: Any, request=None) -> Component:
    household = plot.household
    require(actor, ACTION, _target(household))
    kind = choice(kind, ComponentKind, "kind")
    if Component.objects.filter(plot=plot, kind=kind).exists():
        raise duplicate("kind", _("This plot already has %(kind)s.")
                        % {"kind": ComponentKind(kind).label})
    component = Component.objects.create(plot=plot, kind=kind, started=day(started, "started"))
    audit.record(actor=actor, action="lingkungan.component.create", obj=component,
                 pemda=household.pemda, request=request, changes={"kind": kind})
    return component


@transaction.atomic
def planting_record(*, actor, component: Component, date: Any, commodity: str,
                    quantity: Any, unit: str, request=None) -> Planting:
    household = component.plot.household
    require(actor, ACTION, _target(household))
    planting = Planting.objects.create(
        component=component, date=day(date, "date"),
        commodity=text(commodity, "commodity", required=True, max_length=80),
        quantity=decimal_of(quantity, "quantity", places=2, maximum=1_000_000),
        unit=text(unit, "unit", required=True, max_length=20),
    )
    audit.record(actor=actor, action="lingkungan.planting.create", obj=planting,
                 pemda=household.pemda, request=request,
                 changes={"commodity": planting.commodity, "quantity": str(planting.quantity)})
    return planting


@transaction.atomic
def harvest_record(*, actor, component: Component, date: Any, commodity: str, amount: Any,
                   eaten: Any = 0, sold: Any = 0, shared: Any = 0, unit: str = HarvestUnit.KG,
                   sold_value: Any = 0, request=None) -> Harvest:
    """A harvest and its use. The uses must add up to the amount exactly: a harvest that is
    partly unaccounted for would make the desa summary say less than was grown."""
    household = component.plot.household
    require(actor, ACTION, _target(household))
    amount = decimal_of(amount, "amount")
    uses = {}
    for name, value in (("eaten", eaten), ("sold", sold), ("shared", shared)):
        uses[name] = decimal_of(value or 0, name, positive=False)
    total = sum(uses.values(), ledger.ZERO)
    if total != amount:
        raise error("amount", _("Eaten, sold and shared add up to %(total)s, not to the "
                                "harvest of %(amount)s.") % {"total": total, "amount": amount})
    value = money(sold_value or 0, "sold_value", positive=False)
    if value and not uses["sold"]:
        raise error("sold_value", _("There is a sales value but nothing was sold."))
    harvest = Harvest.objects.create(
        component=component, date=day(date, "date"), amount=amount, sold_value=value,
        commodity=text(commodity, "commodity", required=True, max_length=80),
        unit=choice(unit, HarvestUnit, "unit"), **uses,
    )
    audit.record(actor=actor, action="lingkungan.harvest.create", obj=harvest,
                 pemda=household.pemda, request=request,
                 changes={"commodity": harvest.commodity, "amount": str(amount),
                          **{k: str(v) for k, v in uses.items()}})
    return harvest


@transaction.atomic
def visit_record(*, actor, household: Household, date: Any, officer: str, topic: str,
                 note: str = "", request=None) -> ExtensionVisit:
    require(actor, ACTION, _target(household))
    visit = ExtensionVisit.objects.create(
        household=household, date=day(date, "date"),
        officer=text(officer, "officer", required=True, max_length=160),
        topic=text(topic, "topic", required=True, max_length=200),
        note=text(note, "note", max_length=4000),
    )
    audit.record(actor=actor, action="lingkungan.visit.create", obj=visit,
                 pemda=household.pemda, request=request, changes={"topic": visit.topic})
    return visit
