"""Every write of the PMKS register. Permission first (actor=None is the platform itself),
then validation into a ValidationError naming the field, then the write and its audit event.
Progress on a case that came in as a core referral is reported back to the sender with
core.services.referral_update."""

from __future__ import annotations

import csv
import datetime
import io
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from terbuka.core import audit, policy
from terbuka.core import services as core_services
from terbuka.core.models import Opd, Pemda, Place, PlaceKind, ReferralStatus, RegionLevel
from terbuka.core.policy import Target
from terbuka.core.regions import validate_region_code
from terbuka.sosial.codelists import DISABILITY_CODES, PMKS_VERSION
from terbuka.sosial.models import (
    Aid,
    AidKind,
    Assessment,
    Case,
    CaseStatus,
    DisabilityType,
    FollowUp,
    FoundBy,
    Giver,
    Household,
    OpdReferral,
    OpdReferralStatus,
    Person,
    PmksCategory,
    Priority,
    Sex,
)

NIK = re.compile(r"^\d{16}$")


def _error(field: str, message: str, code: str | None = None) -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def _require(actor, action: str, target: Target) -> None:
    if actor is not None:
        policy.require(actor, action, target)


def _text(value: Any, field: str, *, max_length: int, required: bool = True) -> str:
    value = "" if value is None else str(value).strip()
    if required and not value:
        raise _error(field, _("This field is required."))
    if len(value) > max_length:
        raise _error(field, _("At most %(n)d characters.") % {"n": max_length})
    if "\x00" in value:
        raise _error(field, _("This text contains a character that is not allowed."))
    return value


def _choice(value: Any, choices, field: str, *, blank: bool = False) -> str:
    if blank and value in (None, ""):
        return ""
    if value not in choices.values:
        raise _error(field, _("“%(value)s” is not one of the choices.") % {"value": value})
    return value


def _date(value: Any, field: str, *, required: bool = True) -> datetime.date | None:
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


def _desa(pemda: Pemda, code: Any) -> str:
    try:
        return validate_region_code(code, level=[RegionLevel.DESA_KELURAHAN],
                                    within=pemda.region_id).code
    except ValidationError as exc:
        raise ValidationError({"desa": exc.messages}) from None


def _case_target(case: Case) -> Target:
    return Target(case.pemda_id, region_code=case.desa_id)


def _open_case(case: Case) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.CLOSED:
        raise _error("case", _("This case is closed."))
    return case


def _report_back(*, actor, case: Case, status: str, note: str, request=None) -> None:
    """Tell the module that referred the case how it goes (no-op for cases found here)."""
    if case.referral_id is None:
        return
    referral = case.referral
    if referral.status in (ReferralStatus.DONE, ReferralStatus.DECLINED):
        return
    core_services.referral_update(actor=actor, referral=referral, status=status,
                                  note=note[:2000], request=request)


# --- people and cases ---------------------------------------------------------------------------


def find_duplicate(pemda: Pemda, *, nik: str, name: str, birth_date, desa: str) -> Person | None:
    if nik:
        found = Person.objects.filter(pemda=pemda, nik=nik).first()
        if found:
            return found
    if birth_date is not None:
        return Person.objects.filter(pemda=pemda, name__iexact=name, birth_date=birth_date,
                                     desa_id=desa).first()
    return None


