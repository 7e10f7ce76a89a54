"""Writes of platform data: pemda, OPD, unit layanan, places and role assignments.

Every function: checks permission (actor=None is the platform itself and is always allowed),
validates into a ValidationError naming the field and the offending value, writes, and
records an audit event with the changes. Nothing here trusts that the objects it is given
belong to the same pemda: that is checked, so one tenant's data never reaches another.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from terbuka.core import audit, policy, referrals, registry
from terbuka.core.jobs import enqueue_on_commit
from terbuka.core.models import (
    Opd,
    OpdKind,
    Pemda,
    PemdaKind,
    Place,
    PlaceKind,
    Referral,
    ReferralEvent,
    ReferralStatus,
    RegionLevel,
    Role,
    RoleAssignment,
    UnitLayanan,
)
from terbuka.core.policy import Target
from terbuka.core.regions import validate_region_code
from terbuka.core.tasks import refresh_pemda_summary

# What an admin pemda may edit on their own profile; the rest is for the platform operator.
PEMDA_PROFILE_FIELDS = (
    "name", "short_name", "logo", "tagline", "contact_email", "contact_phone", "address",
    "website", "modules",
)
PEMDA_OPERATOR_FIELDS = ("slug", "kind", "region_code", "is_active")
OPD_FIELDS = ("name", "acronym", "kind", "urusan", "parent", "region_code", "is_active")

ROLES_NEEDING_OPD = (Role.PRODUSEN_DATA, Role.PETUGAS_OPD)


# --- helpers -------------------------------------------------------------------------------------


def _require(actor, action: str, target: Target) -> None:
    if actor is None:
        return
    policy.require(actor, action, target)


def _require_operator(actor) -> None:
    """Platform-level changes (a new tenant, moving one) are for superusers and the system."""
    if actor is None or (actor.is_authenticated and actor.is_active and actor.is_superuser):
        return
    raise PermissionDenied(_("Only the platform operator can do this."))


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _duplicate(field: str, message: str) -> ValidationError:
    # The "unique" code lets callers tell a clash with existing data (HTTP 409) from bad input.
    return ValidationError({field: [ValidationError(message, code="unique")]})


def _text(value: Any, field: str, *, required: bool = False, max_length: int) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _error(field, _("Expected text."))
    value = value.strip()
    if required and not value:
        raise _error(field, _("This field is required."))
    if len(value) > max_length:
        raise _error(field, _("At most %(n)d characters, got %(got)d.")
                     % {"n": max_length, "got": len(value)})
    return value


def _choice(value: Any, choices, field: str) -> str:
    if value not in choices.values:
        raise _error(field, _("“%(value)s” is not one of: %(allowed)s.")
                     % {"value": value, "allowed": ", ".join(choices.values)})
    return value


def _unknown_fields(fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise ValidationError(
            {name: [_("%(name)s cannot be set here.") % {"name": name}] for name in unknown}
        )


def _full_clean(obj, exclude: list[str] | None = None) -> None:
    # Field-level checks (e-mail, URL, slug shapes, lengths); uniqueness is checked by the
    # services with messages that name the value.
    obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)


def _values(obj, names) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _save(obj, integrity_field: str, message: str) -> None:
    """Save, turning a lost race on a unique constraint into the same ValidationError the
    checks before it would have raised."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise _duplicate(integrity_field, message) from exc


# --- pemda ---------------------------------------------------------------------------------------


def _pemda_region(region_code: Any, kind: str):
    level = RegionLevel.PROVINSI if kind == PemdaKind.PROVINSI else RegionLevel.KABUPATEN_KOTA
    region = validate_region_code(region_code, level=level, field="region_code")
    if region.level == RegionLevel.KABUPATEN_KOTA:
        expected = PemdaKind.KOTA if region.name.startswith("Kota ") else PemdaKind.KABUPATEN
        if kind != expected:
            raise _error("kind", _("%(code)s (%(name)s) is a %(expected)s, not a %(kind)s.") % {
                "code": region.code, "name": region.name, "expected": expected, "kind": kind,
            })
    taken = Pemda.objects.filter(region=region).first()
    return region, taken


