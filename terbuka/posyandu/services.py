"""Every write of the posyandu module. Each service checks the policy first (actor None is
the system), validates, writes, and records the change in the audit log."""

from __future__ import annotations

import datetime
import re
import uuid as uuidlib
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import audit, policy
from terbuka.core import services as core_services
from terbuka.core.models import Opd, OpdKind, Place, PlaceKind, Region, RegionLevel
from terbuka.core.policy import Target
from terbuka.posyandu import monitoring
from terbuka.posyandu import nik as nikmod
from terbuka.posyandu import strata as stratamod
from terbuka.posyandu.models import (
    Alert,
    AlertFollowUp,
    AlertStatus,
    Household,
    Kader,
    KaderRole,
    Measurement,
    Membership,
    Person,
    Position,
    Posyandu,
    Session,
    SessionAlias,
    Sex,
    SocialCategory,
    SocialFlag,
    StrataAssessment,
)

MODULE = "posyandu"
# Where a social flag goes unless the kader picks otherwise: social-welfare problems to the
# social services' PMKS register, violence risk to the complaint pipeline (it reaches the
# P2TP2A/UPTD PPA through aduan's routing).
DEFAULT_SOCIAL_KIND = {
    SocialCategory.VIOLENCE: "aduan.laporan",
}
SOCIAL_KINDS = ("sosial.pmks", "aduan.laporan")

# Plausible ranges for children 0-60 months; outside them the value is almost surely a typing
# or unit mistake, so it is refused with a hint rather than stored.
WEIGHT_KG = (0.5, 40.0)
LENGTH_CM = (38.0, 130.0)
HEAD_CM = (25.0, 60.0)
MUAC_CM = (5.0, 30.0)
MAX_CHILD_AGE_DAYS = 1856


def target(posyandu: Posyandu) -> Target:
    return Target(posyandu.pemda_id, region_code=posyandu.desa_code, place_id=posyandu.place_id)


def _require(actor, action: str, posyandu: Posyandu) -> None:
    if actor is not None:
        policy.require(actor, action, target(posyandu))


def _error(field: str, message: str, code: str | None = None) -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def _text(value: Any, field: str, *, required: bool = False, max_length: int = 200) -> str:
    value = "" if value is None else value
    if not isinstance(value, str):
        raise _error(field, _("Expected text."))
    value = " ".join(value.split()) if "\n" not in value else value.strip()
    if required and not value:
        raise _error(field, _("This field is required."))
    if len(value) > max_length:
        raise _error(field, _("At most %(n)d characters, got %(got)d.")
                     % {"n": max_length, "got": len(value)})
    return value


def _date(value: Any, field: str, *, required: bool = True) -> datetime.date | None:
    if value in (None, ""):
        if required:
            raise _error(field, _("This field is required."))
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise _error(field, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}) \
            from None


