"""Public pages beside the catalogue: Permintaan Data, the Forum Satu Data and the Kode
Referensi / Data Induk registry."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from terbuka.core.forms import apply_service_errors
from terbuka.core.models import Opd
from terbuka.satudata import codelists, data_requests
from terbuka.satudata.forms_public import DataRequestForm
from terbuka.satudata.models import CodeList, DataRequest, ForumMeeting


def request_list(request, pemda):
    items = DataRequest.objects.filter(pemda=pemda).select_related("opd", "dataset")
    page = Paginator(items, 30).get_page(request.GET.get("halaman"))
    return render(request, "satudata/request_list.html", {"page": page})


def request_new(request, pemda):
    opds = Opd.objects.filter(pemda=pemda, is_active=True)
    form = DataRequestForm(request.POST or None, opds=opds)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        opd_id = data.pop("opd")
        try:
            item = data_requests.data_request_submit(
                actor=request.user, pemda=pemda, request=request,
                opd=opds.filter(pk=opd_id).first() if opd_id else None, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Your request is recorded as %(number)s. Its status "
                                        "is public on this page.") % {"number": item.number})
            return redirect("satudata:request", pemda=pemda.slug, number=item.number)
    return render(request, "satudata/request_form.html", {"form": form})


def request_page(request, pemda, number):
    item = DataRequest.objects.filter(pemda=pemda, number=number).select_related(
        "opd", "dataset").first()
    if item is None:
        raise Http404(_("Data request not found."))
    return render(request, "satudata/request.html", {"item": item})


def forum_list(request, pemda):
    meetings = ForumMeeting.objects.filter(pemda=pemda).prefetch_related("follow_ups")
    return render(request, "satudata/forum_list.html", {"meetings": meetings})


def forum_meeting(request, pemda, meeting_id):
    meeting = ForumMeeting.objects.filter(pemda=pemda, pk=meeting_id).first()
    if meeting is None:
        raise Http404(_("Meeting not found."))
    return render(request, "satudata/forum_meeting.html", {
        "meeting": meeting, "follow_ups": meeting.follow_ups.all()})


def codelist_list(request, pemda):
    lists = CodeList.objects.filter(pemda=pemda, is_current=True).order_by("is_master", "key")
    return render(request, "satudata/codelist_list.html", {"lists": lists})


def codelist_page(request, pemda, key):
    version = request.GET.get("versi")
    code_list = codelists.codelist_current(
        pemda, key, int(version) if version and version.isdigit() else None)
    if code_list is None:
        raise Http404(_("Code list not found."))
    page = Paginator(code_list.codes.all(), 200).get_page(request.GET.get("halaman"))
    versions = CodeList.objects.filter(pemda=pemda, key=key).order_by("-version")
    return render(request, "satudata/codelist.html", {
        "code_list": code_list, "page": page, "versions": versions})