def _check_modules(modules: Any) -> list[str]:
    if not isinstance(modules, list) or not all(isinstance(m, str) for m in modules):
        raise _error("modules", _("Expected a list of module names."))
    known = {m.name for m in registry.modules()}
    unknown = [m for m in modules if m not in known]
    if unknown:
        raise _error("modules", _("Unknown module: %(names)s.") % {"names": ", ".join(unknown)})
    return modules


@transaction.atomic
def pemda_create(*, actor, slug: str, name: str, short_name: str, kind: str, region_code: str,
                 request=None, **profile) -> Pemda:
    _require_operator(actor)
    _unknown_fields(profile, PEMDA_PROFILE_FIELDS + ("is_active",))
    slug = _text(slug, "slug", required=True, max_length=40).lower()
    kind = _choice(kind, PemdaKind, "kind")
    region, taken = _pemda_region(region_code, kind)
    if taken is not None:
        raise _duplicate("region_code", _("%(code)s already belongs to %(pemda)s.")
                     % {"code": region.code, "pemda": taken.name})
    if Pemda.objects.filter(slug=slug).exists():
        raise _duplicate("slug", _("The path /%(slug)s/ is already used.") % {"slug": slug})
    if "modules" in profile:
        _check_modules(profile["modules"])
    pemda = Pemda(
        slug=slug, kind=kind, region=region,
        name=_text(name, "name", required=True, max_length=160),
        short_name=_text(short_name, "short_name", required=True, max_length=40),
        **profile,
    )
    _full_clean(pemda)
    _save(pemda, "slug", _("The path /%(slug)s/ is already used.") % {"slug": slug})
    audit.record(
        actor=actor, action="core.pemda.create", obj=pemda, pemda=pemda, request=request,
        changes=audit.diff({}, {"slug": slug, "name": pemda.name, "kind": kind,
                                "region": region.code}),
    )
    return pemda


@transaction.atomic
def pemda_update(*, actor, pemda: Pemda, request=None, **fields) -> Pemda:
    _require(actor, "core.pemda.update", Target(pemda.pk))
    _unknown_fields(fields, PEMDA_PROFILE_FIELDS + PEMDA_OPERATOR_FIELDS)
    if set(fields) & set(PEMDA_OPERATOR_FIELDS):
        _require_operator(actor)
    pemda = Pemda.objects.select_for_update().get(pk=pemda.pk)
    names = [("region" if f == "region_code" else f) for f in fields]
    before = _values(pemda, names)
    for field, value in fields.items():
        if field in ("name", "short_name"):
            value = _text(value, field, required=True,
                          max_length=Pemda._meta.get_field(field).max_length)
        elif field == "modules":
            value = _check_modules(value)
        elif field == "slug":
            value = _text(value, "slug", required=True, max_length=40).lower()
            if Pemda.objects.filter(slug=value).exclude(pk=pemda.pk).exists():
                raise _duplicate("slug",
                                 _("The path /%(slug)s/ is already used.") % {"slug": value})
        elif field == "kind":
            value = _choice(value, PemdaKind, "kind")
        if field != "region_code":
            setattr(pemda, field, value)
    if "region_code" in fields or "kind" in fields:
        region, taken = _pemda_region(fields.get("region_code", pemda.region_id), pemda.kind)
        if taken is not None and taken.pk != pemda.pk:
            raise _duplicate("region_code", _("%(code)s already belongs to %(pemda)s.")
                         % {"code": region.code, "pemda": taken.name})
        pemda.region = region
    _full_clean(pemda)
    _save(pemda, "slug", _("The path /%(slug)s/ is already used.") % {"slug": pemda.slug})
    changes = audit.diff(before, _values(pemda, names))
    if changes:
        audit.record(actor=actor, action="core.pemda.update", obj=pemda, pemda=pemda,
                     changes=changes, request=request)
    return pemda


# --- OPD -----------------------------------------------------------------------------------------


