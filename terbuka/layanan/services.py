"""Writes of the layanan app: service standards and restructurings. Permission first (actor
None is the platform), validation naming the field, write, audit."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from terbuka.core import audit, policy
from terbuka.core.models import Opd, Pemda, UnitLayanan
from terbuka.core.policy import Target
from terbuka.layanan.models import ChangeKind, Restructuring, RestructuringLink, ServiceStandard

TEXT_FIELDS = {  # name: (max length, required)
    "name": (200, True), "legal_basis": (4000, False), "requirements": (4000, True),
    "procedure": (4000, True), "duration": (120, True), "cost": (200, True),
    "product": (200, True), "complaint_channel": (2000, True),
}


def _error(field: str, message: str, code: str | None = None) -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def _text(value: Any, field: str, *, max_length: int, required: bool) -> str:
    value = "" if value is None else str(value).strip()
    if required and not value:
        raise _error(field, _("This field is required."))
    if len(value) > max_length:
        raise _error(field, _("At most %(n)d characters.") % {"n": max_length})
    if "\x00" in value:
        raise _error(field, _("This text contains a character that is not allowed."))
    return value


def _date(value: Any, field: str, *, required: bool) -> datetime.date | None:
    if value in (None, ""):
        if required:
            raise _error(field, _("Give a date as YYYY-MM-DD."))
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise _error(field, _("Give a date as YYYY-MM-DD.")) from None


@transaction.atomic
def standard_save(*, actor, opd: Opd, standard: ServiceStandard | None = None,
                  unit: UnitLayanan | None = None, duration_days: Any = None,
                  cost_amount: Any = 0, effective_on: Any = None, is_published: bool = False,
                  request=None, **texts) -> ServiceStandard:
    """Create a service standard for `opd`, or update `standard`."""
    _require = policy.require if actor is not None else (lambda *a: None)
    _require(actor, "layanan.standard.manage", Target(opd.pemda_id, opd_id=opd.pk))
    if standard is not None and standard.opd_id != opd.pk:
        raise _error("opd", _("This standard belongs to another OPD."))
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise _error("name", _("Unknown fields: %(names)s") % {"names": ", ".join(unknown)})
    values = {name: _text(texts.get(name, getattr(standard, name, "")), name, max_length=m,
                          required=r) for name, (m, r) in TEXT_FIELDS.items()}
    if unit is not None and unit.opd_id != opd.pk:
        raise _error("unit", _("That service unit belongs to another OPD."))
    if duration_days not in (None, ""):
        try:
            duration_days = int(duration_days)
        except (TypeError, ValueError):
            raise _error("duration_days", _("Give a whole number of days.")) from None
        if not 0 <= duration_days <= 365:
            raise _error("duration_days", _("Give a number of days from 0 to 365."))
    else:
        duration_days = None
    try:
        cost_amount = Decimal(str(cost_amount if cost_amount not in (None, "") else 0))
    except InvalidOperation:
        raise _error("cost_amount", _("“%(value)s” is not a number.")
                     % {"value": cost_amount}) from None
    if cost_amount < 0 or cost_amount != cost_amount.quantize(Decimal(1)):
        raise _error("cost_amount", _("Give whole rupiah, zero or more."))
    twin = ServiceStandard.objects.filter(opd=opd, name__iexact=values["name"])
    if standard is not None:
        twin = twin.exclude(pk=standard.pk)
    if twin.exists():
        raise _error("name", _("%(opd)s already has a service called “%(name)s”.")
                     % {"opd": opd, "name": values["name"]}, code="unique")
    fields = {**values, "unit": unit, "duration_days": duration_days, "cost_amount": cost_amount,
              "effective_on": _date(effective_on, "effective_on", required=False),
              "is_published": bool(is_published)}
    before = {}
    if standard is None:
        standard = ServiceStandard.objects.create(pemda_id=opd.pemda_id, opd=opd, **fields)
    else:
        before = {k: getattr(standard, k) for k in fields}
        for key, value in fields.items():
            setattr(standard, key, value)
        standard.save()
    audit.record(actor=actor, action="layanan.standard.save", obj=standard, request=request,
                 pemda=opd.pemda, changes=audit.diff(before, fields))
    return standard


SHAPES = {
    # kind: (olds allowed, successors allowed) as (min, max); None = no maximum
    ChangeKind.MERGE: ((2, None), (1, 1)),
    ChangeKind.SPLIT: ((1, 1), (2, None)),
    ChangeKind.RENAME: ((1, 1), (1, 1)),
    ChangeKind.DISSOLVE: ((1, None), (0, 0)),
}


@transaction.atomic
def restructuring_record(*, actor, pemda: Pemda, kind: str, effective_on: Any, regulation: str,
                         old: list[Opd | str], new: list[Opd], note: str = "",
                         request=None) -> Restructuring:
    """Record that the units `old` (OPD rows, or names of units no longer recorded) became
    the OPD `new` on `effective_on`."""
    if actor is not None:
        policy.require(actor, "layanan.restructuring.record", Target(pemda.pk))
    if kind not in ChangeKind.values:
        raise _error("kind", _("“%(value)s” is not one of the choices.") % {"value": kind})
    (old_min, old_max), (new_min, new_max) = SHAPES[ChangeKind(kind)]
    old = [o for o in old if o not in (None, "")]
    new = [n for n in new if n is not None]
    if len(old) < old_min or (old_max is not None and len(old) > old_max):
        raise _error("old", _("A change of this kind has the wrong number of old units."))
    if len(new) < new_min or (new_max is not None and len(new) > new_max):
        raise _error("new", _("A change of this kind has the wrong number of successors."))
    for unit in [*(o for o in old if isinstance(o, Opd)), *new]:
        if unit.pemda_id != pemda.pk:
            raise _error("new", _("That OPD belongs to another regional government."))
    restructuring = Restructuring.objects.create(
        pemda=pemda, kind=kind, effective_on=_date(effective_on, "effective_on", required=True),
        regulation=_text(regulation, "regulation", max_length=200, required=True),
        note=_text(note, "note", max_length=300, required=False))
    for o in old:
        name = o.name if isinstance(o, Opd) else _text(o, "old", max_length=200, required=True)
        for successor in new or [None]:
            RestructuringLink.objects.create(
                restructuring=restructuring, old_name=name,
                old_opd=o if isinstance(o, Opd) else None, new_opd=successor)
    audit.record(actor=actor, action="layanan.restructuring.record", obj=restructuring,
                 pemda=pemda, request=request, changes={
                     "kind": [None, kind], "old": [None, [str(o) for o in old]],
                     "new": [None, [str(n) for n in new]]})
    return restructuring
