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

from . import memo, sealing, uploads
from .models import (
    CLOSED_STATUSES,
    Attachment,
    Category,
    Channel,
    Complaint,
    DeadlineSettings,
    Event,
    EventKind,
    ForumSession,
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

    def load():
        return DeadlineSettings.objects.filter(pemda_id=pemda.pk).first() or \
            DeadlineSettings(pemda_id=pemda.pk)

    return memo.get(("limits", pemda.pk), load)


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
        active = memo.get(("categories", pemda.pk), lambda: {
            c.slug: c for c in Category.objects.filter(pemda_id=pemda.pk, is_active=True)})
        found = active.get(str(category))
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
        region = memo.get(("region", pemda.region_id, region_code), lambda: validate_region_code(
            region_code, within=pemda.region_id, field="region_code",
            level=(RegionLevel.KABUPATEN_KOTA, RegionLevel.KECAMATAN,
                   RegionLevel.DESA_KELURAHAN),
        ), ttl=3600)
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

    for attempt in range(8):
        try:
            return _store_submission(
                pemda=pemda, kind=kind, category=category_obj, channel=channel, title=title,
                body=body, region=region, latitude=latitude, longitude=longitude,
                anonymous=anonymous, confidential=confidential, reporter_name=reporter_name,
                reporter_contact=reporter_contact, reporter_user=reporter_user,
                forum_session=forum_session, files=files, actor=actor, request=request,
                referral=extra.get("referral"),
                external_ref=_text(extra.get("external_ref"), "external_ref", max_length=64),
            )
        except IntegrityError as exc:
            # A clash of the random tracking number (the transaction, or its savepoint when
            # called inside another one, rolled back as a whole): draw another number.
            if attempt == 7 or "tracking_number" not in str(exc):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


@transaction.atomic
def _store_submission(*, pemda, kind, category, channel, title, body, region, latitude,
                      longitude, anonymous, confidential, reporter_name, reporter_contact,
                      reporter_user, forum_session, files, actor, request, referral,
                      external_ref) -> Complaint:
    sealed = anonymous or confidential
    limits = deadline_settings(pemda)
    calendar = calendar_for(pemda, limits)
    day = today()
    complaint = Complaint.objects.create(
        pemda=pemda, kind=kind, category=category, channel=channel,
        status=Status.DITERIMA, title=title, body=body, region=region,
        latitude=latitude, longitude=longitude, anonymous=anonymous,
        confidential=confidential,
        is_public=not confidential and kind != Kind.PELANGGARAN,
        reporter_name="" if sealed else reporter_name,
        reporter_contact="" if sealed else reporter_contact,
        reporter_user=None if sealed else reporter_user,
        forum_session=forum_session, referral=referral, external_ref=external_ref,
        tracking_number=new_tracking_number(pemda, day),
        secret_token=secrets.token_urlsafe(24),
        due_on=calendar.add(day, limits.verify_days),
        settle_by=add_days(day, limits.settle_days),
    )
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


# --- workflow ------------------------------------------------------------------------------------

VERIFY_DECISIONS = (Status.TERVERIFIKASI, Status.TUNDA, Status.BUKAN_WEWENANG, Status.ARSIP)
REFERRAL_STATUS = {
    Status.TERVERIFIKASI: "diterima", Status.DISPOSISI: "ditangani",
    Status.TINDAK_LANJUT: "ditangani", Status.SELESAI: "selesai",
    Status.BUKAN_WEWENANG: "ditolak", Status.ARSIP: "ditolak",
}


def _require_handling(actor, complaint: Complaint, action: str) -> None:
    """Wrongdoing reports are handled by the inspektorat alone, whatever the step."""
    if complaint.kind == Kind.PELANGGARAN:
        _require(actor, "aduan.pelanggaran.handle", complaint_target(complaint))
    else:
        _require(actor, action, complaint_target(complaint))


def _locked(complaint: Complaint) -> Complaint:
    # of=("self",): PostgreSQL cannot lock the nullable side of the category join.
    return Complaint.objects.select_for_update(of=("self",)).select_related(
        "pemda", "category").get(pk=complaint.pk)


def _set_status(complaint: Complaint, status: str, actor, *, reason: str = "",
                request=None, event_kind: str = EventKind.STATUS, public: bool = True,
                extra_fields: tuple[str, ...] = ()) -> None:
    before = complaint.status
    complaint.status = status
    complaint.save(update_fields=["status", "updated_at", *extra_fields])
    _event(complaint, event_kind, actor, text=reason, is_public=public)
    audit.record(actor=actor, action=f"aduan.complaint.{status}", obj=complaint,
                 request=request, changes={"status": [before, status],
                                           **({"reason": [None, reason]} if reason else {})})
    if complaint.referral_id and status in REFERRAL_STATUS and \
            REFERRAL_STATUS[status] != complaint.referral.status:
        from terbuka.core import services as core_services

        core_services.referral_update(actor=actor, referral=complaint.referral,
                                      status=REFERRAL_STATUS[status],
                                      note=public_label(status, reason))
    if public and before != status:
        from . import notify

        notify.on_status(complaint, reason)


def public_label(status: str, reason: str = "") -> str:
    from .models import public_status_label

    label = public_status_label(status)
    return f"{label}: {reason}" if reason else label


@transaction.atomic
def complaint_verify(*, actor, complaint: Complaint, decision: str, reason: str = "",
                     redirect_to: str = "", category=None, request=None) -> Complaint:
    """The operator's first look: verified, on hold (tunda), not our authority (with the body
    that does have it) or archived; each but "verified" with a reason the reporter sees."""
    complaint = _locked(complaint)
    _require_handling(actor, complaint, "aduan.complaint.verify")
    if decision not in VERIFY_DECISIONS:
        raise _error("decision", _("“%(value)s” is not a verification decision.")
                     % {"value": decision})
    if complaint.status not in (Status.DITERIMA, Status.TUNDA, Status.TERVERIFIKASI):
        raise _error("decision", _("This complaint is past verification (%(status)s).")
                     % {"status": complaint.public_status})
    reason = _text(reason, "reason", required=decision != Status.TERVERIFIKASI,
                   max_length=2000)
    redirect_to = _text(redirect_to, "redirect_to", max_length=200,
                        required=decision == Status.BUKAN_WEWENANG)
    fields = ["status_reason", "redirect_to", "due_on"]
    if category not in (None, ""):
        complaint.category = _category(complaint.pemda, category)
        fields.append("category")
    limits = deadline_settings(complaint.pemda)
    now = timezone.now()
    complaint.status_reason = reason
    complaint.redirect_to = redirect_to
    if decision == Status.TERVERIFIKASI:
        complaint.verified_at = now
        complaint.due_on = calendar_for(complaint.pemda, limits).add(today(),
                                                                    limits.dispose_days)
        fields.append("verified_at")
    elif decision == Status.TUNDA:
        complaint.due_on = None
    else:
        complaint.due_on = None
        complaint.closed_at = now
        fields.append("closed_at")
    text = reason
    if decision == Status.BUKAN_WEWENANG:
        text = _("%(reason)s Please turn to: %(body)s") % {"reason": reason, "body": redirect_to}
    _set_status(complaint, decision, actor, reason=text, request=request,
                extra_fields=tuple(fields))
    return complaint


def routing_proposal(complaint: Complaint) -> list[Opd]:
    """The OPD the rules send this complaint to: rules of its category whose region contains
    the complaint's, the most specific region first; else the category's default OPD."""
    from .models import RoutingRule

    if complaint.category_id is None:
        return []
    region = complaint.region_id or ""
    matching = [
        rule for rule in RoutingRule.objects.filter(category_id=complaint.category_id)
        .select_related("opd")
        if rule.opd.is_active and (not rule.region_code or region == rule.region_code
                                   or region.startswith(rule.region_code + "."))
    ]
    if matching:
        best = max(len(rule.region_code) for rule in matching)
        return [rule.opd for rule in matching if len(rule.region_code) == best]
    default = complaint.category.default_opd
    return [default] if default is not None and default.is_active else []


@transaction.atomic
def complaint_dispose(*, actor, complaint: Complaint, opds, instruction: str = "",
                      request=None) -> Complaint:
    """Send the complaint to one or more OPD (disposisi); each gets the follow-up limit."""
    complaint = _locked(complaint)
    if complaint.kind == Kind.PELANGGARAN:
        raise PermissionDenied(_("Reports of wrongdoing stay with the inspektorat."))
    _require(actor, "aduan.complaint.dispose", complaint_target(complaint))
    if complaint.status not in (Status.DITERIMA, Status.TERVERIFIKASI, Status.DISPOSISI,
                                Status.TINDAK_LANJUT):
        raise _error("opds", _("This complaint cannot be sent to an OPD now (%(status)s).")
                     % {"status": complaint.public_status})
    opds = [o for o in (opds or []) if o is not None]
    if not opds:
        raise _error("opds", _("Choose at least one OPD."))
    for opd in opds:
        if opd.pemda_id != complaint.pemda_id or not opd.is_active:
            raise _error("opds", _("%(opd)s is not an active OPD of this pemda.")
                         % {"opd": opd})
    instruction = _text(instruction, "instruction", max_length=2000)
    limits = deadline_settings(complaint.pemda)
    days = (complaint.category.followup_days if complaint.category and
            complaint.category.followup_days else limits.followup_days)
    due = calendar_for(complaint.pemda, limits).add(today(), days)
    from . import notify
    from .models import Disposition

    added = []
    for opd in opds:
        disposition, created = Disposition.objects.get_or_create(
            complaint=complaint, opd=opd,
            defaults={"instruction": instruction, "due_on": due},
        )
        if not created and (disposition.answered_at is None and disposition.is_active):
            continue
        if not created:
            disposition.is_active, disposition.answered_at = True, None
            disposition.due_on, disposition.instruction = due, instruction
            disposition.save()
        added.append(opd)
        _event(complaint, EventKind.DISPOSED, actor, opd=opd, is_public=True,
               text=_("Sent to %(opd)s.") % {"opd": opd.name}, status=Status.DISPOSISI)
        notify.to_opd_staff(
            complaint, opd, _("New complaint %(number)s for %(opd)s")
            % {"number": complaint.tracking_number, "opd": opd},
            _("%(title)s\n\nAnswer by %(due)s.\n%(instruction)s")
            % {"title": complaint.title, "due": due, "instruction": instruction},
        )
    if not added:
        raise _error("opds", _("The complaint is already with these OPD."))
    now = timezone.now()
    if complaint.verified_at is None:
        complaint.verified_at = now
    complaint.disposed_at = complaint.disposed_at or now
    complaint.due_on = due
    audit.record(actor=actor, action="aduan.complaint.dispose", obj=complaint,
                 request=request, changes={"opd": [None, [o.pk for o in added]]})
    if complaint.status != Status.DISPOSISI:
        _set_status(complaint, Status.DISPOSISI, actor, request=request, public=True,
                    event_kind=EventKind.STATUS,
                    extra_fields=("verified_at", "disposed_at", "due_on"))
    else:
        complaint.save(update_fields=["verified_at", "disposed_at", "due_on", "updated_at"])
    return complaint


@transaction.atomic
def complaint_respond(*, actor, complaint: Complaint, opd: Opd | None, text: str,
                      public: bool = True, attachments=(), request=None) -> Event:
    """An OPD's public reply (tindak lanjut) or an internal note, with evidence. When every
    OPD the complaint went to has replied, it waits for the reporter's response."""
    complaint = _locked(complaint)
    from .models import Disposition

    if complaint.kind == Kind.PELANGGARAN:
        _require(actor, "aduan.pelanggaran.handle", complaint_target(complaint))
        disposition = None
        opd = None
    elif opd is None:
        # An operator's internal note.
        if public:
            raise _error("opd", _("A public reply comes from an OPD."))
        _require(actor, "aduan.complaint.verify", complaint_target(complaint))
        disposition = None
    else:
        _require(actor, "aduan.complaint.respond", complaint_target(complaint, opd.pk))
        disposition = Disposition.objects.filter(complaint=complaint, opd=opd,
                                                 is_active=True).first()
        if disposition is None:
            raise PermissionDenied(_("This complaint was not sent to %(opd)s.") % {"opd": opd})
    text = _text(text, "text", required=True, max_length=BODY_MAX)
    files = uploads.clean_all(attachments)
    if public and complaint.status not in (Status.DISPOSISI, Status.TINDAK_LANJUT) and not (
            complaint.kind == Kind.PELANGGARAN and complaint.status == Status.TERVERIFIKASI):
        raise _error("text", _("A reply is possible once the complaint has been sent to an OPD "
                               "(now: %(status)s).") % {"status": complaint.public_status})
    event = _event(complaint, EventKind.REPLY if public else EventKind.NOTE, actor, text=text,
                   is_public=public, opd=opd)
    for clean_file in files:
        _attach(complaint, event, clean_file)
    audit.record(actor=actor, action="aduan.complaint.reply" if public else
                 "aduan.complaint.note", obj=complaint, request=request,
                 changes={"opd": [None, getattr(opd, "pk", None)]})
    if not public:
        return event
    now = timezone.now()
    if disposition is not None and disposition.answered_at is None:
        disposition.answered_at = now
        disposition.save(update_fields=["answered_at"])
    waiting = Disposition.objects.filter(complaint=complaint, is_active=True,
                                         answered_at__isnull=True).exists()
    if not waiting and complaint.status != Status.TINDAK_LANJUT:
        limits = deadline_settings(complaint.pemda)
        calendar = calendar_for(complaint.pemda, limits)
        fields = ["due_on"]
        if complaint.answered_at is None:
            complaint.answered_at = now
            complaint.workdays_to_answer = max(0, calendar.between(
                timezone.localdate(complaint.received_at), timezone.localdate(now)))
            deadline = complaint.due_on
            complaint.answered_on_time = deadline is None or timezone.localdate(now) <= deadline
            fields += ["answered_at", "workdays_to_answer", "answered_on_time"]
        complaint.due_on = calendar.add(today(), limits.reply_days)
        _set_status(complaint, Status.TINDAK_LANJUT, actor, request=request, public=True,
                    extra_fields=tuple(fields))
    return event


def _check_token(complaint: Complaint, token: str, actor) -> None:
    """The reporter acts through the secret link, or logged in as the reporting account."""
    if token and secrets.compare_digest(str(token), complaint.secret_token):
        return
    if complaint.reporter_user_id and getattr(actor, "pk", None) == complaint.reporter_user_id:
        return
    raise PermissionDenied(_("Only the reporter can do this."))


@transaction.atomic
def complaint_reporter_reply(*, actor, complaint: Complaint, token: str, decision: str,
                             text: str = "", rating=None, comment: str = "",
                             request=None) -> Complaint:
    """Tanggapan pelapor: confirm the answer (closes it, optionally with a rating) or reopen
    it with a reason (back to the OPD)."""
    complaint = _locked(complaint)
    _check_token(complaint, token, actor)
    text = _text(text, "text", max_length=2000, required=decision == "reopen")
    if complaint.status != Status.TINDAK_LANJUT and not (
            decision == "reopen" and complaint.status == Status.SELESAI
            and complaint.closed_at and
            calendar_for(complaint.pemda).between(timezone.localdate(complaint.closed_at),
                                                  today()) <= 10):
        raise _error("decision", _("There is no answer to respond to yet (%(status)s).")
                     % {"status": complaint.public_status})
    if decision == "confirm":
        if text:
            _event(complaint, EventKind.REPORTER, actor, text=text, is_public=True)
        complaint.closed_at = timezone.now()
        complaint.due_on = None
        _set_status(complaint, Status.SELESAI, actor, request=request,
                    extra_fields=("closed_at", "due_on"))
        if rating not in (None, ""):
            _rate(complaint, actor, rating, comment, request)
    elif decision == "reopen":
        from .models import Disposition

        _event(complaint, EventKind.REOPENED, actor, text=text, is_public=True)
        limits = deadline_settings(complaint.pemda)
        due = calendar_for(complaint.pemda, limits).add(today(), limits.followup_days)
        Disposition.objects.filter(complaint=complaint, is_active=True).update(
            answered_at=None, due_on=due)
        complaint.due_on = due
        complaint.closed_at = None
        complaint.rating = None
        _set_status(complaint, Status.DISPOSISI, actor, reason=text, request=request,
                    extra_fields=("due_on", "closed_at", "rating"))
    else:
        raise _error("decision", _("“%(value)s” is not a response.") % {"value": decision})
    return complaint


def _rate(complaint: Complaint, actor, rating, comment: str, request) -> None:
    try:
        rating = int(rating)
    except (TypeError, ValueError) as exc:
        raise _error("rating", _("A rating is a whole number from 1 to 5.")) from exc
    if not 1 <= rating <= 5:
        raise _error("rating", _("A rating is a whole number from 1 to 5."))
    comment = _text(comment, "comment", max_length=2000)
    before = complaint.rating
    complaint.rating, complaint.rating_comment = rating, comment
    complaint.save(update_fields=["rating", "rating_comment", "updated_at"])
    _event(complaint, EventKind.RATED, actor, is_public=True,
           text=_("Rated %(n)s of 5. %(comment)s") % {"n": rating, "comment": comment})
    audit.record(actor=actor, action="aduan.complaint.rate", obj=complaint, request=request,
                 changes={"rating": [before, rating]})


@transaction.atomic
def complaint_rate(*, actor, complaint: Complaint, token: str, rating, comment: str = "",
                   request=None) -> Complaint:
    complaint = _locked(complaint)
    _check_token(complaint, token, actor)
    if complaint.status not in (Status.TINDAK_LANJUT, Status.SELESAI):
        raise _error("rating", _("A complaint can be rated once it has been answered."))
    _rate(complaint, actor, rating, comment, request)
    return complaint


@transaction.atomic
def complaint_merge(*, actor, complaint: Complaint, into: Complaint, request=None) -> Complaint:
    """Merge a duplicate into the complaint that carries on; the duplicate is archived with a
    pointer its reporter sees."""
    complaint = _locked(complaint)
    _require_handling(actor, complaint, "aduan.complaint.verify")
    if into.pemda_id != complaint.pemda_id or into.pk == complaint.pk:
        raise _error("into", _("Choose another complaint of the same pemda."))
    if into.merged_into_id or complaint.is_closed:
        raise _error("into", _("Closed or merged complaints cannot be merged."))
    if into.kind == Kind.PELANGGARAN and complaint.kind != Kind.PELANGGARAN:
        raise _error("into", _("Choose another complaint of the same pemda."))
    complaint.merged_into = into
    complaint.closed_at = timezone.now()
    complaint.due_on = None
    complaint.status_reason = _("Merged into %(number)s, which is followed up instead.") % {
        "number": into.tracking_number if into.is_public else _("another report")}
    _event(into, EventKind.MERGED, actor,
           text=_("%(number)s was merged into this report.")
           % {"number": complaint.tracking_number}, is_public=False)
    _set_status(complaint, Status.ARSIP, actor, reason=complaint.status_reason,
                request=request, event_kind=EventKind.MERGED,
                extra_fields=("merged_into", "closed_at", "due_on", "status_reason"))
    return complaint


# --- deadlines -----------------------------------------------------------------------------------


def deadlines_run(*, actor=None, day: datetime.date | None = None) -> dict:
    """Escalate every open step past its due date (once a day) to the operator and the OPD
    staff, and close answered complaints the reporter left without reply for `reply_days`."""
    from . import notify
    from .models import Disposition

    day = day or today()
    closed = escalated = 0
    late_replies = Complaint.objects.filter(status=Status.TINDAK_LANJUT, due_on__lt=day)
    for pk in late_replies.values_list("pk", flat=True):
        with transaction.atomic():
            complaint = _locked(Complaint(pk=pk))
            if complaint.status != Status.TINDAK_LANJUT or not complaint.due_on \
                    or complaint.due_on >= day:
                continue
            complaint.closed_at = timezone.now()
            complaint.due_on = None
            _set_status(complaint, Status.SELESAI, actor, event_kind=EventKind.AUTOCLOSED,
                        reason=_("Closed automatically: no response from the reporter within "
                                 "the time allowed."), extra_fields=("closed_at", "due_on"))
            closed += 1
    overdue = (Complaint.objects.filter(due_on__lt=day).exclude(status__in=(
        Status.TINDAK_LANJUT, *CLOSED_STATUSES)).exclude(escalated_on=day))
    for pk in overdue.values_list("pk", flat=True):
        with transaction.atomic():
            complaint = _locked(Complaint(pk=pk))
            if complaint.escalated_on == day:
                continue
            complaint.escalated_on = day
            complaint.save(update_fields=["escalated_on"])
            late_opd = list(Disposition.objects.filter(
                complaint=complaint, is_active=True, answered_at__isnull=True,
                due_on__lt=day).select_related("opd"))
            names = ", ".join(d.opd.name for d in late_opd)
            _event(complaint, EventKind.ESCALATED, actor, text=_(
                "Overdue since %(due)s. %(opd)s") % {"due": complaint.due_on, "opd": names})
            audit.record(actor=actor, action="aduan.complaint.escalate", obj=complaint,
                         changes={"due_on": [None, str(complaint.due_on)]})
            subject = _("Overdue complaint %(number)s") % {"number": complaint.tracking_number}
            body = _("%(title)s\nStatus: %(status)s, due %(due)s.") % {
                "title": complaint.title, "status": complaint.public_status,
                "due": complaint.due_on}
            for disposition in late_opd:
                notify.to_opd_staff(complaint, disposition.opd, subject, body)
            notify.to_operators(complaint, subject, body)
            escalated += 1
    reminded = 0
    for disposition in (Disposition.objects.filter(
            is_active=True, answered_at__isnull=True, reminded_on__isnull=True,
            due_on__gte=day).select_related("complaint", "complaint__pemda", "opd")):
        calendar_for_day = calendar_for(disposition.complaint.pemda)
        tomorrow = calendar_for_day.add(day + datetime.timedelta(days=1), 0)
        if disposition.due_on > tomorrow:
            continue
        with transaction.atomic():
            updated = Disposition.objects.filter(pk=disposition.pk,
                                                 reminded_on__isnull=True).update(reminded_on=day)
            if updated:
                notify.to_opd_staff(
                    disposition.complaint, disposition.opd,
                    _("Reminder: complaint %(number)s is due %(due)s")
                    % {"number": disposition.complaint.tracking_number,
                       "due": disposition.due_on},
                    disposition.complaint.title)
                reminded += 1
    return {"closed": closed, "escalated": escalated, "reminded": reminded}


# --- sealed identities ---------------------------------------------------------------------------


@transaction.atomic
def identity_reveal(*, actor, complaint: Complaint, reason: str, request=None) -> dict:
    """The inspektorat opens a sealed identity, giving a reason; logged twice over (its own
    table and the audit log as a read of personal data)."""
    from .models import IdentityReveal

    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Only the inspektorat can reveal a reporter's identity."))
    policy.require(actor, "aduan.identity.reveal", complaint_target(complaint))
    reason = _text(reason, "reason", required=True, max_length=2000)
    if len(reason) < 10:
        raise _error("reason", _("Give the reason in a sentence (10 characters or more)."))
    sealed = SealedIdentity.objects.filter(complaint=complaint).first()
    if sealed is None:
        raise _error("reason", _("This report has no sealed identity."))
    IdentityReveal.objects.create(complaint=complaint, actor=actor, reason=reason)
    audit.record(actor=actor, action="aduan.identity.reveal", obj=complaint, is_read=True,
                 request=request, changes={"reason": [None, reason]})
    identity = sealing.unseal(sealed.ciphertext)
    return {"name": identity.get("name", ""), "contact": identity.get("contact", "")}


# --- YASINAN forum ------------------------------------------------------------------------------

ATTENDANCE = ("attendance_men", "attendance_women", "attendance_disability",
              "attendance_elderly", "attendance_youth")


@transaction.atomic
def forum_session_create(*, actor, pemda: Pemda, title: str, held_on, level: str,
                         region_code: str, venue: str = "", officials: str = "",
                         notes: str = "", photos=(), request=None, **attendance) -> ForumSession:
    from .models import ForumLevel, ForumPhoto

    _require(actor, "aduan.forum.manage", Target(pemda_id=pemda.pk))
    unknown = set(attendance) - set(ATTENDANCE)
    if unknown:
        raise TypeError(f"forum_session_create got unexpected arguments: {sorted(unknown)}")
    title = _text(title, "title", required=True, max_length=200)
    if level not in ForumLevel.values:
        raise _error("level", _("“%(value)s” is not a forum level.") % {"value": level})
    if isinstance(held_on, str):
        try:
            held_on = datetime.date.fromisoformat(held_on)
        except ValueError as exc:
            raise _error("held_on", _("“%(value)s” is not a date (YYYY-MM-DD).")
                         % {"value": held_on}) from exc
    if not isinstance(held_on, datetime.date):
        raise _error("held_on", _("A date is required."))
    wanted = {ForumLevel.KABUPATEN: RegionLevel.KABUPATEN_KOTA,
              ForumLevel.KECAMATAN: RegionLevel.KECAMATAN,
              ForumLevel.DESA: RegionLevel.DESA_KELURAHAN}[level]
    region = validate_region_code(region_code, level=wanted, within=pemda.region,
                                  field="region_code")
    counts = {}
    for key in ATTENDANCE:
        value = attendance.get(key) or 0
        try:
            value = int(value)
        except (TypeError, ValueError) as exc:
            raise _error(key, _("A count is a whole number.")) from exc
        if not 0 <= value <= 100_000:
            raise _error(key, _("A count is a whole number."))
        counts[key] = value
    files = uploads.clean_all(photos)
    session = ForumSession.objects.create(
        pemda=pemda, title=title, held_on=held_on, level=level, region=region,
        venue=_text(venue, "venue", max_length=200),
        officials=_text(officials, "officials", max_length=2000),
        notes=_text(notes, "notes", max_length=10000), **counts,
    )
    for clean_file in files:
        photo = ForumPhoto(session=session, caption=clean_file.name[:200])
        photo.file.save(f"{secrets.token_hex(12)}.{uploads.EXTENSIONS[clean_file.content_type]}",
                        ContentFile(clean_file.data), save=False)
        photo.save()
    audit.record(actor=actor, action="aduan.forum.create", obj=session, pemda=pemda,
                 request=request, changes={"title": [None, title]})
    return session
