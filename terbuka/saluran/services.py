"""Writes of the saluran app: the triage queue, SMS through Gammu, social media webhooks and
their replies, and the SP4N-LAPOR! exchange. Complaints themselves are made by
`aduan.services.complaint_submit` (same Aduan domain).

Each function: policy first (actor None is the platform: commands, jobs, webhooks), validate,
write, audit. Side effects outside the database (an outbox file, a platform API call) happen
after the commit, from rows that record what is still to be done, so a crash in between is
finished by the next run and never answers twice.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from terbuka.aduan import selectors as aduan_selectors
from terbuka.aduan import services as aduan_services
from terbuka.aduan.models import Channel, Complaint, Kind, public_status_label
from terbuka.core import audit, policy
from terbuka.core.jobs import enqueue_on_commit
from terbuka.core.models import Pemda, Region, RegionLevel
from terbuka.core.policy import Target
from terbuka.saluran import gammu, lapor, smsformat
from terbuka.saluran.models import (
    Direction,
    LaporLink,
    Reply,
    SmsGateway,
    SmsMessage,
    Source,
    TriageItem,
    TriageStatus,
    WebhookDelivery,
)

logger = logging.getLogger(__name__)
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
# Where a triage item from each source becomes a complaint. Aduan has no channel for X,
# Facebook or Instagram; those arrive through our API-style integration.
CHANNEL_OF = {Source.SMS: Channel.SMS, Source.WHATSAPP: Channel.WHATSAPP,
              Source.FACEBOOK: Channel.API, Source.INSTAGRAM: Channel.API, Source.X: Channel.API}


def _require(actor, action: str, pemda: Pemda) -> None:
    if actor is None:
        return
    policy.require(actor, action, Target(pemda.pk))


def site_url(path: str) -> str:
    base = getattr(settings, "SITE_URL", "") or ""
    return base.rstrip("/") + path


def tracking_link(pemda: Pemda, number: str) -> str:
    """The public page of a complaint: aduan's tracking page when it has one, else ours."""
    for name in ("aduan:track", "aduan:tracking", "aduan:lacak"):
        try:
            return site_url(reverse(name, kwargs={"pemda": pemda.slug, "number": number}))
        except NoReverseMatch:
            continue
    return site_url(reverse("saluran:status", kwargs={"pemda": pemda.slug, "number": number}))


def rating_link(complaint: Complaint) -> str:
    """The satisfaction survey (ikm module) for the OPD that handled a closed complaint, with
    the tracking number as its reference; "" when the complaint is open or ikm is off."""
    from terbuka.aduan.models import CLOSED_STATUSES

    if complaint.status not in CLOSED_STATUSES or not complaint.pemda.uses_module("ikm"):
        return ""
    disposition = complaint.dispositions.order_by("-created_at").first()
    try:
        if disposition is not None:
            path = reverse("ikm:fill_opd", kwargs={"pemda": complaint.pemda.slug,
                                                   "opd_id": disposition.opd_id})
        else:
            path = reverse("ikm:index", kwargs={"pemda": complaint.pemda.slug})
    except NoReverseMatch:
        return ""
    return site_url(f"{path}?ref={complaint.tracking_number}")


def triage_link(item: TriageItem) -> str:
    return site_url(reverse("saluran:triage_public", kwargs={"pemda": item.pemda.slug,
                                                             "reference": item.reference}))


def _new_reference() -> str:
    return "T-" + "".join(secrets.choice(ALPHABET) for _ in range(6))


# --- triage ----------------------------------------------------------------------------------


def triage_receive(*, pemda: Pemda, source: str, text: str, external_id: str = "",
                   sender: str = "", sender_name: str = "", raw: Any = None,
                   problem: str = "") -> tuple[TriageItem, bool]:
    """Queue something for an operator. Returns (item, created); the same external id from
    the same source is the same item (a platform retry, a reprocessed spool)."""
    if source not in Source.values:
        raise ValidationError({"source": [_("“%(value)s” is not a channel.") % {"value": source}]})
    external_id = (external_id or "")[:200]
    if external_id:
        existing = TriageItem.objects.filter(pemda=pemda, source=source,
                                             external_id=external_id).first()
        if existing is not None:
            return existing, False
    for _attempt in range(5):
        try:
            with transaction.atomic():
                item = TriageItem.objects.create(
                    pemda=pemda, source=source, external_id=external_id,
                    reference=_new_reference(), sender=(sender or "")[:120],
                    sender_name=(sender_name or "")[:120],
                    text=smsformat.clean(text)[:10000], raw=raw, problem=problem[:40],
                )
            break
        except IntegrityError:
            if external_id and TriageItem.objects.filter(
                    pemda=pemda, source=source, external_id=external_id).exists():
                return TriageItem.objects.get(pemda=pemda, source=source,
                                              external_id=external_id), False
    else:  # pragma: no cover - five clashes of a 31^6 random reference
        raise IntegrityError("no free triage reference")
    audit.record(actor=None, action="saluran.triage.receive", obj=item, pemda=pemda,
                 changes={"source": [None, source], "problem": [None, problem]}, via=source)
    return item, True


