"""Writes of the ikm app: survey periods (by officials) and questionnaires (by anyone)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import audit, policy
from terbuka.core.models import UnitLayanan
from terbuka.core.policy import Target
from terbuka.ikm.formula import ELEMENTS, SCALE
from terbuka.ikm.models import Education, Occupation, Response, Sex, SurveyPeriod

MAX_TEXT = 2000


def _require(actor, action: str, unit: UnitLayanan) -> None:
    if actor is None:
        return
    policy.require(actor, action, Target(unit.opd.pemda_id, opd_id=unit.opd_id,
                                         region_code=unit.region_id))


def _text(value: Any, field: str, max_length: int, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError({field: [_("Expected text.")]})
    value = value.replace("\x00", "").strip()
    if required and not value:
        raise ValidationError({field: [_("This field is required.")]})
    if len(value) > max_length:
        raise ValidationError({field: [
            _("At most %(max)d characters (this has %(n)d).") % {"max": max_length,
                                                                  "n": len(value)}
        ]})
    return value


def _date(value: Any, field: str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationError({field: [_("Enter a date as YYYY-MM-DD, not “%(value)s”.")
                                   % {"value": value}]})


def _choice(value: Any, choices, field: str) -> str:
    if value not in choices.values:
        raise ValidationError({field: [_("“%(value)s” is not one of the choices.")
                                       % {"value": value}]})
    return value


@transaction.atomic
def period_create(*, actor, unit: UnitLayanan, name: str, start, end,
                  population: int | None = None, request=None) -> SurveyPeriod:
    _require(actor, "ikm.period.manage", unit)
    pemda = unit.opd.pemda
    name = _text(name, "name", 120, required=True)
    start, end = _date(start, "start"), _date(end, "end")
    if end < start:
        raise ValidationError({"end": [_("The last day comes before the first day.")]})
    if population is not None and (isinstance(population, bool)
                                    or not isinstance(population, int) or population < 1):
        raise ValidationError({"population": [
            _("Enter a whole number of at least 1, not “%(value)s”.") % {"value": population}]})
    overlap = SurveyPeriod.objects.filter(unit=unit, start__lte=end, end__gte=start).first()
    if overlap is not None:
        raise ValidationError({"start": [ValidationError(
            _("The period overlaps “%(name)s” (%(start)s–%(end)s) of this unit.")
            % {"name": overlap.name, "start": overlap.start, "end": overlap.end},
            code="unique")]})
    period = SurveyPeriod.objects.create(pemda=pemda, unit=unit, name=name, start=start,
                                         end=end, population=population)
    # Questionnaires answered before the period was declared belong to it as well.
    Response.objects.filter(unit=unit, period__isnull=True,
                            submitted_on__range=(start, end)).update(period=period)
    audit.record(actor=actor, action="ikm.period.create", obj=period, pemda=pemda,
                 request=request, changes=audit.diff({}, {
                     "unit": unit.pk, "name": name, "start": start, "end": end,
                     "population": population}))
    return period


@transaction.atomic
def response_submit(*, actor, unit: UnitLayanan, answers: dict[str, Any], age: Any, sex: str,
                    education: str, occupation: str, service: str = "", suggestion: str = "",
                    ref: str = "", submitted_on: datetime.date | None = None,
                    request=None) -> Response:
    """A citizen's questionnaire. Anyone may answer (no policy check); the answers are the
    nine unsur on 1–4 and an anonymous profile."""
    if not unit.is_active or not unit.opd.is_active:
        raise ValidationError({"unit": [_("This service unit no longer takes surveys.")]})
    pemda = unit.opd.pemda
    errors: dict[str, list[str]] = {}
    clean: dict[str, int] = {}
    for element in ELEMENTS:
        value = answers.get(element)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or value not in SCALE:
            errors[element] = [_("Choose one of the four answers.")]
        else:
            clean[element] = value
    unknown = sorted(set(answers) - set(ELEMENTS))
    if unknown:
        errors["answers"] = [_("Unknown question: %(names)s.") % {"names": ", ".join(unknown)}]
    if isinstance(age, str) and age.strip().isdigit():
        age = int(age.strip())
    if isinstance(age, bool) or not isinstance(age, int) or not 10 <= age <= 120:
        errors["age"] = [_("Enter an age between 10 and 120.")]
    for field, value, choices in (("sex", sex, Sex), ("education", education, Education),
                                  ("occupation", occupation, Occupation)):
        try:
            _choice(value, choices, field)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    service = _text(service, "service", 200)
    suggestion = _text(suggestion, "suggestion", MAX_TEXT)
    ref = _text(ref, "ref", 40)
    day = submitted_on or timezone.localdate()
    if ref and Response.objects.filter(unit=unit, ref=ref).exists():
        raise ValidationError({"ref": [ValidationError(
            _("This service has already been rated for %(ref)s. Thank you.") % {"ref": ref},
            code="unique")]})
    period = SurveyPeriod.objects.filter(unit=unit, start__lte=day, end__gte=day).first()
    response = Response(pemda=pemda, unit=unit, period=period, submitted_on=day, age=age,
                        sex=sex, education=education, occupation=occupation, service=service,
                        suggestion=suggestion, ref=ref, **clean,
                        created_by=actor if getattr(actor, "is_authenticated", False) else None)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as exc:  # a simultaneous answer for the same ref
        raise ValidationError({"ref": [ValidationError(
            _("This service has already been rated for %(ref)s. Thank you.") % {"ref": ref},
            code="unique")]}) from exc
    # The answers are anonymous and not personal data; the event records that one came in.
    audit.record(actor=actor, action="ikm.response.submit", obj=response, pemda=pemda,
                 request=request, changes={"unit": [None, unit.pk], "ref": [None, ref]})
    return response


def results_publish(*, actor, pemda, request=None) -> str | None:
    """Hand the IKM results of every unit and period to Satu Data (core.publishing, which
    suppresses small respondent counts). Returns the catalog's reference or None when no
    catalog takes it."""
    from terbuka.core import publishing
    from terbuka.ikm import selectors

    if actor is not None:
        policy.require(actor, "ikm.results.publish", Target(pemda.pk))
    columns = [
        publishing.Column("opd", "string", _("OPD")),
        publishing.Column("unit_layanan", "string", _("Service unit")),
        publishing.Column("periode", "string", _("Survey period")),
        publishing.Column("mulai", "date", _("First day")),
        publishing.Column("selesai", "date", _("Last day")),
        publishing.Column("responden", "integer", _("Respondents"), count=True),
        *[publishing.Column(f"nrr_{e}", "number", f"NRR {e}") for e in ELEMENTS],
        publishing.Column("ikm", "number", _("IKM (25–100)")),
        publishing.Column("mutu", "string", _("Service quality grade")),
    ]
    rows = selectors.publication_rows(pemda=pemda)
    table = publishing.Table(
        pemda_id=pemda.pk, module="ikm", key="ikm-unit-layanan",
        title=_("Community satisfaction index (IKM) per service unit"),
        description=_("IKM per PermenPANRB 14/2017 for each service unit and survey period: "
                      "NRR of the nine elements on 1–4, the index on 25–100 and its grade."),
        columns=columns, rows=rows, frequency="annual",
        theme="pelayanan publik", tags=("ikm", "skm", "pelayanan publik"),
    )
    reference = publishing.publish(table, pemda=pemda)
    audit.record(actor=actor, action="ikm.results.publish", pemda=pemda, request=request,
                 changes={"rows": [None, len(rows)], "reference": [None, reference]})
    return reference
