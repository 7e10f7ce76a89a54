"""Public pages of the Satu Data portal of one pemda: home, search with facets, dataset pages
(with schema.org Dataset JSON-LD), organisation pages."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terbuka.core.models import Opd
from terbuka.satudata import schemaorg, selectors, services
from terbuka.satudata.ckan.convert import org_name

PAGE_SIZE = 20

# Facets shown on the search page: (facet field, query field, label).
FACETS = (
    ("organization", "organization", gettext_lazy("Data producer")),
    ("tema", "tema", gettext_lazy("Theme")),
    ("res_format", "res_format", gettext_lazy("Format")),
    ("tahun", "tahun", gettext_lazy("Year")),
    ("wilayah", "wilayah", gettext_lazy("Area")),
    ("tags", "tags", gettext_lazy("Tag")),
    ("license_id", "license_id", gettext_lazy("Licence")),
)


def portal_home(request, pemda):
    result = selectors.catalog_search(pemda=pemda, rows=6,
                                      facet_fields=("organization", "tema"), facet_limit=8)
    return render(request, "satudata/portal_home.html", {
        "counts": selectors.catalog_counts(pemda), "newest": result.datasets,
        "organizations": result.facets["organization"], "themes": result.facets["tema"],
    })


def _selected(request) -> list[tuple[str, str]]:
    keys = {f for f, _q, _l in FACETS}
    return [(k, v) for k in request.GET for v in request.GET.getlist(k) if k in keys and v]


def _fq_value(value: str) -> str:
    return '"' + value.replace("\\", "").replace('"', "") + '"'


def dataset_search(request, pemda):
    q = request.GET.get("q", "")[:200]
    selected = _selected(request)
    fq = [f"{field}:{_fq_value(value)}" for field, value in selected]
    sort = {"baru": "metadata_modified desc", "judul": "title asc"}.get(
        request.GET.get("urut", ""), "")
    try:
        page_number = max(1, int(request.GET.get("halaman", 1)))
    except ValueError:
        page_number = 1
    error = ""
    try:
        result = selectors.catalog_search(
            pemda=pemda, q=q, fq=fq, sort=sort, rows=PAGE_SIZE,
            start=(page_number - 1) * PAGE_SIZE,
            facet_fields=tuple(f for f, _q, _l in FACETS), facet_limit=10)
    except selectors.SearchError as exc:
        error = str(exc)
        result = selectors.SearchResult(count=0, datasets=[])
    base = [("q", q)] if q else []
    facets = []
    for field, _qf, label in FACETS:
        items = []
        for value, display, n in result.facets.get(field, []):
            active = (field, value) in selected
            params = [p for p in base + selected if p != (field, value)] if active else \
                base + selected + [(field, value)]
            items.append({"value": value, "label": display, "count": n, "active": active,
                          "url": "?" + urlencode(params)})
        if items:
            facets.append({"field": field, "label": label, "items": items})
    paginator = Paginator(range(result.count), PAGE_SIZE)
    page = paginator.get_page(page_number)
    keep = urlencode(base + selected + ([("urut", request.GET["urut"])]
                                        if request.GET.get("urut") else []))
    return render(request, "satudata/search.html", {
        "q": q, "result": result, "facets": facets, "page": page, "keep": keep,
        "error": error, "selected": selected, "urut": request.GET.get("urut", ""),
    })


def dataset_page(request, pemda, name):
    dataset = selectors.dataset_by_id_or_name(name, pemda=pemda)
    if dataset is None or not services.can_view(request.user, dataset):
        raise Http404(_("Dataset not found."))
    page_url = request.build_absolute_uri(
        reverse("satudata:dataset", kwargs={"pemda": pemda.slug, "name": dataset.name}))
    jsonld = schemaorg.dataset_jsonld(dataset, page_url=page_url, request=request)
    return render(request, "satudata/dataset.html", {
        "dataset": dataset, "resources": dataset.resources.all(),
        "tags": dataset.tags.all(), "regions": dataset.cakupan_wilayah.all(),
        "jsonld": json.dumps(jsonld, ensure_ascii=False).replace("</", "<\\/"),
        "ms_indikator": [(k.replace("_", " "), v) for k, v in
                         (dataset.ms_indikator or {}).items()],
        "is_public": dataset.is_public,
    })


def organization_list(request, pemda):
    counts = dict(selectors.visible_datasets(pemda=pemda).order_by().values_list("owner_org")
                  .annotate(n=Count("pk"))
                  .values_list("owner_org", "n"))
    opds = [{"opd": o, "name": org_name(o), "count": counts.get(o.pk, 0)}
            for o in Opd.objects.filter(pemda=pemda, is_active=True).select_related("pemda")]
    opds.sort(key=lambda x: (-x["count"], x["opd"].name))
    return render(request, "satudata/organization_list.html", {"opds": opds})


def organization_page(request, pemda, org):
    opd = services.opd_resolve(pemda, org)
    if opd is None:
        raise Http404(_("Organisation not found."))
    datasets = selectors.visible_datasets(pemda=pemda).filter(owner_org=opd).order_by(
        "-metadata_modified")
    page = Paginator(datasets, PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(request, "satudata/organization.html", {
        "opd": opd, "page": page, "count": datasets.count(), "org_name": org_name(opd),
    })

