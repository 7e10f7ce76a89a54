"""Pages of the rencanaaksi app: public record of every plan and commitment, and the
secretariat's forms. Views parse, call one service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from terbuka.core import indicators, policy
from terbuka.core.models import Opd, Pemda
from terbuka.core.policy import Target
from terbuka.rencanaaksi import exports, forms, rules, selectors, services
from terbuka.rencanaaksi.models import (
    Assessor,
    Comment,
    Evidence,
    GroupKind,
    OgpValue,
    PlanStatus,
    Step,
)

# ---------------------------------------------------------------- helpers


def _plan_or_404(pemda: Pemda, slug: str):
    plan = selectors.plan_get(pemda, slug)
    if plan is None:
        raise Http404(_("No such action plan."))
    return plan


def _commitment_or_404(pemda: Pemda, pk: int):
    commitment = selectors.commitment_get(pemda, pk)
    if commitment is None:
        raise Http404(_("No such commitment."))
    return commitment


def _staff(request, action: str, *targets: Target):
    """Log in first; then the policy decides (a 403 names the action)."""
    if not request.user.is_authenticated:
        raise _LoginRequired
    if not any(policy.can(request.user, action, t) for t in targets):
        policy.require(request.user, action, targets[0])


class _LoginRequired(Exception):
    pass


def _with_login(view):
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _LoginRequired:
            return redirect_to_login(request.get_full_path())
    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _errors_to_form(form, exc: ValidationError, aliases: dict | None = None) -> None:
    """Put a service's field errors beside the form's fields (unknown keys become
    non-field errors)."""
    aliases = aliases or {}
    for key, messages_ in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
        field = aliases.get(key, key)
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


def _can(request, action: str, *targets: Target) -> bool:
    return any(policy.can(request.user, action, t) for t in targets)


def _value_labels(codes) -> list:
    return [OgpValue(v).label for v in codes if v in OgpValue.values]


def _assessments_list(c) -> list:
    side = selectors.assessments_side_by_side(c)
    return [(Assessor.GOVERNMENT.label, side["government"]),
            (Assessor.MONITOR.label, side["monitor"])]


def _commitment_targets(c) -> list[Target]:
    return [Target(pemda_id=c.pemda_id, opd_id=c.lead_opd_id),
            Target(pemda_id=c.plan.pemda_id)]


# ---------------------------------------------------------------- public pages


def dashboard(request):
    """Every plan on the platform, with its progress."""
    plans = selectors.plans_with_commitments(selectors.all_plans())
    rows = [{"plan": p, "progress": selectors.plan_progress(p.commitments.all()),
             "count": len(p.commitments.all())} for p in plans]
    return render(request, "rencanaaksi/dashboard.html", {"rows": rows})


def plan_list(request, pemda):
    plans = selectors.plans_with_commitments(selectors.plans_for(pemda))
    rows = [{"plan": p, "progress": selectors.plan_progress(p.commitments.all()),
             "count": len(p.commitments.all())} for p in plans]
    return render(request, "rencanaaksi/plan_list.html", {
        "rows": rows, "organisations": selectors.organisations_of(pemda),
        "can_create": _can(request, "rencanaaksi.plan.manage", Target(pemda_id=pemda.pk)),
    })


def _commitment_rows(plan):
    rows = []
    for c in selectors.commitments_of(plan):
        report = selectors.latest_report(c)
        rows.append({"c": c, "progress": selectors.progress_of(c), "report": report})
    return rows


def plan_detail(request, pemda, plan):
    plan = _plan_or_404(pemda, plan)
    rows = _commitment_rows(plan)
    return render(request, "rencanaaksi/plan_detail.html", {
        "plan": plan, "rows": rows,
        "members": [m.pemda for m in plan.members.select_related("pemda")],
        "steps": selectors.steps_of(plan),
        "groups": _groups(plan),
        "participation": selectors.plan_participation(plan),
        "comment_count": plan.comments.count(),
        "value_labels": _value_labels(plan.ogp_values),
        "progress": selectors.plan_progress([r["c"] for r in rows]),
        "limit": rules.commitment_limit(plan.members.count()),
        "can_manage": _can(request, "rencanaaksi.plan.manage", Target(pemda_id=plan.pemda_id)),
    })


def _groups(plan):
    out = []
    members = list(plan.group_members.all())
    for kind in GroupKind:
        people = [m for m in members if m.group == kind]
        if people:
            out.append({"label": kind.label, "people": people})
    return out


def _anchors(plan):
    paragraphs = services.draft_paragraphs(plan)
    choices = [(a, _("Paragraph %(n)s") % {"n": a[1:]}) for a, _t in paragraphs]
    choices += [(f"c{c.number}", _("Commitment %(n)d: %(title)s") % {"n": c.number,
                                                                      "title": c.title[:60]})
                for c in plan.commitments.order_by("number")]
    return paragraphs, choices


@require_http_methods(["GET", "POST"])
def consultation(request, pemda, plan):
    """The uji publik: the draft paragraph by paragraph and each commitment, with the comments
    and the secretariat's responses beside them; a form while the consultation is open."""
    plan = _plan_or_404(pemda, plan)
    paragraphs, choices = _anchors(plan)
    is_open = plan.status == PlanStatus.CONSULTATION and not plan.consultation_closed_at
    initial = {"anchor": request.GET.get("anchor", "")}
    form = forms.CommentForm(request.POST or None, anchors=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.comment_create(actor=request.user, plan=plan,
                                              request=request, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Thank you. Your comment is published and the "
                                        "secretariat will answer it."))
            return redirect(reverse("rencanaaksi:consultation",
                                    kwargs={"pemda": pemda.slug, "plan": plan.slug})
                            + f"#comment-{comment.pk}")
    comments = list(selectors.comments_for(plan))
    by_anchor: dict[str, list[Comment]] = {}
    for comment in comments:
        by_anchor.setdefault(comment.anchor, []).append(comment)
    sections = [{"anchor": a, "text": t, "comments": by_anchor.get(a, [])}
                for a, t in paragraphs]
    commitment_sections = [{"anchor": f"c{c.number}", "c": c,
                            "comments": by_anchor.get(f"c{c.number}", [])}
                           for c in plan.commitments.order_by("number")]
    return render(request, "rencanaaksi/consultation.html", {
        "plan": plan, "sections": sections, "commitment_sections": commitment_sections,
        "form": form, "is_open": is_open, "comment_count": len(comments),
        "unanswered": sum(1 for c in comments if not hasattr(c, "response")),
        "can_respond": _can(request, "rencanaaksi.comment.respond",
                            Target(pemda_id=plan.pemda_id)),
    })