def _handle_check(actor, item: TriageItem) -> None:
    _require(actor, "saluran.triage.handle", item.pemda)
    if item.status != TriageStatus.NEW:
        raise ValidationError({"status": [ValidationError(
            _("%(ref)s has already been handled.") % {"ref": item.reference}, code="conflict")]})


@transaction.atomic
def triage_promote(*, actor, item: TriageItem, kind: str = Kind.LAYANAN, category=None,
                   title: str = "", body: str | None = None, region_code: str = "",
                   request=None) -> Complaint:
    """Make a complaint of a triage item and tell the sender its tracking number."""
    item = TriageItem.objects.select_for_update().get(pk=item.pk)
    _handle_check(actor, item)
    contact = item.sender if item.source in (Source.SMS, Source.WHATSAPP) else ""
    if contact and item.source == Source.WHATSAPP and not contact.startswith("+"):
        contact = "+" + contact
    complaint = aduan_services.complaint_submit(
        actor=None, pemda=item.pemda, kind=kind, category=category, title=title,
        body=item.text if body is None else body, channel=CHANNEL_OF[item.source],
        region_code=region_code, reporter_name=item.sender_name,
        reporter_contact=contact if aduan_services.PHONE.match(contact or "") else "",
        external_ref=f"{item.source}:{item.external_id}"[:64] if item.external_id else "",
    )
    item.status, item.complaint = TriageStatus.PROMOTED, complaint
    item.handled_by = actor if getattr(actor, "is_authenticated", False) else None
    item.handled_at = timezone.now()
    item.save()
    audit.record(actor=actor, action="saluran.triage.promote", obj=item, pemda=item.pemda,
                 request=request, changes={"status": ["baru", "jadi_aduan"],
                                           "complaint": [None, complaint.tracking_number]})
    message = _reply_text("promoted", pemda=item.pemda, number=complaint.tracking_number)
    _answer(item, message)
    return complaint


@transaction.atomic
def triage_dismiss(*, actor, item: TriageItem, note: str, request=None) -> TriageItem:
    item = TriageItem.objects.select_for_update().get(pk=item.pk)
    _handle_check(actor, item)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": [_("Say why it is dismissed; the sender may ask.")]})
    item.status, item.note = TriageStatus.DISMISSED, note[:2000]
    item.handled_by = actor if getattr(actor, "is_authenticated", False) else None
    item.handled_at = timezone.now()
    item.save()
    audit.record(actor=actor, action="saluran.triage.dismiss", obj=item, pemda=item.pemda,
                 request=request, changes={"status": ["baru", "ditolak"], "note": [None, note]})
    return item


def _answer(item: TriageItem, text: str) -> None:
    """Queue an answer to a triage item's sender through the channel it came from."""
    if item.source == Source.SMS:
        if gammu.NUMBER.match(item.sender or "") and item.sender.lstrip("+").isdigit():
            SmsMessage.objects.create(pemda=item.pemda, direction=Direction.OUT,
                                      number=item.sender, text=text, triage=item,
                                      complaint=item.complaint)
            _after_commit_flush(item.pemda_id)
        return
    if item.sender:
        reply = Reply.objects.create(pemda=item.pemda, source=item.source,
                                     recipient=item.sender, text=text, triage=item,
                                     thread=(item.raw or {}).get("thread", "")
                                     if isinstance(item.raw, dict) else "")
        from terbuka.saluran.tasks import send_reply

        enqueue_on_commit(send_reply, reply.pk)


# --- reply texts -----------------------------------------------------------------------------


