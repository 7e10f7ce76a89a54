"""Pages of the sosial app: public suppressed figures, and the register for officers (every
list and case opened is logged by the selectors)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from terbuka.core import policy
from terbuka.core.forms import apply_service_errors
from terbuka.core.policy import Target
from terbuka.sosial import selectors, services
from terbuka.sosial.forms import (
    AidForm,
    AssessmentForm,
    CaseForm,
    DtsenForm,
    FollowUpForm,
    OpdReferralForm,
    RespondForm,
)
from terbuka.sosial.models import CaseStatus, OpdReferral


def _signed_in(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def public(request, pemda):
    by_category, by_kecamatan = selectors.aggregate_rows(pemda)
    return render(request, "sosial/public.html", {
        "by_category": by_category, "by_kecamatan": by_kecamatan,
    })


def case_list(request, pemda):
    denied = _signed_in(request)
    if denied:
        return denied
    status = request.GET.get("status", "")
    status = status if status in CaseStatus.values else ""
    category = request.GET.get("kategori", "")[:10]
    cases = selectors.case_list(actor=request.user, pemda=pemda, status=status,
                                category=category, request=request)[:200]
    return render(request, "sosial/case_list.html", {
        "cases": cases, "status": status, "category": category,
        "statuses": CaseStatus.choices, "categories": selectors.categories(),
        "can_manage": selectors.reach(request.user, pemda, "sosial.case.manage") is not None,
        "can_import": policy.can(request.user, "sosial.dtsen.import",
                                 Target(pemda.pk, region_code=pemda.region_id)),
    })


def case_create(request, pemda):
    denied = _signed_in(request)
    if denied:
        return denied
    form = CaseForm(request.POST or None, categories=selectors.categories(),
                    initial={"found_on": datetime.date.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person_fields = {k: data[k] for k in ("name", "nik", "kk_number", "sex", "birth_date",
                                              "desa", "address")}
        case_fields = {k: data[k] for k in ("categories", "disability_type", "found_by",
                                            "found_on", "summary")}
        try:
            with transaction.atomic():
                person = services.person_register(actor=request.user, pemda=pemda,
                                                  request=request, **person_fields)
                case = services.case_open(actor=request.user, person=person, request=request,
                                          **case_fields)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except PermissionDenied as exc:
            # e.g. a desa outside the officer's region: said beside the form, not a 403 page
            form.add_error("desa", str(exc))
        else:
            messages.success(request, case.ref)
            return redirect("sosial:case_detail", pemda=pemda.slug, case_id=case.pk)
    return render(request, "sosial/case_form.html", {"form": form})


FORMS = {"assessment": AssessmentForm, "aid": AidForm, "refer": OpdReferralForm,
         "respond": RespondForm, "followup": FollowUpForm}
NEEDS_PEMDA = {"aid", "refer"}


def case_detail(request, pemda, case_id: int):
    denied = _signed_in(request)
    if denied:
        return denied
    case = selectors.case_detail(actor=request.user, pemda=pemda, case_id=case_id,
                                 request=request)
    which = request.POST.get("form") if request.method == "POST" else None
    today = datetime.date.today()
    initial = {"assessed_on": today, "given_on": today, "sent_on": today, "on": today}
    forms = {}
    for name, cls in FORMS.items():
        kwargs = {"pemda": pemda} if name in NEEDS_PEMDA else {}
        forms[name] = cls(request.POST if which == name else None, prefix=name,
                          initial=initial, **kwargs)
    if which in forms and forms[which].is_valid():
        data = dict(forms[which].cleaned_data)
        try:
            if which == "assessment":
                services.assessment_record(actor=request.user, case=case, request=request,
                                           **data)
            elif which == "aid":
                services.aid_record(actor=request.user, case=case, request=request, **data)
            elif which == "refer":
                services.opd_referral_send(actor=request.user, case=case, request=request,
                                           **data)
            elif which == "respond":
                referral = get_object_or_404(OpdReferral, pk=data.pop("referral"), case=case)
                services.opd_referral_respond(actor=request.user, referral=referral,
                                              request=request, **data)
            else:
                services.follow_up(actor=request.user, case=case, request=request, **data)
        except ValidationError as exc:
            apply_service_errors(forms[which], exc)
        except PermissionDenied as exc:
            forms[which].add_error(None, str(exc))
        else:
            messages.success(request, case.ref)
            return redirect("sosial:case_detail", pemda=pemda.slug, case_id=case.pk)
    return render(request, "sosial/case_detail.html", {
        "case": case, "forms": forms, "is_open": case.status != CaseStatus.CLOSED,
        "can_manage": policy.can(request.user, "sosial.case.manage",
                                 Target(pemda.pk, region_code=case.desa_id)),
    })


def dtsen_import(request, pemda):
    denied = _signed_in(request)
    if denied:
        return denied
    policy.require(request.user, "sosial.dtsen.import",
                   Target(pemda.pk, region_code=pemda.region_id))
    form = DtsenForm(request.POST or None, request.FILES or None,
                     initial={"as_of": datetime.date.today()})
    result = None
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        try:
            result = services.dtsen_import(actor=request.user, pemda=pemda, text=text,
                                           as_of=form.cleaned_data["as_of"], request=request)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return render(request, "sosial/dtsen.html", {"form": form, "result": result})


def opd_inbox(request, pemda):
    """Where an OPD answers the PMKS referrals sent to it."""
    denied = _signed_in(request)
    if denied:
        return denied
    form = RespondForm(request.POST or None, prefix="respond")
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        referral = get_object_or_404(OpdReferral, pk=data.pop("referral"), case__pemda=pemda)
        try:
            services.opd_referral_respond(actor=request.user, referral=referral,
                                          request=request, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, referral.case.ref)
            return redirect("sosial:opd_inbox", pemda=pemda.slug)
    referrals = selectors.opd_referrals_inbox(actor=request.user, pemda=pemda, request=request)
    if not referrals and not policy.roles_of(request.user, pemda.pk) & {
            str(r) for r in policy.actions()["sosial.opdreferral.respond"].allow}:
        raise PermissionDenied
    return render(request, "sosial/opd_inbox.html", {"referrals": referrals, "form": form})
