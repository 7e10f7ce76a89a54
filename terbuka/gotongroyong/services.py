"""Every write of the gotongroyong app. Each function checks permission first (actor=None is
the platform itself), validates into a ValidationError naming the field, writes, and records
an audit event. Objects handed in are checked to belong to the same pemda."""

from __future__ import annotations

import datetime
import hashlib
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from terbuka.core import audit, policy
from terbuka.core.models import Opd, Pemda, Place, PlaceKind, RegionLevel
from terbuka.core.policy import Target
from terbuka.core.regions import validate_region_code
from terbuka.gotongroyong import exifgps, odf, rules
from terbuka.gotongroyong.models import (
    Damage,
    FundSource,
    House,
    HouseStage,
    Kelompok,
    Latrine,
    Member,
    MemberRole,
    OdfVerification,
    Photo,
    PhotoStage,
    Programme,
    ProgrammeKind,
    ProgressReport,
    Project,
    ProjectKind,
    ProjectStatus,
    SanitationHousehold,
    Tranche,
)

MAX_PHOTO_BYTES = 8 * 1024 * 1024


def _messages() -> dict[str, str]:
    # Built per call so each message is translated into the request's language.
    return {
        "unknown_kind": _("Choose Mandiri, Stimulan or Padat Karya."),
        "volume_not_positive": _("The volume must be more than zero."),
        "negative": _("This cannot be negative."),
        "not_positive": _("The amount must be more than zero."),
        "mandiri_has_government_money": _(
            "A Mandiri project is carried by the community alone: it has no APBD or APBDes "
            "money."),
        "stimulan_needs_government_money": _(
            "A Stimulan project needs a government stimulus (APBD or APBDes)."),
        "stimulan_needs_contribution": _(
            "A Stimulan project needs a community contribution: money, materials or "
            "work-days."),
        "padat_karya_needs_rate": _(
            "A Padat Karya project needs the rate paid per unit of output."),
        "padat_karya_budget_above_output": _(
            "In Padat Karya the money cannot exceed the value of the output (volume × rate)."),
        "above_budget": _("Together with earlier tranches this exceeds the government budget."),
        "padat_karya_payment_above_output": _(
            "Padat Karya payments cannot exceed the value of the output done so far "
            "(volume done × rate)."),
        "pct_out_of_range": _("Progress is a percentage from 0 to 100."),
        "pct_goes_back": _("Physical progress cannot go back below the last report."),
        "spent_above_total": _(
            "Spending cannot exceed the project's total budget (financial progress over "
            "100 %)."),
        "volume_above_plan": _("The volume done cannot exceed the planned volume."),
    }


def _error(field: str, message: str, code: str | None = None) -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def _coded(errors: dict[str, str]) -> ValidationError:
    text = _messages()
    return ValidationError({field: [text[code]] for field, code in errors.items()})


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


def _decimal(value: Any, field: str, *, places: int = 0, default: str | None = "0") -> Decimal:
    if value in (None, "") and default is not None:
        value = default
    try:
        number = Decimal(str(value).strip().replace(" ", ""))
    except (InvalidOperation, ValueError):
        raise _error(field, _("“%(value)s” is not a number.") % {"value": value}) from None
    if not number.is_finite():
        raise _error(field, _("“%(value)s” is not a number.") % {"value": value})
    if number != number.quantize(Decimal(1).scaleb(-places)):
        if places == 0:
            raise _error(field, _("Give whole rupiah, without decimals."))
        raise _error(field, _("At most %(n)d decimals.") % {"n": places})
    if abs(number) >= Decimal(10) ** 14:
        raise _error(field, _("This number is too large."))
    return number


def _int(value: Any, field: str, *, minimum: int = 0) -> int:
    try:
        number = int(str(value if value not in (None, "") else 0).strip())
    except ValueError:
        raise _error(field, _("“%(value)s” is not a whole number.") % {"value": value}) from None
    if number < minimum:
        raise _error(field, _("This cannot be negative."))
    return number


def _choice(value: Any, choices, field: str) -> str:
    if value not in choices.values:
        raise _error(field, _("“%(value)s” is not one of the choices.") % {"value": value})
    return value