def _opd_checks(*, pemda: Pemda, name: str, acronym: str, parent: Opd | None,
                region_code: Any, exclude_pk: int | None = None):
    """Validate what opd_create and opd_update share; returns the region (or None)."""
    siblings = Opd.objects.filter(pemda=pemda).exclude(pk=exclude_pk)
    if siblings.filter(name__iexact=name).exists():
        raise _duplicate("name", _("An OPD named “%(name)s” already exists in %(pemda)s.")
                     % {"name": name, "pemda": pemda.name})
    if acronym and siblings.filter(acronym__iexact=acronym).exists():
        raise _duplicate("acronym", _("The acronym “%(acronym)s” is already used in %(pemda)s.")
                     % {"acronym": acronym, "pemda": pemda.name})
    if parent is not None:
        if not isinstance(parent, Opd):
            raise _error("parent", _("Expected an OPD."))
        if parent.pemda_id != pemda.pk:
            raise _error("parent", _("The parent OPD “%(parent)s” belongs to another regional "
                                     "government.") % {"parent": parent.name})
        # Walking up from the new parent must never reach the OPD itself.
        seen, node = set(), parent
        while node is not None and node.pk not in seen:
            if exclude_pk is not None and node.pk == exclude_pk:
                raise _error("parent", _("“%(parent)s” is below this OPD; it cannot be its "
                                         "parent.") % {"parent": parent.name})
            seen.add(node.pk)
            node = node.parent
    if region_code in (None, ""):
        return None
    return validate_region_code(region_code, within=pemda.region, field="region_code")


def _opd_duplicate_message(pemda: Pemda, name: str) -> str:
    return _("An OPD named “%(name)s” already exists in %(pemda)s.") % {
        "name": name, "pemda": pemda.name}


@transaction.atomic
def opd_create(*, actor, pemda: Pemda, name: str, kind: str, acronym: str = "", urusan: str = "",
               parent: Opd | None = None, region_code: str | None = None,
               request=None) -> Opd:
    _require(actor, "core.opd.create", Target(pemda.pk))
    name = _text(name, "name", required=True, max_length=200)
    acronym = _text(acronym, "acronym", max_length=40)
    urusan = _text(urusan, "urusan", max_length=200)
    kind = _choice(kind, OpdKind, "kind")
    region = _opd_checks(pemda=pemda, name=name, acronym=acronym, parent=parent,
                         region_code=region_code)
    opd = Opd(pemda=pemda, name=name, acronym=acronym, kind=kind, urusan=urusan, parent=parent,
              region=region)
    _save(opd, "name", _opd_duplicate_message(pemda, name))
    audit.record(
        actor=actor, action="core.opd.create", obj=opd, pemda=pemda, request=request,
        changes=audit.diff({}, _values(opd, ("name", "acronym", "kind", "urusan", "parent",
                                             "region"))),
    )
    enqueue_on_commit(refresh_pemda_summary, pemda.pk)
    return opd


@transaction.atomic
def opd_update(*, actor, opd: Opd, request=None, **fields) -> Opd:
    _require(actor, "core.opd.update", Target(opd.pemda_id, opd_id=opd.pk))
    _unknown_fields(fields, OPD_FIELDS)
    opd = Opd.objects.select_for_update().select_related("pemda").get(pk=opd.pk)
    tracked = ("name", "acronym", "kind", "urusan", "parent", "region", "is_active")
    before = _values(opd, tracked)
    if "name" in fields:
        opd.name = _text(fields["name"], "name", required=True, max_length=200)
    if "acronym" in fields:
        opd.acronym = _text(fields["acronym"], "acronym", max_length=40)
    if "urusan" in fields:
        opd.urusan = _text(fields["urusan"], "urusan", max_length=200)
    if "kind" in fields:
        opd.kind = _choice(fields["kind"], OpdKind, "kind")
    if "is_active" in fields:
        opd.is_active = bool(fields["is_active"])
    parent = fields.get("parent", opd.parent)
    region_code = fields.get("region_code", opd.region_id)
    opd.region = _opd_checks(pemda=opd.pemda, name=opd.name, acronym=opd.acronym,
                             parent=parent, region_code=region_code, exclude_pk=opd.pk)
    opd.parent = parent
    _save(opd, "name", _opd_duplicate_message(opd.pemda, opd.name))
    changes = audit.diff(before, _values(opd, tracked))
    if changes:
        audit.record(actor=actor, action="core.opd.update", obj=opd, pemda=opd.pemda,
                     changes=changes, request=request)
        enqueue_on_commit(refresh_pemda_summary, opd.pemda_id)
    return opd


