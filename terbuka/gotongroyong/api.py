"""The gotongroyong app's part of /api/v1/: public project figures, and progress recording
for facilitators."""

import datetime
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from terbuka.api import errors
from terbuka.api.errors import ERRORS_READ, ERRORS_WRITE
from terbuka.api.pagination import Page
from terbuka.api.params import ObjectId, Text
from terbuka.core import selectors as core_selectors
from terbuka.gotongroyong import selectors, services
from terbuka.gotongroyong.models import Project

router = Router(tags=["gotongroyong"])
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,40}")


def _pemda(slug: str):
    pemda = core_selectors.pemda_by_slug(slug) if SLUG.fullmatch(slug) else None
    if pemda is None:
        raise errors.not_found(
            _("There is no regional government at the path “%(slug)s”.") % {"slug": slug})
    return pemda


class ProjectOut(Schema):
    id: int
    title: str
    kind: str
    year: int
    status: str
    desa_code: str = Field(alias="desa_id")
    kelompok: str = Field(alias="kelompok.name")
    output: str
    volume: Decimal
    unit: str
    budget_apbd: Decimal
    budget_apbdes: Decimal
    contribution_money: Decimal
    contribution_materials_value: Decimal
    contribution_workdays: int
    disbursed: Decimal
    spent: Decimal
    physical_pct: Decimal
    financial_pct: Decimal
    latitude: Decimal | None
    longitude: Decimal | None


class ProgressIn(Schema):
    model_config = ConfigDict(extra="forbid")
    reported_on: datetime.date
    physical_pct: Decimal = Field(description="0–100; never below the last report.")
    spent: Decimal = Field(description="Whole rupiah spent so far; at most the total budget.")
    volume_done: Decimal | None = None
    workdays: int = Field(0, ge=0)
    note: Text = Field("", max_length=300)


@router.get("/pemda/{slug}/gotongroyong/projects", response={200: list[ProjectOut],
            **ERRORS_READ}, auth=None, summary="Gotong royong projects with money and progress")
@paginate(Page)
def project_list(request, slug: str, kind: str | None = None, desa: str | None = None):
    return selectors.projects(_pemda(slug), kind=kind, desa=desa).order_by("id")


@router.post("/gotongroyong/projects/{project_id}/progress",
             response={201: ProjectOut, **ERRORS_WRITE}, summary="Record progress")
def progress_create(request, project_id: ObjectId, payload: ProgressIn):
    project = Project.objects.select_related("kelompok").filter(pk=project_id).first()
    if project is None:
        raise errors.not_found()
    services.progress_record(actor=request.auth, project=project, request=request,
                             **payload.model_dump())
    project.refresh_from_db()
    return Status(201, project)
