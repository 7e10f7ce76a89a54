"""Pages of the saluran app: webhooks, the triage queue, public status of channel items,
the LAPOR! exchange page and the monthly statistics."""

from __future__ import annotations

import hashlib
import json

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from terbuka.aduan import selectors as aduan_selectors
from terbuka.aduan.models import Kind, public_status_label
from terbuka.core import policy, publishing
from terbuka.core.forms import apply_service_errors
from terbuka.core.policy import Target
from terbuka.saluran import lapor, selectors, services
from terbuka.saluran.adapters import ADAPTERS
from terbuka.saluran.forms import DismissForm, LaporImportForm, PromoteForm
from terbuka.saluran.models import ChannelAccount, TriageStatus

MAX_BODY = 1_000_000


def _guard(request, pemda, action):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    policy.require(request.user, action, Target(pemda.pk))
    return None


# --- webhooks --------------------------------------------------------------------------------


def _refuse(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=status)


@csrf_exempt
def webhook(request, pemda, platform: str):
    """GET: the platform's subscription check. POST: a signed delivery of events."""
    adapter = ADAPTERS.get(platform)
    account = ChannelAccount.objects.filter(pemda=pemda, platform=platform,
                                            is_active=True).first()
    if adapter is None or account is None:
        raise Http404(_("No such channel."))
    if request.method == "GET":
        status, answer = adapter.handshake(account, request.GET)
        if status != 200:
            return _refuse(status, "handshake_refused", _("The verification was refused."))
        if isinstance(answer, dict):
            return JsonResponse(answer)
        return HttpResponse(answer, content_type="text/plain")
    if request.method != "POST":
        return _refuse(405, "method_not_allowed", _("Use GET or POST."))
    body = request.body
    if len(body) > MAX_BODY:
        return _refuse(413, "too_large", _("The delivery is too large."))
    if not adapter.verify(account, body, request.headers):
        return _refuse(403, "bad_signature", _("The signature is missing or wrong."))
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        services.triage_receive(
            pemda=pemda, source="x" if platform == "x" else "facebook",
            text=_("Signed delivery that is not JSON"),
            raw={"body": body[:10000].decode("utf-8", "replace")}, problem="bad_json",
            external_id=f"badjson:{hashlib.sha256(body).hexdigest()[:32]}")
        return _refuse(400, "bad_json", _("The body is not JSON; it was kept for an operator."))
    parsed = adapter.parse(payload)
    if not adapter.is_fresh(parsed):
        return _refuse(409, "stale", _("The events are too old; a replay is refused."))
    try:
        counts = services.webhook_accept(pemda=pemda, platform=platform, body=body,
                                         parsed=parsed, payload=payload)
    except ValidationError:
        return _refuse(409, "replayed", _("This delivery was already received."))
    return JsonResponse({"accepted": counts})


# --- public pages ----------------------------------------------------------------------------


def status(request, pemda, number: str):
    """The public state of a complaint by its tracking number (for links in SMS and chat
    replies when the aduan module has no tracking page)."""
    complaint = aduan_selectors.complaint_by_tracking(pemda, number)
    if complaint is None:
        raise Http404(_("No complaint has this number."))
    return render(request, "saluran/status.html", {
        "complaint": complaint, "label": public_status_label(complaint.status),
        "events": aduan_selectors.public_events(complaint) if complaint.is_public else [],
        "rating_link": services.rating_link(complaint),
    })


def triage_public(request, pemda, reference: str):
    item = selectors.triage_public(pemda=pemda, reference=reference)
    if item is None:
        raise Http404(_("No report has this reference."))
    link = ""
    if item.complaint_id:
        link = services.tracking_link(pemda, item.complaint.tracking_number)
    return render(request, "saluran/triage_public.html", {"item": item, "link": link})


def statistics(request, pemda):
    rows = selectors.monthly_rows(pemda=pemda)
    columns = [publishing.Column("jumlah", "integer", count=True),
               publishing.Column("dijawab", "integer", count=True)]
    rows = publishing.suppress_small_counts(rows, columns)
    totals = [r for r in rows if r["dimensi"] == "total"]
    peak = max((r["jumlah"] for r in totals if isinstance(r["jumlah"], int)), default=0)
    ikm = selectors.ikm_by_month(pemda=pemda)
    for row in totals:
        value = row["jumlah"]
        row["width"] = round(100 * value / peak) if isinstance(value, int) and peak else 0
        row["ikm"] = ikm.get(row["bulan"])
    latest = totals[-1]["bulan"] if totals else ""
    return render(request, "saluran/statistics.html", {
        "totals": totals, "latest": latest,
        "breakdown": [r for r in rows if r["bulan"] == latest and r["dimensi"] != "total"],
        "threshold": publishing.suppression_threshold(),
        "can_publish": policy.can(request.user, "saluran.stats.publish", Target(pemda.pk)),
    })


