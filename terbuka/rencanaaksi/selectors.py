"""Reads of the rencanaaksi app. Everything here is public record (no personal data: comment
authors give a name they choose to publish; participants are counted, not named)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from terbuka.core import indicators
from terbuka.core.models import Pemda
from terbuka.rencanaaksi import rules
from terbuka.rencanaaksi.models import (
    ActionPlan,
    Assessment,
    Assessor,
    Comment,
    Commitment,
    Milestone,
    Organisation,
)


def plans_for(pemda: Pemda) -> QuerySet[ActionPlan]:
    """Plans the pemda coordinates or is a member of."""
    return (ActionPlan.objects.filter(Q(pemda=pemda) | Q(members__pemda=pemda)).distinct()
            .select_related("pemda").prefetch_related("members__pemda")
            .order_by("-period_start", "title"))


def all_plans() -> QuerySet[ActionPlan]:
    return (ActionPlan.objects.filter(pemda__is_active=True).select_related("pemda")
            .prefetch_related("members__pemda").order_by("-period_start", "title"))


def plan_get(pemda: Pemda, slug: str) -> ActionPlan | None:
    return plans_for(pemda).filter(slug=slug).first()


def commitments_of(plan: ActionPlan) -> QuerySet[Commitment]:
    return (plan.commitments.select_related("pemda", "lead_opd", "plan")
            .prefetch_related("milestones", "reports", "assessments").order_by("number"))


def commitment_get(pemda: Pemda, pk: int) -> Commitment | None:
    return (Commitment.objects.filter(pk=pk)
            .filter(Q(pemda=pemda) | Q(plan__pemda=pemda) | Q(plan__members__pemda=pemda))
            .select_related("plan", "plan__pemda", "pemda", "lead_opd").distinct().first())


def organisation_get(pemda: Pemda, slug: str) -> Organisation | None:
    return Organisation.objects.filter(pemda=pemda, slug=slug).first()


def organisations_of(pemda: Pemda) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pemda=pemda).order_by("name")


def progress_of(commitment: Commitment) -> int:
    """Weighted completion in percent (milestones already prefetched or fetched here)."""
    return rules.completion_percent((m.weight, m.completed_on is not None)
                                    for m in commitment.milestones.all())


def latest_report(commitment: Commitment):
    reports = list(commitment.reports.all())
    return max(reports, key=lambda r: r.period_end) if reports else None


def plan_progress(commitments) -> int:
    values = [progress_of(c) for c in commitments]
    return round(sum(values) / len(values)) if values else 0


def comments_for(plan: ActionPlan) -> QuerySet[Comment]:
    return (plan.comments.select_related("response", "commitment")
            .order_by("created_at", "pk"))


def plan_participation(plan: ActionPlan) -> dict:
    """Totals over all steps: women and men, government and others."""
    totals = {"women": 0, "men": 0, "government": 0, "civil_society": 0}
    for step in plan.steps.prefetch_related("participations"):
        for p in step.participations.all():
            totals["women"] += p.women
            totals["men"] += p.men
            key = "government" if p.sector == "government" else "civil_society"
            totals[key] += p.women + p.men
    return totals


def steps_of(plan: ActionPlan):
    return plan.steps.prefetch_related("participations", "documents").order_by("order")


@dataclass
class IndicatorSeries:
    key: str
    label: str
    unit: str
    available: bool
    target: float | None
    points: list[tuple[str, float | None]]

    @property
    def latest(self) -> float | None:
        for _month, value in reversed(self.points):
            if value is not None:
                return value
        return None

    @property
    def peak(self) -> float:
        values = [v for _m, v in self.points if v is not None]
        if self.target is not None:
            values.append(self.target)
        if self.unit.strip() == "%":
            values.append(100.0)  # a share is drawn against the whole, not its own maximum
        return max(values) if values and max(values) > 0 else 1.0


def indicator_series(commitment: Commitment, today: datetime.date | None = None,
                     months: int = 12) -> list[IndicatorSeries]:
    """Each linked indicator's monthly values from the commitment's start up to today (the
    last `months`), past its end too: the result is what the indicator keeps measuring.
    `available` is False when the module offering it is off or gone."""
    today = today or timezone.localdate()
    span = rules.months_between(commitment.start, today, limit=months)
    out = []
    for link in commitment.indicator_links.all():
        indicator = indicators.get(link.key)
        on = indicator is not None and commitment.pemda.uses_module(indicator.module)
        points = indicators.monthly_series(link.key, commitment.pemda, span) if on else []
        out.append(IndicatorSeries(
            key=link.key, label=str(indicator.label) if indicator else link.key,
            unit=str(indicator.unit) if indicator else "", available=on, target=link.target,
            points=points))
    return out


def assessments_side_by_side(commitment: Commitment) -> dict:
    rows = {a.assessor: a for a in commitment.assessments.all()}
    gov, mon = rows.get(Assessor.GOVERNMENT), rows.get(Assessor.MONITOR)

    def plain(a: Assessment | None) -> dict:
        if a is None:
            return {}
        return {"verifiable": a.verifiable, "potential": a.potential,
                "completion": a.completion, "opened_government": a.opened_government}

    return {"government": gov, "monitor": mon,
            "disagree": rules.disagreements(plain(gov), plain(mon))}


def milestones_of(commitment: Commitment) -> QuerySet[Milestone]:
    return commitment.milestones.order_by("order")


def plans_with_commitments(qs: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    return qs.prefetch_related(Prefetch(
        "commitments",
        queryset=Commitment.objects.select_related("pemda").prefetch_related("milestones")
        .order_by("number")))