@transaction.atomic
def person_register(*, actor, pemda: Pemda, name: str, sex: str, desa: str, nik: str = "",
                    birth_date: Any = None, kk_number: str = "", dusun: Place | None = None,
                    address: str = "", request=None) -> Person:
    desa = _desa(pemda, desa)
    _require(actor, "sosial.case.manage", Target(pemda.pk, region_code=desa))
    name = _text(name, "name", max_length=120)
    nik = _text(nik, "nik", max_length=16, required=False)
    if nik and not NIK.match(nik):
        raise _error("nik", _("A NIK has 16 digits."))
    birth_date = _date(birth_date, "birth_date", required=False)
    if birth_date and birth_date > datetime.date.today():
        raise _error("birth_date", _("The date of birth is in the future."))
    twin = find_duplicate(pemda, nik=nik, name=name, birth_date=birth_date, desa=desa)
    if twin is not None:
        field = "nik" if nik and twin.nik == nik else "name"
        raise _error(field, _("This person is already registered (number %(id)d).")
                     % {"id": twin.pk}, code="unique")
    kk_number = _text(kk_number, "kk_number", max_length=16, required=False)
    if kk_number and not NIK.match(kk_number):
        raise _error("kk_number", _("A family card number has 16 digits."))
    if dusun is not None and (dusun.pemda_id != pemda.pk or dusun.kind != PlaceKind.DUSUN
                              or dusun.region_id != desa):
        raise _error("dusun", _("That dusun is not in this desa."))
    household = None
    if kk_number:
        household = Household.objects.filter(pemda=pemda, kk_number=kk_number).first()
    if household is None:
        household = Household.objects.create(
            pemda=pemda, kk_number=kk_number, desa_id=desa, dusun=dusun,
            address=_text(address, "address", max_length=200, required=False))
    person = Person.objects.create(pemda=pemda, household=household, nik=nik, name=name,
                                   birth_date=birth_date, sex=_choice(sex, Sex, "sex"),
                                   desa_id=desa)
    # No names or NIK in the audit trail's changes: the object id points to the row.
    audit.record(actor=actor, action="sosial.person.register", obj=person, request=request,
                 changes={"desa": [None, desa], "has_nik": [None, bool(nik)]})
    return person


