"""Pages of the aduan app: citizens' intake and tracking, public lists and statistics, the
operators' queue (live through server-sent events), case handling, YASINAN forum sessions."""

from __future__ import annotations

import json
import logging
import time

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.db.models import Count
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import policy
from terbuka.core.forms import apply_service_errors
from terbuka.core.policy import Target

from . import ratelimit, selectors, services, stats
from .forms import (
    DisposeForm,
    ForumComplaintForm,
    ForumSessionForm,
    RateForm,
    ReporterReplyForm,
    RespondForm,
    RevealForm,
    SubmitForm,
    TrackForm,
    VerifyForm,
)
from .models import Channel, Complaint, ForumSession, Kind, Status

PAGE_SIZE = 20
STREAM_SECONDS = 25  # one server-sent events connection; the browser reconnects after it
logger = logging.getLogger(__name__)
TRACK_LIMIT = 30  # look-ups per client per 10 minutes: enough for people, not for guessing


def _guard(request, action: str, target: Target):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    policy.require(request.user, action, target)
    return None


def _too_many(request, verdict) -> HttpResponse:
    minutes = max(1, round(verdict.retry_after / 60))
    response = render(request, "aduan/too_many.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


# --- public --------------------------------------------------------------------------------------


def home(request, pemda):
    page = Paginator(selectors.public_complaints(pemda), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "aduan/home.html", {
        "page": page, "track_form": TrackForm(),
        "counts": selectors.public_counts(pemda),
    })


def submit(request, pemda):
    form = SubmitForm(request.POST or None, request.FILES or None, pemda=pemda)
    if request.method == "POST":
        limit = services.deadline_settings(pemda).intake_limit
        verdict = ratelimit.hit(f"intake:{pemda.pk}", request, limit=limit, window=3600)
        if not verdict.allowed:
            return _too_many(request, verdict)
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint = services.complaint_submit(
                    actor=request.user, pemda=pemda, kind=data["kind"],
                    category=data["category"] or None, title=data["title"], body=data["body"],
                    channel=Channel.WEB, region_code=data["region_code"],
                    reporter_name=data["reporter_name"],
                    reporter_contact=data["reporter_contact"], anonymous=data["anonymous"],
                    confidential=data["confidential"], latitude=data["latitude"] or None,
                    longitude=data["longitude"] or None, attachments=data["attachments"],
                    request=request,
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                # Committed: only now is the tracking number shown.
                request.session[f"aduan-new-{complaint.pk}"] = True
                return redirect("aduan:secret", pemda=pemda.slug, token=complaint.secret_token)
    similar = []
    if request.method == "POST" and form.is_bound and form.data.get("body"):
        similar = selectors.similar_complaints(
            pemda, text=form.data.get("body", ""), public_only=True,
            region_code=form.data.get("region_code", ""))
    return render(request, "aduan/submit.html", {"form": form, "similar": similar})


def track(request, pemda):
    form = TrackForm(request.GET or None)
    complaint = None
    searched = False
    if form.is_bound and form.is_valid():
        verdict = ratelimit.hit(f"track:{pemda.pk}", request, limit=TRACK_LIMIT, window=600)
        if not verdict.allowed:
            return _too_many(request, verdict)
        searched = True
        complaint = selectors.complaint_by_tracking(pemda, form.cleaned_data["nomor"])
    return render(request, "aduan/track.html", {
        "form": form, "complaint": complaint, "searched": searched,
        "events": selectors.public_events(complaint) if complaint and complaint.is_public
        else [],
    })


def public_detail(request, pemda, number: str):
    complaint = selectors.complaint_by_tracking(pemda, number)
    if complaint is None or not complaint.is_public or complaint.merged_into_id:
        raise Http404
    return render(request, "aduan/public_detail.html", {
        "complaint": complaint, "events": selectors.public_events(complaint),
        "attachments": [] if complaint.anonymous else complaint.attachments.filter(
            event__kind="submitted", content_type__startswith="image/"),
    })


def secret(request, pemda, token: str):
    """The reporter's own page, reached by the secret link: everything public plus their
    response and rating forms."""
    complaint = selectors.complaint_by_secret(pemda, token)
    if complaint is None:
        raise Http404
    is_new = request.session.pop(f"aduan-new-{complaint.pk}", False)
    reply_form = rate_form = None
    if complaint.status == Status.TINDAK_LANJUT:
        reply_form = ReporterReplyForm(
            request.POST if request.POST.get("form") == "reply" else None)
    if complaint.status == Status.SELESAI and complaint.rating is None:
        rate_form = RateForm(request.POST if request.POST.get("form") == "rate" else None)
    if request.method == "POST":
        form = reply_form if request.POST.get("form") == "reply" else rate_form
        if form is None:
            messages.error(request, _("This report cannot be answered now."))
            return redirect("aduan:secret", pemda=pemda.slug, token=token)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if form is reply_form:
                    services.complaint_reporter_reply(
                        actor=request.user, complaint=complaint, token=token,
                        decision=data["decision"], text=data["text"], rating=data["rating"],
                        request=request)
                else:
                    services.complaint_rate(actor=request.user, complaint=complaint,
                                            token=token, rating=data["rating"],
                                            comment=data["comment"], request=request)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you, your response was recorded."))
                return redirect("aduan:secret", pemda=pemda.slug, token=token)
    return render(request, "aduan/secret.html", {
        "complaint": complaint, "events": selectors.public_events(complaint),
        "is_new": is_new, "reply_form": reply_form, "rate_form": rate_form,
        "secret_url": request.build_absolute_uri(),
    })


def mine(request, pemda):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    page = Paginator(selectors.my_complaints(request.user).filter(pemda=pemda),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "aduan/mine.html", {"page": page})


def statistics(request, pemda):
    return render(request, "aduan/statistics.html", {
        "per_opd": stats.per_opd(pemda), "by_region": selectors.public_by_region(pemda),
        "counts": selectors.public_counts(pemda),
    })


# --- staff ---------------------------------------------------------------------------------------


def queue(request, pemda):
    denied = _guard(request, "aduan.queue.view", Target(pemda.pk))
    if denied:
        return denied
    status = request.GET.get("status", "")
    if status and status not in Status.values:
        status = ""
    overdue = request.GET.get("overdue") == "1"
    today = services.today()
    qs = selectors.queue(request.user, pemda, status=status,
                         overdue_on=today if overdue else None)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "aduan/queue.html", {
        "page": page, "status": status, "overdue": overdue, "today": today,
        "dashboard": selectors.dashboard(request.user, pemda, today),
        "statuses": Status.choices,
    })


def queue_stream(request, pemda):
    """Server-sent events: complaints of this official's part of the queue that are new or
    changed. Each connection lasts ~25 s (a gthread worker is not held for ever); the browser's
    EventSource reconnects by itself, sending Last-Event-ID."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    policy.require(request.user, "aduan.queue.view", Target(pemda.pk))
    user = request.user
    since = request.headers.get("Last-Event-ID") or request.GET.get("since") or ""
    try:
        cursor = float(since)
    except ValueError:
        cursor = timezone.now().timestamp()

    def events():
        nonlocal cursor
        yield "retry: 3000\n\n"
        deadline = time.monotonic() + STREAM_SECONDS
        while True:
            try:
                changed = selectors.queue_changes(user, pemda, cursor)
            except DatabaseError:
                # The database went away (restart, shutdown): end this stream; the browser
                # reconnects with Last-Event-ID and misses nothing.
                logger.warning("Live queue stream ended by a database error", exc_info=True)
                return
            for item in changed:
                cursor = max(cursor, item["ts"])
                yield f"id: {cursor}\nevent: complaint\ndata: {json.dumps(item)}\n\n"
            if not changed:
                yield ": keep-alive\n\n"
            if time.monotonic() >= deadline:
                return
            time.sleep(2)

    response = StreamingHttpResponse(events(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response


def _staff_complaint(request, pemda, pk: int) -> Complaint:
    complaint = selectors.complaint_for_staff(request.user, pemda, pk, request=request)
    if complaint is None:
        raise Http404
    return complaint


def manage(request, pemda, pk: int):
    denied = _guard(request, "aduan.queue.view", Target(pemda.pk))
    if denied:
        return denied
    complaint = _staff_complaint(request, pemda, pk)
    user = request.user
    target = services.complaint_target(complaint)
    wrongdoing = complaint.kind == Kind.PELANGGARAN
    can_verify = policy.can(user, "aduan.pelanggaran.handle" if wrongdoing
                            else "aduan.complaint.verify", target)
    can_dispose = not wrongdoing and policy.can(user, "aduan.complaint.dispose", target)
    my_opds = [d.opd for d in complaint.dispositions.filter(is_active=True).select_related("opd")
               if policy.can(user, "aduan.complaint.respond",
                             services.complaint_target(complaint, d.opd_id))]
    can_respond = bool(my_opds) or (wrongdoing and can_verify)
    can_reveal = policy.can(user, "aduan.identity.reveal", target) and complaint.is_sealed
    action = request.POST.get("action") if request.method == "POST" else None
    verify_form = VerifyForm(request.POST if action == "verify" else None, pemda=pemda)
    dispose_form = DisposeForm(request.POST if action == "dispose" else None, pemda=pemda,
                               initial={"opds": services.routing_proposal(complaint)})
    respond_form = RespondForm(request.POST if action == "respond" else None,
                               request.FILES if action == "respond" else None)
    reveal_form = RevealForm(request.POST if action == "reveal" else None)
    identity = None
    if action:
        try:
            if action == "verify" and verify_form.is_valid():
                data = verify_form.cleaned_data
                services.complaint_verify(actor=user, complaint=complaint,
                                          decision=data["decision"], reason=data["reason"],
                                          redirect_to=data["redirect_to"],
                                          category=data["category"] or None, request=request)
            elif action == "dispose" and dispose_form.is_valid():
                services.complaint_dispose(actor=user, complaint=complaint,
                                           opds=list(dispose_form.cleaned_data["opds"]),
                                           instruction=dispose_form.cleaned_data["instruction"],
                                           request=request)
            elif action == "respond" and respond_form.is_valid():
                data = respond_form.cleaned_data
                opd = None
                if my_opds:
                    opd_id = request.POST.get("opd")
                    opd = next((o for o in my_opds if str(o.pk) == opd_id), my_opds[0])
                services.complaint_respond(actor=user, complaint=complaint, opd=opd,
                                           text=data["text"], public=data["public"],
                                           attachments=data["attachments"], request=request)
            elif action == "merge":
                into = get_object_or_404(Complaint, pemda=pemda, pk=request.POST.get("into"))
                services.complaint_merge(actor=user, complaint=complaint, into=into,
                                         request=request)
            elif action == "reveal" and reveal_form.is_valid():
                identity = services.identity_reveal(
                    actor=user, complaint=complaint,
                    reason=reveal_form.cleaned_data["reason"], request=request)
            else:
                raise ValidationError({})
        except ValidationError as exc:
            form = {"verify": verify_form, "dispose": dispose_form, "respond": respond_form,
                    "reveal": reveal_form}.get(action)
            if form is not None and getattr(exc, "error_dict", None):
                apply_service_errors(form, exc)
            elif getattr(exc, "error_dict", None) or getattr(exc, "messages", None):
                messages.error(request, " ".join(exc.messages))
        else:
            if action != "reveal":
                messages.success(request, _("Saved."))
                return redirect("aduan:manage", pemda=pemda.slug, pk=complaint.pk)
    similar = []
    if can_verify and not complaint.is_closed:
        similar = selectors.similar_complaints(
            pemda, text=f"{complaint.title} {complaint.body}",
            category_id=complaint.category_id, region_code=complaint.region_id or "",
            exclude_pk=complaint.pk)
        if not wrongdoing:
            similar = [c for c in similar if c.kind != Kind.PELANGGARAN]
    return render(request, "aduan/manage.html", {
        "complaint": complaint,
        "events": complaint.events.select_related("opd"),
        "attachments": complaint.attachments.all(),
        "dispositions": complaint.dispositions.select_related("opd"),
        "verify_form": verify_form if can_verify and complaint.status in (
            Status.DITERIMA, Status.TUNDA, Status.TERVERIFIKASI) else None,
        "dispose_form": dispose_form if can_dispose and complaint.status in (
            Status.DITERIMA, Status.TERVERIFIKASI, Status.DISPOSISI, Status.TINDAK_LANJUT)
        else None,
        "respond_form": respond_form if can_respond and not complaint.is_closed else None,
        "my_opds": my_opds, "reveal_form": reveal_form if can_reveal else None,
        "identity": identity, "similar": similar, "can_merge": can_verify,
        "proposal": services.routing_proposal(complaint) if can_dispose else [],
    })


# --- YASINAN forum -----------------------------------------------------------------------------


def forum_list(request, pemda):
    sessions = (ForumSession.objects.filter(pemda=pemda).select_related("region")
                .annotate(n=Count("complaints")).order_by("-held_on", "-id"))
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "aduan/forum_list.html", {
        "page": page,
        "can_manage": policy.can(request.user, "aduan.forum.manage", Target(pemda.pk)),
    })


def forum_detail(request, pemda, pk: int):
    session = get_object_or_404(ForumSession.objects.select_related("region"), pemda=pemda,
                                pk=pk)
    can_manage = policy.can(request.user, "aduan.forum.manage", Target(pemda.pk))
    form = ForumComplaintForm(request.POST or None, pemda=pemda) if can_manage else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.complaint_submit(
                actor=request.user, pemda=pemda, kind=data["kind"],
                category=data["category"] or None, title=data["title"], body=data["body"],
                channel=Channel.YASINAN, region_code=data["region_code"] or "",
                reporter_name=data["reporter_name"], forum_session=session, request=request)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Recorded in the complaint pipeline."))
            return redirect("aduan:forum_detail", pemda=pemda.slug, pk=session.pk)
    raised = session.complaints.filter(is_public=True)
    return render(request, "aduan/forum_detail.html", {
        "session": session, "raised": raised.select_related("category"),
        "hidden": session.complaints.filter(is_public=False).count(),
        "photos": session.photos.all(), "form": form,
    })


def forum_create(request, pemda):
    denied = _guard(request, "aduan.forum.manage", Target(pemda.pk))
    if denied:
        return denied
    form = ForumSessionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            session = services.forum_session_create(actor=request.user, pemda=pemda,
                                                    request=request, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("aduan:forum_detail", pemda=pemda.slug, pk=session.pk)
    return render(request, "aduan/forum_form.html", {"form": form})
