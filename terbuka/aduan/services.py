"""Writes of the aduan app: intake, the LAPOR!-style workflow, sealed identities, forum sessions.

Every function checks permission first (actor=None is the platform itself), validates into a
ValidationError naming the field, writes, adds a timeline event and an audit record. Intake
returns only after its transaction has committed when called outside one, so a tracking number
shown to a citizen always belongs to a stored complaint.
"""

from __future__ import annotations

import datetime
import re
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import audit, policy
from terbuka.core.models import Opd, Pemda, RegionLevel
from terbuka.core.policy import Target
from terbuka.core.regions import validate_region_code

from . import sealing, uploads
from .models import (
    Attachment,
    Category,
    Channel,
    Complaint,
    DeadlineSettings,
    Event,
    EventKind,
    Kind,
    SealedIdentity,
    Status,
)
from .workdays import Calendar, add_days

TITLE_MAX = 200
BODY_MAX = 10_000
# Channels where an official types in what a citizen said; the others are citizens themselves
# or the integrations of the saluran app.
STAFF_CHANNELS = (Channel.YASINAN, Channel.LANGSUNG, Channel.TELEPON)
# No 0/O, 1/I/L: tracking numbers are read out on the phone and typed on feature phones.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PHONE = re.compile(r"^\+?[0-9][0-9 \-]{6,18}[0-9]$")
EXTRA_KEYS = {"latitude", "longitude", "attachments", "forum_session", "external_ref",
              "referral", "reporter_user"}


# --- helpers -----------------------------------------------------------------------------------


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _require(actor, action: str, target: Target) -> None:
    if actor is None:
        return
    policy.require(actor, action, target)


def _text(value: Any, field: str, *, required: bool = False, max_length: int) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _error(field, _("Expected text."))
    value = value.replace("\x00", "").strip()
    if required and not value:
        raise _error(field, _("This field is required."))
    if len(value) > max_length:
        raise _error(field, _("At most %(max)s characters (this has %(n)s).")
                     % {"max": max_length, "n": len(value)})
    return value


def actor_label(actor) -> str:
    return audit._actor_label(actor)


def deadline_settings(pemda: Pemda) -> DeadlineSettings:
    """The pemda's limits; unsaved defaults when it never changed them."""
    found = DeadlineSettings.objects.filter(pemda=pemda).first()
    return found or DeadlineSettings(pemda=pemda)


def calendar_for(pemda: Pemda, limits: DeadlineSettings | None = None) -> Calendar:
    limits = limits or deadline_settings(pemda)
    return Calendar(limits.extra_holidays or ())


def today() -> datetime.date:
    return timezone.localdate()


def _tracking_prefix(pemda: Pemda) -> str:
    return re.sub(r"[^A-Z0-9]", "", pemda.slug.upper())[:8] or "ADU"


def new_tracking_number(pemda: Pemda, when: datetime.date | None = None) -> str:
    when = when or today()
    code = "".join(secrets.choice(ALPHABET) for _ in range(4))
    return f"{_tracking_prefix(pemda)}-{when:%y%m}-{code}"


def _category(pemda: Pemda, category) -> Category | None:
    if category in (None, ""):
        return None
    if isinstance(category, Category):
        found = category if category.pemda_id == pemda.pk and category.is_active else None
    else:
        found = Category.objects.filter(pemda=pemda, slug=str(category), is_active=True).first()
    if found is None:
        raise _error("category", _("“%(value)s” is not a complaint category of %(pemda)s.")
                     % {"value": category, "pemda": pemda.short_name})
    return found


def _coordinate(value, field: str, low: float, high: float) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError) as exc:
        raise _error(field, _("“%(value)s” is not a number.") % {"value": value}) from exc
    if not (low <= number <= high):
        raise _error(field, _("%(value)s is outside Indonesia.") % {"value": value})
    return number