def _reply_text(kind: str, **values) -> str:
    """The answer in the pemda's language (Bahasa Indonesia by default): channels have no
    language cookie. Kept short: an SMS part is 160 characters."""
    with translation.override(settings.LANGUAGE_CODE):
        if kind == "complaint":
            return _("Complaint received, number %(number)s. Check it: send CEK %(number)s")\
                % values
        if kind == "promoted":
            return _("Your report is now complaint %(number)s. Follow it: %(link)s") % {
                **values, "link": tracking_link(values["pemda"], values["number"])}
        if kind == "status":
            values["status"] = public_status_label(values["status"])
            return _("%(number)s: %(status)s (%(date)s)") % values
        if kind == "unknown_number":
            return _("Number %(number)s was not found. Check it and send CEK <number>.") % values
        if kind == "help":
            return _("To complain: ADUAN#desa#what happened. To check: CEK <number>.")
        if kind == "triage_sms":
            return _("Message received (%(reference)s). An officer will read it. To complain "
                     "directly: ADUAN#desa#what happened") % values
        if kind == "triage_social":
            return _("Thank you, your report is recorded as %(reference)s. Follow it: "
                     "%(link)s") % values
    raise ValueError(kind)


# --- SMS -------------------------------------------------------------------------------------


def resolve_place(pemda: Pemda, place: str) -> str:
    """The Kemendagri code of the desa/kelurahan (or else kecamatan) of `pemda` whose name is
    `place` as typed; "" when there is none or more than one."""
    key = smsformat.place_key(place)
    if not key:
        return ""
    first = key.split()[0]
    candidates = Region.objects.filter(
        level__in=(RegionLevel.DESA_KELURAHAN, RegionLevel.KECAMATAN),
        name__icontains=first,
    ).filter(code__startswith=pemda.region_id + ".")
    matches: dict[int, list[str]] = {}
    for region in candidates:
        if smsformat.place_key(region.name) == key:
            matches.setdefault(region.level, []).append(region.code)
    for level in (RegionLevel.DESA_KELURAHAN, RegionLevel.KECAMATAN):
        codes = matches.get(level, [])
        if len(codes) == 1:
            return codes[0]
        if len(codes) > 1:
            return ""
    return ""


def _handle_sms(pemda: Pemda, message: gammu.InboxMessage) -> SmsMessage:
    """Turn one received SMS into a complaint, a status answer, help or a triage item, and
    queue the answer. Runs inside the caller's transaction."""
    sender = message.sender
    can_reply = sender.lstrip("+").isdigit()
    inbound = SmsMessage.objects.create(pemda=pemda, direction=Direction.IN, number=sender,
                                        text=message.text[:2000], key=message.key)
    parsed = smsformat.parse(message.text)
    if message.binary:
        parsed = smsformat.Parsed("triage", text=message.text, problem="binary")
    answer = ""
    if parsed.kind == "complaint" and can_reply:
        region_code = resolve_place(pemda, parsed.place)
        body = parsed.text if region_code else (
            f"{parsed.text}\n\n" + _("Place given by SMS: %(place)s") % {"place": parsed.place})
        try:
            with transaction.atomic():
                complaint = aduan_services.complaint_submit(
                    actor=None, pemda=pemda, kind=Kind.LAYANAN, category=None, title="",
                    body=body, channel=Channel.SMS, region_code=region_code,
                    reporter_contact=sender, external_ref=f"sms:{message.key}"[:64],
                )
        except ValidationError as exc:
            parsed = smsformat.Parsed("triage", text=message.text,
                                      problem=("invalid:" + ",".join(exc.message_dict))[:40]
                                      if hasattr(exc, "error_dict") else "invalid")
        else:
            inbound.kind, inbound.complaint = "complaint", complaint
            answer = _reply_text("complaint", number=complaint.tracking_number)
    elif parsed.kind == "complaint":
        parsed = smsformat.Parsed("triage", text=message.text, problem="no_reply_number")
    if parsed.kind == "status":
        inbound.kind = "status"
        complaint = aduan_selectors.complaint_by_tracking(pemda, parsed.tracking)
        if complaint is None:
            answer = _reply_text("unknown_number", number=parsed.tracking)
        else:
            inbound.complaint = complaint
            changed = timezone.localtime(complaint.updated_at).date()
            answer = _reply_text("status", number=complaint.tracking_number,
                                 status=complaint.status,
                                 date=changed.strftime("%d-%m-%Y"))
            rating = rating_link(complaint)
            if rating and len(answer) + len(rating) < 158:
                answer = f"{answer} {rating}"
    elif parsed.kind == "help":
        inbound.kind = "help"
        answer = _reply_text("help")
    elif parsed.kind == "triage":
        item, _created = triage_receive(pemda=pemda, source=Source.SMS, text=message.text,
                                        external_id=message.key, sender=sender,
                                        problem=parsed.problem or "free_text")
        inbound.kind, inbound.triage = "triage", item
        answer = _reply_text("triage_sms", reference=item.reference)
    inbound.save()
    if answer and can_reply:
        SmsMessage.objects.create(pemda=pemda, direction=Direction.OUT, number=sender,
                                  text=answer, complaint=inbound.complaint,
                                  triage=inbound.triage)
    audit.record(actor=None, action="saluran.sms.receive", obj=None, pemda=pemda, via="sms",
                 changes={"kind": [None, inbound.kind], "key": [None, message.key]})
    return inbound


