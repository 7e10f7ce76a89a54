"""The layanan app's part of /api/v1/: published service standards of a pemda."""

import re
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from terbuka.api import errors
from terbuka.api.errors import ERRORS_READ
from terbuka.api.pagination import Page
from terbuka.core import selectors as core_selectors
from terbuka.layanan.models import ServiceStandard

router = Router(tags=["layanan"])
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,40}")


class StandardOut(Schema):
    id: int
    opd_id: int
    opd: str = Field(alias="opd.name")
    unit: str | None = Field(None, alias="unit.name")
    name: str
    requirements: str
    procedure: str
    duration: str
    duration_days: int | None
    cost: str
    cost_amount: Decimal
    product: str
    complaint_channel: str
    legal_basis: str


@router.get("/pemda/{slug}/layanan/standards", response={200: list[StandardOut],
            **ERRORS_READ}, auth=None, summary="Published service standards")
@paginate(Page)
def standard_list(request, slug: str):
    pemda = core_selectors.pemda_by_slug(slug) if SLUG.fullmatch(slug) else None
    if pemda is None:
        raise errors.not_found(
            _("There is no regional government at the path “%(slug)s”.") % {"slug": slug})
    return ServiceStandard.objects.filter(pemda=pemda, is_published=True) \
        .select_related("opd", "unit").order_by("opd__name", "name")
