"""Pages of the layanan app: service standards published per OPD, the restructuring history,
and the form where an OPD writes its standards."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terbuka.core import policy
from terbuka.core.forms import AccessibleForm, apply_service_errors
from terbuka.core.models import Opd, UnitLayanan
from terbuka.core.policy import Target
from terbuka.layanan import selectors, services
from terbuka.layanan.models import ChangeKind, ServiceStandard


def _other_module_links(pemda, opd, unit=None) -> list[dict]:
    """Links to this OPD's complaints and IKM results, when those modules are installed and
    on: reversed by name, silently left out when they are not."""
    wanted = [
        (_("Complain about this service"), "aduan:submit", {}, f"?opd={opd.pk}"),
        (_("Complaints statistics"), "aduan:statistics", {}, f"?opd={opd.pk}"),
        (_("Give your opinion (IKM survey)"), "ikm:fill_opd", {"opd_id": opd.pk}, ""),
    ]
    if unit is not None:
        wanted.insert(2, (_("Satisfaction (IKM) results of this unit"), "ikm:unit",
                          {"unit_id": unit.pk}, ""))
    links = []
    for label, name, kwargs, query in wanted:
        module = name.split(":")[0]
        if not pemda.uses_module(module):
            continue
        try:
            url = reverse(name, kwargs={"pemda": pemda.slug, **kwargs})
        except NoReverseMatch:
            continue
        links.append({"label": label, "url": url + query})
    return links


def index(request, pemda):
    return render(request, "layanan/index.html", {
        "opds": selectors.opd_with_standards(pemda),
        "has_history": selectors.history(pemda).exists(),
    })


def opd_page(request, pemda, opd_id: int):
    opd = get_object_or_404(Opd, pk=opd_id, pemda=pemda)
    can_manage = policy.can(request.user, "layanan.standard.manage",
                            Target(pemda.pk, opd_id=opd.pk))
    items = []
    for standard in selectors.standards(opd, published_only=not can_manage):
        items.append({"s": standard, "links": _other_module_links(pemda, opd, standard.unit)})
    return render(request, "layanan/opd.html", {
        "opd": opd, "items": items, "links": _other_module_links(pemda, opd),
        "can_manage": can_manage,
        "predecessors": opd.predecessor_links.select_related("restructuring"),
    })


def history(request, pemda):
    return render(request, "layanan/history.html", {
        "history": selectors.history(pemda),
        "can_record": policy.can(request.user, "layanan.restructuring.record",
                                 Target(pemda.pk)),
    })


class RestructuringForm(AccessibleForm, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Change"), choices=ChangeKind.choices)
    effective_on = forms.DateField(label=gettext_lazy("Effective on"),
                                   widget=forms.DateInput(attrs={"type": "date"}))
    regulation = forms.CharField(label=gettext_lazy("Regulation"), max_length=200)
    old = forms.CharField(
        label=gettext_lazy("Old units"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One per line: the name or acronym of a recorded OPD, or the "
                               "name of a unit that no longer exists."))
    new = forms.ModelMultipleChoiceField(label=gettext_lazy("Successors"), required=False,
                                         queryset=Opd.objects.none(),
                                         widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)


def restructuring_create(request, pemda):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    policy.require(request.user, "layanan.restructuring.record", Target(pemda.pk))
    form = RestructuringForm(request.POST or None)
    form.fields["new"].queryset = Opd.objects.filter(pemda=pemda).order_by("name")
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["old"] = [selectors.opd_by_name(pemda, line) or line.strip()
                       for line in data["old"].splitlines() if line.strip()]
        data["new"] = list(data["new"])
        try:
            services.restructuring_record(actor=request.user, pemda=pemda, request=request,
                                          **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("layanan:history", pemda=pemda.slug)
    return render(request, "layanan/restructuring_form.html", {"form": form})


class StandardForm(AccessibleForm, forms.Form):
    name = forms.CharField(label=gettext_lazy("Service"), max_length=200)
    unit = forms.ModelChoiceField(label=gettext_lazy("Service unit"), required=False,
                                  queryset=UnitLayanan.objects.none())
    legal_basis = forms.CharField(label=gettext_lazy("Legal basis"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    requirements = forms.CharField(label=gettext_lazy("Requirements"),
                                   widget=forms.Textarea(attrs={"rows": 4}))
    procedure = forms.CharField(label=gettext_lazy("Procedure"),
                                widget=forms.Textarea(attrs={"rows": 4}))
    duration = forms.CharField(label=gettext_lazy("Time to complete"), max_length=120)
    duration_days = forms.IntegerField(label=gettext_lazy("Working days"), required=False,
                                       min_value=0)
    cost = forms.CharField(label=gettext_lazy("Cost or tariff"), max_length=200)
    cost_amount = forms.DecimalField(label=gettext_lazy("Cost (Rp)"), required=False,
                                     min_value=0, decimal_places=0)
    product = forms.CharField(label=gettext_lazy("Product of the service"), max_length=200)
    complaint_channel = forms.CharField(
        label=gettext_lazy("Complaints, suggestions and feedback"),
        widget=forms.Textarea(attrs={"rows": 2}))
    effective_on = forms.DateField(label=gettext_lazy("In force since"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    is_published = forms.BooleanField(label=gettext_lazy("Published"), required=False)


def standard_edit(request, pemda, opd_id: int, standard_id: int | None = None):
    opd = get_object_or_404(Opd, pk=opd_id, pemda=pemda)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    policy.require(request.user, "layanan.standard.manage", Target(pemda.pk, opd_id=opd.pk))
    standard = get_object_or_404(ServiceStandard, pk=standard_id, opd=opd) \
        if standard_id else None
    initial = {f: getattr(standard, f) for f in StandardForm.base_fields} if standard else {}
    form = StandardForm(request.POST or None, initial=initial)
    form.fields["unit"].queryset = UnitLayanan.objects.filter(opd=opd)
    if request.method == "POST" and form.is_valid():
        try:
            services.standard_save(actor=request.user, opd=opd, standard=standard,
                                   request=request, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("layanan:opd", pemda=pemda.slug, opd_id=opd.pk)
    return render(request, "layanan/standard_form.html", {"form": form, "opd": opd,
                                                          "standard": standard})