def _categories(codes, field: str = "categories") -> list[PmksCategory]:
    codes = [str(c).strip() for c in (codes or []) if str(c).strip()]
    if not codes:
        raise _error(field, _("Choose at least one PMKS category."))
    found = {c.code: c for c in PmksCategory.objects.filter(version=PMKS_VERSION, code__in=codes,
                                                            is_active=True)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise _error(field, _("Unknown PMKS category: %(codes)s (code list %(version)s).")
                     % {"codes": ", ".join(unknown), "version": PMKS_VERSION})
    return [found[c] for c in dict.fromkeys(codes)]


def _case_create(*, pemda, person, categories, found_by, found_on, disability_type="",
                 summary="", referral=None) -> Case:
    cats = _categories(categories)
    found_by = _choice(found_by, FoundBy, "found_by")
    disability_type = _choice(disability_type, DisabilityType, "disability_type", blank=True)
    if any(c.code in DISABILITY_CODES for c in cats) and not disability_type:
        raise _error("disability_type", _("Name the type of disability."))
    open_case = person.cases.exclude(status=CaseStatus.CLOSED).first()
    if open_case is not None:
        raise _error("person", _("%(name)s already has an open case (%(ref)s).")
                     % {"name": person.name, "ref": open_case.ref}, code="unique")
    case = Case.objects.create(
        pemda=pemda, person=person, desa_id=person.desa_id, found_by=found_by,
        found_on=_date(found_on, "found_on"), disability_type=disability_type,
        summary=_text(summary, "summary", max_length=2000, required=False), referral=referral)
    case.categories.set(cats)
    return case


@transaction.atomic
def case_open(*, actor, person: Person, categories, found_by: str, found_on: Any,
              disability_type: str = "", summary: str = "", request=None) -> Case:
    _require(actor, "sosial.case.manage", Target(person.pemda_id, region_code=person.desa_id))
    case = _case_create(pemda=person.pemda, person=person, categories=categories,
                        found_by=found_by, found_on=found_on, disability_type=disability_type,
                        summary=summary)
    audit.record(actor=actor, action="sosial.case.open", obj=case, request=request,
                 changes={"categories": [None, sorted(c.code for c in case.categories.all())],
                          "found_by": [None, case.found_by]})
    return case


def referral_handler(referral) -> str:
    """core.referrals handler for kind `sosial.pmks`: a posyandu flag (or a complaint) opens a
    case here, in the sender's transaction. Payload: name, sex (L/P), desa (or the referral's
    region), optional nik, birth_date, categories (codes), disability_type, note. A person
    already registered gets a new case; one with an open case gets this referral attached."""
    p = referral.payload or {}
    pemda = referral.pemda
    desa = _desa(pemda, p.get("desa") or referral.region_code)
    nik = str(p.get("nik") or "").strip()
    name = _text(p.get("name"), "name", max_length=120)
    birth_date = _date(p.get("birth_date"), "birth_date", required=False)
    person = find_duplicate(pemda, nik=nik, name=name, birth_date=birth_date, desa=desa)
    if person is None:
        person = person_register(actor=None, pemda=pemda, name=name, sex=p.get("sex") or "P",
                                 desa=desa, nik=nik, birth_date=birth_date)
    case = person.cases.exclude(status=CaseStatus.CLOSED).first()
    if case is not None and case.referral_id is None:
        case.referral = referral
        case.save(update_fields=["referral", "updated_at"])
    elif case is None:
        found_by = {"posyandu": FoundBy.POSYANDU, "aduan": FoundBy.ADUAN}.get(
            referral.source_module, FoundBy.LAINNYA)
        case = _case_create(
            pemda=pemda, person=person, categories=p.get("categories") or ["24"],
            found_by=found_by, found_on=referral.created_at.date(),
            disability_type=p.get("disability_type") or "",
            summary=p.get("note") or referral.summary, referral=referral)
    audit.record(actor=None, action="sosial.case.referred", obj=case, pemda=pemda,
                 changes={"referral": [None, referral.pk],
                          "from": [None, referral.source_module]})
    return case.ref


@transaction.atomic
def assessment_record(*, actor, case: Case, assessed_on: Any, assessor: str, needs: str,
                      priority: str, request=None) -> Assessment:
    _require(actor, "sosial.case.manage", _case_target(case))
    case = _open_case(case)
    assessment = Assessment.objects.create(
        case=case, assessed_on=_date(assessed_on, "assessed_on"),
        assessor=_text(assessor, "assessor", max_length=120),
        needs=_text(needs, "needs", max_length=2000),
        priority=_choice(priority, Priority, "priority"))
    if case.status == CaseStatus.NEW:
        case.status = CaseStatus.ASSESSED
        case.save(update_fields=["status", "updated_at"])
    _report_back(actor=actor, case=case, status=ReferralStatus.ACCEPTED,
                 note=_("Assessed by the social services; priority %(p)s.")
                 % {"p": assessment.get_priority_display().lower()}, request=request)
    audit.record(actor=actor, action="sosial.assessment.record", obj=case, request=request,
                 changes={"priority": [None, assessment.priority]})
    return assessment


@transaction.atomic
def aid_record(*, actor, case: Case, given_on: Any, kind: str, description: str, giver: str,
               value: Any = 0, giver_name: str = "", opd: Opd | None = None,
               request=None) -> Aid:
    _require(actor, "sosial.case.manage", _case_target(case))
    case = _open_case(case)
    try:
        value = Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        raise _error("value", _("“%(value)s” is not a number.") % {"value": value}) from None
    if value < 0 or value != value.quantize(Decimal(1)) or value >= Decimal(10) ** 13:
        raise _error("value", _("Give whole rupiah, zero or more."))
    if opd is not None and opd.pemda_id != case.pemda_id:
        raise _error("opd", _("That OPD belongs to another regional government."))
    aid = Aid.objects.create(
        case=case, given_on=_date(given_on, "given_on"), kind=_choice(kind, AidKind, "kind"),
        description=_text(description, "description", max_length=200),
        giver=_choice(giver, Giver, "giver"),
        giver_name=_text(giver_name, "giver_name", max_length=120, required=False),
        value=value, opd=opd)
    case.status = CaseStatus.SERVED
    case.save(update_fields=["status", "updated_at"])
    _report_back(actor=actor, case=case, status=ReferralStatus.IN_PROGRESS,
                 note=_("%(kind)s from %(giver)s: %(what)s") % {
                     "kind": aid.get_kind_display(), "giver": aid.get_giver_display(),
                     "what": aid.description}, request=request)
    audit.record(actor=actor, action="sosial.aid.record", obj=case, request=request,
                 changes={"kind": [None, aid.kind], "giver": [None, aid.giver],
                          "value": [None, str(value)]})
    return aid


@transaction.atomic
def opd_referral_send(*, actor, case: Case, from_opd: Opd, to_opd: Opd, reason: str,
                      sent_on: Any, request=None) -> OpdReferral:
    _require(actor, "sosial.case.manage", _case_target(case))
    case = _open_case(case)
    for field, opd in (("from_opd", from_opd), ("to_opd", to_opd)):
        if opd is None or opd.pemda_id != case.pemda_id:
            raise _error(field, _("Choose an OPD of this regional government."))
    if from_opd.pk == to_opd.pk:
        raise _error("to_opd", _("A referral goes to another OPD."))
    referral = OpdReferral.objects.create(case=case, from_opd=from_opd, to_opd=to_opd,
                                          reason=_text(reason, "reason", max_length=300),
                                          sent_on=_date(sent_on, "sent_on"))
    audit.record(actor=actor, action="sosial.opdreferral.send", obj=case, request=request,
                 changes={"to_opd": [None, str(to_opd)]})
    return referral


@transaction.atomic
def opd_referral_respond(*, actor, referral: OpdReferral, status: str, response: str = "",
                         request=None) -> OpdReferral:
    """The receiving OPD accepts, declines or completes a referral."""
    case = referral.case
    _require(actor, "sosial.opdreferral.respond",
             Target(case.pemda_id, opd_id=referral.to_opd_id, region_code=case.desa_id))
    referral = OpdReferral.objects.select_for_update().get(pk=referral.pk)
    status = _choice(status, OpdReferralStatus, "status")
    if referral.status in (OpdReferralStatus.DONE, OpdReferralStatus.DECLINED):
        raise _error("status", _("This referral is already closed."))
    before = referral.status
    referral.status = status
    referral.response = _text(response, "response", max_length=300, required=False)
    referral.save(update_fields=["status", "response"])
    audit.record(actor=actor, action="sosial.opdreferral.respond", obj=case, request=request,
                 changes={"status": [before, status]})
    return referral


@transaction.atomic
def follow_up(*, actor, case: Case, on: Any, note: str, close: bool = False,
              request=None) -> FollowUp:
    _require(actor, "sosial.case.manage", _case_target(case))
    case = _open_case(case)
    entry = FollowUp.objects.create(
        case=case, on=_date(on, "on"), note=_text(note, "note", max_length=500),
        by=actor if getattr(actor, "pk", None) else None, by_label=audit._actor_label(actor))
    if close:
        case.status = CaseStatus.CLOSED
        case.save(update_fields=["status", "updated_at"])
        _report_back(actor=actor, case=case, status=ReferralStatus.DONE, note=entry.note,
                     request=request)
    audit.record(actor=actor, action="sosial.case.follow_up", obj=case, request=request,
                 changes={"closed": [None, bool(close)]})
    return entry


# --- DTSEN decile import ------------------------------------------------------------------------


@transaction.atomic
def dtsen_import(*, actor, pemda: Pemda, text: str, as_of: Any, request=None) -> dict:
    """Set households' DTSEN decile from a CSV with a header row: `nik` or `no_kk`, and
    `desil` (1–10); `,` or `;` separated. Every line is checked before anything is written;
    a bad line refuses the whole file, naming the line. NIK and KK numbers not in the
    register are counted and skipped: the register holds only PMKS households."""
    _require(actor, "sosial.dtsen.import", Target(pemda.pk, region_code=pemda.region_id))
    as_of = _date(as_of, "as_of")
    text = (text or "").lstrip("\ufeff")
    if not text.strip():
        raise _error("file", _("The file is empty."))
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t") \
        if text.splitlines()[0] else csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = {h.strip().lower() for h in reader.fieldnames or []}
    if "desil" not in header or not header & {"nik", "no_kk"}:
        raise _error("file", _("The header needs a column “desil” and a column “nik” or "
                               "“no_kk”."))
    updates: dict[int, int] = {}
    skipped = 0
    errors = []
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        try:
            decile = int(row.get("desil", ""))
            if not 1 <= decile <= 10:
                raise ValueError
        except ValueError:
            errors.append(_("line %(n)d: decile “%(v)s” is not 1–10")
                          % {"n": line, "v": row.get("desil", "")})
            continue
        household = None
        if row.get("no_kk"):
            household = Household.objects.filter(pemda=pemda, kk_number=row["no_kk"]).first()
        if household is None and row.get("nik"):
            person = Person.objects.filter(pemda=pemda, nik=row["nik"]) \
                .select_related("household").first()
            household = person.household if person else None
        if household is None:
            skipped += 1
            continue
        updates[household.pk] = decile
    if errors:
        raise _error("file", "; ".join(errors[:10]))
    for household_id, decile in updates.items():
        Household.objects.filter(pk=household_id).update(dtsen_decile=decile,
                                                         dtsen_updated_on=as_of)
    result = {"updated": len(updates), "skipped": skipped}
    audit.record(actor=actor, action="sosial.dtsen.import", pemda=pemda, request=request,
                 changes=result)
    return result
