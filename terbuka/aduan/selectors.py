"""Reads of the aduan app: tracking, queues, public lists and statistics, duplicates."""

from __future__ import annotations

import re

from django.db.models import Avg, Count, Q, QuerySet

from terbuka.core import audit, policy
from terbuka.core.models import Pemda, Region, Role

from .models import CLOSED_STATUSES, Complaint, Event, Status

TRACKING = re.compile(r"^[A-Z0-9]{1,8}-\d{4}-[2-9A-Z]{4}$")


def normalise_tracking(number: str) -> str:
    return re.sub(r"\s+", "", str(number or "")).upper()


def complaint_by_tracking(pemda: Pemda, number: str) -> Complaint | None:
    """The complaint of `pemda` with this tracking number (any case, spaces ignored), or None."""
    number = normalise_tracking(number)
    if not TRACKING.match(number):
        return None
    return (Complaint.objects.filter(pemda=pemda, tracking_number=number)
            .select_related("pemda", "category", "region").first())


def complaint_by_secret(pemda: Pemda, token: str) -> Complaint | None:
    if not token or len(token) > 64:
        return None
    return (Complaint.objects.filter(pemda=pemda, secret_token=token)
            .select_related("pemda", "category", "region").first())


def public_events(complaint: Complaint) -> QuerySet[Event]:
    return complaint.events.filter(is_public=True).select_related("opd")


def public_complaints(pemda: Pemda) -> QuerySet[Complaint]:
    """What anyone may see: not confidential, not wrongdoing, not merged away."""
    return (Complaint.objects.filter(pemda=pemda, is_public=True, merged_into__isnull=True)
            .select_related("category", "region"))


def my_complaints(user) -> QuerySet[Complaint]:
    return Complaint.objects.filter(reporter_user=user).select_related("pemda", "category")


def staff_complaints(user, pemda: Pemda) -> QuerySet[Complaint]:
    """The complaints this official may see in `pemda`: operators and leaders all of them
    except sealed wrongdoing reports (inspektorat only), OPD staff those sent to their OPD."""
    if user.is_superuser:
        return Complaint.objects.filter(pemda=pemda)
    assignments = [a for a in policy._assignments(user) if a.pemda_id == pemda.pk]
    roles = {a.role for a in assignments}
    qs = Complaint.objects.filter(pemda=pemda)
    conditions = Q(pk__in=[])
    if roles & {Role.OPERATOR_ADUAN, Role.PIMPINAN, Role.ADMIN_PEMDA}:
        conditions |= ~Q(kind="pelanggaran")
    if Role.INSPEKTORAT in roles:
        conditions |= Q(kind="pelanggaran")
    opd_ids = [a.opd_id for a in assignments if a.role == Role.PETUGAS_OPD and a.opd_id]
    if opd_ids:
        conditions |= Q(dispositions__opd_id__in=opd_ids, kind__in=["layanan", "aspirasi",
                                                                    "informasi", "ikm"])
    return qs.filter(conditions).distinct()


def queue(user, pemda: Pemda, *, status: str = "", overdue_on=None) -> QuerySet[Complaint]:
    qs = staff_complaints(user, pemda).exclude(status__in=CLOSED_STATUSES)
    if status:
        qs = qs.filter(status=status)
    if overdue_on is not None:
        qs = qs.filter(due_on__lt=overdue_on)
    return qs.select_related("category", "region").order_by("due_on", "received_at")


def complaint_for_staff(user, pemda: Pemda, pk: int, *, request=None) -> Complaint | None:
    complaint = staff_complaints(user, pemda).filter(pk=pk).select_related(
        "category", "region", "pemda").first()
    if complaint is not None and complaint.reporter_name:
        audit.record_read(actor=user, action="aduan.complaint.read", obj=complaint,
                          request=request)
    return complaint


