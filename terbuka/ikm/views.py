"""Pages of the ikm app: public results, the public questionnaire, and period management."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terbuka.core import policy
from terbuka.core.forms import apply_service_errors
from terbuka.core.policy import Target
from terbuka.ikm import selectors, services
from terbuka.ikm.forms import PeriodForm, SurveyForm
from terbuka.ikm.formula import ELEMENTS
from terbuka.ikm.models import ELEMENT_LABELS

GRADE_LABELS = {
    "A": gettext_lazy("A · very good"), "B": gettext_lazy("B · good"),
    "C": gettext_lazy("C · less good"), "D": gettext_lazy("D · not good"),
}


def _unit(pemda, unit_id):
    unit = selectors.unit_get(pemda=pemda, unit_id=unit_id)
    if unit is None:
        raise Http404(_("No such service unit."))
    return unit


def _ref(request) -> str:
    return (request.GET.get("ref") or request.POST.get("ref") or "").strip()[:40]


def index(request, pemda):
    today = timezone.localdate()
    return render(request, "ikm/index.html", {
        "summaries": selectors.unit_summaries(pemda=pemda, today=today),
        "grade_labels": GRADE_LABELS,
    })


def _bars(series):
    """Rows for a CSS bar chart: IKM 25–100 drawn as width from 0 to 100 %."""
    return [{"label": label, "result": result,
             "width": float(result.score) if result else 0} for label, result in series]


def unit_results(request, pemda, unit_id: int):
    unit = _unit(pemda, unit_id)
    today = timezone.localdate()
    label, result = selectors.current(unit=unit, today=today)
    elements = []
    if result:
        elements = [{"label": ELEMENT_LABELS[e], "nrr": result.nrr[e],
                     "nrr_width": float(result.nrr[e]) * 25} for e in ELEMENTS]
    return render(request, "ikm/unit.html", {
        "unit": unit, "label": label, "result": result, "elements": elements,
        "grade_labels": GRADE_LABELS,
        "periods": selectors.period_results(unit=unit),
        "quarters": _bars(selectors.quarterly_series(unit=unit, today=today)),
        "profile": selectors.profile(selectors.responses_for(unit=unit)),
    })


def fill(request, pemda, unit_id: int):
    unit = _unit(pemda, unit_id)
    ref = _ref(request)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.response_submit(
                actor=request.user, unit=unit, answers={e: data[e] for e in ELEMENTS},
                age=data["age"], sex=data["sex"], education=data["education"],
                occupation=data["occupation"], service=data["service"],
                suggestion=data["suggestion"], ref=ref, request=request,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            url = reverse("ikm:thanks", kwargs={"pemda": pemda.slug})
            return redirect(f"{url}?{urlencode({'unit': unit.pk})}")
    return render(request, "ikm/fill.html", {"unit": unit, "form": form, "ref": ref})


def fill_for_opd(request, pemda, opd_id: int):
    """An invitation that only knows the OPD: straight to its unit when it has one, else a
    choice, keeping the reference."""
    units = [u for u in selectors.unit_list(pemda=pemda) if u.opd_id == opd_id]
    ref = _ref(request)
    query = f"?{urlencode({'ref': ref})}" if ref else ""
    if len(units) == 1:
        return redirect(reverse("ikm:fill", kwargs={"pemda": pemda.slug,
                                                    "unit_id": units[0].pk}) + query)
    if not units:
        units = list(selectors.unit_list(pemda=pemda))
    return render(request, "ikm/choose.html", {"units": units, "query": query})


def thanks(request, pemda):
    unit = None
    if (request.GET.get("unit") or "").isdigit():
        unit = selectors.unit_get(pemda=pemda, unit_id=int(request.GET["unit"]))
    return render(request, "ikm/thanks.html", {"unit": unit})


def manage(request, pemda):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    units = [u for u in selectors.unit_list(pemda=pemda)
             if policy.can(request.user, "ikm.period.manage",
                           Target(pemda.pk, opd_id=u.opd_id, region_code=u.region_id))]
    if not units:
        raise PermissionDenied(_("You are not allowed to manage IKM survey periods here."))
    form = PeriodForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = next(u for u in units if u.pk == data.pop("unit"))
        try:
            period = services.period_create(actor=request.user, unit=unit, request=request,
                                            **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": period.name})
            return redirect("ikm:manage", pemda=pemda.slug)
    rows = [{"unit": u, "periods": selectors.period_results(unit=u)} for u in units]
    return render(request, "ikm/manage.html", {"form": form, "rows": rows})
