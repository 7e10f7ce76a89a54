"""Figures over complaints: indicators and the public statistics per OPD."""

from __future__ import annotations

import datetime
import statistics

from django.db.models import Avg, Count, Q

from .models import Complaint, Disposition


def _window(start: datetime.date, end: datetime.date):
    return start, end


def on_time_rate(pemda, start, end) -> float | None:
    qs = Complaint.objects.filter(pemda=pemda, answered_at__date__gte=start,
                                  answered_at__date__lte=end, answered_on_time__isnull=False)
    figures = qs.aggregate(n=Count("id"), ok=Count("id", filter=Q(answered_on_time=True)))
    if not figures["n"]:
        return None
    return round(100.0 * figures["ok"] / figures["n"], 1)


def median_workdays(pemda, start, end) -> float | None:
    values = list(Complaint.objects.filter(
        pemda=pemda, answered_at__date__gte=start, answered_at__date__lte=end,
        workdays_to_answer__isnull=False,
    ).values_list("workdays_to_answer", flat=True))
    return float(statistics.median(values)) if values else None


def satisfaction(pemda, start, end) -> float | None:
    value = Complaint.objects.filter(
        pemda=pemda, closed_at__date__gte=start, closed_at__date__lte=end, rating__isnull=False,
    ).aggregate(v=Avg("rating"))["v"]
    return round(value, 2) if value is not None else None


def per_opd(pemda) -> list[dict]:
    """Received, answered, on time, average working days and satisfaction for each OPD that
    was sent public complaints. Only public complaints count: the page is public."""
    rows = (Disposition.objects.filter(complaint__pemda=pemda, complaint__is_public=True)
            .values("opd_id", "opd__name", "opd__acronym")
            .annotate(
                received=Count("complaint", distinct=True),
                answered=Count("complaint", filter=Q(answered_at__isnull=False), distinct=True),
                on_time=Count("complaint", filter=Q(complaint__answered_on_time=True),
                              distinct=True),
                avg_days=Avg("complaint__workdays_to_answer"),
                rating=Avg("complaint__rating"),
            ).order_by("-received"))
    return [dict(r, on_time_pct=round(100.0 * r["on_time"] / r["answered"], 0)
                 if r["answered"] else None) for r in rows]