def _date(value: Any, field: str) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise _error(field, _("Give a date as YYYY-MM-DD.")) from None


def _desa(pemda: Pemda, code: Any, field: str = "desa") -> str:
    try:
        region = validate_region_code(code, level=[RegionLevel.DESA_KELURAHAN],
                                      within=pemda.region_id)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None
    return region.code


def _dusun(pemda: Pemda, dusun: Place | None, desa: str, *, required: bool = False):
    if dusun is None:
        if required:
            raise _error("dusun", _("Choose the dusun."))
        return None
    if dusun.pemda_id != pemda.pk or dusun.kind != PlaceKind.DUSUN:
        raise _error("dusun", _("That dusun is not one of this regional government's."))
    if dusun.region_id != desa:
        raise _error("dusun", _("That dusun lies in another desa."))
    return dusun


def _coordinate(lat: Any, lon: Any) -> tuple[Decimal | None, Decimal | None]:
    if lat in (None, "") and lon in (None, ""):
        return None, None
    if lat in (None, "") or lon in (None, ""):
        raise _error("latitude", _("Give both latitude and longitude, or neither."))
    lat_d = _decimal(lat, "latitude", places=6, default=None)
    lon_d = _decimal(lon, "longitude", places=6, default=None)
    if not -90 <= lat_d <= 90:
        raise _error("latitude", _("Latitude lies between -90 and 90."))
    if not -180 <= lon_d <= 180:
        raise _error("longitude", _("Longitude lies between -180 and 180."))
    return lat_d, lon_d


def _target(project: Project) -> Target:
    return Target(project.pemda_id, region_code=project.desa_id)


def _not_signed(project: Project) -> None:
    if project.status == ProjectStatus.SIGNED:
        raise _error("project", _("The accountability report is signed: the project is "
                                  "closed."))


# --- programmes and groups ----------------------------------------------------------------------


@transaction.atomic
def programme_create(*, actor, pemda: Pemda, kind: str, name: str, start_year: Any,
                     slug: str = "", description: str = "", opd: Opd | None = None,
                     request=None) -> Programme:
    _require(actor, "gotongroyong.programme.manage", Target(pemda.pk))
    kind = _choice(kind, ProgrammeKind, "kind")
    name = _text(name, "name", max_length=160)
    slug = slugify(slug or name)[:60]
    if not slug:
        raise _error("slug", _("Give a short path made of letters and digits."))
    start_year = _int(start_year, "start_year")
    if not 1990 <= start_year <= 2100:
        raise _error("start_year", _("Give a year between 1990 and 2100."))
    if opd is not None and opd.pemda_id != pemda.pk:
        raise _error("opd", _("That OPD belongs to another regional government."))
    if Programme.objects.filter(pemda=pemda, slug=slug).exists():
        raise _error("slug", _("A programme with the path “%(slug)s” already exists.")
                     % {"slug": slug}, code="unique")
    programme = Programme.objects.create(
        pemda=pemda, kind=kind, name=name, slug=slug, start_year=start_year, opd=opd,
        description=_text(description, "description", max_length=4000, required=False))
    audit.record(actor=actor, action="gotongroyong.programme.create", obj=programme,
                 request=request, changes={"name": [None, name], "kind": [None, kind]})
    return programme


@transaction.atomic
def kelompok_create(*, actor, pemda: Pemda, name: str, desa: str, dusun: Place | None = None,
                    members: list[dict] | None = None, request=None) -> Kelompok:
    """A community group with its members; `members` are {name, role, is_woman}."""
    desa = _desa(pemda, desa)
    _require(actor, "gotongroyong.project.record", Target(pemda.pk, region_code=desa))
    name = _text(name, "name", max_length=160)
    dusun = _dusun(pemda, dusun, desa)
    if Kelompok.objects.filter(pemda=pemda, desa_id=desa, name__iexact=name).exists():
        raise _error("name", _("This desa already has a group called “%(name)s”.")
                     % {"name": name}, code="unique")
    kelompok = Kelompok.objects.create(pemda=pemda, name=name, desa_id=desa, dusun=dusun)
    for member in members or []:
        _member_add(kelompok, **member)
    audit.record(actor=actor, action="gotongroyong.kelompok.create", obj=kelompok,
                 request=request, changes={"name": [None, name], "desa": [None, desa],
                                           "members": [None, len(members or [])]})
    return kelompok


