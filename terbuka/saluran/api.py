"""The saluran app's part of /api/v1/: public monthly statistics, the triage queue for
operators. (Open311 lives at /open311/v2/, in its own format.)"""

import datetime
import re

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from terbuka.api import errors
from terbuka.api.errors import ERRORS_READ
from terbuka.api.pagination import Page
from terbuka.core import policy, publishing
from terbuka.core import selectors as core_selectors
from terbuka.core.policy import Target
from terbuka.saluran import selectors
from terbuka.saluran.models import TriageStatus

router = Router(tags=["saluran"])
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,40}")


class StatRowOut(Schema):
    bulan: str = Field(description="YYYY-MM")
    dimensi: str = Field(description="total, opd, kategori or wilayah")
    nilai: str
    kode_wilayah: str
    jumlah: int | str = Field(description="A count, or “<5” when suppressed")
    dijawab: int | str
    tepat_waktu_persen: float | None
    median_hari_kerja: float | None
    kepuasan: float | None


class TriageOut(Schema):
    id: int
    reference: str
    source: str
    status: str
    problem: str
    text: str
    received_at: datetime.datetime
    complaint: str | None = Field(None, description="Tracking number once it is a complaint")

    @staticmethod
    def resolve_complaint(obj):
        return obj.complaint.tracking_number if obj.complaint_id else None


class TriageFilter(Schema):
    status: str = Field(TriageStatus.NEW, description="baru, jadi_aduan, ditolak or empty")


def _pemda(slug: str):
    pemda = core_selectors.pemda_by_slug(slug) if SLUG.fullmatch(slug) else None
    if pemda is None:
        raise errors.not_found(
            _("There is no regional government at the path “%(slug)s”.") % {"slug": slug})
    return pemda


@router.get("/saluran/pemda/{slug}/statistics", response={200: list[StatRowOut], **ERRORS_READ},
            auth=None, summary="Monthly public complaint statistics (small counts suppressed)")
def statistics(request: HttpRequest, slug: str):
    pemda = _pemda(slug)
    columns = [publishing.Column("jumlah", "integer", count=True),
               publishing.Column("dijawab", "integer", count=True)]
    return publishing.suppress_small_counts(selectors.monthly_rows(pemda=pemda), columns)


@router.get("/saluran/pemda/{slug}/triage", response={200: list[TriageOut], **ERRORS_READ},
            summary="The channel triage queue (operator aduan)")
@paginate(Page)
def triage(request: HttpRequest, slug: str, filters: Query[TriageFilter]):
    pemda = _pemda(slug)
    policy.require(request.auth, "saluran.triage.handle", Target(pemda.pk))
    status = filters.status if filters.status in TriageStatus.values else ""
    return selectors.triage_queue(pemda=pemda, status=status)