def _contact(value: str) -> str:
    value = _text(value, "reporter_contact", max_length=160)
    if not value:
        return ""
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError as exc:
            raise _error("reporter_contact", _("“%(value)s” is not an e-mail address.")
                         % {"value": value}) from exc
        return value.lower()
    if not PHONE.match(value):
        raise _error("reporter_contact", _("“%(value)s” is neither an e-mail address nor a "
                                           "phone number.") % {"value": value})
    return re.sub(r"[ \-]", "", value)


def _event(complaint: Complaint, kind: str, actor, *, text: str = "", is_public: bool = False,
           opd: Opd | None = None, status: str = "") -> Event:
    return Event.objects.create(
        complaint=complaint, kind=kind, status=status or complaint.status, opd=opd, text=text,
        is_public=is_public, actor_label=actor_label(actor),
    )


def complaint_target(complaint: Complaint, opd_id: int | None = None) -> Target:
    return Target(pemda_id=complaint.pemda_id, opd_id=opd_id,
                  region_code=complaint.region_id or None)


# --- intake --------------------------------------------------------------------------------------


def complaint_submit(*, actor, pemda: Pemda, kind: str, category, title: str, body: str,
                     channel: str, region_code: str = "", reporter_name: str = "",
                     reporter_contact: str = "", anonymous: bool = False,
                     confidential: bool = False, request=None, **extra) -> Complaint:
    """Take in a complaint, aspiration, information or wrongdoing report from any channel.

    Returns the stored complaint with its `tracking_number` and `secret_token`. Called outside
    a transaction (a web or API request), it returns after the commit."""
    unknown = set(extra) - EXTRA_KEYS
    if unknown:
        raise TypeError(f"complaint_submit got unexpected arguments: {sorted(unknown)}")
    channel = str(channel)
    if channel not in Channel.values:
        raise _error("channel", _("“%(value)s” is not a channel.") % {"value": channel})
    if channel in STAFF_CHANNELS:
        if actor is not None and not getattr(actor, "is_authenticated", False):
            raise PermissionDenied(_("Only officials enter complaints from this channel."))
        _require(actor, "aduan.complaint.enter", Target(pemda_id=pemda.pk))
    if not pemda.uses_module("aduan"):
        raise _error("pemda", _("%(pemda)s does not take complaints here.")
                     % {"pemda": pemda.short_name})
    kind = str(kind)
    if kind not in Kind.values:
        raise _error("kind", _("“%(value)s” is not a kind of report.") % {"value": kind})
    body = _text(body, "body", required=True, max_length=BODY_MAX)
    title = _text(title, "title", max_length=TITLE_MAX)
    if not title:
        title = body.splitlines()[0][:80].strip() or body[:80]
    category_obj = _category(pemda, category)
    region = None
    if region_code:
        region = validate_region_code(
            region_code, within=pemda.region, field="region_code",
            level=(RegionLevel.KABUPATEN_KOTA, RegionLevel.KECAMATAN,
                   RegionLevel.DESA_KELURAHAN),
        )
    latitude = _coordinate(extra.get("latitude"), "latitude", -11, 6)
    longitude = _coordinate(extra.get("longitude"), "longitude", 94, 142)
    if (latitude is None) != (longitude is None):
        raise _error("latitude", _("A map pin needs both latitude and longitude."))
    reporter_name = _text(reporter_name, "reporter_name", max_length=120)
    reporter_contact = _contact(reporter_contact)
    anonymous, confidential = bool(anonymous), bool(confidential)
    forum_session = extra.get("forum_session")
    if forum_session is not None and forum_session.pemda_id != pemda.pk:
        raise _error("forum_session", _("That forum session belongs to another pemda."))
    reporter_user = extra.get("reporter_user")
    if reporter_user is None and getattr(actor, "is_authenticated", False) \
            and channel not in STAFF_CHANNELS:
        reporter_user = actor
    files = uploads.clean_all(extra.get("attachments"))
    sealed = anonymous or confidential

    with transaction.atomic():
        limits = deadline_settings(pemda)
        calendar = calendar_for(pemda, limits)
        day = today()
        complaint = Complaint(
            pemda=pemda, kind=kind, category=category_obj, channel=channel,
            status=Status.DITERIMA, title=title, body=body, region=region,
            latitude=latitude, longitude=longitude, anonymous=anonymous,
            confidential=confidential,
            is_public=not confidential and kind != Kind.PELANGGARAN,
            reporter_name="" if sealed else reporter_name,
            reporter_contact="" if sealed else reporter_contact,
            reporter_user=None if sealed else reporter_user,
            forum_session=forum_session, referral=extra.get("referral"),
            external_ref=_text(extra.get("external_ref"), "external_ref", max_length=64),
            secret_token=secrets.token_urlsafe(24),
            due_on=calendar.add(day, limits.verify_days),
            settle_by=add_days(day, limits.settle_days),
        )
        _insert_with_tracking_number(complaint, day)
        if sealed and (reporter_name or reporter_contact or reporter_user):
            SealedIdentity.objects.create(complaint=complaint, ciphertext=sealing.seal({
                "name": reporter_name, "contact": reporter_contact,
                "user_id": getattr(reporter_user, "pk", None),
            }))
        event = _event(complaint, EventKind.SUBMITTED, actor, is_public=True,
                       status=Status.DITERIMA)
        for clean_file in files:
            _attach(complaint, event, clean_file)
        audit.record(actor=actor, action="aduan.complaint.submit", obj=complaint,
                     pemda=pemda, request=request,
                     changes={"kind": [None, kind], "channel": [None, channel],
                              "anonymous": [None, anonymous],
                              "confidential": [None, confidential]})
        from . import notify

        notify.on_submit(complaint, reporter_contact)
    return complaint


