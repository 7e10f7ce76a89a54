"""The aduan app's part of /api/v1/: intake and tracking for citizens and channels, the public
list, and the officials' workflow steps. Views parse, call one service or selector, shape."""

import datetime
import re

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from terbuka.api import errors
from terbuka.api.errors import ERRORS_READ, ERRORS_WRITE, ErrorOut
from terbuka.api.pagination import Page
from terbuka.api.params import ObjectId, Text
from terbuka.core import selectors as core_selectors
from terbuka.core.models import Opd, Pemda

from . import memo, ratelimit, selectors, services
from .models import Category, Channel, Complaint, public_status_label
from .redact import redact

router = Router(tags=["aduan"])
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,40}")


# --- schemas ---------------------------------------------------------------------------------


class ComplaintIn(Schema):
    model_config = ConfigDict(extra="forbid")
    kind: str = Field("layanan", description="layanan, pelanggaran, aspirasi or informasi.")
    category: str | None = Field(None, max_length=40, description="A category code.")
    title: Text = Field("", max_length=400)
    body: Text = Field(..., max_length=40000)
    region_code: str = Field("", max_length=13, examples=["52.07.02.2001"])
    latitude: float | None = None
    longitude: float | None = None
    reporter_name: Text = Field("", max_length=400)
    reporter_contact: Text = Field("", max_length=400)
    anonymous: bool = False
    confidential: bool = False


class SubmittedOut(Schema):
    tracking_number: str
    status: str
    status_label: str
    secret_url: str = Field(description="The reporter's private link; shown only here.")


class EventOut(Schema):
    at: datetime.datetime
    kind: str
    status: str
    opd: str | None
    text: str


class TrackOut(Schema):
    tracking_number: str
    status: str
    status_label: str
    reason: str
    is_public: bool
    title: str | None
    received_at: datetime.datetime
    events: list[EventOut]


class PublicOut(Schema):
    tracking_number: str
    kind: str
    category: str | None
    title: str
    status: str
    status_label: str
    region_code: str | None
    received_at: datetime.datetime
    rating: int | None


class CategoryOut(Schema):
    code: str = Field(alias="slug")
    name: str


class QueueOut(Schema):
    id: int
    tracking_number: str
    kind: str
    title: str
    status: str
    due_on: datetime.date | None
    received_at: datetime.datetime


class VerifyIn(Schema):
    model_config = ConfigDict(extra="forbid")
    decision: str
    reason: Text = Field("", max_length=4000)
    redirect_to: Text = Field("", max_length=400)
    category: str | None = Field(None, max_length=40)


class DisposeIn(Schema):
    model_config = ConfigDict(extra="forbid")
    opds: list[ObjectId] = Field(..., min_length=1, max_length=20)
    instruction: Text = Field("", max_length=4000)


class RespondIn(Schema):
    model_config = ConfigDict(extra="forbid")
    opd: ObjectId | None = None
    text: Text = Field(..., max_length=20000)
    public: bool = True


class StepOut(Schema):
    tracking_number: str
    status: str
    status_label: str


# --- helpers ---------------------------------------------------------------------------------


def _pemda(slug: str) -> Pemda:
    # Memoised briefly: every submission needs it, and it changes rarely.
    pemda = memo.get(("pemda", slug), lambda: core_selectors.pemda_by_slug(slug)) \
        if SLUG.fullmatch(slug) else None
    if pemda is None or not pemda.uses_module("aduan"):
        raise errors.not_found(
            _("There is no regional government at the path “%(slug)s”.") % {"slug": slug})
    return pemda


def _events(complaint: Complaint) -> list[dict]:
    return [{"at": e.at, "kind": e.kind, "status": e.status,
             "opd": e.opd.name if e.opd else None, "text": redact(e.text)}
            for e in selectors.public_events(complaint)]


def _step(complaint: Complaint) -> dict:
    return {"tracking_number": complaint.tracking_number, "status": complaint.status,
            "status_label": public_status_label(complaint.status)}


def _staff_complaint(request, pemda: Pemda, number: str) -> Complaint:
    complaint = selectors.complaint_by_tracking(pemda, number)
    if complaint is None or not selectors.staff_complaints(request.auth, pemda).filter(
            pk=complaint.pk).exists():
        raise errors.not_found(_("No complaint with this number in your queue."))
    return complaint


# --- public ------------------------------------------------------------------------------------


@router.post("/pemda/{slug}/aduan", auth=None,
             response={201: SubmittedOut, 429: ErrorOut, **ERRORS_WRITE},
             summary="Submit a complaint, aspiration, information or wrongdoing report")
