"""The rencanaaksi app's part of /api/v1/: plans as open data, and the writes that matter to
partners' own tools (public comments, the secretariat's responses, milestones, assessments).
Views parse, call one service or selector, shape the answer."""

import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from terbuka.api import errors
from terbuka.api.errors import ERRORS_READ, ERRORS_WRITE
from terbuka.api.pagination import Page
from terbuka.api.params import ObjectId, Text
from terbuka.core import selectors as core_selectors
from terbuka.rencanaaksi import exports, selectors, services
from terbuka.rencanaaksi.models import ActionPlan, Comment

router = Router(tags=["rencanaaksi"])


def _pemda(slug: str):
    pemda = core_selectors.pemda_by_slug(slug)
    if pemda is None:
        raise errors.not_found(_("No such pemda."))
    return pemda


def _plan(slug: str, plan: str) -> ActionPlan:
    found = selectors.plan_get(_pemda(slug), plan)
    if found is None:
        raise errors.not_found(_("No such action plan."))
    return found


def _commitment(slug: str, pk: int):
    found = selectors.commitment_get(_pemda(slug), pk)
    if found is None:
        raise errors.not_found(_("No such commitment."))
    return found


class PlanOut(Schema):
    slug: str
    title: str
    coordinator: str = Field(alias="pemda.slug")
    status: str
    period_start: datetime.date
    period_end: datetime.date


class CommentIn(Schema):
    model_config = ConfigDict(extra="forbid")
    anchor: Text = Field(max_length=40, description='"p3" for paragraph 3, "c2" for commitment 2')
    stance: Literal["support", "oppose", "neutral"]
    body: Text = Field(max_length=5000)
    author_name: Text = Field(max_length=120)
    organisation: Text = Field("", max_length=200)


class CommentOut(Schema):
    id: int
    anchor: str
    stance: str
    body: str
    author_name: str
    organisation: str
    created_at: datetime.datetime


class ResponseIn(Schema):
    model_config = ConfigDict(extra="forbid")
    verdict: Literal["accepted", "partly", "not_accepted"]
    reason: Text = Field(max_length=5000)


class ResponseOut(Schema):
    verdict: str
    reason: str
    created_at: datetime.datetime


class MilestoneIn(Schema):
    model_config = ConfigDict(extra="forbid")
    title: Text = Field(max_length=300)
    owner: Text = Field(max_length=200)
    start: datetime.date
    end: datetime.date
    weight: int = Field(ge=0, le=1000)
    evidence_expected: Text = Field("", max_length=300)


class MilestonesIn(Schema):
    model_config = ConfigDict(extra="forbid")
    milestones: list[MilestoneIn] = Field(max_length=50)


class MilestoneOut(Schema):
    order: int
    title: str
    owner: str
    start: datetime.date
    end: datetime.date
    weight: int


class AssessmentIn(Schema):
    model_config = ConfigDict(extra="forbid")
    assessor: Literal["government", "monitor"]
    body_name: Text = Field(max_length=200)
    verifiable: bool
    potential: Literal["unclear", "modest", "substantial"]
    completion: Literal["not_started", "limited", "substantial", "complete"]
    opened_government: Literal["", "worsened", "did_not_change", "marginal", "major",
                               "outstanding"] = ""
    reasoning: Text = Field(max_length=5000)
    assessed_on: datetime.date | None = None


class AssessmentOut(Schema):
    assessor: str
    body_name: str
    verifiable: bool
    potential: str
    completion: str
    opened_government: str
    disagreement: list[str]


@router.get("/rencanaaksi/plans", response=list[PlanOut], auth=None, tags=["rencanaaksi"])
@paginate(Page)
def plan_list(request: HttpRequest):
    """Every OGP Local action plan on the platform."""
    return selectors.all_plans()


@router.get("/pemda/{slug}/rencanaaksi/plans/{plan}", response={200: dict, **ERRORS_READ},
            auth=None)
def plan_detail(request: HttpRequest, slug: str, plan: str):
    """One plan as open data: co-creation, commitments, milestones, reports, assessments and
    the public consultation with its responses (the same document as the JSON export)."""
    return exports.plan_data(_plan(slug, plan))


@router.post("/pemda/{slug}/rencanaaksi/plans/{plan}/comments",
             response={201: CommentOut, **ERRORS_WRITE})
def comment_create(request: HttpRequest, slug: str, plan: str, payload: CommentIn):
    """A comment in the uji publik while it is open (logged-in users; the web page also takes
    comments from visitors)."""
    comment = services.comment_create(actor=request.auth, plan=_plan(slug, plan),
                                      request=request, **payload.dict())
    return Status(201, comment)


@router.post("/pemda/{slug}/rencanaaksi/comments/{comment_id}/response",
             response={201: ResponseOut, **ERRORS_WRITE})
def comment_respond(request: HttpRequest, slug: str, comment_id: ObjectId, payload: ResponseIn):
    plans = selectors.plans_for(_pemda(slug)).values("pk")
    comment = (Comment.objects.filter(pk=comment_id, plan__in=plans)
               .select_related("plan", "commitment").first())
    if comment is None:
        raise errors.not_found(_("No such comment."))
    response = services.comment_respond(actor=request.auth, comment=comment, request=request,
                                        **payload.dict())
    return Status(201, response)


@router.put("/pemda/{slug}/rencanaaksi/commitments/{commitment_id}/milestones",
            response={200: list[MilestoneOut], **ERRORS_WRITE})
def milestones_set(request: HttpRequest, slug: str, commitment_id: ObjectId,
                   payload: MilestonesIn):
    """Replace the milestones: inside the commitment's dates, weights adding up to 100."""
    return services.milestones_set(actor=request.auth,
                                   commitment=_commitment(slug, commitment_id),
                                   milestones=[m.dict() for m in payload.milestones],
                                   request=request)


@router.post("/pemda/{slug}/rencanaaksi/commitments/{commitment_id}/assessments",
             response={200: AssessmentOut, **ERRORS_WRITE})
def assessment_record(request: HttpRequest, slug: str, commitment_id: ObjectId,
                      payload: AssessmentIn):
    commitment = _commitment(slug, commitment_id)
    assessment = services.assessment_record(actor=request.auth, commitment=commitment,
                                            request=request, **payload.dict())
    return {"assessor": assessment.assessor, "body_name": assessment.body_name,
            "verifiable": assessment.verifiable, "potential": assessment.potential,
            "completion": assessment.completion,
            "opened_government": assessment.opened_government,
            "disagreement": selectors.assessments_side_by_side(commitment)["disagree"]}