def _insert_with_tracking_number(complaint: Complaint, day: datetime.date) -> None:
    """Insert with a fresh random number; on the rare clash, try another one."""
    for attempt in range(8):
        complaint.tracking_number = new_tracking_number(complaint.pemda, day)
        if attempt < 7 and Complaint.objects.filter(
                tracking_number=complaint.tracking_number).exists():
            continue
        try:
            with transaction.atomic():
                complaint.save(force_insert=True)
            return
        except IntegrityError:
            if attempt == 7 or Complaint.objects.filter(
                    tracking_number=complaint.tracking_number).count() == 0:
                raise
    raise IntegrityError("no free tracking number")  # pragma: no cover


def _attach(complaint: Complaint, event: Event | None, clean_file) -> Attachment:
    attachment = Attachment(
        complaint=complaint, event=event, content_type=clean_file.content_type,
        size=len(clean_file.data), original_name=clean_file.name,
    )
    extension = uploads.EXTENSIONS[clean_file.content_type]
    attachment.file.save(f"{secrets.token_hex(12)}.{extension}",
                         ContentFile(clean_file.data), save=False)
    attachment.save()
    return attachment


# --- referrals into the pipeline ----------------------------------------------------------------


def referral_handler(referral) -> str:
    """`aduan.laporan`: another module (posyandu, sosial …) routes a problem into the pipeline.
    Referred cases concern families, so they stay confidential unless the payload says not."""
    payload = referral.payload or {}
    category = payload.get("category") or None
    if category and not Category.objects.filter(pemda=referral.pemda, slug=category,
                                                is_active=True).exists():
        category = None
    complaint = complaint_submit(
        actor=None, pemda=referral.pemda, kind=payload.get("kind", Kind.LAYANAN),
        category=category, title=payload.get("title", "") or referral.summary[:120],
        body=payload.get("body") or referral.summary, channel=Channel.RUJUKAN,
        region_code=referral.region_code or "",
        confidential=bool(payload.get("confidential", True)),
        referral=referral, external_ref=f"{referral.source_module}:{referral.source_ref}"[:64],
    )
    return complaint.tracking_number
