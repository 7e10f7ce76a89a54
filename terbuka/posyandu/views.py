"""Pages of the posyandu module. Views parse input, call one service or selector and render;
permission decisions are the policy layer's (through the services and selectors)."""

from __future__ import annotations

import csv
import datetime
import json
from functools import cache

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from terbuka.core.models import RegionLevel
from terbuka.growth import DEFAULT_CLASSES_VERSION, classes, tables
from terbuka.posyandu import growthstatus, kms, selectors, services
from terbuka.posyandu.models import (
    Alert,
    AlertStatus,
    Household,
    Person,
    Posyandu,
    SocialCategory,
)

LEVEL_BELOW = {RegionLevel.PROVINSI: "kabupaten", RegionLevel.KABUPATEN_KOTA: "kecamatan",
               RegionLevel.KECAMATAN: "desa", RegionLevel.DESA_KELURAHAN: "posyandu"}


def _login(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _posyandu(pemda, posyandu_id) -> Posyandu:
    return get_object_or_404(Posyandu.objects.select_related("place", "dusun", "puskesmas"),
                             pk=posyandu_id, pemda=pemda)


def _person(pemda, uuid) -> Person:
    return get_object_or_404(Person.objects.select_related("posyandu__place"), uuid=uuid,
                             pemda=pemda)


def _month(raw: str | None, default: datetime.date | None) -> datetime.date:
    if raw:
        try:
            return datetime.date.fromisoformat(raw + "-01").replace(day=1)
        except ValueError:
            pass
    return (default or datetime.date.today()).replace(day=1)


# --- public ----------------------------------------------------------------------------------


def public(request, pemda):
    """Posyandu of the pemda with their strata: no personal data."""
    items = list(selectors.posyandu_list(pemda=pemda))
    latest = selectors.strata_latest(pemda=pemda)
    return render(request, "posyandu/public.html", {
        "items": [{"p": p, "strata": latest.get(p.pk)} for p in items],
    })


# --- officials -------------------------------------------------------------------------------


def home(request, pemda):
    if (resp := _login(request)) is not None:
        return resp
    mine = selectors.posyandu_for(request.user, pemda=pemda)
    can_report = selectors.report_allowed(request.user, pemda, None) or bool(mine)
    if not mine and not can_report:
        raise PermissionDenied(_("You have no posyandu role in this regional government."))
    return render(request, "posyandu/home.html", {"mine": mine, "can_report": can_report})


def posyandu_detail(request, pemda, posyandu_id):
    if (resp := _login(request)) is not None:
        return resp
    posyandu = _posyandu(pemda, posyandu_id)
    data = selectors.register(actor=request.user, posyandu=posyandu, request=request)
    month = _month(request.GET.get("bulan"), selectors.latest_month(pemda=pemda))
    rows = selectors.skdn_table(pemda=pemda, month=month, level="posyandu",
                                within=posyandu.desa_code)
    row = next((r for r in rows if r["key"] == posyandu.pk), None)
    return render(request, "posyandu/posyandu.html", {
        **data, "month": month, "skdn": row["report"] if row else None,
        "sessions": posyandu.sessions.order_by("-month")[:24],
        "strata": selectors.strata_history(posyandu=posyandu)[:10],
        "categories": SocialCategory.choices,
        "can_export": services.policy.can(request.user, "posyandu.export.individual",
                                          services.target(posyandu)),
        "can_strata": services.policy.can(request.user, "posyandu.strata.compute",
                                          services.target(posyandu)),
        "year": datetime.date.today().year,
    })


KMS_KINDS = ("wfa", "lhfa", "wflh")


def _kms_points(measurements, kind):
    pts = []
    for m in measurements:
        months = m.age_days / kms.DAYS_PER_MONTH
        if kind == "wfa" and m.weight_kg is not None:
            pts.append((months, float(m.weight_kg)))
        elif kind == "lhfa" and m.length_cm is not None:
            pts.append((months, float(m.length_cm)))
        elif kind in ("wfl", "wfh") and m.length_cm is not None and m.weight_kg is not None:
            pts.append((float(m.length_cm), float(m.weight_kg)))
    return pts


def _kms_svg(person, measurements, kind) -> str:
    if kind == "wflh":
        latest = measurements[-1].age_days if measurements else 0
        kind = "wfl" if latest < 731 else "wfh"
    labels = {
        "wfa": (_("Weight-for-age (BB/U)"), _("Age (months)"), _("Weight (kg)")),
        "lhfa": (_("Length/height-for-age (PB/U, TB/U)"), _("Age (months)"),
                 _("Length/height (cm)")),
        "wfl": (_("Weight-for-length (BB/PB)"), _("Length (cm)"), _("Weight (kg)")),
        "wfh": (_("Weight-for-height (BB/TB)"), _("Height (cm)"), _("Weight (kg)")),
    }[kind]
    points = _kms_points(measurements, kind)
    desc = _("WHO growth curves at -3, -2, 0, +2 and +3 SD with %(n)d measurements of the "
             "child.") % {"n": len(points)}
    return kms.svg(kind, person.sex, points, title=labels[0], x_label=labels[1],
                   y_label=labels[2], description=desc)


def child(request, pemda, uuid):
    if (resp := _login(request)) is not None:
        return resp
    person = _person(pemda, uuid)
    data = selectors.child_record(actor=request.user, person=person, request=request)
    charts = [_kms_svg(person, data["measurements"], k) for k in KMS_KINDS]
    target = services.target(person.posyandu)
    return render(request, "posyandu/child.html", {
        **data, "charts": charts, "statuses": AlertStatus.choices,
        "can_refer": services.policy.can(request.user, "posyandu.session.record", target)
        or services.policy.can(request.user, "posyandu.alert.follow_up", target),
        "can_follow_up": services.policy.can(request.user, "posyandu.alert.follow_up", target),
    })


def child_kms(request, pemda, uuid, kind):
    """One chart as an SVG file (to print or share with the parents)."""
    if (resp := _login(request)) is not None:
        return resp
    if kind not in KMS_KINDS:
        raise Http404
    person = _person(pemda, uuid)
    data = selectors.child_record(actor=request.user, person=person, request=request)
    resp = HttpResponse(_kms_svg(person, data["measurements"], kind),
                        content_type="image/svg+xml")
    resp["Cache-Control"] = "private, no-store"
    return resp


def export(request, pemda, posyandu_id):
    if (resp := _login(request)) is not None:
        return resp
    posyandu = _posyandu(pemda, posyandu_id)
    rows = selectors.export_rows(actor=request.user, posyandu=posyandu, request=request)
    resp = HttpResponse(content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="posyandu-{posyandu.pk}.csv"'
    resp["Cache-Control"] = "private, no-store"
    writer = csv.writer(resp)
    columns = list(rows[0]) if rows else ["person__name"]
    writer.writerow(columns)
    for r in rows:
        writer.writerow([r[c] for c in columns])
    return resp


@require_POST
def social_flag(request, pemda, posyandu_id, household_id):
    if (resp := _login(request)) is not None:
        return resp
    posyandu = _posyandu(pemda, posyandu_id)
    household = get_object_or_404(Household, pk=household_id, posyandu=posyandu)
    try:
        services.social_flag(actor=request.user, household=household,
                             category=request.POST.get("category", ""),
                             note=request.POST.get("note", ""), request=request)
        messages.success(request, _("The household was flagged and handed over."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("posyandu:posyandu", kwargs={"pemda": pemda.slug,
                                                        "posyandu_id": posyandu.pk}) + "#kk")


@require_POST
def alert_action(request, pemda, alert_id):
    """Refer a child's alert to the puskesmas, or record a follow-up (nakes)."""
    if (resp := _login(request)) is not None:
        return resp
    alert = get_object_or_404(Alert.objects.select_related("posyandu", "person"), pk=alert_id,
                              pemda=pemda)
    try:
        if request.POST.get("action") == "refer":
            services.alert_refer(actor=request.user, alert=alert, request=request)
            messages.success(request, _("Referred to the puskesmas."))
        else:
            services.alert_follow_up(actor=request.user, alert=alert,
                                     note=request.POST.get("note", ""),
                                     status=request.POST.get("status", ""), request=request)
            messages.success(request, _("Follow-up recorded."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("posyandu:child", kwargs={"pemda": pemda.slug,
                                                     "uuid": alert.person.uuid}) + "#alerts-h")


@require_POST
def strata_compute(request, pemda, posyandu_id):
    if (resp := _login(request)) is not None:
        return resp
    posyandu = _posyandu(pemda, posyandu_id)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = datetime.date.today().year
    services.strata_compute(actor=request.user, posyandu=posyandu, year=year, request=request)
    return redirect(reverse("posyandu:posyandu", kwargs={"pemda": pemda.slug,
                                                        "posyandu_id": posyandu.pk}) + "#strata")


def dashboard(request, pemda):
    """SKDN and prevalences by region for a month, a 12-month trend and (for those who may
    see the register) the children needing a visit."""
    if (resp := _login(request)) is not None:
        return resp
    within = request.GET.get("wilayah") or pemda.region_id
    if not (within == pemda.region_id or within.startswith(pemda.region_id + ".")):
        raise Http404
    if not selectors.report_allowed(request.user, pemda, within):
        mine = selectors.posyandu_for(request.user, pemda=pemda)
        if not mine:
            raise PermissionDenied(_("You may not see reports for this area."))
        return redirect("posyandu:posyandu", pemda=pemda.slug, posyandu_id=mine[0].pk)
    level = LEVEL_BELOW[RegionLevel(within.count(".") + 1)]
    month = _month(request.GET.get("bulan"), selectors.latest_month(pemda=pemda))
    rows = selectors.skdn_table(pemda=pemda, month=month, level=level,
                                within=None if within == pemda.region_id else within)
    total = selectors.skdn_total(rows)
    trend = selectors.skdn_trend(pemda=pemda, months=selectors.months_back(month, 12),
                                 within=None if within == pemda.region_id else within)
    visible = [p.pk for p in selectors.posyandu_for(request.user, pemda=pemda)
               if p.desa_code.startswith(within)]
    visits = selectors.children_needing_visits(actor=request.user, pemda=pemda, month=month,
                                               posyandu_ids=visible[:50], request=request)
    from terbuka.core.models import Region

    region = Region.objects.filter(code=within).first()
    return render(request, "posyandu/dashboard.html", {
        "rows": rows, "total": total, "month": month, "level": level, "within": within,
        "region": region, "trend": trend, "visits": visits,
        "trend_svg": _trend_svg(trend),
        "up": within.rsplit(".", 1)[0] if within != pemda.region_id else None,
    })


def _trend_svg(trend) -> str:
    """A small line chart of stunting prevalence and D/S over the months, server-drawn."""
    w, h, pad = 600, 200, 36
    n = len(trend)
    if n == 0:
        return ""

    def x(i):
        return pad + i * (w - 2 * pad) / max(1, n - 1)

    def y(v):
        return h - pad - v * (h - 2 * pad)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" '
             f'role="img" aria-label="{_("Trend of D/S and stunting")}" font-size="12" '
             f'font-family="sans-serif"><rect width="{w}" height="{h}" fill="#fff"/>']
    for v in (0, 0.25, 0.5, 0.75, 1):
        parts.append(f'<line x1="{pad}" x2="{w - pad}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
                     f'stroke="#ddd"/><text x="{pad - 4}" y="{y(v) + 4:.1f}" '
                     f'text-anchor="end">{int(v * 100)}%</text>')
    for attr, colour in (("d_s", "#1a7f37"), ("stunting", "#c00000")):
        pts = [(x(i), y(getattr(r, attr).value)) for i, (_m, r) in enumerate(trend)
               if getattr(r, attr).value is not None]
        if pts:
            d = " ".join(f"{'M' if i == 0 else 'L'}{a:.1f},{b:.1f}" for i, (a, b) in
                         enumerate(pts))
            parts.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
    for i, (m, _r) in enumerate(trend):
        if i % 2 == 0 or n < 8:
            parts.append(f'<text x="{x(i):.1f}" y="{h - 12}" text-anchor="middle">'
                         f'{m:%m/%y}</text>')
    parts.append("</svg>")
    return "".join(parts)


# --- the offline kader app -------------------------------------------------------------------


def kader_app(request, pemda):
    if (resp := _login(request)) is not None:
        return resp
    mine = selectors.posyandu_for(request.user, pemda=pemda,
                                  action="posyandu.session.record")
    return render(request, "posyandu/kader_app.html", {
        "mine": mine,
        "config": {
            "pemda": pemda.slug,
            "posyandu": [{"id": p.pk, "name": p.place.name} for p in mine],
            "api": "/api/v1/posyandu",
            "tables": reverse("posyandu:growth_tables", kwargs={"pemda": pemda.slug}),
            "sw": reverse("posyandu:kader_sw", kwargs={"pemda": pemda.slug}),
            "scope": reverse("posyandu:kader_app", kwargs={"pemda": pemda.slug}),
        },
        "text": _app_text(),
    })


def _app_text() -> dict:
    """The app's messages, translated on the server and cached with the page."""
    return {
        "online": _("online"), "offline": _("offline: saving on this phone"),
        "downloading": _("Downloading…"),
        "download_failed": _("Could not download the register (no signal?)."),
        "no_register": _("No register on this phone yet: download it while online."),
        "register_from": _("%(n)s children, downloaded %(at)s."),
        "measure_child": _("Measure %(name)s"),
        "future_session": _("The session date is in the future."),
        "session_open": _("Session of %(date)s is open."),
        "future_measurement": _("The date is in the future."),
        "before_birth": _("The date is before the child's birth."),
        "other_month": _("The date is not in the session's month."),
        "not_a_number": _("Weight and length must be numbers."),
        "need_weight": _("Record at least the weight or the length/height."),
        "grams": _("%(value)s kg is not possible for a child under five: was it typed in "
                   "grams? %(value)s g = %(kg)s kg."),
        "weight_impossible": _("%(value)s kg is not possible for a child under five."),
        "weight_low": _("%(value)s kg is below any living child's weight; weights are in "
                        "kilograms (e.g. 8.5)."),
        "length_impossible": _("A length/height of %(value)s cm is not possible for a child "
                               "under five (expected 38-130 cm)."),
        "need_position": _("Say whether the child was measured lying or standing."),
        "kms_label": _("KMS weight-for-age with the child's points"),
        "months": _("months"), "bb_u": _("Weight-for-age"), "pb_u": _("Length/height-for-age"),
        "bb_pb": _("Weight-for-length/height"), "growth": _("Growth (N/T/O/B)"),
        "bgm": _("Below the red line (BGM): refer to the puskesmas."),
        "saved_offline": _("Saved on this phone for %(name)s."),
        "need_name": _("The name is required."), "need_birth": _("The birth date is required."),
        "future_birth": _("The birth date is in the future."),
        "nik_format": _("A NIK has exactly 16 digits."),
        "duplicate_child": _("%(name)s with this birth date and mother is already in the "
                             "register."),
        "child_added": _("%(name)s added (will be sent at the next sync)."),
        "pending": _("%(n)s entries waiting to be sent."),
        "conflict": _("Conflict"), "error": _("Not accepted"),
        "confirm_resend": _("The values are right: send again"),
        "still_offline": _("Still offline: the entries stay on this phone."),
        "nothing_to_sync": _("Nothing to send."), "syncing": _("Sending…"),
        "synced": _("%(n)s entries sent."),
        "synced_with_problems": _("%(n)s entries sent, %(bad)s need your attention (below)."),
        "sync_failed": _("Sending failed; the entries stay on this phone."),
        "tables_missing": _("Growth tables are missing: open the app once while online."),
    }


def kader_manifest(request, pemda):
    app = reverse("posyandu:kader_app", kwargs={"pemda": pemda.slug})
    return JsonResponse({
        "name": _("Posyandu kader app · %(pemda)s") % {"pemda": pemda.short_name},
        "short_name": _("Kader"), "start_url": app, "scope": app, "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#0b6e4f", "lang": "id",
        "icons": [{"src": static("posyandu/kader-icon.svg"), "sizes": "any",
                   "type": "image/svg+xml"}],
    }, content_type="application/manifest+json")


def kader_sw(request, pemda):
    """The service worker, served from inside the app's path so its scope covers the app."""
    app = reverse("posyandu:kader_app", kwargs={"pemda": pemda.slug})
    shell = [app, static("posyandu/kader/app.js"), static("posyandu/kader/growth.js"),
             static("posyandu/kader/db.js"), static("posyandu/posyandu.css"),
             static("terbuka/terbuka.css"),
             reverse("posyandu:growth_tables", kwargs={"pemda": pemda.slug}),
             reverse("posyandu:kader_manifest", kwargs={"pemda": pemda.slug})]
    body = render(request, "posyandu/kader_sw.js", {"shell": json.dumps(shell),
                                                    "version": _TABLES_VERSION}).content
    resp = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    resp["Service-Worker-Allowed"] = app
    resp["Cache-Control"] = "no-cache"
    return resp


_TABLES_VERSION = "who2006-" + growthstatus.DEFAULT_KBM_VERSION


@cache
def _growth_tables_json() -> bytes:
    """The WHO tables the app needs (weight-for-age, length/height-for-age, weight-for-length
    and -height), read from the same files the growth engine ships, plus the KBM table."""
    out = {"version": _TABLES_VERSION}
    for name, key in (("wfa", "age_days"), ("lhfa", "age_days"), ("wfl", "length_cm"),
                      ("wfh", "height_cm")):
        rows = tables.read_rows(name)
        out[name] = {sex: [[float(r[key]), float(r["l"]), float(r["m"]), float(r["s"])]
                           for r in rows if r["sex"] == sex] for sex in ("1", "2")}
    out["kbm"] = list(growthstatus.kbm_table().grams)
    out["classes"] = [
        {"key": ix.key, "zscore": ix.zscore, "age_min": ix.age_min, "age_max": ix.age_max,
         "age_max_inclusive": ix.age_max_inclusive, "age_required": ix.age_required,
         "categories": [{"label": c.label, "lower": c.lower, "lower_inclusive": c.lower_inclusive,
                         "upper": c.upper, "upper_inclusive": c.upper_inclusive}
                        for c in ix.categories]}
        for ix in classes.load(DEFAULT_CLASSES_VERSION).indices
        if ix.key in ("bb_u", "pb_tb_u", "bb_pb_tb")]
    return json.dumps(out, separators=(",", ":")).encode()


@cache_control(max_age=86400, public=True)
def growth_tables(request, pemda):
    return HttpResponse(_growth_tables_json(), content_type="application/json")
