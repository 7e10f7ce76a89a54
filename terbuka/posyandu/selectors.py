"""Reads of the posyandu module. Reads of individual records check the policy and are
written to the audit log; reports are SQL aggregates over the stored statuses."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery, Sum

from terbuka.core import audit, policy
from terbuka.core.models import Pemda, RoleAssignment
from terbuka.core.policy import Target
from terbuka.posyandu import monitoring, skdn
from terbuka.posyandu import strata as stratamod
from terbuka.posyandu.models import (
    Alert,
    Household,
    Kader,
    Measurement,
    MonthlyCounts,
    Person,
    Posyandu,
    Session,
    StrataAssessment,
)
from terbuka.posyandu.services import target

LEVELS = ("posyandu", "desa", "kecamatan", "kabupaten")
_CODE_LEN = {"desa": 13, "kecamatan": 8, "kabupaten": 5, "provinsi": 2}


def posyandu_list(*, pemda: Pemda) -> QuerySet[Posyandu]:
    """Public: names, places and strata only."""
    return Posyandu.objects.filter(pemda=pemda, place__is_active=True).select_related(
        "place", "dusun", "puskesmas")


def posyandu_for(user, *, pemda: Pemda, action: str = "posyandu.register.view") -> list[Posyandu]:
    """The posyandu whose records `user` may open."""
    return [p for p in posyandu_list(pemda=pemda) if policy.can(user, action, target(p))]


def register(*, actor, posyandu: Posyandu, request=None) -> dict:
    """The register of one posyandu (children under five with their last measurement), for
    the posyandu page and the kader app's download. Logged as a read of personal data."""
    if actor is not None:
        policy.require(actor, "posyandu.register.view", target(posyandu))
    audit.record_read(actor=actor, action="posyandu.register.read", obj=posyandu,
                      pemda=posyandu.pemda, request=request)
    today = datetime.date.today()
    oldest = today.replace(year=today.year - 5)
    children = list(Person.objects.filter(posyandu=posyandu, is_active=True,
                                          birth_date__gte=oldest).order_by("name"))
    history: dict[int, list[Measurement]] = {}
    recent = monitoring.previous_month(monitoring.previous_month(today.replace(day=1)))
    for m in Measurement.objects.filter(person__in=children).order_by("person_id", "month"):
        history.setdefault(m.person_id, []).append(m)
    for c in children:
        rows = history.get(c.pk, [])
        c.last_measurement = rows[-1] if rows else None
        # The app needs the recent months only (for N/T and the KMS dots of this year).
        history[c.pk] = [m for m in rows if m.month >= recent.replace(year=recent.year - 1)]
    households = list(Household.objects.filter(posyandu=posyandu).order_by("head_name"))
    return {"posyandu": posyandu, "children": children, "history": history,
            "households": households}


def child_record(*, actor, person: Person, request=None) -> dict:
    if actor is not None:
        policy.require(actor, "posyandu.register.view", target(person.posyandu))
    audit.record_read(actor=actor, action="posyandu.person.read", obj=person,
                      pemda=person.posyandu.pemda, request=request)
    return {
        "person": person,
        "measurements": list(person.measurements.order_by("month").select_related("posyandu")),
        "alerts": list(person.alerts.prefetch_related("follow_ups").select_related("measurement")),
        "memberships": list(person.memberships.select_related("posyandu__place")),
    }


def export_rows(*, actor, posyandu: Posyandu, request=None) -> list[dict]:
    """Individual rows for the bidan's own analysis: a role is needed and the export logged."""
    if actor is not None:
        policy.require(actor, "posyandu.export.individual", target(posyandu))
    rows = list(Measurement.objects.filter(posyandu=posyandu).order_by("person__name", "month")
                .values("person__name", "person__nik", "person__sex", "person__birth_date",
                        "measured_on", "age_days", "weight_kg", "length_cm", "position",
                        "zwei", "zlen", "zwfl", "growth_status", "kategori_bb_u",
                        "kategori_pb_tb_u", "kategori_bb_pb_tb"))
    audit.record(actor=actor, action="posyandu.export.individual", obj=posyandu,
                 pemda=posyandu.pemda, request=request, is_read=True,
                 changes={"rows": [None, len(rows)]})
    return rows


# --- SKDN ------------------------------------------------------------------------------------


def _within(qs, within: str | None):
    if not within:
        return qs
    n = len(within)
    column = {13: "desa_code", 8: "kecamatan_code", 5: "kabupaten_code"}.get(n)
    if column:
        return qs.filter(**{column: within})
    return qs.filter(kabupaten_code__startswith=within + ".")