def _member_add(kelompok: Kelompok, name: str, role: str = MemberRole.ANGGOTA,
                is_woman: bool = False) -> Member:
    name = _text(name, "members", max_length=120)
    role = _choice(role or MemberRole.ANGGOTA, MemberRole, "members")
    if kelompok.members.filter(name__iexact=name).exists():
        raise _error("members", _("%(name)s is already a member.") % {"name": name},
                     code="unique")
    if role != MemberRole.ANGGOTA and kelompok.members.filter(role=role).exists():
        raise _error("members", _("The group already has a %(role)s.")
                     % {"role": MemberRole(role).label.lower()}, code="unique")
    return Member.objects.create(kelompok=kelompok, name=name, role=role, is_woman=bool(is_woman))


@transaction.atomic
def member_add(*, actor, kelompok: Kelompok, name: str, role: str = MemberRole.ANGGOTA,
               is_woman: bool = False, request=None) -> Member:
    _require(actor, "gotongroyong.project.record",
             Target(kelompok.pemda_id, region_code=kelompok.desa_id))
    member = _member_add(kelompok, name, role, is_woman)
    audit.record(actor=actor, action="gotongroyong.member.add", obj=kelompok, request=request,
                 pemda=kelompok.pemda, changes={"member": [None, member.name],
                                                "role": [None, member.role]})
    return member


# --- projects -----------------------------------------------------------------------------------


PLAN_FIELDS = ("budget_apbd", "budget_apbdes", "contribution_money",
               "contribution_materials_value", "unit_rate")


@transaction.atomic
def project_create(*, actor, pemda: Pemda, kelompok: Kelompok, kind: str, title: str, year: Any,
                   output: str, volume: Any, unit: str, programme: Programme | None = None,
                   dusun: Place | None = None, budget_apbd: Any = 0, budget_apbdes: Any = 0,
                   contribution_money: Any = 0, contribution_materials: str = "",
                   contribution_materials_value: Any = 0, contribution_workdays: Any = 0,
                   unit_rate: Any = 0, latitude: Any = None, longitude: Any = None,
                   request=None) -> Project:
    """A project and its plan, in the desa of its group."""
    if kelompok.pemda_id != pemda.pk:
        raise _error("kelompok", _("That group belongs to another regional government."))
    _require(actor, "gotongroyong.project.record", Target(pemda.pk, region_code=kelompok.desa_id))
    if programme is not None and programme.pemda_id != pemda.pk:
        raise _error("programme", _("That programme belongs to another regional government."))
    kind = _choice(kind, ProjectKind, "kind")
    given = {"budget_apbd": budget_apbd, "budget_apbdes": budget_apbdes,
             "contribution_money": contribution_money, "unit_rate": unit_rate,
             "contribution_materials_value": contribution_materials_value}
    values = {name: _decimal(given[name], name) for name in PLAN_FIELDS}
    plan = rules.Plan(kind=kind, volume=_decimal(volume, "volume", places=2),
                      contribution_workdays=_int(contribution_workdays, "contribution_workdays"),
                      **values)
    errors = rules.plan_errors(plan)
    if errors:
        raise _coded(errors)
    year = _int(year, "year")
    if not 2000 <= year <= 2100:
        raise _error("year", _("Give a year between 2000 and 2100."))
    lat, lon = _coordinate(latitude, longitude)
    project = Project.objects.create(
        pemda=pemda, programme=programme, kelompok=kelompok, kind=kind,
        title=_text(title, "title", max_length=200), desa_id=kelompok.desa_id,
        dusun=_dusun(pemda, dusun or kelompok.dusun, kelompok.desa_id), year=year,
        output=_text(output, "output", max_length=200), volume=plan.volume,
        unit=_text(unit, "unit", max_length=30),
        contribution_materials=_text(contribution_materials, "contribution_materials",
                                     max_length=300, required=False),
        contribution_workdays=plan.contribution_workdays, latitude=lat, longitude=lon,
        **values,
    )
    audit.record(actor=actor, action="gotongroyong.project.create", obj=project,
                 request=request, changes={
                     "kind": [None, kind], "kelompok": [None, kelompok.name],
                     "total": [None, str(plan.total)], "government": [None, str(plan.government)],
                 })
    return project