def sms_process(*, gateway: SmsGateway) -> dict[str, int]:
    """Read the gateway's Gammu inbox, act on every message, write the answers to its
    outbox. Safe to run twice and from two workers: files are claimed by rename, and a
    message already recorded is not acted on again."""
    pemda = gateway.pemda
    inbox = Path(gateway.inbox_path)
    work = inbox.parent / "terbuka-processing"
    messages, strange = gammu.read_inbox(inbox, work)
    counts = {"received": 0, "complaint": 0, "status": 0, "help": 0, "triage": 0,
              "repeated": 0, "failed": 0, "strange": len(strange)}
    for message in messages:
        if SmsMessage.objects.filter(pemda=pemda, direction=Direction.IN,
                                     key=message.key).exists():
            counts["repeated"] += 1
            gammu.finish(message.files, inbox.parent / "terbuka-done")
            continue
        try:
            with transaction.atomic():
                inbound = _handle_sms(pemda, message)
        except Exception:
            # Keep the files for a person to look at; the next messages still go through.
            logger.exception("SMS %s could not be processed", message.key)
            counts["failed"] += 1
            gammu.finish(message.files, inbox.parent / "terbuka-failed")
            continue
        counts["received"] += 1
        counts[inbound.kind or "triage"] += 1
        gammu.finish(message.files, inbox.parent / "terbuka-done")
    for path in strange:
        # A file Gammu would not have named this way: kept for a person, and in triage.
        with transaction.atomic():
            triage_receive(pemda=pemda, source=Source.SMS, external_id=path.name,
                           text=gammu.decode(path.read_bytes()[:4000]), problem="file_name")
        gammu.finish([path], inbox.parent / "terbuka-failed")
    counts["sent"] = sms_flush(gateway=gateway)
    return counts


def sms_flush(*, gateway: SmsGateway) -> int:
    """Write every answer not yet in the outbox. An answer is marked written only after its
    file is in place; a crash in between writes it again (same name, so no duplicate)."""
    written = 0
    outbox = Path(gateway.outbox_path)
    pending = SmsMessage.objects.filter(pemda=gateway.pemda, direction=Direction.OUT,
                                        written_to="").order_by("pk")
    for sms in pending:
        try:
            path = gammu.write_outbox(outbox, sms.number, sms.text,
                                      when=timezone.localtime(sms.created_at).replace(
                                          tzinfo=None),
                                      note=f"terbuka-{sms.pk}")
        except gammu.SpoolError:
            sms.written_to = "-"  # not a number Gammu can send to; recorded, not retried
        else:
            sms.written_to = str(path)
            written += 1
        sms.save(update_fields=["written_to"])
    return written


def _after_commit_flush(pemda_id: int) -> None:
    def flush():
        gateway = SmsGateway.objects.filter(pemda_id=pemda_id, is_active=True).first()
        if gateway is not None:
            sms_flush(gateway=gateway)

    transaction.on_commit(flush)


# --- webhooks --------------------------------------------------------------------------------


def webhook_seen(*, pemda: Pemda, platform: str, body: bytes) -> bool:
    return WebhookDelivery.objects.filter(platform=platform,
                                          digest=hashlib.sha256(body).hexdigest()).exists()


