"""DCAT-AP documents: the catalogue at /catalog.<fmt> (all pemda) and /<pemda>/data/catalog.<fmt>,
single datasets at /dataset/<name>.<fmt> and /<pemda>/data/dataset/<name>.<fmt>."""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from terbuka.satudata import dcat, selectors, services
from terbuka.satudata.models import Dataset

PAGE_SIZE = 100


def _bad(field: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": "validation_error", "message": message,
                                   "fields": {field: [message]}}}, status=400)


def _uris(request, d: Dataset) -> tuple[str, str]:
    page = request.build_absolute_uri(
        reverse("satudata:dataset", kwargs={"pemda": d.pemda.slug, "name": d.name}))
    return page.rstrip("/"), page


def catalog(request, fmt: str, pemda=None):
    try:
        page = int(request.GET.get("page", 1))
        if page < 1:
            raise ValueError
    except ValueError:
        return _bad("page", _("Enter a whole number of at least 1."))
    qs = selectors.visible_datasets(pemda=pemda)
    since = request.GET.get("modified_since", "")
    if since:
        try:
            moment = selectors._parse_time(since)
        except selectors.SearchError:
            moment = None
        if moment is None:
            return _bad("modified_since", _("“%(value)s” is not a date or time (ISO 8601).")
                        % {"value": since})
        qs = qs.filter(metadata_modified__gte=moment)
    total = qs.count()
    datasets = list(
        qs.select_related("pemda", "pemda__region", "owner_org", "license")
        .prefetch_related("tags", "resources", "cakupan_wilayah")
        .order_by("-metadata_modified", "id")[(page - 1) * PAGE_SIZE:page * PAGE_SIZE])
    root = request.build_absolute_uri("/").rstrip("/")
    base = f"{root}/{pemda.slug}/data" if pemda else root
    title = f"Satu Data {pemda.name}" if pemda else "Satu Data · Terbuka"
    graph = dcat.catalog_graph(
        datasets=datasets, total=total, page=page, page_size=PAGE_SIZE,
        catalog_uri=f"{base}/catalog.{fmt}", title=title,
        description=_("Open data of regional governments (Satu Data Indonesia)."),
        homepage=f"{base}/", base_url=base,
        dataset_uri=lambda d: _uris(request, d)[0], page_url=lambda d: _uris(request, d)[1],
        query={"modified_since": since} if since else {}, request=request)
    body, content_type = dcat.serialise(graph, fmt)
    return HttpResponse(body, content_type=content_type)


def dataset(request, name: str, fmt: str, pemda=None):
    found = selectors.dataset_by_id_or_name(name, pemda=pemda)
    if found is None or not found.is_public or not services.can_view(request.user, found):
        raise Http404(_("Dataset not found."))
    uri, page_url = _uris(request, found)
    root = request.build_absolute_uri("/").rstrip("/")
    graph = dcat.new_graph()
    dcat.add_dataset(graph, found, uri=uri, page_url=page_url,
                     base_url=f"{root}/{found.pemda.slug}/data", request=request)
    body, content_type = dcat.serialise(graph, fmt)
    return HttpResponse(body, content_type=content_type)