@transaction.atomic
def tranche_record(*, actor, project: Project, amount: Any, source: str, paid_on: Any,
                   note: str = "", request=None) -> Tranche:
    _require(actor, "gotongroyong.tranche.record", _target(project))
    project = Project.objects.select_for_update().get(pk=project.pk)
    _not_signed(project)
    amount = _decimal(amount, "amount", default=None)
    source = _choice(source, FundSource, "source")
    budget = project.budget_apbd if source == FundSource.APBD else project.budget_apbdes
    problem = rules.tranche_error(project.plan(), project.disbursed, amount, project.volume_done)
    if problem:
        raise _coded(dict([problem]))
    from_source = sum((t.amount for t in project.tranches.filter(source=source)), Decimal(0))
    if from_source + amount > budget:
        raise _error("source", _("This is more than the %(source)s budget of the project.")
                     % {"source": FundSource(source).label})
    number = project.tranches.count() + 1
    tranche = Tranche.objects.create(
        project=project, number=number, source=source, amount=amount,
        paid_on=_date(paid_on, "paid_on"), note=_text(note, "note", max_length=200,
                                                      required=False))
    project.disbursed += amount
    if project.status == ProjectStatus.PLANNED:
        project.status = ProjectStatus.UNDERWAY
    project.save(update_fields=["disbursed", "status", "updated_at"])
    audit.record(actor=actor, action="gotongroyong.tranche.record", obj=project, request=request,
                 changes={"tranche": [None, number], "amount": [None, str(amount)],
                          "disbursed": [str(project.disbursed - amount), str(project.disbursed)]})
    return tranche


@transaction.atomic
def progress_record(*, actor, project: Project, reported_on: Any, physical_pct: Any,
                    spent: Any, volume_done: Any = None, workdays: Any = 0, note: str = "",
                    request=None) -> ProgressReport:
    _require(actor, "gotongroyong.project.record", _target(project))
    project = Project.objects.select_for_update().get(pk=project.pk)
    _not_signed(project)
    physical = _decimal(physical_pct, "physical_pct", places=1, default=None)
    spent = _decimal(spent, "spent")
    if volume_done in (None, ""):
        # Without a measured volume, the share of the planned volume the progress implies.
        volume = (project.volume * physical / 100).quantize(Decimal("0.01"))
    else:
        volume = _decimal(volume_done, "volume_done", places=2)
    errors = rules.progress_errors(physical_pct=physical, spent=spent, plan=project.plan(),
                                   previous_physical_pct=project.physical_pct,
                                   volume_done=volume)
    if errors:
        raise _coded(errors)
    report = ProgressReport.objects.create(
        project=project, reported_on=_date(reported_on, "reported_on"), physical_pct=physical,
        volume_done=volume, spent=spent, workdays=_int(workdays, "workdays"),
        note=_text(note, "note", max_length=300, required=False))
    before = {"physical_pct": str(project.physical_pct), "spent": str(project.spent)}
    project.physical_pct, project.spent, project.volume_done = physical, spent, volume
    project.status = ProjectStatus.FINISHED if physical == 100 else ProjectStatus.UNDERWAY
    project.save(update_fields=["physical_pct", "spent", "volume_done", "status", "updated_at"])
    audit.record(actor=actor, action="gotongroyong.progress.record", obj=project,
                 request=request, changes=audit.diff(
                     before, {"physical_pct": str(physical), "spent": str(spent)}))
    return report