@transaction.atomic
def unit_layanan_create(*, actor, opd: Opd, name: str, address: str = "",
                        region_code: str | None = None, phone: str = "",
                        request=None) -> UnitLayanan:
    # A service unit is part of its OPD: whoever may edit the OPD may add one.
    _require(actor, "core.opd.update", Target(opd.pemda_id, opd_id=opd.pk))
    name = _text(name, "name", required=True, max_length=200)
    message = _("“%(name)s” already exists in %(opd)s.") % {"name": name, "opd": opd.name}
    if UnitLayanan.objects.filter(opd=opd, name__iexact=name).exists():
        raise _duplicate("name", message)
    region = None
    if region_code not in (None, ""):
        region = validate_region_code(region_code, within=opd.pemda.region, field="region_code")
    unit = UnitLayanan(opd=opd, name=name, address=_text(address, "address", max_length=2000),
                       region=region, phone=_text(phone, "phone", max_length=40))
    _save(unit, "name", message)
    audit.record(
        actor=actor, action="core.unit_layanan.create", obj=unit, pemda=opd.pemda,
        request=request,
        changes=audit.diff({}, _values(unit, ("opd", "name", "address", "region", "phone"))),
    )
    enqueue_on_commit(refresh_pemda_summary, opd.pemda_id)
    return unit


# --- places --------------------------------------------------------------------------------------


@transaction.atomic
def place_create(*, actor, pemda: Pemda, kind: str, name: str, region_code: str,
                 parent: Place | None = None, code: str = "", request=None) -> Place:
    _require(actor, "core.place.create", Target(pemda.pk, region_code=str(region_code or "")))
    kind = _choice(kind, PlaceKind, "kind")
    name = _text(name, "name", required=True, max_length=160)
    code = _text(code, "code", max_length=40)
    region = validate_region_code(region_code, level=RegionLevel.DESA_KELURAHAN,
                                  within=pemda.region, field="region_code")
    if parent is not None:
        if not isinstance(parent, Place) or parent.pemda_id != pemda.pk:
            raise _error("parent", _("The place “%(parent)s” belongs to another regional "
                                     "government.") % {"parent": parent})
        if parent.region_id != region.code:
            raise _error("parent", _("“%(parent)s” is in %(other)s, not in %(code)s.")
                         % {"parent": parent.name, "other": parent.region_id,
                            "code": region.code})
    message = _("%(kind)s “%(name)s” already exists in %(desa)s.") % {
        "kind": PlaceKind(kind).label, "name": name, "desa": region.name}
    if Place.objects.filter(pemda=pemda, kind=kind, region=region, name__iexact=name).exists():
        raise _duplicate("name", message)
    place = Place(pemda=pemda, kind=kind, name=name, region=region, parent=parent, code=code)
    _save(place, "name", message)
    audit.record(
        actor=actor, action="core.place.create", obj=place, pemda=pemda, request=request,
        changes=audit.diff({}, _values(place, ("kind", "name", "region", "parent", "code"))),
    )
    enqueue_on_commit(refresh_pemda_summary, pemda.pk)
    return place


# --- roles ---------------------------------------------------------------------------------------


