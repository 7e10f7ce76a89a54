"""Pages of the datastore: preview with chart and downloads, upload with live progress, the
version report, the embeddable chart and the quality worklist."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from terbuka.core import policy
from terbuka.datastore import charts, export, query, selectors, services
from terbuka.datastore.ingest.messages import IngestError
from terbuka.datastore.models import VersionStatus
from terbuka.datastore.query import QueryError

PAGE_SIZE = 25


def _dataset_url(pemda, dataset) -> str:
    for name, kwargs in (("satudata:dataset_detail", {"pemda": pemda.slug, "name": dataset.name}),
                         ("satudata:portal_home", {"pemda": pemda.slug})):
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return ""


def _view_args(request, live: query.Table) -> dict:
    """Filters, search and sort from the query string: ?q=…&f.<field>=…&sort=<field>&dir=desc."""
    names = set(live.field_types) | {"_id"}
    filters = {k[2:]: v for k, v in request.GET.items() if k.startswith("f.") and k[2:] in names
               and v != ""}
    sort = request.GET.get("sort", "")
    direction = "desc" if request.GET.get("dir") == "desc" else "asc"
    return {"filters": filters or None, "q": request.GET.get("q") or None,
            "sort": f"{sort} {direction}" if sort in names else None}


def _label_for(live: query.Table, spec):
    if not spec or not spec.level:
        return str
    from terbuka.core.models import Region

    def label(code: str) -> str:
        region = Region.objects.filter(code=code).only("name").first()
        return f"{region.name} ({code})" if region else code

    return label


def preview(request, pemda, resource_id):
    resource = selectors.resource_get(resource_id, user=request.user, pemda=pemda)
    table = selectors.table_of(resource)
    dataset = resource.dataset
    can_upload = policy.can(request.user, "datastore.table.upload", services.target_of(dataset))
    context = {"pemda": pemda, "resource": resource, "dataset": dataset, "table": table,
               "can_upload": can_upload, "dataset_url": _dataset_url(pemda, dataset),
               "is_public": selectors.is_public(dataset)}
    if table is not None:
        context["versions"] = list(selectors.versions(table)[:10])
    if table is None or table.live is None:
        return render(request, "datastore/preview.html", context)
    live = selectors.live_table(table)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    args = _view_args(request, live)
    try:
        result = selectors.search(table, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **args)
    except QueryError as err:
        context["query_error"] = err.message
        args = {"filters": None, "q": None, "sort": None}
        result = selectors.search(table, limit=PAGE_SIZE)
    names = [f["id"] for f in result["fields"]]
    total = result.get("total", 0)
    pages = max(1, -(-total // PAGE_SIZE))
    keep = request.GET.copy()
    keep.pop("page", None)
    sort_links = []
    current_sort = request.GET.get("sort", "")
    current_dir = request.GET.get("dir", "asc")
    for name in names:
        params = keep.copy()
        params["sort"] = name
        params["dir"] = "desc" if current_sort == name and current_dir != "desc" else "asc"
        state = ""
        if current_sort == name:
            state = "descending" if current_dir == "desc" else "ascending"
        sort_links.append({"name": name, "query": params.urlencode(), "state": state})
    rows = [[row.get(n) for n in names] for row in result["records"]]
    spec = charts.choose(live)
    context.update({
        "live": table.live, "fields": live.schema.get("fields", []), "columns": sort_links,
        "rows": rows, "total": total, "page": page, "pages": pages,
        "prev_query": _page_query(keep, page - 1) if page > 1 else "",
        "next_query": _page_query(keep, page + 1) if page < pages else "",
        "filter_query": keep.urlencode(), "q": request.GET.get("q", ""), "chart": spec,
        "chart_url": request.build_absolute_uri(reverse(
            "datastore:chart", kwargs={"pemda": pemda.slug, "resource_id": resource.uuid})),
        "formats": ["csv", "xlsx", "json", "parquet"],
    })
    return render(request, "datastore/preview.html", context)


def _page_query(params, page: int) -> str:
    params = params.copy()
    params["page"] = str(page)
    return params.urlencode()


def chart_svg(request, pemda, resource_id):
    table = selectors.table_get(resource_id, user=request.user, pemda=pemda)
    live = selectors.live_table(table)
    spec = charts.choose(live)
    if spec is None:
        raise Http404(_("This table has no column that can be charted."))
    title = table.resource.name or table.resource.dataset.title
    body = charts.svg(charts.data(live, spec), spec, title, label=_label_for(live, spec))
    response = HttpResponse(body, content_type="image/svg+xml; charset=utf-8")
    if selectors.is_public(table.resource.dataset):
        response["Cache-Control"] = "public, max-age=300"
        # An image other sites may embed with <img>; it is not a page, so no framing question.
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
    else:
        response["Cache-Control"] = "private, no-store"
    return response


def download(request, pemda, resource_id, fmt):
    if fmt not in export.FORMATS:
        raise Http404(_("Unknown download format."))
    table = selectors.table_get(resource_id, user=request.user, pemda=pemda)
    live = selectors.live_table(table)
    args = _view_args(request, live)
    try:
        names, batches = query.iter_batches(live, **args)
    except QueryError as err:
        return HttpResponse(err.message, status=400, content_type="text/plain; charset=utf-8")
    base = slugify(table.resource.name or table.resource.dataset.name) or "data"
    response = StreamingHttpResponse(export.chunks(fmt, names, batches, title=base[:31]),
                                     content_type=export.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{base}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def upload(request, pemda, resource_id):
    resource = selectors.resource_get(resource_id, user=request.user, pemda=pemda)
    if not policy.can(request.user, "datastore.table.upload",
                      services.target_of(resource.dataset)):
        raise PermissionDenied
    errors: dict = {}
    if request.method == "POST":
        try:
            version = services.table_upload(
                actor=request.user, resource=resource, upload=request.FILES.get("file"),
                schema=request.POST.get("schema", ""), note=request.POST.get("note", ""),
                request=request)
        except ValidationError as err:
            errors = err.message_dict
        else:
            return redirect("datastore:version", pemda=pemda.slug, resource_id=resource.uuid,
                            number=version.number)
    return render(request, "datastore/upload.html", {
        "pemda": pemda, "resource": resource, "dataset": resource.dataset, "errors": errors,
        "max_mb": services.max_upload_bytes() // (1024 * 1024),
        "schema": request.POST.get("schema", ""), "note": request.POST.get("note", "")},
        status=422 if errors else 200)


def version_detail(request, pemda, resource_id, number):
    resource = selectors.resource_get(resource_id, user=request.user, pemda=pemda)
    table = selectors.table_of(resource)
    if table is None:
        raise Http404(_("No such version."))
    version = selectors.version_get(table, number)
    errors = [IngestError.from_dict(e) for e in version.errors]
    return render(request, "datastore/version.html", {
        "pemda": pemda, "resource": resource, "dataset": resource.dataset, "table": table,
        "version": version, "errors": errors, "running": not version.is_finished,
        "percent": round(version.progress * 100), "statuses": VersionStatus,
        "more_errors": max(0, version.error_count - len(errors)),
        "can_upload": policy.can(request.user, "datastore.table.upload",
                                 services.target_of(resource.dataset)),
    })


@login_required
def quality(request, pemda):
    if not policy.can(request.user, "datastore.quality.view", policy.Target(pemda_id=pemda.pk)):
        raise PermissionDenied
    rows = selectors.quality_worklist(pemda)
    return render(request, "datastore/quality.html", {
        "pemda": pemda, "rows": [{"dataset": d, "score": s, "url": _dataset_url(pemda, d),
                                  "hints": [p.hint for p in s.parts if p.hint]}
                                 for d, s in rows]})
