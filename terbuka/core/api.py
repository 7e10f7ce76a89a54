"""`/api/v1/regions` and `/api/v1/pemda`: regions, regional governments and their OPD.

Views only parse input, call one selector or service and shape the answer; permission checks
and validation of values against the data live in `terbuka.core.services`.
"""

import re
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from terbuka.api import errors
from terbuka.api.errors import ERRORS_READ, ERRORS_WRITE
from terbuka.api.pagination import Page
from terbuka.api.params import MAX_ID, ObjectId, Text
from terbuka.core import regions, selectors, services
from terbuka.core.models import Opd, OpdKind, Pemda, Region, RegionLevel

router = Router()

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,40}")
RegionCode = Annotated[str, Field(max_length=13, examples=["52.07.01.2001"])]


# --- schemas -----------------------------------------------------------------------------------


class RegionOut(Schema):
    code: str
    name: str
    level: int = Field(description="1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan.")
    parent_code: str | None = Field(None, alias="parent_id")


class RegionFilter(Schema):
    level: RegionLevel | None = Field(None, description="Only regions of this level (1–4).")
    parent: str | None = Field(
        None, max_length=13, description="Only direct children of this code."
    )
    within: str | None = Field(
        None, max_length=13, description="Only regions anywhere below this code."
    )
    q: Text | None = Field(None, max_length=100, description="Part of the name, any case.")


class PemdaOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    region_code: str = Field(alias="region_id")
    region_name: str = Field(alias="region.name")
    tagline: str
    contact_email: str
    contact_phone: str
    address: str
    website: str
    logo_url: str | None

    @staticmethod
    def resolve_logo_url(obj: Pemda) -> str | None:
        return obj.logo.url if obj.logo else None


class OpdOut(Schema):
    id: int
    name: str
    acronym: str
    kind: str
    urusan: str
    parent_id: int | None
    region_code: str | None = Field(None, alias="region_id")
    is_active: bool


class OpdIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: Text = Field(min_length=1, max_length=200, examples=["Dinas Kesehatan"])
    kind: OpdKind
    acronym: Text = Field("", max_length=40, examples=["Dikes"])
    urusan: Text = Field("", max_length=200, examples=["Kesehatan"])
    parent: int | None = Field(None, ge=1, le=MAX_ID, description="Id of the parent OPD.")
    region_code: RegionCode | None = Field(None, description="For OPD serving one area.")


class OpdPatch(Schema):
    """Only the fields sent are changed; `null` clears `parent` and `region_code`."""

    model_config = ConfigDict(extra="forbid")

    # A default of None that is never validated: leaving a field out is allowed, sending
    # `null` for a required field is a type error.
    name: Text = Field(None, min_length=1, max_length=200)
    kind: OpdKind = None
    acronym: Text = Field(None, max_length=40)
    urusan: Text = Field(None, max_length=200)
    parent: int | None = Field(None, ge=1, le=MAX_ID)
    region_code: RegionCode | None = None
    is_active: bool = None


# --- helpers -----------------------------------------------------------------------------------


def _pemda(slug: str) -> Pemda:
    # A path that cannot be a slug is simply not found; it never reaches the database.
    pemda = selectors.pemda_by_slug(slug) if SLUG.fullmatch(slug) else None
    if pemda is None:
        raise errors.not_found(
            _("There is no regional government at the path “%(slug)s”.") % {"slug": slug}
        )
    return pemda


def _opd(pemda: Pemda, opd_id: int) -> Opd:
    opd = selectors.opd_list(pemda=pemda, active_only=False).filter(pk=opd_id).first()
    if opd is None:
        raise errors.not_found(
            _("%(pemda)s has no OPD with id %(id)s.") % {"pemda": pemda.short_name, "id": opd_id}
        )
    return opd


def _parent(pemda: Pemda, parent_id: int | None) -> Opd | None:
    """The parent OPD named by id in a request body, as the services take it."""
    if parent_id is None:
        return None
    parent = selectors.opd_list(pemda=pemda, active_only=False).filter(pk=parent_id).first()
    if parent is None:
        raise ValidationError(
            {"parent": [_("%(pemda)s has no OPD with id %(id)s.")
                        % {"pemda": pemda.short_name, "id": parent_id}]}
        )
    return parent


# --- regions -----------------------------------------------------------------------------------


@router.get("/regions", response={200: list[RegionOut], **ERRORS_READ}, auth=None,
            tags=["regions"], summary="Search regions by level, parent and name")
@paginate(Page)
def region_list(request: HttpRequest, filters: Query[RegionFilter]):
    return regions.region_search(**filters.dict())


def _region(code: str) -> Region:
    region = regions.region_get(code)
    if region is None:
        raise errors.not_found(_("Region code %(value)s does not exist.") % {"value": code})
    return region


@router.get("/regions/{code}", response={200: RegionOut, **ERRORS_READ}, auth=None,
            tags=["regions"], summary="One region by its Kemendagri code")
def region_detail(request: HttpRequest, code: str):
    return _region(code)


@router.get("/regions/{code}/children", response={200: list[RegionOut], **ERRORS_READ},
            auth=None, tags=["regions"], summary="The regions directly below a region")
@paginate(Page)
def region_children(request: HttpRequest, code: str):
    return regions.children(_region(code).code).order_by("code")


# --- pemda and OPD -----------------------------------------------------------------------------


@router.get("/pemda", response={200: list[PemdaOut], **ERRORS_READ}, auth=None,
            tags=["pemda"], summary="The regional governments served here")
@paginate(Page)
def pemda_list(request: HttpRequest):
    return selectors.pemda_list()


@router.get("/pemda/{slug}", response={200: PemdaOut, **ERRORS_READ}, auth=None,
            tags=["pemda"], summary="One regional government")
def pemda_detail(request: HttpRequest, slug: str):
    return _pemda(slug)


@router.get("/pemda/{slug}/opd", response={200: list[OpdOut], **ERRORS_READ}, auth=None,
            tags=["opd"], summary="The active OPD of a regional government")
@paginate(Page)
def opd_list(request: HttpRequest, slug: str):
    return selectors.opd_list(pemda=_pemda(slug)).order_by("name", "pk")


@router.post("/pemda/{slug}/opd", response={201: OpdOut, **ERRORS_WRITE}, tags=["opd"],
             summary="Add an OPD (admin pemda)")
def opd_create(request: HttpRequest, slug: str, payload: OpdIn):
    pemda = _pemda(slug)
    opd = services.opd_create(
        actor=request.auth,
        pemda=pemda,
        name=payload.name,
        kind=payload.kind.value,
        acronym=payload.acronym,
        urusan=payload.urusan,
        parent=_parent(pemda, payload.parent),
        region_code=payload.region_code,
        request=request,
    )
    return Status(201, opd)


@router.patch("/pemda/{slug}/opd/{opd_id}", response={200: OpdOut, **ERRORS_WRITE},
              tags=["opd"], summary="Change an OPD (admin pemda)")
def opd_update(request: HttpRequest, slug: str, opd_id: ObjectId, payload: OpdPatch):
    pemda = _pemda(slug)
    opd = _opd(pemda, opd_id)
    fields = payload.model_dump(exclude_unset=True)
    if "kind" in fields:
        fields["kind"] = payload.kind.value
    if "parent" in fields:
        fields["parent"] = _parent(pemda, fields["parent"])
    return services.opd_update(actor=request.auth, opd=opd, request=request, **fields)
