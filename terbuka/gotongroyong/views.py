"""HTML pages of the gotongroyong app: public transparency (per desa, per programme, per
project, the signed LPJ) and the work pages where a kelompok's facilitator records a project
from plan to signed LPJ."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from terbuka.core import policy
from terbuka.core.forms import apply_service_errors
from terbuka.core.models import Place, PlaceKind, Region
from terbuka.core.policy import Target
from terbuka.gotongroyong import odf, selectors, services
from terbuka.gotongroyong.forms import (
    HouseForm,
    HouseholdForm,
    HouseRecordForm,
    KelompokForm,
    PhotoForm,
    ProgrammeForm,
    ProgressForm,
    ProjectForm,
    SignForm,
    TrancheForm,
    VerificationForm,
)
from terbuka.gotongroyong.models import (
    House,
    Kelompok,
    Photo,
    Programme,
    ProgrammeKind,
    Project,
    ProjectKind,
)


def _odf_label(status):
    # translated per request
    return {
        odf.NO_DATA: _("No data"), odf.NOT_YET: _("Not yet ODF"),
        odf.AWAITING: _("Awaiting verification"), odf.ODF: _("ODF verified"),
    }[status]


def _login_or_403(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(_("You are not allowed to see this page."))


def _can(request, action, project_or_region) -> bool:
    code = getattr(project_or_region, "desa_id", project_or_region)
    return policy.can(request.user, action, Target(request.pemda.pk, region_code=code))


# --- public -------------------------------------------------------------------------------------


def public_home(request, pemda):
    kind = request.GET.get("jenis") or None
    if kind not in ProjectKind.values:
        kind = None
    qs = selectors.projects(pemda, kind=kind)
    return render(request, "gotongroyong/public_home.html", {
        "totals": selectors.totals(qs), "desa_rows": selectors.desa_rows(pemda, qs),
        "projects": qs[:50],
        "points": selectors.map_points(qs), "programmes": selectors.programmes(pemda),
        "kinds": ProjectKind.choices, "kind": kind, "can_work": _may_work(request, pemda),
    })


def public_desa(request, pemda, code: str):
    if not code.startswith(pemda.region_id + "."):
        raise Http404
    region = get_object_or_404(Region, code=code)
    qs = selectors.projects(pemda, desa=code)
    return render(request, "gotongroyong/public_desa.html", {
        "region": region, "projects": qs, "totals": selectors.totals(qs),
        "points": selectors.map_points(qs),
    })


def public_programme(request, pemda, slug: str):
    programme = get_object_or_404(Programme, pemda=pemda, slug=slug)
    qs = selectors.projects(pemda, programme=programme)
    context = {"programme": programme, "projects": qs, "totals": selectors.totals(qs),
               "desa_rows": selectors.desa_rows(pemda, qs)}
    if programme.kind == ProgrammeKind.SANITASI:
        rows = selectors.desa_statuses(programme)
        for row in rows:
            row["label"] = _odf_label(row["status"])
        context["odf_rows"] = rows
        context["odf_count"] = sum(1 for r in rows if r["status"] == odf.ODF)
    if programme.kind == ProgrammeKind.REHAB_RUMAH:
        context["houses"] = selectors.house_summary(programme)
    return render(request, "gotongroyong/public_programme.html", context)


def public_project(request, pemda, project_id: int):
    project = get_object_or_404(
        Project.objects.select_related("kelompok", "programme", "dusun"), pk=project_id,
        pemda=pemda)
    return render(request, "gotongroyong/public_project.html", {
        "project": project, "desa": Region.objects.filter(code=project.desa_id).first(),
        "tranches": project.tranches.all(), "progress": project.progress.all(),
        "photos": project.photos.all(),
        "can_record": _can(request, "gotongroyong.project.record", project),
    })


def photo_file(request, pemda, photo_id: int):
    photo = get_object_or_404(Photo, pk=photo_id, project__pemda=pemda)
    try:
        handle = photo.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, content_type="image/jpeg")


def lpj(request, pemda, project_id: int):
    """The one-page LPJ: public once signed (its frozen copy); before that only for those who
    record the project, as a draft to check and print."""
    project = get_object_or_404(Project.objects.select_related("kelompok", "dusun"),
                                pk=project_id, pemda=pemda)
    can_record = _can(request, "gotongroyong.project.record", project)
    if not project.is_signed and not can_record:
        return _login_or_403(request)
    content = project.lpj_snapshot if project.is_signed else services.lpj_content(project)
    form = None
    if can_record and not project.is_signed:
        form = SignForm(request.POST or None, initial={
            "signed_on": datetime.date.today(),
            "signed_by": content["officers"].get("ketua", "")})
        if request.method == "POST" and form.is_valid():
            try:
                services.lpj_sign(actor=request.user, project=project, request=request,
                                  **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("The accountability report is signed."))
                return redirect("gotongroyong:lpj", pemda=pemda.slug, project_id=project.pk)
    desa = Region.objects.filter(code=content["desa"]).first()
    return render(request, "gotongroyong/lpj.html", {
        "project": project, "c": content, "desa": desa, "form": form,
        "kind_label": ProjectKind(content["kind"]).label,
    })


# --- work pages ---------------------------------------------------------------------------------


def _may_work(request, pemda) -> bool:
    allowed = {str(r) for r in policy.actions()["gotongroyong.staff.view"].allow}
    user = request.user
    return user.is_authenticated and (user.is_superuser
                                      or bool(policy.roles_of(user, pemda.pk) & allowed))


def _work_guard(request, pemda):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not _may_work(request, pemda):
        raise PermissionDenied(_("You are not allowed to see this page."))
    return None


def work(request, pemda):
    denied = _work_guard(request, pemda)
    if denied:
        return denied
    visible = [p for p in selectors.projects(pemda)
               if _can(request, "gotongroyong.staff.view", p)]
    return render(request, "gotongroyong/work.html", {
        "projects": visible,
        "programmes": [p for p in selectors.programmes(pemda)
                       if p.kind in (ProgrammeKind.SANITASI, ProgrammeKind.REHAB_RUMAH)],
        "can_manage": policy.can(request.user, "gotongroyong.programme.manage",
                                 Target(pemda.pk)),
    })


def programme_create(request, pemda):
    denied = _work_guard(request, pemda)
    if denied:
        return denied
    policy.require(request.user, "gotongroyong.programme.manage", Target(pemda.pk))
    form = ProgrammeForm(request.POST or None,
                         initial={"start_year": datetime.date.today().year})
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.user, pemda=pemda,
                                                  request=request, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": programme.name})
            return redirect("gotongroyong:work", pemda=pemda.slug)
    return render(request, "gotongroyong/form.html", {"form": form, "title": _("New programme")})


def houses_work(request, pemda, slug: str):
    """Record houses of a reconstruction programme and move each through its stages."""
    programme = get_object_or_404(Programme, pemda=pemda, slug=slug,
                                  kind=ProgrammeKind.REHAB_RUMAH)
    denied = _work_guard(request, pemda)
    if denied:
        return denied
    which = request.POST.get("form") if request.method == "POST" else None
    record_form = HouseRecordForm(request.POST if which == "record" else None, prefix="record")
    update_form = HouseForm(request.POST if which == "update" else None, prefix="update")
    if which == "record" and record_form.is_valid():
        try:
            services.house_record(actor=request.user, programme=programme, request=request,
                                  **record_form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(record_form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(request.get_full_path())
    if which == "update" and update_form.is_valid():
        house = get_object_or_404(House, pk=request.POST.get("house"), programme=programme)
        try:
            services.house_update(actor=request.user, house=house, request=request,
                                  **update_form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(update_form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(request.get_full_path())
    houses = [h for h in House.objects.filter(programme=programme).order_by("desa_id", "owner_name")
              if _can(request, "gotongroyong.staff.view", h)]
    return render(request, "gotongroyong/houses_work.html", {
        "programme": programme, "houses": houses, "record_form": record_form,
        "update_form": update_form, "summary": selectors.house_summary(programme),
    })


def kelompok_create(request, pemda):
    denied = _work_guard(request, pemda)
    if denied:
        return denied
    form = KelompokForm(request.POST or None, pemda=pemda)
    if request.method == "POST" and form.is_valid():
        try:
            kelompok = services.kelompok_create(actor=request.user, pemda=pemda, request=request,
                                                **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": kelompok.name})
            return redirect("gotongroyong:project_create", pemda=pemda.slug)
    return render(request, "gotongroyong/form.html", {
        "form": form, "title": _("New community group")})


def project_create(request, pemda):
    denied = _work_guard(request, pemda)
    if denied:
        return denied
    kelompok_qs = Kelompok.objects.filter(pemda=pemda).order_by("name")
    form = ProjectForm(request.POST or None, pemda=pemda, kelompok_qs=kelompok_qs,
                       initial={"year": datetime.date.today().year})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v is not None}
        try:
            project = services.project_create(actor=request.user, pemda=pemda, request=request,
                                              **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The project plan was saved."))
            return redirect("gotongroyong:project_work", pemda=pemda.slug,
                            project_id=project.pk)
    return render(request, "gotongroyong/form.html", {
        "form": form, "title": _("New gotong royong project")})


FORMS = {"tranche": TrancheForm, "progress": ProgressForm, "photo": PhotoForm}


@require_http_methods(["GET", "POST"])
def project_work(request, pemda, project_id: int):
    project = get_object_or_404(Project.objects.select_related("kelompok"), pk=project_id,
                                pemda=pemda)
    if not _can(request, "gotongroyong.project.record", project):
        return _login_or_403(request)
    which = request.POST.get("form") if request.method == "POST" else None
    forms = {}
    for name, cls in FORMS.items():
        bound = which == name
        forms[name] = cls(request.POST if bound else None,
                          request.FILES if bound else None,
                          prefix=name, initial={"reported_on": datetime.date.today(),
                                                "paid_on": datetime.date.today()})
    if which in forms and forms[which].is_valid():
        data = {k: v for k, v in forms[which].cleaned_data.items() if v is not None}
        try:
            if which == "tranche":
                services.tranche_record(actor=request.user, project=project, request=request,
                                        **data)
            elif which == "progress":
                services.progress_record(actor=request.user, project=project, request=request,
                                         **data)
            else:
                upload = data.pop("image")
                services.photo_add(actor=request.user, project=project, request=request,
                                   data=upload.read(), **data)
        except ValidationError as exc:
            apply_service_errors(forms[which], exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("gotongroyong:project_work", pemda=pemda.slug,
                            project_id=project.pk)
    project.refresh_from_db()
    return render(request, "gotongroyong/project_work.html", {
        "project": project, "forms": forms, "tranches": project.tranches.all(),
        "progress": project.progress.all(), "photos": project.photos.all(),
        "members": project.kelompok.members.all(),
    })


def sanitation_work(request, pemda, slug: str):
    programme = get_object_or_404(Programme, pemda=pemda, slug=slug, kind=ProgrammeKind.SANITASI)
    denied = _work_guard(request, pemda)
    if denied:
        return denied
    which = request.POST.get("form") if request.method == "POST" else None
    household_form = HouseholdForm(request.POST if which == "household" else None, pemda=pemda,
                                   prefix="household",
                                   initial={"recorded_on": datetime.date.today()})
    verify_form = VerificationForm(request.POST if which == "verify" else None, pemda=pemda,
                                   prefix="verify",
                                   initial={"verified_on": datetime.date.today()})
    form = {"household": household_form, "verify": verify_form}.get(which)
    if form is not None and form.is_valid():
        try:
            if which == "household":
                services.household_record(actor=request.user, programme=programme,
                                          request=request, **form.cleaned_data)
            else:
                services.odf_verify(actor=request.user, programme=programme, request=request,
                                    **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(request.get_full_path())
    desa = request.GET.get("desa", "")
    households = []
    if desa and _can(request, "gotongroyong.staff.view", desa):
        households = selectors.households_for_staff(actor=request.user, programme=programme,
                                                    desa=desa, request=request)
    rows = selectors.desa_statuses(programme)
    for row in rows:
        row["label"] = _odf_label(row["status"])
        row["dusun"] = selectors.dusun_statuses(programme, row["code"])
        for d in row["dusun"]:
            d["label"] = _odf_label(d["status"])
    return render(request, "gotongroyong/sanitation_work.html", {
        "programme": programme, "household_form": household_form, "verify_form": verify_form,
        "rows": rows, "desa": desa, "households": households,
        "dusun_count": Place.objects.filter(pemda=pemda, kind=PlaceKind.DUSUN).count(),
    })