def _decimal(value: Any, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        value = value.strip().replace(",", ".")
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        raise _error(field, _("“%(value)s” is not a number.") % {"value": value}) from None
    if not d.is_finite():
        raise _error(field, _("“%(value)s” is not a number.") % {"value": value})
    return d


def _uuid(value: Any, field: str = "uuid") -> uuidlib.UUID | None:
    if value in (None, ""):
        return None
    try:
        return value if isinstance(value, uuidlib.UUID) else uuidlib.UUID(str(value))
    except ValueError:
        raise _error(field, _("“%(value)s” is not a valid id.") % {"value": value}) from None


def name_key(name: str) -> str:
    """Names compared for duplicates: case, spacing and punctuation ignored."""
    return re.sub(r"[^a-z0-9 ]", "", " ".join((name or "").lower().split()))


def _today() -> datetime.date:
    return timezone.localdate()


# --- posyandu and kader ----------------------------------------------------------------------


@transaction.atomic
def posyandu_create(*, actor, place: Place, puskesmas: Opd | None = None,
                    registration_number: str = "", additional_programmes=(),
                    request=None) -> Posyandu:
    """The programme record of a posyandu place (core Place, kind posyandu)."""
    if place.kind != PlaceKind.POSYANDU:
        raise _error("place", _("“%(place)s” is not a posyandu.") % {"place": place})
    pemda = place.pemda
    if actor is not None:
        policy.require(actor, "posyandu.posyandu.manage",
                       Target(pemda.pk, region_code=place.region_id, place_id=place.pk))
    if puskesmas is not None and (puskesmas.pemda_id != pemda.pk
                                  or puskesmas.kind != OpdKind.PUSKESMAS):
        raise _error("puskesmas", _("“%(opd)s” is not a puskesmas of this regional government.")
                     % {"opd": puskesmas})
    if Posyandu.objects.filter(place=place).exists():
        raise _error("place", _("Posyandu “%(name)s” is already registered.")
                     % {"name": place.name}, code="unique")
    dusun = place.parent if place.parent_id and place.parent.kind == PlaceKind.DUSUN else None
    posyandu = Posyandu.objects.create(
        pemda=pemda, place=place, dusun=dusun, desa_code=place.region_id, puskesmas=puskesmas,
        registration_number=_text(registration_number, "registration_number", max_length=40),
        additional_programmes=[_text(p, "additional_programmes", max_length=60)
                               for p in additional_programmes if p],
    )
    audit.record(actor=actor, action="posyandu.posyandu.create", obj=posyandu, pemda=pemda,
                 request=request, changes={"place": [None, place.pk]})
    return posyandu


@transaction.atomic
def kader_add(*, actor, posyandu: Posyandu, name: str, role: str = KaderRole.ANGGOTA,
              user=None, trained_on=None, training: str = "", request=None) -> Kader:
    _require(actor, "posyandu.posyandu.manage", posyandu)
    if role not in KaderRole.values:
        raise _error("role", _("“%(value)s” is not a kader role.") % {"value": role})
    kader = Kader.objects.create(
        posyandu=posyandu, name=_text(name, "name", required=True, max_length=120), role=role,
        user=user, trained_on=_date(trained_on, "trained_on", required=False),
        training=_text(training, "training"),
    )
    audit.record(actor=actor, action="posyandu.kader.add", obj=kader, pemda=posyandu.pemda,
                 request=request, changes={"name": [None, kader.name], "role": [None, role]})
    return kader


# --- households and people -------------------------------------------------------------------


@transaction.atomic
def household_create(*, actor, posyandu: Posyandu, head_name: str, no_kk: str = "",
                     address: str = "", dana_sehat: bool = False, request=None) -> Household:
    _require(actor, "posyandu.register.edit", posyandu)
    no_kk = nikmod.normalise(no_kk)
    if no_kk and not re.fullmatch(r"[0-9]{16}", no_kk):
        raise _error("no_kk", _("A KK number has 16 digits."))
    if no_kk and Household.objects.filter(pemda_id=posyandu.pemda_id, no_kk=no_kk).exists():
        raise _error("no_kk", _("KK %(kk)s is already registered.") % {"kk": no_kk},
                     code="unique")
    household = Household.objects.create(
        pemda_id=posyandu.pemda_id, posyandu=posyandu, no_kk=no_kk,
        head_name=_text(head_name, "head_name", required=True, max_length=120),
        address=_text(address, "address"), dana_sehat=bool(dana_sehat),
    )
    audit.record(actor=actor, action="posyandu.household.create", obj=household,
                 pemda=posyandu.pemda, request=request,
                 changes={"head_name": [None, household.head_name]})
    return household


def _check_nik(nik: str, *, birth_date, sex) -> str:
    nik = nikmod.normalise(nik)
    if not nik:
        return ""
    try:
        info = nikmod.parse(nik)
    except nikmod.NikError as exc:
        raise _error("nik", {
            "format": _("A NIK has exactly 16 digits."),
            "date": _("Digits 7-12 of a NIK are the birth date (DDMMYY, women +40 on the "
                      "day); “%(nik)s” has none.") % {"nik": nik},
            "serial": _("The last four digits of a NIK cannot be 0000."),
        }[exc.code]) from None
    if not Region.objects.filter(code=info.kabupaten_code,
                                 level=RegionLevel.KABUPATEN_KOTA).exists():
        raise _error("nik", _("NIK %(nik)s starts with %(code)s, which is not a kabupaten/kota "
                              "code.") % {"nik": nik, "code": info.kabupaten_code})
    wrong = nikmod.mismatches(info, birth_date=birth_date, sex=sex)
    if "birth_date" in wrong:
        raise _error("nik", _("NIK %(nik)s encodes the birth date %(d)02d-%(m)02d-..%(y)02d, "
                              "not %(given)s.") % {"nik": nik, "d": info.day, "m": info.month,
                                                    "y": info.yy, "given": birth_date})
    if "sex" in wrong:
        raise _error("nik", _("NIK %(nik)s is a %(sex)s's (women have 40 added to the birth "
                              "day).") % {"nik": nik,
                                          "sex": _("woman") if info.sex == "P" else _("man")})
    return nik


@transaction.atomic
def person_register(*, actor, posyandu: Posyandu, name: str, birth_date, sex: str,
                    nik: str = "", mother: Person | None = None, mother_name: str = "",
                    father: Person | None = None, household: Household | None = None,
                    has_kms: bool = True, uuid=None, request=None) -> Person:
    """Add a person to the register. The same `uuid` again (a phone syncing twice) returns the
    first record; the same NIK, or the same name, birth date and mother, is refused as a
    duplicate naming the existing record."""
    _require(actor, "posyandu.register.edit", posyandu)
    uid = _uuid(uuid)
    if uid is not None:
        existing = Person.objects.filter(uuid=uid).first()
        if existing is not None:
            if existing.pemda_id != posyandu.pemda_id:
                raise _error("uuid", _("This id is already used."), code="unique")
            return existing
    name = _text(name, "name", required=True, max_length=120)
    birth_date = _date(birth_date, "birth_date")
    if birth_date > _today():
        raise _error("birth_date", _("The birth date %(date)s is in the future.")
                     % {"date": birth_date.isoformat()})
    if birth_date.year < 1900:
        raise _error("birth_date", _("The birth date %(date)s is too far in the past.")
                     % {"date": birth_date.isoformat()})
    if sex not in Sex.values:
        raise _error("sex", _("Sex must be L or P."))
    nik = _check_nik(nik, birth_date=birth_date, sex=sex)
    for field, other in (("mother", mother), ("father", father), ("household", household)):
        if other is not None and other.pemda_id != posyandu.pemda_id:
            raise _error(field, _("That record belongs to another regional government."))
    if mother is not None:
        mother_name = mother.name
    mother_name = _text(mother_name, "mother_name", max_length=120)
    if nik:
        dup = Person.objects.filter(pemda_id=posyandu.pemda_id, nik=nik).first()
        if dup is not None:
            raise _error("nik", _("NIK %(nik)s is already registered (%(name)s, posyandu "
                                  "%(posyandu)s).") % {"nik": nik, "name": dup.name,
                                                       "posyandu": dup.posyandu},
                         code="unique")
    key, mkey = name_key(name), name_key(mother_name)
    dup = Person.objects.filter(pemda_id=posyandu.pemda_id, name_key=key,
                                birth_date=birth_date, mother_key=mkey).first()
    if dup is not None and (mkey or not dup.mother_key):
        raise _error("name", _("%(name)s, born %(date)s, mother %(mother)s, is already "
                               "registered at posyandu %(posyandu)s.")
                     % {"name": dup.name, "date": birth_date.isoformat(),
                        "mother": dup.mother_name or "-", "posyandu": dup.posyandu},
                     code="unique")
    person = Person(pemda_id=posyandu.pemda_id, posyandu=posyandu, household=household, nik=nik,
                    name=name, name_key=key, birth_date=birth_date, sex=sex, mother=mother,
                    father=father, mother_name=mother_name, mother_key=mkey,
                    has_kms=bool(has_kms))
    if uid is not None:
        person.uuid = uid
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        raise _error("nik", _("This person is already registered."), code="unique") from None
    Membership.objects.create(person=person, posyandu=posyandu, start=_today())
    audit.record(actor=actor, action="posyandu.person.register", obj=person,
                 pemda=posyandu.pemda, request=request,
                 changes={"posyandu": [None, posyandu.pk], "birth_date": [None, str(birth_date)]})
    return person


@transaction.atomic
def person_move(*, actor, person: Person, to: Posyandu, on=None, reason: str = "",
                request=None) -> Person:
    """Move a person to another posyandu of the same pemda; the old membership is closed,
    measurements stay where they were taken."""
    _require(actor, "posyandu.register.edit", person.posyandu)
    _require(actor, "posyandu.register.edit", to)
    if to.pemda_id != person.pemda_id:
        raise _error("to", _("That posyandu belongs to another regional government."))
    if to.pk == person.posyandu_id:
        raise _error("to", _("%(name)s is already at posyandu %(posyandu)s.")
                     % {"name": person.name, "posyandu": to})
    on = _date(on, "on", required=False) or _today()
    current = Membership.objects.filter(person=person, end__isnull=True).first()
    if current is not None and on < current.start:
        raise _error("on", _("%(name)s joined the current posyandu on %(start)s; a move cannot "
                             "be dated before that.") % {"name": person.name,
                                                         "start": current.start})
    Membership.objects.filter(person=person, end__isnull=True).update(end=on)
    Membership.objects.create(person=person, posyandu=to, start=on,
                              reason=_text(reason, "reason"))
    before = person.posyandu_id
    person.posyandu = to
    person.save(update_fields=["posyandu"])
    audit.record(actor=actor, action="posyandu.person.move", obj=person, pemda=to.pemda,
                 request=request, changes={"posyandu": [before, to.pk]})
    return person


# --- sessions and measurements ---------------------------------------------------------------


def _roster_counts(posyandu: Posyandu, month: datetime.date) -> tuple[int, int]:
    """S and K: balita (0-59 months) registered at the posyandu in that month."""
    end = monitoring.next_month(month) - datetime.timedelta(days=1)
    oldest = datetime.date(month.year - 5, month.month, 1)
    qs = Person.objects.filter(posyandu=posyandu, is_active=True, birth_date__lte=end,
                               birth_date__gte=oldest)
    return qs.count(), qs.filter(has_kms=True).count()


@transaction.atomic
def session_open(*, actor, posyandu: Posyandu, held_on, uuid=None, table5_counselling: str = "",
                 table4_services: str = "", request=None) -> tuple[Session, bool]:
    """The month's session, created at first call. A second phone opening the same month
    gets the existing session (its id becomes an alias), so nothing is recorded twice.
    Returns (session, created)."""
    _require(actor, "posyandu.session.record", posyandu)
    uid = _uuid(uuid)
    if uid is not None:
        known = (Session.objects.filter(uuid=uid).first()
                 or Session.objects.filter(aliases__uuid=uid).first())
        if known is not None:
            if known.posyandu_id != posyandu.pk:
                raise _error("uuid", _("This session id belongs to another posyandu."))
            return known, False
    held_on = _date(held_on, "held_on")
    if held_on > _today():
        raise _error("held_on", _("The session date %(date)s is in the future.")
                     % {"date": held_on.isoformat()})
    month = held_on.replace(day=1)
    existing = Session.objects.select_for_update().filter(posyandu=posyandu, month=month).first()
    if existing is not None:
        if uid is not None:
            SessionAlias.objects.get_or_create(uuid=uid, defaults={"session": existing})
        return existing, False
    s, k = _roster_counts(posyandu, month)
    session = Session(pemda_id=posyandu.pemda_id, posyandu=posyandu, month=month, held_on=held_on,
                      s_count=s, k_count=k,
                      table5_counselling=_text(table5_counselling, "table5_counselling",
                                               max_length=2000),
                      table4_services=_text(table4_services, "table4_services", max_length=2000),
                      recorded_by=actor if getattr(actor, "pk", None) else None)
    if uid is not None:
        session.uuid = uid
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError:  # another phone won the race: join its session
        existing = Session.objects.get(posyandu=posyandu, month=month)
        if uid is not None:
            SessionAlias.objects.get_or_create(uuid=uid, defaults={"session": existing})
        return existing, False
    monitoring.refresh_counts(month=month, posyandu_ids=[posyandu.pk])
    audit.record(actor=actor, action="posyandu.session.open", obj=session, pemda=posyandu.pemda,
                 request=request, changes={"month": [None, month.isoformat()]})
    return session, True


def _check_weight(value: Decimal | None) -> None:
    if value is None:
        return
    low, high = WEIGHT_KG
    if value <= 0:
        raise _error("weight_kg", _("Weight must be more than 0 kg."))
    if value > high:
        if Decimal(low) <= value / 1000 <= Decimal(high):
            raise _error("weight_kg", _("%(value)s kg is not possible for a child under five: "
                                        "was it typed in grams? %(value)s g = %(kg)s kg.")
                         % {"value": value, "kg": (value / 1000).quantize(Decimal("0.01"))})
        raise _error("weight_kg", _("%(value)s kg is not possible for a child under five.")
                     % {"value": value})
    if value < Decimal(str(low)):
        raise _error("weight_kg", _("%(value)s kg is below any living child's weight; weights "
                                    "are in kilograms (e.g. 8.5).") % {"value": value})


def _check_range(value, field: str, low: float, high: float, what: str) -> None:
    if value is None:
        return
    if not (Decimal(str(low)) <= value <= Decimal(str(high))):
        raise _error(field, _("%(what)s of %(value)s cm is not possible for a child under five "
                              "(expected %(low)s-%(high)s cm); check the unit and the digits.")
                     % {"what": what, "value": value, "low": low, "high": high})


MEASUREMENT_FIELDS = ("measured_on", "weight_kg", "length_cm", "position", "head_cm", "muac_cm",
                      "oedema", "vitamin_a", "immunisations", "asi_eksklusif", "pmt",
                      "counselling")


def _measurement_values(person: Person, session: Session, data: dict) -> dict:
    measured_on = _date(data.get("measured_on") or session.held_on, "measured_on")
    if measured_on > _today():
        raise _error("measured_on", _("The measurement date %(date)s is in the future.")
                     % {"date": measured_on.isoformat()})
    if measured_on < person.birth_date:
        raise _error("measured_on", _("%(name)s was born on %(birth)s, after %(date)s.")
                     % {"name": person.name, "birth": person.birth_date, "date": measured_on})
    if measured_on.replace(day=1) != session.month:
        raise _error("measured_on", _("%(date)s is not in the session's month %(month)s.")
                     % {"date": measured_on, "month": session.month.strftime("%Y-%m")})
    age_days = (measured_on - person.birth_date).days
    if age_days > MAX_CHILD_AGE_DAYS:
        raise _error("person", _("%(name)s is over five years old; growth is monitored for "
                                 "balita only.") % {"name": person.name})
    v = {
        "measured_on": measured_on, "age_days": age_days,
        "weight_kg": _decimal(data.get("weight_kg"), "weight_kg"),
        "length_cm": _decimal(data.get("length_cm"), "length_cm"),
        "head_cm": _decimal(data.get("head_cm"), "head_cm"),
        "muac_cm": _decimal(data.get("muac_cm"), "muac_cm"),
        "position": data.get("position") or "",
        "oedema": bool(data.get("oedema")), "vitamin_a": bool(data.get("vitamin_a")),
        "pmt": bool(data.get("pmt")),
        "asi_eksklusif": data.get("asi_eksklusif"),
        "immunisations": [_text(x, "immunisations", max_length=40)
                          for x in (data.get("immunisations") or []) if x],
        "counselling": _text(data.get("counselling"), "counselling", max_length=2000),
    }
    _check_weight(v["weight_kg"])
    _check_range(v["length_cm"], "length_cm", *LENGTH_CM, _("A length/height"))
    _check_range(v["head_cm"], "head_cm", *HEAD_CM, _("A head circumference"))
    _check_range(v["muac_cm"], "muac_cm", *MUAC_CM, _("A LiLA"))
    if v["position"] not in ("", *Position.values):
        raise _error("position", _("Position must be l (lying) or h (standing)."))
    if v["length_cm"] is not None and not v["position"]:
        raise _error("position", _("Say whether the child was measured lying or standing."))
    if v["asi_eksklusif"] is not None and v["asi_eksklusif"] not in (True, False):
        raise _error("asi_eksklusif", _("Expected yes or no."))
    if v["weight_kg"] is None and v["length_cm"] is None:
        raise _error("weight_kg", _("Record at least the weight or the length/height."))
    if v["weight_kg"] is not None:
        v["weight_kg"] = v["weight_kg"].quantize(Decimal("0.01"))
    for f in ("length_cm", "head_cm", "muac_cm"):
        if v[f] is not None:
            v[f] = v[f].quantize(Decimal("0.1"))
    return v


def _same(m: Measurement, v: dict) -> bool:
    return all(getattr(m, f) == v[f] for f in ("weight_kg", "length_cm", "position", "head_cm",
                                                "muac_cm", "oedema", "measured_on"))


IMPLAUSIBLE = {"fwei": "weight_kg", "flen": "length_cm", "fwfl": "weight_kg", "fhc": "head_cm"}


@transaction.atomic
def measurement_record(*, actor, session: Session, person: Person, uuid=None, base_version=None,
                       confirm_unusual: bool = False, request=None, **data) -> Measurement:
    """Record (or, with the same uuid and the version it was based on, correct) one child's
    measurement at a session, computing z-scores, classes, N/T/O/B and alerts at once.

    A different entry for a child already measured at that session is a conflict (409),
    shown to the kader with both values; an edit based on an old version is one too.
    """
    posyandu = session.posyandu
    _require(actor, "posyandu.session.record", posyandu)
    unknown = set(data) - set(MEASUREMENT_FIELDS)
    if unknown:
        raise ValidationError({f: [_("%(name)s cannot be set here.") % {"name": f}]
                               for f in sorted(unknown)})
    if person.pemda_id != session.pemda_id:
        raise _error("person", _("That child belongs to another regional government."))
    uid = _uuid(uuid)
    v = _measurement_values(person, session, data)
    existing = Measurement.objects.select_for_update().filter(uuid=uid).first() if uid else None
    if existing is not None:
        if existing.person_id != person.pk:
            raise _error("uuid", _("This measurement id belongs to another child."),
                         code="conflict")
        if _same(existing, v) and base_version in (None, existing.version):
            return existing  # the same upload again
        if base_version != existing.version:
            raise _error("weight_kg", _("This measurement was changed elsewhere (now %(w)s kg, "
                                        "%(l)s cm); reload and edit again.")
                         % {"w": existing.weight_kg, "l": existing.length_cm}, code="conflict")
        m = existing
        m.version += 1
    else:
        other = Measurement.objects.filter(person=person, month=session.month).first()
        if other is not None:
            if _same(other, v):
                return other  # two phones typed the same numbers: one measurement
            raise _error("person", _("%(name)s was already measured this month (%(w)s kg, "
                                     "%(l)s cm, by another entry); the two entries differ.")
                         % {"name": person.name, "w": other.weight_kg, "l": other.length_cm},
                         code="conflict")
        m = Measurement(pemda_id=session.pemda_id, session=session, person=person,
                        posyandu=posyandu, month=session.month, desa_code=posyandu.desa_code,
                        kecamatan_code=posyandu.desa_code[:8],
                        kabupaten_code=posyandu.desa_code[:5],
                        recorded_by=actor if getattr(actor, "pk", None) else None)
        if uid is not None:
            m.uuid = uid
    before = {f: str(getattr(m, f, None)) for f in ("weight_kg", "length_cm")} if m.pk else {}
    for key, value in v.items():
        setattr(m, key, value)
    row = monitoring.apply(m, person.sex)
    if not confirm_unusual:
        for flag, field in IMPLAUSIBLE.items():
            if row.get(flag) == 1.0:
                raise _error(field, _("These values give an implausible z-score (%(z)s); check "
                                      "the measurement, or confirm it is right.")
                             % {"z": row.get("z" + flag[1:])}, code="implausible")
    try:
        with transaction.atomic():
            m.save()
    except IntegrityError:
        raise _error("person", _("%(name)s was already measured this month.")
                     % {"name": person.name}, code="conflict") from None
    monitoring.raise_alerts(m)
    monitoring.refresh_following(m)
    monitoring.refresh_counts(month=m.month, posyandu_ids=[posyandu.pk])
    following = monitoring.next_month(m.month)
    if Measurement.objects.filter(person=person, month=following).exists():
        monitoring.refresh_counts(month=following, posyandu_ids=list(
            Measurement.objects.filter(person=person, month=following)
            .values_list("posyandu_id", flat=True)))
    audit.record(actor=actor, action="posyandu.measurement.record", obj=m, pemda=session.pemda,
                 request=request,
                 changes=audit.diff(before, {"weight_kg": str(m.weight_kg),
                                             "length_cm": str(m.length_cm)}))
    return m


# --- alerts and referral to the puskesmas ----------------------------------------------------


@transaction.atomic
def alert_refer(*, actor, alert: Alert, puskesmas: Opd | None = None, on=None,
                request=None) -> Alert:
    """Refer the child to the puskesmas; a kader may refer too (from their posyandu)."""
    posyandu = alert.posyandu
    if actor is not None and not (
            policy.can(actor, "posyandu.alert.follow_up", target(posyandu))
            or policy.can(actor, "posyandu.session.record", target(posyandu))):
        _require(actor, "posyandu.alert.follow_up", posyandu)
    puskesmas = puskesmas or posyandu.puskesmas
    if puskesmas is not None and puskesmas.pemda_id != alert.pemda_id:
        raise _error("puskesmas", _("That puskesmas belongs to another regional government."))
    alert.status, alert.referred_to = AlertStatus.REFERRED, puskesmas
    alert.referred_on = _date(on, "on", required=False) or _today()
    alert.save(update_fields=["status", "referred_to", "referred_on"])
    AlertFollowUp.objects.create(alert=alert, on=alert.referred_on, status=alert.status,
                                 note=_("Referred to %(p)s") % {"p": puskesmas or "puskesmas"},
                                 actor_label=audit._actor_label(actor))
    audit.record(actor=actor, action="posyandu.alert.refer", obj=alert, pemda=alert.pemda,
                 request=request, changes={"status": [AlertStatus.OPEN, alert.status]})
    return alert


@transaction.atomic
def alert_follow_up(*, actor, alert: Alert, note: str, status: str, on=None,
                    request=None) -> AlertFollowUp:
    _require(actor, "posyandu.alert.follow_up", alert.posyandu)
    if status not in AlertStatus.values:
        raise _error("status", _("Unknown status “%(s)s”.") % {"s": status})
    follow = AlertFollowUp.objects.create(
        alert=alert, on=_date(on, "on", required=False) or _today(),
        note=_text(note, "note", required=True, max_length=2000), status=status,
        actor_label=audit._actor_label(actor))
    before = alert.status
    alert.status = status
    alert.save(update_fields=["status"])
    audit.record(actor=actor, action="posyandu.alert.follow_up", obj=alert, pemda=alert.pemda,
                 request=request, changes={"status": [before, status]})
    return follow


# --- social problems -------------------------------------------------------------------------


@transaction.atomic
def social_flag(*, actor, household: Household, category: str, note: str = "",
                kind: str | None = None, request=None) -> SocialFlag:
    """Flag a household and hand it over through a core referral (sosial.pmks or
    aduan.laporan). The summary names no one: details stay in the payload for the receiver."""
    posyandu = household.posyandu
    _require(actor, "posyandu.social.flag", posyandu)
    if category not in SocialCategory.values:
        raise _error("category", _("Choose a category from the list."))
    kind = kind or DEFAULT_SOCIAL_KIND.get(category, "sosial.pmks")
    if kind not in SOCIAL_KINDS:
        raise _error("kind", _("Flags go to social services or to the complaint pipeline."))
    flag = SocialFlag.objects.create(
        pemda_id=household.pemda_id, household=household, category=category,
        note=_text(note, "note", max_length=2000), referral_kind=kind,
        flagged_by=actor if getattr(actor, "pk", None) else None)
    referral = core_services.referral_create(
        actor=actor, pemda=household.pemda, kind=kind, source_module=MODULE,
        source_ref=str(flag.uuid), region_code=posyandu.desa_code,
        summary=_("Posyandu %(p)s flags a household: %(c)s")
        % {"p": posyandu, "c": SocialCategory(category).label},
        payload={"category": category, "note": flag.note, "household": household.head_name,
                 "address": household.address, "no_kk": household.no_kk,
                 "posyandu": str(posyandu), "desa_code": posyandu.desa_code},
        request=request,
    )
    flag.referral_id = referral.pk
    flag.save(update_fields=["referral_id"])
    audit.record(actor=actor, action="posyandu.social.flag", obj=flag, pemda=household.pemda,
                 request=request, changes={"category": [None, category], "kind": [None, kind]})
    return flag


# --- strata ----------------------------------------------------------------------------------


@transaction.atomic
def strata_compute(*, actor, posyandu: Posyandu, year: int,
                   version: str = stratamod.DEFAULT_VERSION, request=None) -> StrataAssessment:
    from terbuka.posyandu import selectors

    if actor is not None:
        policy.require(actor, "posyandu.strata.compute", target(posyandu))
    inputs = selectors.strata_inputs(posyandu=posyandu, year=year)
    stratum, missing = stratamod.stratum(inputs, stratamod.thresholds(version))
    assessment = StrataAssessment.objects.create(
        posyandu=posyandu, year=year, stratum=stratum, version=version,
        inputs=inputs.__dict__, missing=missing)
    audit.record(actor=actor, action="posyandu.strata.compute", obj=posyandu,
                 pemda=posyandu.pemda, request=request,
                 changes={"stratum": [None, stratum], "year": [None, year]})
    return assessment
