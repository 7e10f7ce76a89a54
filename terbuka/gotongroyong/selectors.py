"""Reads of the gotongroyong app: project lists and totals for public pages, ODF status per
dusun and desa computed from household records, the LPJ, map points."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from terbuka.core import audit
from terbuka.core.models import Pemda, Place, Region
from terbuka.gotongroyong import odf, rules
from terbuka.gotongroyong.models import (
    House,
    HouseStage,
    OdfVerification,
    Programme,
    ProgrammeKind,
    Project,
    SanitationHousehold,
)

ZERO = Decimal("0")


def programmes(pemda: Pemda) -> QuerySet[Programme]:
    return Programme.objects.filter(pemda=pemda, is_active=True).select_related("opd")


def projects(pemda: Pemda, *, desa: str | None = None, programme: Programme | None = None,
             kind: str | None = None) -> QuerySet[Project]:
    qs = Project.objects.filter(pemda=pemda).select_related("kelompok", "programme", "dusun")
    if desa:
        qs = qs.filter(desa_id=desa)
    if programme is not None:
        qs = qs.filter(programme=programme)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-year", "desa_id", "title")


def region_names(codes) -> dict[str, str]:
    return dict(Region.objects.filter(code__in=set(codes)).values_list("code", "name"))


def totals(qs: QuerySet[Project]) -> dict:
    agg = qs.aggregate(
        n=Count("id"), apbd=Sum("budget_apbd"), apbdes=Sum("budget_apbdes"),
        money=Sum("contribution_money"), materials=Sum("contribution_materials_value"),
        workdays=Sum("contribution_workdays"), disbursed=Sum("disbursed"), spent=Sum("spent"),
    )
    out = {k: (v or ZERO) for k, v in agg.items()}
    out["n"] = agg["n"] or 0
    out["workdays"] = agg["workdays"] or 0
    out["government"] = out["apbd"] + out["apbdes"]
    out["community"] = out["money"] + out["materials"]
    out["total"] = out["government"] + out["community"]
    # Physical progress weighted by each project's total value: a big road counts more
    # than a small drain.
    weighted = sum((p.physical_pct * p.total for p in qs), ZERO)
    out["physical_pct"] = (weighted / out["total"]).quantize(Decimal("0.1")) if out["total"] \
        else ZERO
    out["financial_pct"] = rules.percent(out["spent"], out["total"])
    return out


def desa_rows(pemda: Pemda, qs: QuerySet[Project] | None = None) -> list[dict]:
    """Per desa: projects, money and weighted progress, for the public region list."""
    qs = projects(pemda) if qs is None else qs
    by_desa: dict[str, list[Project]] = defaultdict(list)
    for project in qs:
        by_desa[project.desa_id].append(project)
    names = region_names(by_desa)
    rows = []
    for code in sorted(by_desa):
        items = by_desa[code]
        total = sum((p.total for p in items), ZERO)
        government = sum((p.government for p in items), ZERO)
        weighted = sum((p.physical_pct * p.total for p in items), ZERO)
        rows.append({
            "code": code, "name": names.get(code, code), "projects": len(items),
            "government": government, "community": total - government, "total": total,
            "physical_pct": (weighted / total).quantize(Decimal("0.1")) if total else ZERO,
            "finished": sum(1 for p in items if p.physical_pct == 100),
        })
    return rows


def map_points(qs: QuerySet[Project], *, width: int = 320, height: int = 240) -> list[dict]:
    """Projects with a location, placed on a width × height box around them (a plain SVG
    map: no tiles, no script, works offline)."""
    located = [p for p in qs if p.latitude is not None and p.longitude is not None]
    if not located:
        return []
    lats = [float(p.latitude) for p in located]
    lons = [float(p.longitude) for p in located]
    pad = 0.01
    south, north = min(lats) - pad, max(lats) + pad
    west, east = min(lons) - pad, max(lons) + pad
    return [{
        "project": p,
        "x": round((float(p.longitude) - west) / (east - west) * (width - 20) + 10, 1),
        "y": round((north - float(p.latitude)) / (north - south) * (height - 20) + 10, 1),
    } for p in located]


# --- sanitation ---------------------------------------------------------------------------------


def _verifications(programme: Programme, until: datetime.date | None = None):
    qs = OdfVerification.objects.filter(programme=programme)
    if until is not None:
        qs = qs.filter(verified_on__lte=until)
    by_place: dict[tuple[str, int | None], list[odf.Verification]] = defaultdict(list)
    for v in qs.values("desa_id", "dusun_id", "verified_on", "passed"):
        by_place[(v["desa_id"], v["dusun_id"])].append(odf.Verification(v["verified_on"],
                                                                        v["passed"]))
    return by_place


def _households(programme: Programme, until: datetime.date | None = None, desa: str = ""):
    qs = SanitationHousehold.objects.filter(programme=programme)
    if until is not None:
        qs = qs.filter(recorded_on__lte=until)
    if desa:
        qs = qs.filter(desa_id=desa)
    return list(qs.values("desa_id", "dusun_id", "latrine", "cuci_tangan", "air_minum",
                          "sampah", "limbah_cair", "members"))


def dusun_statuses(programme: Programme, desa: str, *, until=None) -> list[dict]:
    rows = _households(programme, until, desa)
    verifications = _verifications(programme, until)
    dusun_ids = sorted({r["dusun_id"] for r in rows})
    places = Place.objects.in_bulk(dusun_ids)
    out = []
    for dusun_id in dusun_ids:
        mine = [r for r in rows if r["dusun_id"] == dusun_id]
        latrines = [r["latrine"] for r in mine]
        out.append({
            "dusun": places[dusun_id], "households": len(mine),
            "with_access": sum(1 for x in latrines if x in odf.ACCESS),
            "status": odf.status(latrines, verifications.get((desa, dusun_id), ())),
        })
    return out


def desa_statuses(programme: Programme, *, until=None) -> list[dict]:
    """Per desa with households: counts, pillar shares and ODF status. A desa is ODF only
    when its households all have access and a desa-level verification passed after every
    one of its dusun passed theirs."""
    rows = _households(programme, until)
    verifications = _verifications(programme, until)
    by_desa: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_desa[row["desa_id"]].append(row)
    names = region_names(by_desa)
    out = []
    for code in sorted(by_desa):
        mine = by_desa[code]
        latrines = [r["latrine"] for r in mine]
        dusun_ok = all(
            odf.status([r["latrine"] for r in mine if r["dusun_id"] == d],
                       verifications.get((code, d), ())) == odf.ODF
            for d in {r["dusun_id"] for r in mine})
        status = odf.status(latrines, verifications.get((code, None), ()))
        if status == odf.ODF and not dusun_ok:
            status = odf.AWAITING
        out.append({
            "code": code, "name": names.get(code, code), "households": len(mine),
            "people": sum(r["members"] for r in mine),
            "with_access": sum(1 for x in latrines if x in odf.ACCESS),
            "status": status, "pillars": odf.pillar_shares(mine),
        })
    return out


def odf_desa_share(pemda: Pemda, start: datetime.date, end: datetime.date) -> float | None:
    """Share (%) of the desa covered by a sanitation programme that are verified ODF at
    `end`; None when no household is recorded."""
    statuses = []
    for programme in Programme.objects.filter(pemda=pemda, kind=ProgrammeKind.SANITASI):
        statuses.extend(desa_statuses(programme, until=end))
    if not statuses:
        return None
    return round(100 * sum(1 for s in statuses if s["status"] == odf.ODF) / len(statuses), 1)


def households_for_staff(*, actor, programme: Programme, desa: str, request=None):
    """Named households of one desa: personal data, so every listing is logged."""
    qs = SanitationHousehold.objects.filter(programme=programme, desa_id=desa) \
        .select_related("dusun")
    audit.record(actor=actor, action="gotongroyong.household.list", obj=programme,
                 pemda=programme.pemda, is_read=True, request=request,
                 changes={"desa": desa})
    return qs


# --- houses -------------------------------------------------------------------------------------


def house_summary(programme: Programme) -> dict:
    qs = House.objects.filter(programme=programme)
    agg = qs.aggregate(n=Count("id"), allocated=Sum("funds_allocated"),
                       disbursed=Sum("funds_disbursed"))
    by_stage = dict(qs.values_list("stage").annotate(n=Count("id")))
    by_damage = dict(qs.values_list("damage").annotate(n=Count("id")))
    return {
        "houses": agg["n"] or 0, "allocated": agg["allocated"] or ZERO,
        "disbursed": agg["disbursed"] or ZERO, "done": by_stage.get(HouseStage.DONE, 0),
        "stages": [(label, by_stage.get(value, 0)) for value, label in HouseStage.choices],
        "damage": by_damage,
    }