def similar_complaints(pemda: Pemda, *, text: str, category_id: int | None = None,
                       region_code: str = "", exclude_pk: int | None = None,
                       public_only: bool = False, limit: int = 5) -> list[Complaint]:
    """Possible duplicates: same category, same or neighbouring place (same kecamatan), open or
    recent, ranked by the words they share with `text`."""
    from . import similarity

    qs = Complaint.objects.filter(pemda=pemda, merged_into__isnull=True)
    if public_only:
        qs = qs.filter(is_public=True)
    if category_id:
        qs = qs.filter(category_id=category_id)
    if region_code:
        kecamatan = ".".join(region_code.split(".")[:3])
        qs = qs.filter(Q(region_id=region_code) | Q(region__kecamatan_code=kecamatan))
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    candidates = list(qs.exclude(status=Status.ARSIP).order_by("-received_at")[:300])
    ranked = similarity.rank(text, [(c, f"{c.title} {c.body}") for c in candidates])
    return [c for c, score in ranked if score >= similarity.THRESHOLD][:limit]


def public_counts(pemda: Pemda) -> dict:
    """Counts for the public pages; confidential and wrongdoing reports are counted only in
    the total, never shown."""
    qs = Complaint.objects.filter(pemda=pemda, merged_into__isnull=True)
    return qs.aggregate(
        total=Count("id"),
        public=Count("id", filter=Q(is_public=True)),
        open=Count("id", filter=~Q(status__in=CLOSED_STATUSES)),
        done=Count("id", filter=Q(status=Status.SELESAI)),
        rating=Avg("rating"),
    )


def public_by_region(pemda: Pemda) -> list[dict]:
    """Public complaints per kecamatan (with its kabupaten for a provinsi), most first."""
    rows = (Complaint.objects.filter(pemda=pemda, is_public=True, region__isnull=False)
            .values("region__kecamatan_code").annotate(n=Count("id"),
                                                       done=Count("id", filter=Q(
                                                           status=Status.SELESAI)))
            .order_by("-n"))
    codes = [r["region__kecamatan_code"] for r in rows if r["region__kecamatan_code"]]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    kab = dict(Region.objects.filter(code__in={c[:5] for c in codes}).values_list("code",
                                                                                   "name"))
    top = max((r["n"] for r in rows), default=0)
    return [{"code": r["region__kecamatan_code"], "name": names.get(
        r["region__kecamatan_code"], r["region__kecamatan_code"]),
        "kabupaten": kab.get((r["region__kecamatan_code"] or "")[:5], ""),
        "n": r["n"], "done": r["done"], "pct": round(100 * r["n"] / top) if top else 0}
        for r in rows if r["region__kecamatan_code"]]


def dashboard(user, pemda: Pemda, today) -> dict:
    """What is due and overdue in this official's part of the queue."""
    import datetime

    qs = staff_complaints(user, pemda).exclude(status__in=CLOSED_STATUSES)
    week = today + datetime.timedelta(days=7)
    counts = qs.aggregate(
        open=Count("id", distinct=True),
        overdue=Count("id", filter=Q(due_on__lt=today), distinct=True),
        due_today=Count("id", filter=Q(due_on=today), distinct=True),
        due_week=Count("id", filter=Q(due_on__gt=today, due_on__lte=week), distinct=True),
        new=Count("id", filter=Q(status=Status.DITERIMA), distinct=True),
    )
    by_status = dict(qs.order_by().values_list("status").annotate(n=Count("id", distinct=True))
                     .values_list("status", "n"))
    counts["by_status"] = [(value, label, by_status.get(value, 0))
                           for value, label in Status.choices if value not in CLOSED_STATUSES]
    return counts


def queue_changes(user, pemda: Pemda, since_ts: float) -> list[dict]:
    """Queue items changed after `since_ts` (a Unix time), oldest first, as plain data for the
    live queue. No reporter identity: titles, status and due dates only."""
    import datetime

    since = datetime.datetime.fromtimestamp(since_ts, tz=datetime.UTC)
    rows = (staff_complaints(user, pemda).filter(updated_at__gt=since)
            .order_by("updated_at").values("pk", "tracking_number", "title", "status",
                                           "due_on", "updated_at", "kind")[:50])
    return [{"id": r["pk"], "number": r["tracking_number"], "title": r["title"][:120],
             "status": r["status"], "status_label": str(Status(r["status"]).label),
             "due_on": r["due_on"].isoformat() if r["due_on"] else "",
             "ts": r["updated_at"].timestamp()} for r in rows]