def commitment_detail(request, pemda, pk):
    c = _commitment_or_404(pemda, pk)
    milestones = list(selectors.milestones_of(c))
    reports = list(c.reports.prefetch_related("evidence").order_by("-period_end"))
    targets = _commitment_targets(c)
    return render(request, "rencanaaksi/commitment_detail.html", {
        "c": c, "plan": c.plan, "milestones": milestones, "reports": reports,
        "progress": rules.completion_percent((m.weight, m.completed_on is not None)
                                             for m in milestones),
        "series": selectors.indicator_series(c),
        "assessments": selectors.assessments_side_by_side(c),
        "comments": c.comments.select_related("response").order_by("created_at"),
        "value_labels": _value_labels(c.ogp_values),
        "assessments_list": _assessments_list(c),
        "can_manage": _can(request, "rencanaaksi.commitment.manage", *targets),
        "can_report": _can(request, "rencanaaksi.progress.report", *targets),
        "can_monitor": _can(request, "rencanaaksi.assessment.monitor",
                            Target(pemda_id=c.pemda_id)),
        "can_assess": _can(request, "rencanaaksi.assessment.government",
                           Target(pemda_id=c.pemda_id)),
    })


def evidence_download(request, pemda, pk):
    evidence = Evidence.objects.select_related("report__commitment").filter(pk=pk).first()
    if evidence is None or selectors.commitment_get(pemda, evidence.report.commitment_id) is None:
        raise Http404(_("No such file."))
    # Served as an attachment with the type we sniffed, never rendered inline as HTML.
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name,
                        content_type=evidence.content_type)


