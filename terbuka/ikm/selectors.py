"""Reads of the ikm app. Everything here is aggregate: questionnaires are anonymous and no
single one is shown publicly (suggestion texts are for officials only)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from terbuka.core.models import Pemda, UnitLayanan
from terbuka.ikm import formula
from terbuka.ikm.formula import ELEMENTS
from terbuka.ikm.models import Education, Occupation, Response, Sex, SurveyPeriod

# Profile shares are shown only above this many answers, so one person is never singled out.
PROFILE_MINIMUM = 5


def unit_list(*, pemda: Pemda) -> QuerySet[UnitLayanan]:
    return (UnitLayanan.objects.filter(opd__pemda=pemda, is_active=True, opd__is_active=True)
            .select_related("opd").order_by("opd__name", "name"))


def unit_get(*, pemda: Pemda, unit_id: int) -> UnitLayanan | None:
    return unit_list(pemda=pemda).filter(pk=unit_id).first()


def score(responses: QuerySet[Response]) -> formula.Result | None:
    """The IKM of a set of questionnaires, computed in one aggregate query."""
    row = responses.aggregate(n=Count("pk"), **{e: Sum(e) for e in ELEMENTS})
    if not row["n"]:
        return None
    return formula.from_sums({e: row[e] for e in ELEMENTS}, row["n"])


def responses_for(*, unit: UnitLayanan | None = None, pemda: Pemda | None = None,
                  start: datetime.date | None = None,
                  end: datetime.date | None = None) -> QuerySet[Response]:
    qs = Response.objects.all()
    if unit is not None:
        qs = qs.filter(unit=unit)
    if pemda is not None:
        qs = qs.filter(pemda=pemda)
    if start is not None:
        qs = qs.filter(submitted_on__gte=start)
    if end is not None:
        qs = qs.filter(submitted_on__lte=end)
    return qs


@dataclass
class PeriodResult:
    period: SurveyPeriod
    result: formula.Result | None
    required: int | None  # Krejcie–Morgan sample size for the population served

    @property
    def respondents(self) -> int:
        return self.result.respondents if self.result else 0

    @property
    def sample_reached(self) -> bool | None:
        return None if self.required is None else self.respondents >= self.required


def period_results(*, unit: UnitLayanan) -> list[PeriodResult]:
    out = []
    for period in SurveyPeriod.objects.filter(unit=unit).order_by("-start"):
        result = score(Response.objects.filter(unit=unit, submitted_on__range=(period.start,
                                                                               period.end)))
        required = formula.sample_size(period.population) if period.population else None
        out.append(PeriodResult(period, result, required))
    return out


def quarters(today: datetime.date, count: int = 8) -> list[tuple[str, datetime.date,
                                                                   datetime.date]]:
    """The last `count` calendar quarters up to today, oldest first."""
    year, quarter = today.year, (today.month - 1) // 3
    out = []
    for _ in range(count):
        start = datetime.date(year, quarter * 3 + 1, 1)
        end_month = quarter * 3 + 3
        end = (datetime.date(year + end_month // 12, end_month % 12 + 1, 1)
               - datetime.timedelta(days=1))
        out.append((f"{year} T{quarter + 1}", start, end))
        quarter -= 1
        if quarter < 0:
            year, quarter = year - 1, 3
    return list(reversed(out))


def quarterly_series(*, unit: UnitLayanan, today: datetime.date,
                     count: int = 8) -> list[tuple[str, formula.Result | None]]:
    return [(label, score(responses_for(unit=unit, start=start, end=end)))
            for label, start, end in quarters(today, count)]


def current(*, unit: UnitLayanan, today: datetime.date) -> tuple[str, formula.Result | None]:
    """The figure a unit's page leads with: its latest period that has answers, else the last
    twelve months."""
    for item in period_results(unit=unit):
        if item.result is not None and item.period.start <= today:
            return item.period.name, item.result
    start = today - datetime.timedelta(days=365)
    return "", score(responses_for(unit=unit, start=start, end=today))


def profile(responses: QuerySet[Response]) -> dict[str, list[tuple[str, int]]] | None:
    """Counts of respondents by sex, education, occupation and age band; None below
    PROFILE_MINIMUM answers."""
    total = responses.count()
    if total < PROFILE_MINIMUM:
        return None
    out: dict[str, list[tuple[str, int]]] = {}
    for field, choices in (("sex", Sex), ("education", Education),
                           ("occupation", Occupation)):
        counts = dict(responses.values_list(field).annotate(n=Count("pk")).order_by())
        out[field] = [(label, counts.get(value, 0)) for value, label in choices.choices]
    bands = responses.aggregate(
        a=Count("pk", filter=Q(age__lt=20)), b=Count("pk", filter=Q(age__gte=20, age__lt=30)),
        c=Count("pk", filter=Q(age__gte=30, age__lt=40)),
        d=Count("pk", filter=Q(age__gte=40, age__lt=50)),
        e=Count("pk", filter=Q(age__gte=50, age__lt=60)), f=Count("pk", filter=Q(age__gte=60)),
    )
    out["age"] = list(zip(["<20", "20–29", "30–39", "40–49", "50–59", "60+"],
                          bands.values(), strict=True))
    return out


def unit_summaries(*, pemda: Pemda, today: datetime.date) -> list[dict]:
    """Each active unit with its leading figure, for the pemda's IKM page and the API."""
    return [{"unit": unit, "label": label, "result": result}
            for unit in unit_list(pemda=pemda)
            for label, result in [current(unit=unit, today=today)]]


def pemda_index(pemda: Pemda, start: datetime.date, end: datetime.date) -> float | None:
    """The pooled IKM of every unit of a pemda over [start, end] (the `ikm.score` indicator)."""
    result = score(responses_for(pemda=pemda, start=start, end=end))
    return float(result.score) if result else None


def publication_rows(*, pemda: Pemda) -> list[dict]:
    """One row per unit and period with answers: the open-data table of IKM results."""
    rows = []
    periods = (SurveyPeriod.objects.filter(pemda=pemda).select_related("unit", "unit__opd")
               .order_by("unit__opd__name", "unit__name", "start"))
    for period in periods:
        result = score(Response.objects.filter(unit=period.unit,
                                               submitted_on__range=(period.start, period.end)))
        if result is None:
            continue
        rows.append({
            "opd": period.unit.opd.name, "unit_layanan": period.unit.name,
            "periode": period.name, "mulai": period.start.isoformat(),
            "selesai": period.end.isoformat(), "responden": result.respondents,
            **{f"nrr_{e}": float(formula.two_decimals(result.nrr[e])) for e in ELEMENTS},
            "ikm": float(result.score), "mutu": result.grade,
        })
    return rows
