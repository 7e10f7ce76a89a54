"""HTML pages of the Satu Data portal and the officials' data desk."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from terbuka.core import policy
from terbuka.core.policy import Target
from terbuka.satudata import selectors


def portal_home(request, pemda):
    result = selectors.catalog_search(pemda=pemda, rows=6,
                                      facet_fields=("organization", "tema"), facet_limit=8)
    return render(request, "satudata/portal_home.html", {
        "counts": selectors.catalog_counts(pemda), "newest": result.datasets,
        "facets": result.facets,
    })


@login_required
def desk(request, pemda):
    if not policy.can(request.user, "satudata.dataset.view_private", Target(pemda_id=pemda.pk)) \
            and not selectors.private_scope(request.user):
        raise PermissionDenied
    datasets = selectors.visible_datasets(user=request.user, pemda=pemda,
                                          include_private=True).select_related("owner_org")
    return render(request, "satudata/desk.html", {"datasets": datasets[:200]})