@transaction.atomic
def photo_add(*, actor, project: Project, stage: str, data: bytes, caption: str = "",
              latitude: Any = None, longitude: Any = None, request=None) -> Photo:
    """A before/during/after photo. Its location comes from the photo's EXIF GPS, or from the
    coordinates given; kinds spending public money refuse a photo with neither."""
    _require(actor, "gotongroyong.project.record", _target(project))
    _not_signed(project)
    stage = _choice(stage, PhotoStage, "stage")
    if not data:
        raise _error("image", _("Choose a photo to upload."))
    if len(data) > MAX_PHOTO_BYTES:
        raise _error("image", _("The photo is larger than 8 MB."))
    try:
        facts = exifgps.read(data)
    except exifgps.NotAnImage:
        raise _error("image", _("This file is not a photo (JPEG or PNG).")) from None
    lat, lon = _coordinate(latitude, longitude)
    from_exif = facts.has_location
    if from_exif:
        lat, lon = facts.latitude, facts.longitude
    if lat is None and project.location_required:
        raise _error("image", _(
            "This photo has no location. %(kind)s projects need geotagged photos: switch on "
            "location in the camera, or give the coordinates where it was taken.")
            % {"kind": project.get_kind_display()})
    photo = Photo(project=project, stage=stage, latitude=lat, longitude=lon,
                  location_from_exif=from_exif,
                  caption=_text(caption, "caption", max_length=200, required=False),
                  taken_at=(facts.taken_at.replace(tzinfo=datetime.UTC)
                            if facts.taken_at else None))
    photo.image.save(f"p{project.pk}-{stage}.jpg",
                     ContentFile(exifgps.without_metadata(data)), save=False)
    photo.save()
    if project.latitude is None and lat is not None:
        Project.objects.filter(pk=project.pk).update(latitude=lat, longitude=lon)
    audit.record(actor=actor, action="gotongroyong.photo.add", obj=project, request=request,
                 changes={"stage": [None, stage], "located": [None, lat is not None],
                          "from_exif": [None, from_exif]})
    return photo


def lpj_content(project: Project) -> dict:
    """What the simplified LPJ states, from what was recorded: plan, money in and out,
    contribution, progress, photos. Plain data, so the signed copy can be frozen as JSON."""
    tranches = list(project.tranches.all())
    photos = list(project.photos.all())
    last = project.progress.order_by("-reported_on", "-id").first()
    officers = {m.role: m.name for m in project.kelompok.members.all()
                if m.role != MemberRole.ANGGOTA}
    return {
        "project": project.title, "kind": project.kind, "year": project.year,
        "kelompok": project.kelompok.name,
        "members": project.kelompok.members.count(),
        "officers": officers,
        "desa": project.desa_id, "dusun": project.dusun.name if project.dusun else "",
        "output": project.output, "volume": str(project.volume), "unit": project.unit,
        "volume_done": str(project.volume_done),
        "budget_apbd": str(project.budget_apbd), "budget_apbdes": str(project.budget_apbdes),
        "contribution_money": str(project.contribution_money),
        "contribution_materials": project.contribution_materials,
        "contribution_materials_value": str(project.contribution_materials_value),
        "contribution_workdays": project.contribution_workdays,
        "workdays_done": last.workdays if last else 0,
        "total": str(project.total),
        "tranches": [{"number": t.number, "source": t.source, "amount": str(t.amount),
                      "paid_on": t.paid_on.isoformat()} for t in tranches],
        "disbursed": str(project.disbursed), "spent": str(project.spent),
        "remaining": str(project.disbursed + project.contribution_money - project.spent),
        "physical_pct": str(project.physical_pct),
        "financial_pct": str(project.financial_pct),
        "photos": {stage: sum(1 for p in photos if p.stage == stage)
                   for stage in PhotoStage.values},
    }


@transaction.atomic
def lpj_sign(*, actor, project: Project, signed_by: str, signed_on: Any,
             request=None) -> Project:
    """The group's chair signs the one-page LPJ. What it said is frozen with its SHA-256 so
    the printed page can be checked against the record later."""
    _require(actor, "gotongroyong.project.record", _target(project))
    project = Project.objects.select_for_update().get(pk=project.pk)
    _not_signed(project)
    if project.physical_pct < 100:
        raise _error("project", _("The LPJ can be signed when physical progress is 100 %."))
    if not project.photos.filter(stage=PhotoStage.AFTER).exists():
        raise _error("project", _("Add a photo of the finished work before signing."))
    signed_by = _text(signed_by, "signed_by", max_length=120)
    chair = project.kelompok.members.filter(role=MemberRole.KETUA).first()
    if chair is None or chair.name.casefold() != signed_by.casefold():
        raise _error("signed_by", _("The LPJ is signed by the group's chair (%(name)s).")
                     % {"name": chair.name if chair else "—"})
    signed_on = _date(signed_on, "signed_on")
    content = lpj_content(project)
    content.update({"signed_by": chair.name, "signed_on": signed_on.isoformat()})
    project.lpj_snapshot = content
    project.lpj_sha256 = hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    project.lpj_signed_by, project.lpj_signed_on = chair.name, signed_on
    project.status = ProjectStatus.SIGNED
    project.save()
    audit.record(actor=actor, action="gotongroyong.lpj.sign", obj=project, request=request,
                 changes={"status": [ProjectStatus.FINISHED, ProjectStatus.SIGNED],
                          "sha256": [None, project.lpj_sha256]})
    return project


