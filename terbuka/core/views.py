"""Web pages of the platform and of each pemda. Views validate input, call one service or
selector and render; permission decisions are the policy layer's."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from terbuka.core import policy, registry, selectors, services
from terbuka.core.forms import AuditFilterForm, OpdForm, apply_service_errors
from terbuka.core.models import Opd, OpdKind
from terbuka.core.policy import Target
from terbuka.core.tasks import pemda_summary_cached

AUDIT_PAGE_SIZE = 50


def _guard(request, action: str, target: Target):
    """Anonymous visitors are sent to log in; signed-in users without the right get a 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    policy.require(request.user, action, target)
    return None


def home(request):
    return render(request, "core/home.html", {"pemda_list": selectors.pemda_list()})


def pemda_home(request, pemda):
    modules = []
    for module in registry.enabled_modules(pemda):
        if module.name == "core":
            continue
        modules.append({"label": module.label, "links": _public_links(module, pemda)})
    return render(
        request,
        "core/pemda_home.html",
        {
            "modules": modules,
            "summary": pemda_summary_cached(pemda.pk),
        },
    )


def _public_links(module, pemda):
    links = []
    for item in module.menu:
        if item.staff or item.permission or not item.per_pemda:
            continue
        try:
            links.append(
                {"label": item.label, "url": reverse(item.url_name, kwargs={"pemda": pemda.slug})}
            )
        except NoReverseMatch:
            continue
    return links


def opd_list(request, pemda):
    kind_order = {value: i for i, value in enumerate(OpdKind.values)}
    opds = sorted(
        selectors.opd_list(pemda=pemda), key=lambda o: (kind_order.get(o.kind, 99), o.name)
    )
    groups = [
        {"label": OpdKind(kind).label if kind in kind_order else kind, "items": list(items)}
        for kind, items in groupby(opds, key=lambda o: o.kind)
    ]
    return render(
        request,
        "core/opd_list.html",
        {
            "groups": groups,
            "can_create": policy.can(request.user, "core.opd.create", Target(pemda.pk)),
            "can_update": policy.can(request.user, "core.opd.update", Target(pemda.pk)),
        },
    )


def opd_create(request, pemda):
    denied = _guard(request, "core.opd.create", Target(pemda.pk))
    if denied:
        return denied
    form = OpdForm(request.POST or None, pemda=pemda)
    if request.method == "POST" and form.is_valid():
        try:
            opd = services.opd_create(
                actor=request.user, pemda=pemda, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc, aliases={"region": "region_code"})
        else:
            messages.success(request, _("%(name)s was added.") % {"name": opd.name})
            return redirect("core:opd_list", pemda=pemda.slug)
    return render(request, "core/opd_form.html", {"form": form, "opd": None})


def opd_edit(request, pemda, opd_id: int):
    # Looked up inside the current pemda only, so another tenant's OPD id is a plain 404.
    opd = get_object_or_404(Opd, pk=opd_id, pemda=pemda)
    denied = _guard(request, "core.opd.update", Target(pemda.pk, opd_id=opd.pk))
    if denied:
        return denied
    form = OpdForm(request.POST or None, pemda=pemda, instance=opd)
    if request.method == "POST" and form.is_valid():
        try:
            opd = services.opd_update(
                actor=request.user, opd=opd, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc, aliases={"region": "region_code"})
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": opd.name})
            return redirect("core:opd_list", pemda=pemda.slug)
    return render(request, "core/opd_form.html", {"form": form, "opd": opd})


def audit_log(request, pemda):
    denied = _guard(request, "core.audit.view", Target(pemda.pk))
    if denied:
        return denied
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    form = AuditFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "actor": data["actor"] or None,
            "action": data["action"] or None,
            "object_type": data["object_type"] or None,
            "since": form.day_start(data["since"]),
            "until": form.day_end(data["until"]),
            "is_read": True if data["reads_only"] else None,
        }
    events = selectors.audit_events(pemda=pemda, **filters) if not form.errors else []
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [{"event": event, "changes": _change_rows(event.changes)} for event in page]
    return render(
        request,
        "core/audit_log.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


def _change_rows(changes) -> list[dict]:
    """audit.diff stores {field: [old, new]}; other recorders store {field: value}."""
    if not isinstance(changes, dict):
        return [{"field": "", "value": changes}]
    rows = []
    for field, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            rows.append({"field": field, "old": value[0], "new": value[1], "pair": True})
        else:
            rows.append({"field": field, "value": value})
    return rows
