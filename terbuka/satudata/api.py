"""The satudata app's part of /api/v1/: the Kode Referensi and Data Induk registry.
(The catalogue itself is served by the CKAN Action API, see docs/satudata.md.)"""

import re

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from terbuka.api import errors
from terbuka.api.errors import ERRORS_READ
from terbuka.api.pagination import Page
from terbuka.core import selectors as core_selectors
from terbuka.satudata import codelists
from terbuka.satudata.models import Code, CodeList

router = Router(tags=["satudata"])
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,60}")


class CodeListOut(Schema):
    key: str
    title: str
    description: str
    source: str
    version: int
    is_current: bool
    is_master: bool = Field(description="A Data Induk table rather than a plain code list.")
    columns: list[str]


class CodeOut(Schema):
    code: str
    label: str
    parent_code: str
    attributes: dict


def _pemda(slug: str):
    pemda = core_selectors.pemda_by_slug(slug) if SLUG.fullmatch(slug) else None
    if pemda is None:
        raise errors.not_found(
            _("There is no regional government at the path “%(slug)s”.") % {"slug": slug})
    return pemda


@router.get("/satudata/{slug}/codelists", response={200: list[CodeListOut], **ERRORS_READ},
            auth=None, summary="Current Kode Referensi and Data Induk of a pemda")
@paginate(Page)
def codelist_list(request, slug: str):
    return CodeList.objects.filter(pemda=_pemda(slug), is_current=True).order_by("key")


@router.get("/satudata/{slug}/codelists/{key}", response={200: CodeListOut, **ERRORS_READ},
            auth=None, summary="One code list (current, or ?version=N)")
def codelist_show(request, slug: str, key: str, version: int | None = None):
    found = codelists.codelist_current(_pemda(slug), key, version) if SLUG.fullmatch(key) \
        else None
    if found is None:
        raise errors.not_found(_("There is no code list “%(key)s”.") % {"key": key})
    return found


@router.get("/satudata/{slug}/codelists/{key}/codes", response={200: list[CodeOut],
                                                                 **ERRORS_READ},
            auth=None, summary="The codes of a code list (current, or ?version=N)")
@paginate(Page)
def codelist_codes(request, slug: str, key: str, version: int | None = None):
    found = codelists.codelist_current(_pemda(slug), key, version) if SLUG.fullmatch(key) \
        else None
    if found is None:
        raise errors.not_found(_("There is no code list “%(key)s”.") % {"key": key})
    return Code.objects.filter(code_list=found).order_by("position", "code")
