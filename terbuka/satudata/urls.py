"""Pages of the satudata app. Paths are complete (per-pemda ones start with <slug:pemda>/).

The CKAN Action API and the DCAT catalogue answer at the installation root (all pemda) and
under each pemda's portal, whose CKAN "site URL" is /<pemda>/data (see docs/satudata.md).
"""

from django.urls import path, re_path

from terbuka.satudata import views, views_dcat, views_desk, views_public
from terbuka.satudata.ckan import dispatch

app_name = "satudata"

ACTION = r"(?P<name>[a-z_]{1,60})"
FMT = r"(?P<fmt>ttl|jsonld|rdf)"
PEMDA = r"(?P<pemda>[-a-zA-Z0-9_]+)"
NAME = r"(?P<name>[-a-z0-9_]{1,100})"

urlpatterns = [
    # CKAN Action API
    re_path(rf"^api/(?:3/)?action/{ACTION}$", dispatch.action_view, name="ckan_action"),
    re_path(rf"^{PEMDA}/data/api/(?:3/)?action/{ACTION}$", dispatch.action_view,
            name="ckan_action_pemda"),
    # DCAT-AP
    re_path(rf"^catalog\.{FMT}$", views_dcat.catalog, name="dcat_catalog_all"),
    re_path(rf"^dataset/{NAME}\.{FMT}$", views_dcat.dataset, name="dcat_dataset_all"),
    re_path(rf"^{PEMDA}/data/catalog\.{FMT}$", views_dcat.catalog, name="dcat_catalog"),
    re_path(rf"^{PEMDA}/data/dataset/{NAME}\.{FMT}$", views_dcat.dataset, name="dcat_dataset"),
    # Public portal
    path("<slug:pemda>/data/", views.portal_home, name="portal_home"),
    path("<slug:pemda>/data/dataset/", views.dataset_search, name="search"),
    path("<slug:pemda>/data/dataset/<slug:name>/", views.dataset_page, name="dataset"),
    # The same page under the name the datastore app links to.
    path("<slug:pemda>/data/dataset/<slug:name>/", views.dataset_page, name="dataset_detail"),
    path("<slug:pemda>/data/organisasi/", views.organization_list, name="organizations"),
    path("<slug:pemda>/data/organisasi/<slug:org>/", views.organization_page,
         name="organization"),
    path("<slug:pemda>/data/permintaan/", views_public.request_list, name="requests"),
    path("<slug:pemda>/data/permintaan/ajukan/", views_public.request_new, name="request_new"),
    path("<slug:pemda>/data/permintaan/<str:number>/", views_public.request_page,
         name="request"),
    path("<slug:pemda>/data/forum/", views_public.forum_list, name="forum"),
    path("<slug:pemda>/data/forum/<int:meeting_id>/", views_public.forum_meeting,
         name="forum_meeting"),
    path("<slug:pemda>/data/kode-referensi/", views_public.codelist_list, name="codelists"),
    path("<slug:pemda>/data/kode-referensi/<slug:key>/", views_public.codelist_page,
         name="codelist"),
    # Data desk (officials)
    path("<slug:pemda>/data/meja/", views_desk.desk, name="desk"),
    path("<slug:pemda>/data/meja/baru/", views_desk.dataset_new, name="dataset_new"),
    path("<slug:pemda>/data/meja/<slug:name>/", views_desk.desk_dataset, name="desk_dataset"),
    path("<slug:pemda>/data/meja/<slug:name>/ubah/", views_desk.dataset_edit,
         name="dataset_edit"),
    path("<slug:pemda>/data/meja/<slug:name>/status/<slug:to_status>/",
         views_desk.dataset_transition, name="dataset_transition"),
    path("<slug:pemda>/data/meja/<slug:name>/sumber/", views_desk.resource_add,
         name="resource_add"),
    path("<slug:pemda>/data/meja/<slug:name>/komentar/", views_desk.comment_add,
         name="comment_add"),
]
