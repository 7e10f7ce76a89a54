"""Open311 GeoReport v2 at /open311/v2/ for public-service complaints.

`jurisdiction_id` is the pemda's path (e.g. `ksb`); it may be left out when the installation
serves one pemda. Service codes are the pemda's aduan category codes, plus `umum` for "no
category". A request's id is its aduan tracking number. Filing needs no key (as on the web
form); an `api_key`, when sent, must be a valid Terbuka API token and files as that user.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from terbuka.accounts.services import token_authenticate
from terbuka.aduan import selectors as aduan_selectors
from terbuka.aduan import services as aduan_services
from terbuka.aduan.models import (
    CLOSED_STATUSES,
    Category,
    Channel,
    Complaint,
    Event,
    Kind,
    public_status_label,
)
from terbuka.core.models import Pemda
from terbuka.saluran import open311

GENERAL = "umum"
MAX_RANGE = datetime.timedelta(days=90)
MAX_RESULTS = 1000


class Problem(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description


def _answer(document: str, data, fmt: str, status: int = 200) -> HttpResponse:
    body, content_type = open311.render(document, data, fmt)
    return HttpResponse(body, content_type=content_type, status=status)


def _error(problem: Problem, fmt: str) -> HttpResponse:
    return _answer("errors", open311.errors([(problem.status, problem.description)]), fmt,
                   problem.status)


def endpoint(view):
    """Format check, jurisdiction lookup and the errors document for every endpoint."""

    @csrf_exempt
    def wrapper(request, fmt: str, **kwargs):
        if fmt not in open311.FORMATS:
            return _error(Problem(404, _("Use .json or .xml.")), "json")
        try:
            return view(request, fmt, **kwargs)
        except Problem as problem:
            return _error(problem, fmt)

    wrapper.__name__ = view.__name__
    return wrapper


def _params(request):
    return request.POST if request.method == "POST" else request.GET


def _pemda(request) -> Pemda:
    slug = (_params(request).get("jurisdiction_id") or "").strip()
    active = Pemda.objects.filter(is_active=True)
    if slug:
        pemda = active.filter(slug=slug).first()
        if pemda is None or not pemda.uses_module("aduan"):
            raise Problem(404, _("Unknown jurisdiction_id “%(id)s”.") % {"id": slug[:40]})
        return pemda
    serving = [p for p in active[:2] if p.uses_module("aduan")]
    if len(serving) != 1:
        raise Problem(400, _("jurisdiction_id is required: the path of the regional "
                             "government, e.g. ksb."))
    return serving[0]


def _categories(pemda: Pemda) -> list[Category]:
    return list(Category.objects.filter(pemda=pemda, is_active=True).order_by("name"))


def _service(code: str, name: str, description: str = "") -> dict:
    return {"service_code": code, "service_name": name, "description": description,
            "metadata": False, "type": "realtime", "keywords": "", "group": ""}


@endpoint
def discovery(request, fmt):
    base = request.build_absolute_uri("/open311/v2/")
    return _answer("discovery", {
        "changeset": "2026-11-23T00:00:00Z", "contact": "",
        "key_service": _("API tokens are issued by the regional government's administrator."),
        "endpoints": [{"specification": "http://wiki.open311.org/GeoReport_v2",
                       "url": base, "changeset": "2026-11-23T00:00:00Z", "type": "production",
                       "formats": ["application/json", "text/xml"]}],
    }, fmt)


@endpoint
def services_list(request, fmt):
    pemda = _pemda(request)
    data = [_service(GENERAL, _("General public service complaint"))]
    data += [_service(c.slug, c.name) for c in _categories(pemda)]
    return _answer("services", data, fmt)


@endpoint
def service_definition(request, fmt, code: str):
    pemda = _pemda(request)
    if code != GENERAL and not any(c.slug == code for c in _categories(pemda)):
        raise Problem(404, _("Unknown service_code “%(code)s”.") % {"code": code[:40]})
    # No extra attributes: a description and a place are all a complaint needs.
    return _answer("service_definition", {"service_code": code, "attributes": []}, fmt)


def _as_request(complaint: Complaint) -> dict:
    closed = complaint.status in CLOSED_STATUSES
    notes = public_status_label(complaint.status)
    if complaint.status_reason and complaint.is_public:
        notes = f"{notes}: {complaint.status_reason}"
    data = {
        "service_request_id": complaint.tracking_number,
        "status": "closed" if closed else "open",
        "status_notes": notes,
        "requested_datetime": open311.w3c(timezone.localtime(complaint.received_at)),
        "updated_datetime": open311.w3c(timezone.localtime(complaint.updated_at)),
    }
    if not complaint.is_public:
        return data  # confidential: its state, nothing of its content
    disposition = complaint.dispositions.filter(is_active=True).select_related("opd").first() \
        if hasattr(complaint, "dispositions") else None
    data.update({
        "service_name": complaint.category.name if complaint.category_id else
        _("General public service complaint"),
        "service_code": complaint.category.slug if complaint.category_id else GENERAL,
        "description": complaint.body,
        "agency_responsible": disposition.opd.name if disposition else complaint.pemda.name,
        "service_notice": "",
        "expected_datetime": open311.w3c(timezone.make_aware(
            datetime.datetime.combine(complaint.settle_by, datetime.time.min)))
        if complaint.settle_by else "",
        "address": complaint.region.name if complaint.region_id else "",
        "address_id": complaint.region_id or "",
        "zipcode": "",
        "lat": float(complaint.latitude) if complaint.latitude is not None else "",
        "long": float(complaint.longitude) if complaint.longitude is not None else "",
        "media_url": "",
    })
    return data


def _dates(params):
    start = open311.parse_w3c(params.get("start_date", ""))
    end = open311.parse_w3c(params.get("end_date", ""))
    for name, value in (("start_date", start), ("end_date", end)):
        if params.get(name) and value is None:
            raise Problem(400, _("%(name)s is not a W3C date-time.") % {"name": name})
    now = timezone.now()
    end = end or now
    start = start or (end - MAX_RANGE)
    if end - start > MAX_RANGE:
        raise Problem(400, _("start_date and end_date may be at most 90 days apart."))
    return start, end


@endpoint
def requests_view(request, fmt):
    if request.method == "POST":
        return _file(request, fmt)
    if request.method != "GET":
        raise Problem(405, _("Use GET or POST."))
    pemda = _pemda(request)
    params = request.GET
    ids = [i.strip() for i in (params.get("service_request_id") or "").split(",") if i.strip()]
    if ids:
        found = [aduan_selectors.complaint_by_tracking(pemda, i) for i in ids[:100]]
        return _answer("requests", [_as_request(c) for c in found if c is not None], fmt)
    start, end = _dates(params)
    qs = aduan_selectors.public_complaints(pemda).filter(
        kind=Kind.LAYANAN, received_at__gte=start, received_at__lte=end)
    codes = [c.strip() for c in (params.get("service_code") or "").split(",") if c.strip()]
    if codes:
        qs = qs.filter(category__slug__in=[c for c in codes if c != GENERAL]) | (
            qs.filter(category__isnull=True) if GENERAL in codes else qs.none())
    statuses = {s.strip() for s in (params.get("status") or "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise Problem(400, _("status is open or closed."))
    if statuses == {"open"}:
        qs = qs.exclude(status__in=CLOSED_STATUSES)
    elif statuses == {"closed"}:
        qs = qs.filter(status__in=CLOSED_STATUSES)
    qs = qs.select_related("category", "region", "pemda").order_by("-received_at")
    return _answer("requests", [_as_request(c) for c in qs[:MAX_RESULTS]], fmt)


@endpoint
def request_detail(request, fmt, request_id: str):
    pemda = _pemda(request)
    complaint = aduan_selectors.complaint_by_tracking(pemda, request_id)
    if complaint is None:
        raise Problem(404, _("No service request “%(id)s”.") % {"id": request_id[:40]})
    return _answer("requests", [_as_request(complaint)], fmt)


@endpoint
def request_updates(request, fmt):
    """FixMyStreet's extension: each public change of a public complaint."""
    pemda = _pemda(request)
    start, end = _dates(request.GET)
    events = (Event.objects.filter(complaint__pemda=pemda, complaint__is_public=True,
                                   is_public=True, at__gte=start, at__lte=end)
              .select_related("complaint").order_by("at", "pk")[:MAX_RESULTS])
    data = [{
        "update_id": str(e.pk), "service_request_id": e.complaint.tracking_number,
        "status": "closed" if e.status in CLOSED_STATUSES else "open",
        "updated_datetime": open311.w3c(timezone.localtime(e.at)),
        "description": e.text or public_status_label(e.status), "media_url": "",
    } for e in events]
    return _answer("request_updates", data, fmt)