@transaction.atomic
def webhook_accept(*, pemda: Pemda, platform: str, body: bytes, parsed,
                   payload: Any) -> dict[str, int]:
    """Store a verified, fresh delivery: each item to triage with an answer carrying its
    link; parts of unknown shape to triage as they came. Raises ValidationError(code=
    "duplicate") for a body already accepted (a replay)."""
    digest = hashlib.sha256(body).hexdigest()
    try:
        with transaction.atomic():
            delivery = WebhookDelivery.objects.create(pemda=pemda, platform=platform,
                                                      digest=digest)
    except IntegrityError as exc:
        raise ValidationError(_("This delivery was already received."), code="duplicate") \
            from exc
    created = repeated = 0
    for item in parsed.items:
        triage, new = triage_receive(
            pemda=pemda, source=item.platform, external_id=item.external_id,
            sender=item.sender_id, sender_name=item.sender_name, text=item.text,
            raw={"kind": item.kind, "thread": item.thread}, problem=f"{item.platform}_"
            f"{item.kind}")
        if not new:
            repeated += 1
            continue
        created += 1
        _answer(triage, _reply_text("triage_social", reference=triage.reference,
                                    link=triage_link(triage)))
    unknown = 0
    source = Source.X if platform == "x" else Source.FACEBOOK
    for part in parsed.unknown:
        triage_receive(pemda=pemda, source=source, text=_("Payload of unknown shape"),
                       raw=part if isinstance(part, (dict, list)) else {"value": str(part)},
                       external_id=f"unknown:{digest[:16]}:{unknown}", problem="unknown_shape")
        unknown += 1
    delivery.items = created
    delivery.save(update_fields=["items"])
    return {"created": created, "repeated": repeated, "unknown": unknown,
            "ignored": parsed.ignored}


# --- LAPOR! ----------------------------------------------------------------------------------


def lapor_record(complaint: Complaint) -> lapor.Record:
    link = getattr(complaint, "lapor_link", None)
    answer = complaint.events.filter(is_public=True).exclude(text="").order_by("-at").first()
    return lapor.Record(
        judul=complaint.title, isi=complaint.body,
        klasifikasi=lapor.KLASIFIKASI.get(complaint.kind, "pengaduan"),
        tanggal=complaint.received_at.isoformat(timespec="seconds"),
        status=lapor.STATUS_TO_LAPOR.get(complaint.status, "belum_terverifikasi"),
        lapor_id=link.lapor_id if link else "", nomor_terbuka=complaint.tracking_number,
        kategori=complaint.category.name if complaint.category_id else "",
        lokasi=complaint.region.name if complaint.region_id else "",
        kode_wilayah=complaint.region_id or "", anonim=complaint.anonymous,
        rahasia=complaint.confidential or complaint.kind == Kind.PELANGGARAN,
        instansi=complaint.pemda.name, tanggapan=answer.text[:2000] if answer else "",
    )


@transaction.atomic
def lapor_export(*, actor, pemda: Pemda, since: datetime.datetime | None = None,
                 request=None) -> list[lapor.Record]:
    """Complaints to forward to LAPOR!: those not born there, changed since `since`. Each is
    linked (origin terbuka) so that LAPOR! sending it back is recognised."""
    _require(actor, "saluran.lapor.exchange", pemda)
    complaints = (Complaint.objects.filter(pemda=pemda, merged_into__isnull=True)
                  .exclude(lapor_link__origin="lapor")
                  .select_related("pemda", "category", "region", "lapor_link")
                  .order_by("received_at", "pk"))
    if since is not None:
        complaints = complaints.filter(updated_at__gte=since)
    records = []
    now = timezone.now()
    for complaint in complaints:
        link, _created = LaporLink.objects.get_or_create(
            complaint=complaint, defaults={"pemda": pemda, "origin": "terbuka"})
        link.exported_at = now
        link.lapor_status = lapor.STATUS_TO_LAPOR.get(complaint.status, "")
        link.save()
        complaint.lapor_link = link
        records.append(lapor_record(complaint))
    audit.record(actor=actor, action="saluran.lapor.export", pemda=pemda, request=request,
                 changes={"records": [None, len(records)]})
    return records


def lapor_import(*, actor, pemda: Pemda, text: str, fmt: str, request=None) -> dict:
    """Take a batch from LAPOR!: new reports become complaints (channel lapor); reports we
    already have — by LAPOR! id, or by our number on a report we forwarded — only get their
    link and LAPOR! status updated. Bad rows are reported by position; good ones still go in."""
    _require(actor, "saluran.lapor.exchange", pemda)
    try:
        rows = lapor.load(text, fmt)
    except lapor.RecordError as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    summary: dict[str, Any] = {"created": 0, "linked": 0, "unchanged": 0, "errors": []}
    for position, record in rows:
        if isinstance(record, lapor.RecordError):
            summary["errors"].append({"row": position, "problems": record.problems})
            continue
        try:
            with transaction.atomic():
                outcome = _lapor_one(pemda, record)
        except ValidationError as exc:
            problems = exc.message_dict if hasattr(exc, "error_dict") else {"record": exc.messages}
            summary["errors"].append({"row": position, "problems": problems})
            continue
        summary[outcome] += 1
    audit.record(actor=actor, action="saluran.lapor.import", pemda=pemda, request=request,
                 changes={k: [None, v if k != "errors" else len(v)] for k, v in summary.items()})
    return summary


