"""What every lingkungan service shares: permission checks, input checks, errors."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import policy
from terbuka.core.policy import Target
from terbuka.core.regions import validate_region_code
from terbuka.lingkungan import ledger


def require(actor, action: str, target: Target) -> None:
    if actor is None:  # the platform itself: commands, demo loader, jobs
        return
    policy.require(actor, action, target)


def error(field: str, message: str, code: str | None = None) -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def duplicate(field: str, message: str) -> ValidationError:
    return error(field, message, code="unique")


def text(value: Any, field: str, *, required: bool = False, max_length: int) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise error(field, _("Expected text."))
    value = value.strip()
    if "\x00" in value:
        raise error(field, _("Text may not contain NUL characters."))
    if required and not value:
        raise error(field, _("This field is required."))
    if len(value) > max_length:
        raise error(field, _("At most %(n)d characters, got %(got)d.")
                    % {"n": max_length, "got": len(value)})
    return value


def choice(value: Any, choices, field: str) -> str:
    if value not in choices.values:
        raise error(field, _("“%(value)s” is not one of: %(allowed)s.")
                    % {"value": value, "allowed": ", ".join(choices.values)})
    return value


def day(value: Any, field: str, *, required: bool = True, not_future: bool = True):
    if value in (None, "") and not required:
        return None
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise error(field, _("“%(value)s” is not a date (YYYY-MM-DD).")
                        % {"value": value}) from None
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise error(field, _("A date is required."))
    if not_future and value > timezone.localdate():
        raise error(field, _("%(date)s is in the future.") % {"date": value.isoformat()})
    return value




def _number_error(field: str, value: Any, reason: str, what: str) -> ValidationError:
    messages = {
        "not_a_number": _("“%(value)s” is not a number."),
        "negative": _("%(value)s is negative; %(what)s cannot be below zero."),
        "zero": _("%(what)s must be more than zero."),
        "too_precise": _("%(value)s has too many decimal places for %(what)s."),
        "too_large": _("%(value)s is too large for %(what)s."),
    }
    return error(field, messages[reason] % {"value": value, "what": what})


def weight(value: Any, field: str):
    try:
        return ledger.parse_weight(value)
    except ledger.BadNumber as exc:
        raise _number_error(field, value, exc.reason, _("a weight in kg (to the gram)")) from None


def money(value: Any, field: str, *, positive: bool = True):
    try:
        return ledger.parse_money(value, positive=positive)
    except ledger.BadNumber as exc:
        raise _number_error(field, value, exc.reason, _("an amount in whole rupiah")) from None


def quantity(value: Any, field: str, *, places: int = 3, positive: bool = True,
             maximum=ledger.MAX_WEIGHT_KG):
    try:
        return ledger.parse_decimal(value, places=places, positive=positive, maximum=maximum)
    except ledger.BadNumber as exc:
        raise _number_error(field, value, exc.reason, _("this quantity")) from None


def desa(pemda, region_code: Any, field: str = "region_code"):
    from terbuka.core.models import RegionLevel

    return validate_region_code(region_code, level=RegionLevel.DESA_KELURAHAN,
                                within=pemda.region, field=field)


def same_pemda(obj, pemda, field: str) -> None:
    if getattr(obj, "pemda_id", None) != pemda.pk:
        raise error(field, _("“%(obj)s” belongs to another regional government.")
                    % {"obj": obj})