_FIELD_NAMES = {"body": "description", "category": "service_code",
                "reporter_contact": "email", "region_code": "address_id",
                "latitude": "lat", "longitude": "long"}


def _file(request, fmt):
    pemda = _pemda(request)
    form = request.POST
    unknown = sorted(k for k in form if k not in open311.REQUEST_FIELDS
                     and not k.startswith("attribute["))
    problems = open311.check_request(form)
    if problems:
        described = {"service_code": _("service_code is required."),
                     "location": _("A location is required: lat and long, address_string or "
                                   "address_id."),
                     "description": _("description is required."),
                     "lat": _("lat and long are numbers and come together."),
                     "long": _("lat and long are numbers and come together.")}
        errors = sorted({described[f] for f, _problem in problems})
        return _answer("errors", open311.errors([(400, e) for e in errors]), fmt, 400)
    actor = None
    if form.get("api_key"):
        actor = token_authenticate(form["api_key"])
        if actor is None:
            raise Problem(403, _("api_key is not valid."))
    code = form["service_code"].strip()
    if code != GENERAL and not any(c.slug == code for c in _categories(pemda)):
        raise Problem(404, _("Unknown service_code “%(code)s”.") % {"code": code[:40]})
    body = form["description"].strip()
    if form.get("address_string", "").strip():
        body += "\n\n" + _("Address: %(address)s") % {"address": form["address_string"].strip()}
    if unknown:
        body += "\n\n" + ", ".join(f"{k}={form[k][:80]}" for k in unknown[:10])
    name = " ".join(x.strip() for x in (form.get("first_name", ""), form.get("last_name", ""))
                    if x.strip())
    address_id = (form.get("address_id") or "").strip()
    try:
        complaint = aduan_services.complaint_submit(
            actor=actor, pemda=pemda, kind=Kind.LAYANAN,
            category=None if code == GENERAL else code, title="", body=body,
            channel=Channel.OPEN311,
            region_code=address_id if address_id.startswith(pemda.region_id + ".") else "",
            reporter_name=name, reporter_contact=(form.get("email") or form.get("phone") or ""),
            latitude=form.get("lat") or None, longitude=form.get("long") or None,
            external_ref=f"open311:{form.get('device_id', '')[:40]}" if form.get("device_id")
            else "",
        )
    except ValidationError as exc:
        messages = []
        for field, errors in (exc.message_dict.items() if hasattr(exc, "error_dict")
                              else [("", exc.messages)]):
            label = _FIELD_NAMES.get(field, field)
            messages += [f"{label}: {m}" if label else m for m in errors]
        return _answer("errors", open311.errors([(400, m) for m in messages]), fmt, 400)
    except PermissionDenied as exc:
        raise Problem(403, str(exc)) from exc
    notice = _("Your complaint number is %(number)s.") % {"number": complaint.tracking_number}
    return _answer("requests", [{"service_request_id": complaint.tracking_number,
                                 "service_notice": notice, "account_id": ""}], fmt, 201)