@transaction.atomic
def role_grant(*, actor, user, role: str, pemda: Pemda, opd: Opd | None = None,
               region_code: str | None = None, place: Place | None = None,
               request=None) -> RoleAssignment:
    _require(actor, "core.role.grant", Target(pemda.pk))
    role = _choice(role, Role, "role")
    if opd is not None and (not isinstance(opd, Opd) or opd.pemda_id != pemda.pk):
        raise _error("opd", _("The OPD “%(opd)s” belongs to another regional government.")
                     % {"opd": opd})
    if place is not None and (not isinstance(place, Place) or place.pemda_id != pemda.pk):
        raise _error("place", _("The place “%(place)s” belongs to another regional "
                                "government.") % {"place": place})
    region = None
    if region_code not in (None, ""):
        region = validate_region_code(region_code, within=pemda.region, field="region_code")
    if role in ROLES_NEEDING_OPD and opd is None:
        raise _error("opd", _("The role %(role)s needs an OPD.") % {"role": Role(role).label})
    if role == Role.KADER_POSYANDU and (place is None or place.kind != PlaceKind.POSYANDU):
        raise _error("place", _("The role %(role)s needs a posyandu.")
                     % {"role": Role(role).label})
    # The user row is the lock: two grants of the same role cannot both pass the check below.
    type(user).objects.select_for_update().filter(pk=user.pk).first()
    same = RoleAssignment.objects.filter(
        user=user, role=role, pemda=pemda, opd=opd, region=region, place=place
    )
    if same.filter(is_active=True).exists():
        raise _duplicate("role", _("%(user)s already holds the role %(role)s with this scope in "
                               "%(pemda)s.") % {"user": user.get_username(),
                                                "role": Role(role).label, "pemda": pemda.name})
    assignment = same.first()
    if assignment is not None:
        # A revoked identical grant is switched back on rather than duplicated.
        assignment.is_active = True
        assignment.granted_by = actor if actor is not None else None
        assignment.save(update_fields=["is_active", "granted_by"])
    else:
        assignment = RoleAssignment.objects.create(
            user=user, role=role, pemda=pemda, opd=opd, region=region, place=place,
            granted_by=actor,
        )
    policy.forget(user)
    audit.record(
        actor=actor, action="core.role.grant", obj=assignment, pemda=pemda, request=request,
        changes=audit.diff({}, {"user": user.get_username(), "role": role,
                                "opd": opd, "region": region, "place": place}),
    )
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment, request=None) -> None:
    _require(actor, "core.role.grant", Target(assignment.pemda_id))
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    if not assignment.is_active:
        return  # revoking twice changes nothing and records nothing
    assignment.is_active = False
    assignment.save(update_fields=["is_active"])
    policy.forget(assignment.user)
    audit.record(
        actor=actor, action="core.role.revoke", obj=assignment, pemda=assignment.pemda,
        request=request, changes={"is_active": [True, False]},
    )


# --- referrals between modules -------------------------------------------------------------------


@transaction.atomic
def referral_create(*, actor, pemda: Pemda, kind: str, source_module: str, source_ref: str,
                    summary: str, payload: dict | None = None, region_code: str = "",
                    request=None) -> Referral:
    """Hand a case to the module that registered `kind`. The sending module's own service has
    already checked the actor may act on the case; this checks the receiver exists and is on.
    Referring the same case to the same kind again returns the first referral."""
    referral_kind = referrals.get(kind)
    if referral_kind is None or not pemda.uses_module(referral_kind.module):
        raise _error("kind", _("Nobody receives referrals of kind “%(kind)s” here.")
                     % {"kind": kind})
    summary = _text(summary, "summary", required=True, max_length=2000)
    existing = Referral.objects.filter(
        pemda=pemda, kind=kind, source_module=source_module, source_ref=str(source_ref)
    ).first()
    if existing is not None:
        return existing
    referral = Referral.objects.create(
        pemda=pemda, kind=kind, source_module=source_module, source_ref=str(source_ref),
        target_module=referral_kind.module, summary=summary, payload=payload or {},
        region_code=region_code or "", created_by=actor if getattr(actor, "pk", None) else None,
    )
    referral.target_ref = str(referral_kind.handler(referral))[:64]
    referral.save(update_fields=["target_ref"])
    ReferralEvent.objects.create(
        referral=referral, status=ReferralStatus.SENT, actor_label=audit._actor_label(actor)
    )
    audit.record(actor=actor, action="core.referral.create", obj=referral, pemda=pemda,
                 request=request,
                 changes={"kind": [None, kind], "target_ref": [None, referral.target_ref]})
    return referral


@transaction.atomic
def referral_update(*, actor, referral: Referral, status: str, note: str = "",
                    request=None) -> Referral:
    """The receiving module reports progress; the sender sees status and note."""
    status = _choice(status, ReferralStatus, "status")
    note = _text(note, "note", max_length=2000)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    closed = (ReferralStatus.DONE, ReferralStatus.DECLINED)
    if referral.status in closed and status != referral.status:
        raise _error("status", _("This referral is already closed."))
    before = referral.status
    referral.status = status
    referral.note = note
    referral.save(update_fields=["status", "note", "updated_at"])
    ReferralEvent.objects.create(
        referral=referral, status=status, note=note, actor_label=audit._actor_label(actor)
    )
    audit.record(actor=actor, action="core.referral.update", obj=referral, pemda=referral.pemda,
                 request=request, changes={"status": [before, status]})
    return referral