# --- sanitation ---------------------------------------------------------------------------------

PILLAR_FIELDS = ("cuci_tangan", "air_minum", "sampah", "limbah_cair")


def _sanitation(programme: Programme) -> None:
    if programme.kind != ProgrammeKind.SANITASI:
        raise _error("programme", _("This is not a sanitation programme."))


@transaction.atomic
def household_record(*, actor, programme: Programme, dusun: Place, head_name: str,
                     latrine: str, recorded_on: Any, house_number: str = "", members: Any = 1,
                     request=None, **pillars) -> SanitationHousehold:
    """Record a household, or update it when the same head and house are already recorded
    in that dusun."""
    _sanitation(programme)
    pemda = programme.pemda
    if dusun is None or dusun.pemda_id != pemda.pk or dusun.kind != PlaceKind.DUSUN:
        raise _error("dusun", _("Choose a dusun of this regional government."))
    _require(actor, "gotongroyong.sanitation.record",
             Target(pemda.pk, region_code=dusun.region_id))
    unknown = set(pillars) - set(PILLAR_FIELDS)
    if unknown:
        raise _error("pillars", _("Unknown fields: %(names)s") % {"names": ", ".join(unknown)})
    values = {
        "latrine": _choice(latrine, Latrine, "latrine"),
        "members": _int(members, "members", minimum=1) or 1,
        "recorded_on": _date(recorded_on, "recorded_on"),
        **{p: bool(pillars.get(p, False)) for p in PILLAR_FIELDS},
    }
    head_name = _text(head_name, "head_name", max_length=120)
    house_number = _text(house_number, "house_number", max_length=60, required=False)
    household, created = SanitationHousehold.objects.select_for_update().get_or_create(
        programme=programme, dusun=dusun, head_name=head_name, house_number=house_number,
        defaults={"pemda": pemda, "desa_id": dusun.region_id, **values})
    before = {} if created else {k: getattr(household, k) for k in values}
    if not created:
        for key, value in values.items():
            setattr(household, key, value)
        household.save()
    audit.record(actor=actor, action="gotongroyong.household.record", obj=household,
                 pemda=pemda, request=request, changes=audit.diff(before, values))
    return household


@transaction.atomic
def odf_verify(*, actor, programme: Programme, desa: str, verified_on: Any, passed: bool,
               team: str, dusun: Place | None = None, note: str = "",
               request=None) -> OdfVerification:
    """Record a verification visit. A pass is refused while the records show a household
    without a latrine, and for a whole desa while one of its dusun is not yet ODF."""
    _sanitation(programme)
    pemda = programme.pemda
    desa = _desa(pemda, desa)
    _require(actor, "gotongroyong.odf.verify", Target(pemda.pk, region_code=desa))
    dusun = _dusun(pemda, dusun, desa)
    households = SanitationHousehold.objects.filter(programme=programme, desa_id=desa)
    if dusun is not None:
        households = households.filter(dusun=dusun)
    if passed:
        latrines = list(households.values_list("latrine", flat=True))
        if not latrines:
            raise _error("passed", _("No households are recorded here yet."))
        if not odf.can_pass_verification(latrines):
            open_count = sum(1 for x in latrines if x not in odf.ACCESS)
            raise _error("passed", _(
                "%(n)d household(s) recorded here still have no latrine: this cannot pass.")
                % {"n": open_count})
        if dusun is None:
            from terbuka.gotongroyong.selectors import dusun_statuses

            pending = [row["dusun"].name for row in dusun_statuses(programme, desa)
                       if row["status"] != odf.ODF]
            if pending:
                raise _error("passed", _("Verify every dusun first: %(names)s.")
                             % {"names": ", ".join(pending)})
    verification = OdfVerification.objects.create(
        pemda=pemda, programme=programme, desa_id=desa, dusun=dusun,
        verified_on=_date(verified_on, "verified_on"), passed=bool(passed),
        team=_text(team, "team", max_length=200),
        note=_text(note, "note", max_length=300, required=False))
    audit.record(actor=actor, action="gotongroyong.odf.verify", obj=verification, pemda=pemda,
                 request=request, changes={"desa": [None, desa],
                                           "dusun": [None, dusun.name if dusun else ""],
                                           "passed": [None, bool(passed)]})
    return verification