def skdn_table(*, pemda: Pemda, month: datetime.date, level: str,
               within: str | None = None) -> list[dict]:
    """One row of SKDN counts per posyandu / desa / kecamatan / kabupaten of `pemda` for the
    month (first day), optionally within a region: one grouped sum over the posyandu's
    monthly counts (kept in step with the measurements by monitoring.refresh_counts)."""
    if level not in LEVELS:
        raise ValueError(level)
    month = month.replace(day=1)
    qs = _within(MonthlyCounts.objects.filter(pemda=pemda, month=month), within)
    key = {"posyandu": "posyandu_id", "desa": "desa_code", "kecamatan": "kecamatan_code",
           "kabupaten": "kabupaten_code"}[level]
    rows: dict = {}
    for r in qs.values(key=F(key)).annotate(**{f: Sum(f) for f in skdn.COUNT_FIELDS}).order_by():
        k = r.pop("key")
        rows[k] = {f: int(v or 0) for f, v in r.items()}
    names = _names(level, list(rows))
    out = []
    for k in sorted(rows, key=lambda k: str(names.get(k, k))):
        counts = rows[k]
        out.append({"key": k, "name": names.get(k, str(k)), "counts": counts,
                    "report": skdn.report(counts)})
    return out


def _names(level: str, keys: list) -> dict:
    from terbuka.core.models import Region

    if level == "posyandu":
        return {p.pk: p.place.name for p in Posyandu.objects.filter(pk__in=keys)
                .select_related("place")}
    return dict(Region.objects.filter(code__in=keys).values_list("code", "name"))


def skdn_total(rows: list[dict]) -> skdn.Skdn:
    return skdn.report(skdn.add(r["counts"] for r in rows))


def skdn_trend(*, pemda: Pemda, months: list[datetime.date], within: str | None = None
               ) -> list[tuple[datetime.date, skdn.Skdn]]:
    return [(m, skdn_total(skdn_table(pemda=pemda, month=m, level="kabupaten", within=within)))
            for m in months]


def months_back(last: datetime.date, n: int) -> list[datetime.date]:
    out, m = [], last.replace(day=1)
    for _ in range(n):
        out.append(m)
        m = monitoring.previous_month(m)
    return out[::-1]


def latest_month(*, pemda: Pemda) -> datetime.date | None:
    return Session.objects.filter(pemda=pemda).aggregate(m=Max("month"))["m"]


# --- lists of children -----------------------------------------------------------------------


def children_needing_visits(*, actor, pemda: Pemda, month: datetime.date,
                            posyandu_ids: list[int], request=None) -> list[dict]:
    """Children with an open alert, or a balita not weighed for two months, at the posyandu
    the actor may see. Each posyandu's list read is logged."""
    month = month.replace(day=1)
    prev = monitoring.previous_month(month)
    allowed = [p for p in Posyandu.objects.filter(pk__in=posyandu_ids, pemda=pemda)
               if actor is None or policy.can(actor, "posyandu.register.view", target(p))]
    out = []
    for p in allowed:
        audit.record_read(actor=actor, action="posyandu.visits.read", obj=p, pemda=pemda,
                          request=request)
        alerts = (Alert.objects.filter(posyandu=p, status__in=["open", "referred"])
                  .select_related("person").order_by("person__name"))
        seen = set()
        for a in alerts:
            seen.add(a.person_id)
            out.append({"person": a.person, "posyandu": p, "reason": a.get_kind_display(),
                        "alert": a})
        oldest = month.replace(year=month.year - 5)
        absent = (Person.objects.filter(posyandu=p, is_active=True, birth_date__gte=oldest,
                                        birth_date__lt=prev)
                  .exclude(measurements__month__in=[month, prev]).order_by("name"))
        for person in absent:
            if person.pk not in seen:
                out.append({"person": person, "posyandu": p, "reason": None, "alert": None})
    return out


# --- indicators and strata -------------------------------------------------------------------


def stunting_prevalence(*, pemda: Pemda, start: datetime.date, end: datetime.date
                        ) -> float | None:
    """Percent stunted among children measured in [start, end], latest measurement each."""
    qs = Measurement.objects.filter(pemda=pemda, month__gte=start.replace(day=1),
                                    month__lte=end, zlen__isnull=False)
    latest = qs.filter(person_id=OuterRef("person_id")).order_by("-month").values("month")[:1]
    agg = qs.filter(month=Subquery(latest)).aggregate(
        n=Count("id"), k=Count("id", filter=Q(zlen__lt=-2)))
    return None if not agg["n"] else round(100 * agg["k"] / agg["n"], 1)


