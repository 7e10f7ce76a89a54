"""Writes of Jumat Bersih clean-ups and the register of public parks and their care groups."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from terbuka.core import audit
from terbuka.core.policy import Target
from terbuka.lingkungan.models import CareGroup, CleanupEvent, CleanupWaste, Park, WasteCategory
from terbuka.lingkungan.services._common import (
    choice,
    day,
    desa,
    duplicate,
    error,
    quantity,
    require,
    text,
    weight,
)


@transaction.atomic
def cleanup_record(*, actor, pemda, title: str, date: Any, region_code: str, place: str,
                   participants: Any, waste: dict | None = None, organiser: str = "",
                   note: str = "", request=None) -> CleanupEvent:
    """A clean-up that took place, with the waste collected by category ({category: kg})."""
    region = desa(pemda, region_code)
    require(actor, "lingkungan.cleanup.record", Target(pemda.pk, region_code=region.code))
    on = day(date, "date")
    try:
        count = int(str(participants).strip())
    except (TypeError, ValueError):
        raise error("participants", _("“%(value)s” is not a whole number.")
                    % {"value": participants}) from None
    if count < 1:
        raise error("participants", _("A clean-up has at least one participant."))
    collected = []
    for category, kg in (waste or {}).items():
        category = choice(category, WasteCategory, f"waste.{category}")
        if kg in (None, "", 0, "0"):
            continue
        collected.append((category, weight(kg, f"waste.{category}")))
    event = CleanupEvent.objects.create(
        pemda=pemda, region=region, date=on, participants=count,
        title=text(title, "title", required=True, max_length=200),
        place=text(place, "place", required=True, max_length=200),
        organiser=text(organiser, "organiser", max_length=200),
        note=text(note, "note", max_length=4000),
    )
    CleanupWaste.objects.bulk_create(
        [CleanupWaste(event=event, category=c, weight_kg=kg) for c, kg in collected])
    audit.record(actor=actor, action="lingkungan.cleanup.create", obj=event, pemda=pemda,
                 request=request, changes={
                     "date": on.isoformat(), "region": region.code, "participants": count,
                     "waste": {c: str(kg) for c, kg in collected}})
    return event


@transaction.atomic
def park_create(*, actor, pemda, name: str, region_code: str, address: str = "",
                area_m2: Any = None, request=None) -> Park:
    region = desa(pemda, region_code)
    require(actor, "lingkungan.park.manage", Target(pemda.pk, region_code=region.code))
    name = text(name, "name", required=True, max_length=160)
    if Park.objects.filter(pemda=pemda, name__iexact=name).exists():
        raise duplicate("name", _("A park named “%(name)s” is already registered.")
                        % {"name": name})
    area = None
    if area_m2 not in (None, ""):
        area = quantity(area_m2, "area_m2", places=2, maximum=10**9)
    park = Park.objects.create(pemda=pemda, name=name, region=region, area_m2=area,
                               address=text(address, "address", max_length=300))
    audit.record(actor=actor, action="lingkungan.park.create", obj=park, pemda=pemda,
                 request=request, changes=audit.diff({}, {"name": name, "region": region.code,
                                                          "area_m2": area}))
    return park


@transaction.atomic
def care_group_add(*, actor, park: Park, name: str, leader: str = "", members: Any = 0,
                   since: Any = None, request=None) -> CareGroup:
    require(actor, "lingkungan.park.manage", Target(park.pemda_id, region_code=park.region_id))
    name = text(name, "name", required=True, max_length=160)
    if CareGroup.objects.filter(park=park, name__iexact=name).exists():
        raise duplicate("name", _("“%(name)s” already looks after %(park)s.")
                        % {"name": name, "park": park.name})
    try:
        members = int(str(members).strip() or 0)
    except ValueError:
        raise error("members", _("“%(value)s” is not a whole number.")
                    % {"value": members}) from None
    if members < 0:
        raise error("members", _("%(value)s is negative.") % {"value": members})
    group = CareGroup.objects.create(
        park=park, name=name, leader=text(leader, "leader", max_length=160), members=members,
        since=day(since, "since", required=False))
    audit.record(actor=actor, action="lingkungan.caregroup.create", obj=group,
                 pemda=park.pemda, request=request,
                 changes=audit.diff({}, {"park": park.name, "name": name, "members": members}))
    return group
