"""Reads of the saluran app: the triage queue, public status of a channel item, monthly
statistics of complaints."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from terbuka.aduan.models import Complaint, Disposition
from terbuka.core import audit, indicators
from terbuka.core.models import Pemda, Region
from terbuka.saluran import monthly
from terbuka.saluran.models import TriageItem, TriageStatus


def triage_queue(*, pemda: Pemda, status: str = TriageStatus.NEW) -> QuerySet[TriageItem]:
    qs = TriageItem.objects.filter(pemda=pemda).select_related("complaint")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("received_at", "pk")


def triage_item(*, actor, pemda: Pemda, pk: int, request=None) -> TriageItem | None:
    """One item for an operator; the sender is personal data, so the read is logged."""
    item = TriageItem.objects.filter(pemda=pemda, pk=pk).select_related("complaint").first()
    if item is not None:
        audit.record_read(actor=actor, action="saluran.triage.view", obj=item, pemda=pemda,
                          request=request)
    return item


def triage_public(*, pemda: Pemda, reference: str) -> TriageItem | None:
    reference = (reference or "").strip().upper()
    if not reference.startswith("T-") or len(reference) > 20:
        return None
    return (TriageItem.objects.filter(pemda=pemda, reference=reference)
            .select_related("complaint").first())


def months_back(today: datetime.date, count: int) -> list[tuple[int, int]]:
    year, month = today.year, today.month
    out = []
    for _ in range(count):
        out.append((year, month))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(out))


def _complaint_rows(pemda: Pemda, start: datetime.date) -> list[dict]:
    complaints = list(
        Complaint.objects.filter(pemda=pemda, is_public=True, merged_into__isnull=True,
                                 received_at__date__gte=start)
        .values("pk", "received_at", "category__name", "region_id", "answered_at",
                "answered_on_time", "workdays_to_answer", "rating"))
    opds: dict[int, list[str]] = {}
    for cid, name, acronym in Disposition.objects.filter(
            complaint_id__in=[c["pk"] for c in complaints]).values_list(
            "complaint_id", "opd__name", "opd__acronym").distinct():
        opds.setdefault(cid, []).append(acronym or name)
    kecamatan = {c["region_id"][:8] for c in complaints if c["region_id"]
                 and len(c["region_id"]) >= 8}
    names = dict(Region.objects.filter(code__in=kecamatan).values_list("code", "name"))
    rows = []
    for c in complaints:
        code = c["region_id"][:8] if c["region_id"] and len(c["region_id"]) >= 8 else ""
        rows.append({
            "month": timezone.localtime(c["received_at"]).strftime("%Y-%m"),
            "opd": sorted(set(opds.get(c["pk"], []))), "category": c["category__name"] or "",
            "region": code, "region_name": names.get(code, ""),
            "answered": c["answered_at"] is not None, "on_time": c["answered_on_time"],
            "workdays": c["workdays_to_answer"], "rating": c["rating"],
        })
    return rows


def monthly_rows(*, pemda: Pemda, months: int = 12,
                 today: datetime.date | None = None) -> list[dict]:
    """Statistics of public complaints per month and per OPD, category and kecamatan."""
    today = today or timezone.localdate()
    first = months_back(today, months)[0]
    start = datetime.date(first[0], first[1], 1)
    return monthly.table(_complaint_rows(pemda, start), unknown="-")


def ikm_by_month(*, pemda: Pemda, months: int = 12,
                 today: datetime.date | None = None) -> dict[str, float | None]:
    """The satisfaction index per month, through core.indicators (ikm is another module)."""
    today = today or timezone.localdate()
    return dict(indicators.monthly_series("ikm.score", pemda, months_back(today, months)))