def statistics_publish(request, pemda):
    denied = _guard(request, pemda, "saluran.stats.publish")
    if denied:
        return denied
    if request.method != "POST":
        return redirect("saluran:statistics", pemda=pemda.slug)
    reference = services.stats_publish(actor=request.user, pemda=pemda, request=request)
    if reference:
        messages.success(request, _("Published to Satu Data as %(ref)s.") % {"ref": reference})
    else:
        messages.warning(request, _("No Satu Data catalog takes the table here yet."))
    return redirect("saluran:statistics", pemda=pemda.slug)


# --- triage for operators --------------------------------------------------------------------


def triage_list(request, pemda):
    denied = _guard(request, pemda, "saluran.triage.handle")
    if denied:
        return denied
    state = request.GET.get("status", TriageStatus.NEW)
    if state not in TriageStatus.values and state != "":
        state = TriageStatus.NEW
    items = selectors.triage_queue(pemda=pemda, status=state)[:200]
    return render(request, "saluran/triage_list.html", {
        "items": items, "state": state, "states": TriageStatus.choices})


def triage_detail(request, pemda, pk: int):
    denied = _guard(request, pemda, "saluran.triage.handle")
    if denied:
        return denied
    item = selectors.triage_item(actor=request.user, pemda=pemda, pk=pk, request=request)
    if item is None:
        raise Http404(_("No such triage item."))
    promote = PromoteForm(pemda=pemda, initial={"body": item.text, "kind": Kind.LAYANAN})
    dismiss = DismissForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "dismiss":
                dismiss = DismissForm(request.POST)
                if dismiss.is_valid():
                    services.triage_dismiss(actor=request.user, item=item,
                                            note=dismiss.cleaned_data["note"], request=request)
                    messages.success(request, _("%(ref)s was dismissed.")
                                     % {"ref": item.reference})
                    return redirect("saluran:triage_list", pemda=pemda.slug)
            else:
                promote = PromoteForm(request.POST, pemda=pemda)
                if promote.is_valid():
                    complaint = services.triage_promote(
                        actor=request.user, item=item, request=request, **promote.cleaned_data)
                    messages.success(request, _("%(ref)s is now complaint %(number)s.")
                                     % {"ref": item.reference,
                                        "number": complaint.tracking_number})
                    return redirect("saluran:triage_list", pemda=pemda.slug)
        except ValidationError as exc:
            apply_service_errors(dismiss if request.POST.get("action") == "dismiss"
                                 else promote, exc)
    return render(request, "saluran/triage_detail.html", {
        "item": item, "promote": promote, "dismiss": dismiss})


# --- LAPOR! exchange -------------------------------------------------------------------------


def lapor_page(request, pemda):
    denied = _guard(request, pemda, "saluran.lapor.exchange")
    if denied:
        return denied
    # Exporting marks complaints as forwarded, so it is a POST (a link would let a crawler or a
    # prefetching browser do it).
    fmt = request.POST.get("export") if request.method == "POST" else None
    if fmt in ("json", "csv"):
        records = services.lapor_export(actor=request.user, pemda=pemda, request=request)
        text = lapor.dump_json(records) if fmt == "json" else lapor.dump_csv(records)
        response = HttpResponse(text, content_type="application/json; charset=utf-8"
                                if fmt == "json" else "text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="lapor-{pemda.slug}-{stamp}.{fmt}"'
        return response
    form = LaporImportForm(request.POST if request.method == "POST" else None,
                           request.FILES or None)
    summary = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        fmt = "csv" if upload.name.lower().endswith(".csv") else "json"
        try:
            text = upload.read().decode("utf-8-sig")
            summary = services.lapor_import(actor=request.user, pemda=pemda, text=text, fmt=fmt,
                                            request=request)
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text."))
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return render(request, "saluran/lapor.html", {"form": form, "summary": summary})
