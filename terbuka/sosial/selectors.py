"""Reads of the PMKS register. Individual records are personal data: each list and each case
opened is written to the audit log as a read, and a user only sees the desa their role
reaches. Public figures are aggregates with small counts suppressed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from terbuka.core import audit, policy, publishing
from terbuka.core.models import Pemda, Region, RoleAssignment
from terbuka.core.policy import Target
from terbuka.sosial.codelists import PMKS_VERSION
from terbuka.sosial.models import Case, CaseStatus, OpdReferral, PmksCategory


def reach(user, pemda: Pemda, action: str) -> Q | None:
    """A filter on `desa` for the cases `user` may see with `action`; None when nothing."""
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Q()
    allow = policy.actions()[action].allow
    q = None
    for assignment in RoleAssignment.objects.filter(user=user, pemda=pemda, is_active=True,
                                                    role__in=[str(r) for r in allow]):
        if assignment.region_id is None:
            return Q()
        code = assignment.region_id
        part = Q(desa_id=code) | Q(desa__code__startswith=code + ".")
        q = part if q is None else q | part
    return q


def case_list(*, actor, pemda: Pemda, status: str = "", category: str = "", desa: str = "",
              request=None) -> QuerySet[Case]:
    where = reach(actor, pemda, "sosial.case.view")
    if where is None:
        raise PermissionDenied
    qs = Case.objects.filter(where, pemda=pemda).select_related("person") \
        .prefetch_related("categories")
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(categories__code=category)
    if desa:
        qs = qs.filter(Q(desa_id=desa) | Q(desa__code__startswith=desa + "."))
    audit.record(actor=actor, action="sosial.case.list", pemda=pemda, is_read=True,
                 request=request, changes={"status": status, "category": category,
                                           "desa": desa})
    return qs.distinct().order_by("-found_on", "-id")


def case_detail(*, actor, pemda: Pemda, case_id: int, request=None) -> Case:
    case = get_object_or_404(
        Case.objects.select_related("person__household", "referral")
        .prefetch_related("categories", "assessments", "aid", "opd_referrals__to_opd",
                          "opd_referrals__from_opd", "follow_ups"),
        pk=case_id, pemda=pemda)
    policy.require(actor, "sosial.case.view", Target(pemda.pk, region_code=case.desa_id))
    audit.record_read(actor=actor, action="sosial.case.view", obj=case, request=request)
    return case


def categories() -> QuerySet[PmksCategory]:
    return PmksCategory.objects.filter(version=PMKS_VERSION, is_active=True)


def aggregate_rows(pemda: Pemda) -> tuple[list[dict], list[dict]]:
    """(by category, by kecamatan): open and closed case counts, small counts suppressed."""
    cases = Case.objects.filter(pemda=pemda)
    by_cat = {
        row["categories__code"]: row
        for row in cases.values("categories__code").annotate(
            open=Count("id", filter=~Q(status=CaseStatus.CLOSED), distinct=True),
            closed=Count("id", filter=Q(status=CaseStatus.CLOSED), distinct=True))
    }
    cat_rows = [{"kode": c.code, "kategori": c.name,
                 "kasus_aktif": by_cat.get(c.code, {}).get("open", 0),
                 "kasus_selesai": by_cat.get(c.code, {}).get("closed", 0)}
                for c in categories()]
    kec: dict[str, dict] = {}
    for desa, status in cases.values_list("desa_id", "status"):
        code = desa.rsplit(".", 1)[0]
        row = kec.setdefault(code, {"kode_kecamatan": code, "kasus_aktif": 0, "kasus_selesai": 0})
        row["kasus_aktif" if status != CaseStatus.CLOSED else "kasus_selesai"] += 1
    names = dict(Region.objects.filter(code__in=kec).values_list("code", "name"))
    kec_rows = [{**row, "kecamatan": names.get(code, code)} for code, row in sorted(kec.items())]
    columns = [publishing.Column("kasus_aktif", "integer", count=True),
               publishing.Column("kasus_selesai", "integer", count=True)]
    return (publishing.suppress_small_counts(cat_rows, columns),
            publishing.suppress_small_counts(kec_rows, columns))


def opd_referrals_inbox(*, actor, pemda: Pemda, request=None) -> list[OpdReferral]:
    """Referrals sent to the OPD the user answers for. Only the case number, the person's
    name and the reason are shown; the list is logged as a read."""
    qs = OpdReferral.objects.filter(case__pemda=pemda).select_related(
        "case__person", "from_opd", "to_opd").order_by("status", "-sent_on", "-id")
    mine = [r for r in qs if policy.can(
        actor, "sosial.opdreferral.respond",
        Target(pemda.pk, opd_id=r.to_opd_id, region_code=r.case.desa_id))]
    audit.record(actor=actor, action="sosial.opdreferral.list", pemda=pemda, is_read=True,
                 request=request, changes={"count": len(mine)})
    return mine
