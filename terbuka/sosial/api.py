"""The sosial app's part of /api/v1/: only suppressed public figures. Individual PMKS records
are never served by the API."""

import re

from django.utils.translation import gettext as _
from ninja import Router, Schema

from terbuka.api import errors
from terbuka.api.errors import ERRORS_READ
from terbuka.core import selectors as core_selectors
from terbuka.sosial import selectors

router = Router(tags=["sosial"])
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,40}")


class CategoryCount(Schema):
    kode: str
    kategori: str
    kasus_aktif: int | str
    kasus_selesai: int | str


class KecamatanCount(Schema):
    kode_kecamatan: str
    kecamatan: str
    kasus_aktif: int | str
    kasus_selesai: int | str


class FiguresOut(Schema):
    by_category: list[CategoryCount]
    by_kecamatan: list[KecamatanCount]


@router.get("/pemda/{slug}/sosial/figures", response={200: FiguresOut, **ERRORS_READ},
            auth=None, summary="PMKS case counts, small counts suppressed")
def figures(request, slug: str):
    pemda = core_selectors.pemda_by_slug(slug) if SLUG.fullmatch(slug) else None
    if pemda is None:
        raise errors.not_found(
            _("There is no regional government at the path “%(slug)s”.") % {"slug": slug})
    by_category, by_kecamatan = selectors.aggregate_rows(pemda)
    return {"by_category": by_category, "by_kecamatan": by_kecamatan}
