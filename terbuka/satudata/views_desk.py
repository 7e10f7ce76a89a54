"""The officials' data desk: produsen data draft and submit datasets, the walidata reviews,
returns with reasons and publishes, pembina data comment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from terbuka.core import policy
from terbuka.core.forms import apply_service_errors
from terbuka.core.models import Opd
from terbuka.core.policy import Target
from terbuka.satudata import selectors, services
from terbuka.satudata.ckan.convert import org_name
from terbuka.satudata.forms import CommentForm, DatasetForm, ResourceForm, TransitionForm
from terbuka.satudata.models import Dataset, Status


def _login(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _opd_choices(pemda):
    return [(org_name(o), o.name) for o in Opd.objects.filter(pemda=pemda, is_active=True)
            .select_related("pemda")]


def _dataset(request, pemda, name) -> Dataset:
    dataset = selectors.dataset_by_id_or_name(name, pemda=pemda)
    if dataset is None:
        raise Http404
    if not policy.can(request.user, "satudata.dataset.view_private", services.target(dataset)):
        raise PermissionDenied
    return dataset


def desk(request, pemda):
    if (response := _login(request)) is not None:
        return response
    if selectors.private_scope(request.user) is None:
        raise PermissionDenied
    status = request.GET.get("status", "")
    datasets = selectors.visible_datasets(user=request.user, pemda=pemda,
                                          include_private=True).select_related("owner_org")
    if status in Status.values:
        datasets = datasets.filter(status=status)
    return render(request, "satudata/desk.html", {
        "datasets": datasets.order_by("-metadata_modified")[:300], "status": status,
        "statuses": Status.choices,
        "can_create": policy.can(request.user, "satudata.dataset.create",
                                 Target(pemda_id=pemda.pk)) or any(
            policy.can(request.user, "satudata.dataset.create",
                       Target(pemda_id=pemda.pk, opd_id=o.pk))
            for o in Opd.objects.filter(pemda=pemda)),
    })


def dataset_new(request, pemda):
    if (response := _login(request)) is not None:
        return response
    form = DatasetForm(request.POST or None, opd_choices=_opd_choices(pemda))
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.dataset_create(actor=request.user, pemda=pemda,
                                              request=request, **form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("satudata:desk_dataset", pemda=pemda.slug, name=dataset.name)
    return render(request, "satudata/dataset_form.html", {"form": form, "dataset": None})


def dataset_edit(request, pemda, name):
    if (response := _login(request)) is not None:
        return response
    dataset = _dataset(request, pemda, name)
    policy.require(request.user, "satudata.dataset.update", services.target(dataset))
    initial = {
        **{f: getattr(dataset, f) for f in (
            "title", "name", "notes", "tema", "jenis", "satuan", "ukuran", "frekuensi",
            "hak_akses", "jenis_publisher", "kode_daftar_data", "tahun_prioritas",
            "periode_awal", "periode_akhir", "license_id")},
        "owner_org": org_name(dataset.owner_org) if dataset.owner_org_id else "",
        "tags": ", ".join(dataset.tags.values_list("name", flat=True)),
        "cakupan_wilayah": ", ".join(dataset.cakupan_wilayah.values_list("code", flat=True)),
    }
    form = DatasetForm(request.POST or None, initial=initial, opd_choices=_opd_choices(pemda))
    if request.method == "POST" and form.is_valid():
        try:
            services.dataset_update(actor=request.user, dataset=dataset,
                                    data=form.service_data(), request=request)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The metadata is saved."))
            return redirect("satudata:desk_dataset", pemda=pemda.slug,
                            name=form.cleaned_data["name"])
    return render(request, "satudata/dataset_form.html", {"form": form, "dataset": dataset})


def desk_dataset(request, pemda, name):
    if (response := _login(request)) is not None:
        return response
    dataset = _dataset(request, pemda, name)
    target = services.target(dataset)
    user = request.user
    allowed = {
        to: policy.can(user, action, target)
        for (frm, to), action in services.TRANSITIONS.items() if frm == dataset.status
    }
    return render(request, "satudata/desk_dataset.html", {
        "dataset": dataset,
        "resources": dataset.resources.all(),
        "events": dataset.review_events.all(),
        "comments": dataset.comments.all(),
        "revisions": dataset.revisions.all()[:20],
        "allowed": allowed,
        "can_edit": policy.can(user, "satudata.dataset.update", target),
        "can_comment": policy.can(user, "satudata.dataset.comment", target),
        "transition_form": TransitionForm(),
        "resource_form": ResourceForm(),
        "comment_form": CommentForm(),
        "missing": services._missing_metadata(dataset),
        "Status": Status,
    })


@require_POST
def dataset_transition(request, pemda, name, to_status):
    if (response := _login(request)) is not None:
        return response
    dataset = _dataset(request, pemda, name)
    form = TransitionForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        services.dataset_transition(
            actor=request.user, dataset=dataset, to_status=to_status,
            note=data.get("note", ""),
            checklist={k: data.get(k, False) for k in services.CHECKLIST}, request=request)
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            for error in errors:
                messages.error(request, f"{_field_label(field)}: {error}")
    else:
        messages.success(request, _("The dataset is now “%(status)s”.")
                         % {"status": Status(to_status).label})
    return redirect("satudata:desk_dataset", pemda=pemda.slug, name=dataset.name)


def _field_label(field: str) -> str:
    try:
        return str(Dataset._meta.get_field(field).verbose_name)
    except Exception:  # noqa: BLE001 (checklist, resources, note: not model fields)
        return {"resources": _("resources"), "note": _("note"),
                "checklist": _("checklist"), "license_id": _("licence")}.get(field, field)


@require_POST
def resource_add(request, pemda, name):
    if (response := _login(request)) is not None:
        return response
    dataset = _dataset(request, pemda, name)
    form = ResourceForm(request.POST, request.FILES)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        try:
            services.resource_create(actor=request.user, dataset=dataset, request=request,
                                     **data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    messages.error(request, f"{field}: {error}")
        else:
            messages.success(request, _("The resource is added."))
    else:
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{field}: {error}")
    return redirect("satudata:desk_dataset", pemda=pemda.slug, name=dataset.name)


@require_POST
def comment_add(request, pemda, name):
    if (response := _login(request)) is not None:
        return response
    dataset = _dataset(request, pemda, name)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.dataset_comment(actor=request.user, dataset=dataset,
                                     body=form.cleaned_data["body"], request=request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The comment is added."))
    return redirect("satudata:desk_dataset", pemda=pemda.slug, name=dataset.name)