def _lapor_one(pemda: Pemda, record: lapor.Record) -> str:
    link = None
    if record.lapor_id:
        link = LaporLink.objects.filter(pemda=pemda, lapor_id=record.lapor_id).first()
    if link is None and record.nomor_terbuka:
        complaint = aduan_selectors.complaint_by_tracking(pemda, record.nomor_terbuka)
        if complaint is None:
            raise ValidationError({"nomor_terbuka": [
                _("%(number)s is not a complaint of %(pemda)s.")
                % {"number": record.nomor_terbuka, "pemda": pemda.short_name}]})
        link, _created = LaporLink.objects.get_or_create(
            complaint=complaint, defaults={"pemda": pemda, "origin": "terbuka"})
        if link.lapor_id and record.lapor_id and link.lapor_id != record.lapor_id:
            raise ValidationError({"lapor_id": [
                _("%(number)s is already linked to LAPOR! %(other)s.")
                % {"number": complaint.tracking_number, "other": link.lapor_id}]})
    if link is not None:
        changed = (record.lapor_id and link.lapor_id != record.lapor_id) or \
            link.lapor_status != record.status
        if record.lapor_id:
            link.lapor_id = record.lapor_id
        link.lapor_status = record.status
        link.save()
        return "linked" if changed else "unchanged"
    complaint = aduan_services.complaint_submit(
        actor=None, pemda=pemda,
        kind=lapor.KIND_FROM_KLASIFIKASI.get(record.klasifikasi, Kind.LAYANAN), category=None,
        title=record.judul, body=record.isi, channel=Channel.LAPOR,
        region_code=record.kode_wilayah if record.kode_wilayah.startswith(
            pemda.region_id + ".") else "",
        anonymous=record.anonim, confidential=record.rahasia,
        external_ref=f"lapor:{record.lapor_id}"[:64],
    )
    LaporLink.objects.create(pemda=pemda, complaint=complaint, lapor_id=record.lapor_id,
                             origin="lapor", lapor_status=record.status)
    return "created"


def stats_publish(*, actor, pemda: Pemda, request=None) -> str | None:
    """Monthly complaint statistics to Satu Data (core.publishing suppresses small counts)."""
    from terbuka.core import publishing
    from terbuka.saluran import selectors

    if actor is not None:
        policy.require(actor, "saluran.stats.publish", Target(pemda.pk))
    columns = [
        publishing.Column("bulan", "yearmonth", _("Month")),
        publishing.Column("dimensi", "string", _("Breakdown")),
        publishing.Column("nilai", "string", _("Group")),
        publishing.Column("kode_wilayah", "string", _("Region code"), code_list="wilayah"),
        publishing.Column("jumlah", "integer", _("Complaints received"), count=True),
        publishing.Column("dijawab", "integer", _("Answered"), count=True),
        publishing.Column("tepat_waktu_persen", "number", _("Answered on time"), unit="%"),
        publishing.Column("median_hari_kerja", "number", _("Median working days to answer")),
        publishing.Column("kepuasan", "number", _("Average rating (1–5)")),
    ]
    rows = selectors.monthly_rows(pemda=pemda)
    table = publishing.Table(
        pemda_id=pemda.pk, module="saluran", key="aduan-statistik-bulanan",
        title=_("Monthly complaint statistics"),
        description=_("Complaints received per month by OPD, category and region, with the "
                      "share answered on time, the median working days and the rating. Counts "
                      "below the suppression threshold are hidden."),
        columns=columns, rows=rows, theme="pelayanan publik", tags=("aduan", "pengaduan"),
    )
    reference = publishing.publish(table, pemda=pemda)
    audit.record(actor=actor, action="saluran.stats.publish", pemda=pemda, request=request,
                 changes={"rows": [None, len(rows)], "reference": [None, reference]})
    return reference