def complaint_submit(request: HttpRequest, slug: str, payload: ComplaintIn):
    pemda = _pemda(slug)
    limit = services.deadline_settings(pemda).intake_limit
    verdict = ratelimit.hit(f"intake:{pemda.pk}", request, limit=limit, window=3600)
    if not verdict.allowed:
        response = JsonResponse({"error": {
            "code": errors.BAD_REQUEST,
            "message": _("Too many reports from this connection; please try again in "
                         "%(minutes)s minutes.") % {"minutes": max(1, verdict.retry_after // 60)},
            "fields": {}}}, status=429)
        response["Retry-After"] = str(verdict.retry_after)
        return response
    complaint = services.complaint_submit(
        actor=request.user if request.user.is_authenticated else None, pemda=pemda,
        channel=Channel.API, request=request, **payload.dict(),
    )
    path = reverse("aduan:secret", kwargs={"pemda": pemda.slug,
                                           "token": complaint.secret_token})
    return Status(201, {**_step(complaint), "secret_url": request.build_absolute_uri(path)})


@router.get("/pemda/{slug}/aduan/categories", auth=None,
            response={200: list[CategoryOut], **ERRORS_READ}, summary="Complaint categories")
def categories(request: HttpRequest, slug: str):
    return Category.objects.filter(pemda=_pemda(slug), is_active=True).order_by("name")


@router.get("/pemda/{slug}/aduan/track/{number}", auth=None,
            response={200: TrackOut, **ERRORS_READ}, summary="Follow a report by its number")
def track(request: HttpRequest, slug: str, number: str):
    pemda = _pemda(slug)
    verdict = ratelimit.hit(f"track:{pemda.pk}", request, limit=30, window=600)
    if not verdict.allowed:
        return JsonResponse({"error": {"code": errors.BAD_REQUEST, "message": _(
            "Too many look-ups; please try again later."), "fields": {}}}, status=429)
    complaint = selectors.complaint_by_tracking(pemda, number)
    if complaint is None:
        raise errors.not_found(_("No report has this tracking number here."))
    public = complaint.is_public
    return {**_step(complaint), "reason": complaint.status_reason, "is_public": public,
            "title": redact(complaint.title) if public else None,
            "received_at": complaint.received_at,
            "events": _events(complaint) if public else []}


@router.get("/pemda/{slug}/aduan/public", auth=None,
            response={200: list[PublicOut], **ERRORS_READ}, summary="Public reports, newest first")
@paginate(Page)
def public_list(request: HttpRequest, slug: str):
    return [
        {"tracking_number": c.tracking_number, "kind": c.kind,
         "category": c.category.slug if c.category else None, "title": redact(c.title),
         "status": c.status, "status_label": public_status_label(c.status),
         "region_code": c.region_id, "received_at": c.received_at, "rating": c.rating}
        for c in selectors.public_complaints(_pemda(slug)).order_by("-received_at", "-id")[:1000]
    ]


# --- officials ---------------------------------------------------------------------------------


@router.get("/pemda/{slug}/aduan/queue", response={200: list[QueueOut], **ERRORS_READ},
            summary="My part of the open queue, earliest deadline first")
@paginate(Page)
def queue(request: HttpRequest, slug: str):
    pemda = _pemda(slug)
    from terbuka.core import policy
    from terbuka.core.policy import Target

    policy.require(request.auth, "aduan.queue.view", Target(pemda.pk))
    return selectors.queue(request.auth, pemda).order_by("due_on", "received_at", "id")


@router.post("/pemda/{slug}/aduan/{number}/verify", response={200: StepOut, **ERRORS_WRITE},
             summary="Verify, put on hold, refuse or archive")
def verify(request: HttpRequest, slug: str, number: str, payload: VerifyIn):
    pemda = _pemda(slug)
    complaint = services.complaint_verify(
        actor=request.auth, complaint=_staff_complaint(request, pemda, number),
        request=request, **payload.dict())
    return _step(complaint)


@router.post("/pemda/{slug}/aduan/{number}/dispose", response={200: StepOut, **ERRORS_WRITE},
             summary="Send to one or more OPD")
def dispose(request: HttpRequest, slug: str, number: str, payload: DisposeIn):
    pemda = _pemda(slug)
    opds = list(Opd.objects.filter(pemda=pemda, pk__in=payload.opds))
    if len(opds) != len(set(payload.opds)):
        raise errors.ApiError(422, errors.VALIDATION_ERROR, errors.invalid_fields_message(),
                              {"opds": [_("Unknown OPD for this pemda.")]})
    complaint = services.complaint_dispose(
        actor=request.auth, complaint=_staff_complaint(request, pemda, number), opds=opds,
        instruction=payload.instruction, request=request)
    return _step(complaint)


@router.post("/pemda/{slug}/aduan/{number}/respond", response={200: StepOut, **ERRORS_WRITE},
             summary="An OPD's answer or an internal note")
def respond(request: HttpRequest, slug: str, number: str, payload: RespondIn):
    pemda = _pemda(slug)
    complaint = _staff_complaint(request, pemda, number)
    opd = None
    if payload.opd is not None:
        opd = Opd.objects.filter(pemda=pemda, pk=payload.opd).first()
        if opd is None:
            raise errors.ApiError(422, errors.VALIDATION_ERROR, errors.invalid_fields_message(),
                                  {"opd": [_("Unknown OPD for this pemda.")]})
    services.complaint_respond(actor=request.auth, complaint=complaint, opd=opd,
                               text=payload.text, public=payload.public, request=request)
    complaint.refresh_from_db()
    return _step(complaint)