# --- house reconstruction -----------------------------------------------------------------------

STAGE_ORDER = list(HouseStage.values)


@transaction.atomic
def house_record(*, actor, programme: Programme, desa: str, owner_name: str, damage: str,
                 funds_allocated: Any, dusun: Place | None = None,
                 kelompok: Kelompok | None = None, request=None) -> House:
    if programme.kind != ProgrammeKind.REHAB_RUMAH:
        raise _error("programme", _("This is not a house reconstruction programme."))
    pemda = programme.pemda
    desa = _desa(pemda, desa)
    _require(actor, "gotongroyong.house.record", Target(pemda.pk, region_code=desa))
    if kelompok is not None and kelompok.pemda_id != pemda.pk:
        raise _error("kelompok", _("That group belongs to another regional government."))
    owner_name = _text(owner_name, "owner_name", max_length=120)
    if House.objects.filter(programme=programme, desa_id=desa,
                            owner_name__iexact=owner_name).exists():
        raise _error("owner_name", _("%(name)s's house is already recorded in this desa.")
                     % {"name": owner_name}, code="unique")
    funds = _decimal(funds_allocated, "funds_allocated")
    if funds < 0:
        raise _error("funds_allocated", _("This cannot be negative."))
    house = House.objects.create(
        pemda=pemda, programme=programme, desa_id=desa, dusun=_dusun(pemda, dusun, desa),
        kelompok=kelompok, owner_name=owner_name, damage=_choice(damage, Damage, "damage"),
        funds_allocated=funds)
    audit.record(actor=actor, action="gotongroyong.house.record", obj=house, pemda=pemda,
                 request=request, changes={"damage": [None, house.damage],
                                           "funds_allocated": [None, str(funds)]})
    return house


@transaction.atomic
def house_update(*, actor, house: House, stage: str, funds_disbursed: Any,
                 completed_on: Any = None, request=None) -> House:
    _require(actor, "gotongroyong.house.record",
             Target(house.pemda_id, region_code=house.desa_id))
    house = House.objects.select_for_update().get(pk=house.pk)
    stage = _choice(stage, HouseStage, "stage")
    if STAGE_ORDER.index(stage) < STAGE_ORDER.index(house.stage):
        raise _error("stage", _("A house cannot go back to an earlier stage."))
    funds = _decimal(funds_disbursed, "funds_disbursed")
    if funds < house.funds_disbursed:
        raise _error("funds_disbursed", _("Disbursed funds cannot go down."))
    if funds > house.funds_allocated:
        raise _error("funds_disbursed", _("More than the funds allocated to this house."))
    done = stage == HouseStage.DONE
    if done and completed_on in (None, ""):
        raise _error("completed_on", _("Give the date the house was completed."))
    before = {"stage": house.stage, "funds_disbursed": str(house.funds_disbursed)}
    house.stage, house.funds_disbursed = stage, funds
    house.completed_on = _date(completed_on, "completed_on") if done else None
    try:
        with transaction.atomic():
            house.save()
    except IntegrityError:
        raise _error("stage", _("This stage and completion date do not fit together.")) from None
    audit.record(actor=actor, action="gotongroyong.house.update", obj=house, request=request,
                 changes=audit.diff(before, {"stage": stage, "funds_disbursed": str(funds)}))
    return house