def participation(*, pemda: Pemda, start: datetime.date, end: datetime.date) -> float | None:
    s = Session.objects.filter(pemda=pemda, month__gte=start.replace(day=1),
                               month__lte=end).aggregate(s=Sum("s_count"))["s"]
    d = Measurement.objects.filter(pemda=pemda, month__gte=start.replace(day=1), month__lte=end,
                                   weight_kg__isnull=False).count()
    return None if not s else round(100 * d / s, 1)


def strata_latest(*, pemda: Pemda, year: int | None = None) -> dict[int, StrataAssessment]:
    qs = StrataAssessment.objects.filter(posyandu__pemda=pemda)
    if year is not None:
        qs = qs.filter(year=year)
    out: dict[int, StrataAssessment] = {}
    for a in qs.order_by("posyandu_id", "year", "computed_at", "id"):
        out[a.posyandu_id] = a
    return out


def strata_share(*, pemda: Pemda, year: int) -> float | None:
    latest = strata_latest(pemda=pemda, year=year)
    if not latest:
        return None
    good = sum(a.stratum in (stratamod.PURNAMA, stratamod.MANDIRI) for a in latest.values())
    return round(100 * good / len(latest), 1)


def strata_inputs(*, posyandu: Posyandu, year: int) -> stratamod.Inputs:
    """The strata inputs from the records of one year.

    Main-programme coverage is the mean of what the register records: D/S over the year's
    sessions (gizi), vitamin A to children 6-59 months weighed in February and August, and
    immunisation of infants under 12 months weighed during the year. KB and KIA (ibu hamil)
    coverage are not recorded in this module and are left out of the mean.
    """
    sessions = Session.objects.filter(posyandu=posyandu, month__year=year)
    n_sessions = sessions.count()
    meas = Measurement.objects.filter(posyandu=posyandu, month__year=year)
    parts = []
    s_sum = sessions.aggregate(s=Sum("s_count"))["s"] or 0
    if s_sum:
        parts.append(min(1.0, meas.filter(weight_kg__isnull=False).count() / s_sum))
    vit = meas.filter(month__month__in=[2, 8], age_days__gte=183)
    if vit.exists():
        parts.append(vit.filter(vitamin_a=True).count() / vit.count())
    infants = meas.filter(age_days__lt=365).values("person_id").distinct()
    if infants.exists():
        immunised = (meas.filter(age_days__lt=365).exclude(immunisations=[])
                     .values("person_id").distinct().count())
        parts.append(immunised / infants.count())
    households = Household.objects.filter(posyandu=posyandu)
    n_house = households.count()
    return stratamod.Inputs(
        sessions_per_year=n_sessions,
        active_kader=Kader.objects.filter(posyandu=posyandu, is_active=True).count(),
        main_coverage=round(sum(parts) / len(parts), 3) if parts else 0.0,
        additional_programmes=len(posyandu.additional_programmes or []),
        dana_sehat_share=round(households.filter(dana_sehat=True).count() / n_house, 3)
        if n_house else 0.0,
    )


def strata_history(*, posyandu: Posyandu) -> QuerySet[StrataAssessment]:
    return posyandu.strata.order_by("-year", "-computed_at")


def social_flags(*, actor, household: Household, request=None) -> list[dict]:
    """The household's flags with what became of each referral (via core)."""
    from terbuka.core import selectors as core_selectors

    if actor is not None:
        policy.require(actor, "posyandu.register.view", target(household.posyandu))
    audit.record_read(actor=actor, action="posyandu.household.read", obj=household,
                      pemda=household.pemda, request=request)
    out = []
    for flag in household.flags.all():
        referral = core_selectors.referrals_from(source_module="posyandu",
                                                 source_ref=str(flag.uuid)).first()
        out.append({"flag": flag, "referral": referral,
                    "events": list(referral.events.all()) if referral else []})
    return out


def is_staff_for(user, pemda: Pemda) -> bool:
    return RoleAssignment.objects.filter(
        user_id=getattr(user, "pk", None), pemda=pemda, is_active=True,
        role__in=["kader_posyandu", "nakes", "admin_pemda", "pimpinan", "pembina_data"],
    ).exists() or getattr(user, "is_superuser", False)


def report_allowed(user, pemda: Pemda, within: str | None) -> bool:
    return policy.can(user, "posyandu.report.view",
                      Target(pemda.pk, region_code=within or pemda.region_id))