def organisation_detail(request, pemda, slug):
    org = selectors.organisation_get(pemda, slug)
    if org is None:
        raise Http404(_("No such organisation."))
    return render(request, "rencanaaksi/organisation.html", {"org": org})


# ---------------------------------------------------------------- exports


def export(request, pemda, plan, fmt):
    plan = _plan_or_404(pemda, plan)
    makers = {
        "docx": (exports.plan_docx, "application/vnd.openxmlformats-officedocument."
                                    "wordprocessingml.document"),
        "xlsx": (exports.plan_xlsx, "application/vnd.openxmlformats-officedocument."
                                    "spreadsheetml.sheet"),
        "json": (exports.plan_json, "application/json"),
        "csv": (exports.commitments_csv, "text/csv; charset=utf-8"),
    }
    if fmt not in makers:
        raise Http404(_("Unknown format."))
    make, content_type = makers[fmt]
    response = HttpResponse(make(plan), content_type=content_type)
    disposition = "inline" if fmt == "json" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{plan.slug}.{fmt}"'
    return response


# ---------------------------------------------------------------- secretariat forms


@_with_login
@require_http_methods(["GET", "POST"])
def plan_create(request, pemda):
    _staff(request, "rencanaaksi.plan.manage", Target(pemda_id=pemda.pk))
    others = Pemda.objects.filter(is_active=True).exclude(pk=pemda.pk).order_by("name")
    form = forms.PlanForm(request.POST or None, pemda_choices=others)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, pemda=pemda, request=request,
                                        **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            return redirect("rencanaaksi:plan_manage", pemda=pemda.slug, plan=plan.slug)
    return render(request, "rencanaaksi/form.html", {
        "form": form, "title": _("New action plan"),
        "cancel": reverse("rencanaaksi:plan_list", kwargs={"pemda": pemda.slug})})


@_with_login
@require_http_methods(["GET", "POST"])
def plan_manage(request, pemda, plan):
    """The secretariat's page: the next step to take, the draft, comments to answer."""
    plan = _plan_or_404(pemda, plan)
    _staff(request, "rencanaaksi.plan.manage", Target(pemda_id=plan.pemda_id))
    form = forms.ConsultationForm(request.POST or None, initial={"draft_text": plan.draft_text})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_open_consultation(actor=request.user, plan=plan, request=request,
                                            **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The draft is published for public consultation."))
            return redirect("rencanaaksi:plan_manage", pemda=pemda.slug, plan=plan.slug)
    done = [s.step for s in plan.steps.all() if s.is_done]
    next_step = rules.next_step(done)
    return render(request, "rencanaaksi/plan_manage.html", {
        "plan": plan, "steps": selectors.steps_of(plan), "form": form,
        "next_step": next_step,
        "can_open": plan.status == PlanStatus.DRAFTING and next_step == Step.CONSULTATION,
        "open_comments": plan.comments.filter(response__isnull=True).order_by("created_at"),
        "rows": _commitment_rows(plan),
        "limit": rules.commitment_limit(plan.members.count()),
    })


@_with_login
@require_http_methods(["GET", "POST"])
def step_edit(request, pemda, plan, step):
    plan = _plan_or_404(pemda, plan)
    _staff(request, "rencanaaksi.plan.manage", Target(pemda_id=plan.pemda_id))
    step_obj = plan.steps.filter(step=step).first()
    if step_obj is None:
        raise Http404(_("No such step."))
    data = request.POST or None
    form = forms.StepForm(data, initial={"held_on": step_obj.held_on, "place": step_obj.place,
                                         "minutes": step_obj.minutes, "complete": True})
    formset = forms.ParticipantFormSet(data, prefix="p")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        participants = [f.cleaned_data for f in formset.forms
                        if f.cleaned_data.get("organisation")]
        try:
            services.step_record(actor=request.user, step=step_obj, request=request,
                                 participants=participants, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc, {"step": None})
        else:
            messages.success(request, _("Step recorded: %(step)s.")
                             % {"step": step_obj.get_step_display()})
            return redirect("rencanaaksi:plan_manage", pemda=pemda.slug, plan=plan.slug)
    return render(request, "rencanaaksi/step_form.html", {
        "plan": plan, "step": step_obj, "form": form, "formset": formset})


@_with_login
@require_http_methods(["GET", "POST"])
def comment_respond(request, pemda, plan, pk):
    plan = _plan_or_404(pemda, plan)
    comment = plan.comments.filter(pk=pk).select_related("commitment").first()
    if comment is None:
        raise Http404(_("No such comment."))
    targets = [Target(pemda_id=plan.pemda_id)]
    if comment.commitment_id:
        targets.append(Target(pemda_id=comment.commitment.pemda_id))
    _staff(request, "rencanaaksi.comment.respond", *targets)
    form = forms.ResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_respond(actor=request.user, comment=comment, request=request,
                                     **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Your response is published."))
            return redirect("rencanaaksi:plan_manage", pemda=pemda.slug, plan=plan.slug)
    return render(request, "rencanaaksi/respond_form.html", {
        "plan": plan, "comment": comment, "form": form})


@_with_login
@require_http_methods(["GET", "POST"])
def commitment_create(request, pemda, plan):
    plan = _plan_or_404(pemda, plan)
    member_ids = list(plan.members.values_list("pemda_id", flat=True))
    allowed = [pid for pid in member_ids
               if policy.can(request.user, "rencanaaksi.commitment.manage", Target(pemda_id=pid))]
    if not allowed:
        _staff(request, "rencanaaksi.commitment.manage", Target(pemda_id=plan.pemda_id))
    if policy.can(request.user, "rencanaaksi.commitment.manage", Target(pemda_id=plan.pemda_id)):
        allowed = member_ids
    form = forms.CommitmentForm(
        request.POST or None, members=Pemda.objects.filter(pk__in=allowed).order_by("name"),
        opds=Opd.objects.filter(pemda_id__in=allowed, is_active=True).order_by("name"),
        initial={"pemda": pemda.pk if pemda.pk in allowed else None,
                 "start": plan.period_start, "end": plan.period_end})
    if request.method == "POST" and form.is_valid():
        try:
            c = services.commitment_create(actor=request.user, plan=plan, request=request,
                                           **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            return redirect("rencanaaksi:milestones", pemda=c.pemda.slug, pk=c.pk)
    return render(request, "rencanaaksi/form.html", {
        "form": form, "title": _("New commitment"), "wide": True,
        "cancel": reverse("rencanaaksi:plan_manage", kwargs={"pemda": pemda.slug,
                                                             "plan": plan.slug})})


@_with_login
@require_http_methods(["GET", "POST"])
def milestones_edit(request, pemda, pk):
    c = _commitment_or_404(pemda, pk)
    _staff(request, "rencanaaksi.commitment.manage", *_commitment_targets(c))
    existing = [{"title": m.title, "owner": m.owner, "start": m.start, "end": m.end,
                 "weight": m.weight, "evidence_expected": m.evidence_expected}
                for m in c.milestones.order_by("order")]
    rows = max(len(existing) + 2, 5)
    formset_class = forms.forms.formset_factory(forms.MilestoneForm, extra=rows - len(existing))
    formset = formset_class(request.POST or None, initial=existing, prefix="m")
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        wanted = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("title")]
        try:
            services.milestones_set(actor=request.user, commitment=c, milestones=wanted,
                                    request=request)
        except ValidationError as exc:
            filled = [f for f in formset.forms if f.cleaned_data.get("title")]
            for key, msgs in exc.message_dict.items():
                parts = key.split(".")
                if len(parts) == 3 and int(parts[1]) < len(filled):
                    form = filled[int(parts[1])]
                    for msg in msgs:
                        form.add_error(parts[2] if parts[2] in form.fields else None, msg)
                else:
                    errors.extend(msgs)
        else:
            messages.success(request, _("Milestones saved."))
            return redirect("rencanaaksi:commitment", pemda=c.pemda.slug, pk=c.pk)
    return render(request, "rencanaaksi/milestones_form.html", {
        "c": c, "formset": formset, "errors": errors})


@_with_login
@require_http_methods(["GET", "POST"])
def report_create(request, pemda, pk):
    c = _commitment_or_404(pemda, pk)
    _staff(request, "rencanaaksi.progress.report", *_commitment_targets(c))
    choices = [(str(m.pk), m.title) for m in c.milestones.order_by("order")
               if m.completed_on is None]
    form = forms.ReportForm(request.POST or None, request.FILES or None, milestones=choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_report(actor=request.user, commitment=c, request=request,
                                     **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Progress report published."))
            return redirect("rencanaaksi:commitment", pemda=c.pemda.slug, pk=c.pk)
    return render(request, "rencanaaksi/form.html", {
        "form": form, "title": _("Report progress"), "subtitle": c.title, "multipart": True,
        "cancel": reverse("rencanaaksi:commitment", kwargs={"pemda": c.pemda.slug,
                                                            "pk": c.pk})})


@_with_login
@require_http_methods(["GET", "POST"])
def assessment_edit(request, pemda, pk, side):
    c = _commitment_or_404(pemda, pk)
    if side not in Assessor.values:
        raise Http404(_("No such assessment."))
    action = ("rencanaaksi.assessment.monitor" if side == Assessor.MONITOR
              else "rencanaaksi.assessment.government")
    _staff(request, action, Target(pemda_id=c.pemda_id))
    form = forms.AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(actor=request.user, commitment=c, assessor=side,
                                       request=request, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Assessment published."))
            return redirect("rencanaaksi:commitment", pemda=c.pemda.slug, pk=c.pk)
    return render(request, "rencanaaksi/form.html", {
        "form": form, "title": Assessor(side).label, "subtitle": c.title,
        "cancel": reverse("rencanaaksi:commitment", kwargs={"pemda": c.pemda.slug,
                                                            "pk": c.pk})})


@_with_login
@require_http_methods(["GET", "POST"])
def indicator_add(request, pemda, pk):
    c = _commitment_or_404(pemda, pk)
    _staff(request, "rencanaaksi.commitment.manage", *_commitment_targets(c))
    choices = [(i.key, f"{i.label} ({i.unit})") for i in indicators.available(c.pemda)]
    form = forms.IndicatorForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_link(actor=request.user, commitment=c, request=request,
                                    **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            return redirect("rencanaaksi:commitment", pemda=c.pemda.slug, pk=c.pk)
    return render(request, "rencanaaksi/form.html", {
        "form": form, "title": _("Link a live indicator"), "subtitle": c.title,
        "empty": None if choices else _("No module of this pemda offers indicators yet."),
        "cancel": reverse("rencanaaksi:commitment", kwargs={"pemda": c.pemda.slug,
                                                            "pk": c.pk})})


@_with_login
@require_http_methods(["GET", "POST"])
def organisation_create(request, pemda):
    _staff(request, "rencanaaksi.organisation.manage", Target(pemda_id=pemda.pk))
    form = forms.OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organisation_create(actor=request.user, pemda=pemda, request=request,
                                               **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            return redirect("rencanaaksi:organisation", pemda=pemda.slug, slug=org.slug)
    return render(request, "rencanaaksi/form.html", {
        "form": form, "title": _("Add a partner organisation"),
        "cancel": reverse("rencanaaksi:plan_list", kwargs={"pemda": pemda.slug})})


@_with_login
@require_http_methods(["GET", "POST"])
def group_member_add(request, pemda, plan):
    plan = _plan_or_404(pemda, plan)
    _staff(request, "rencanaaksi.plan.manage", Target(pemda_id=plan.pemda_id))
    form = forms.GroupMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_member_add(actor=request.user, plan=plan, request=request,
                                      **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Added to the group."))
            return redirect("rencanaaksi:plan_manage", pemda=pemda.slug, plan=plan.slug)
    return render(request, "rencanaaksi/form.html", {
        "form": form, "title": _("Secretariat, working team and monitoring body"),
        "subtitle": plan.title,
        "cancel": reverse("rencanaaksi:plan_manage", kwargs={"pemda": pemda.slug,
                                                             "plan": plan.slug})})
