"""Pages of the saluran app. Paths are complete (per-pemda ones start with <slug:pemda>/)."""

from django.urls import path, re_path

from terbuka.saluran import open311_views, views

app_name = "saluran"

FMT = r"\.(?P<fmt>[a-z]{2,5})$"

urlpatterns = [
    path("<slug:pemda>/saluran/webhook/<str:platform>/", views.webhook, name="webhook"),
    path("<slug:pemda>/saluran/status/<str:number>/", views.status, name="status"),
    path("<slug:pemda>/saluran/t/<str:reference>/", views.triage_public, name="triage_public"),
    path("<slug:pemda>/saluran/triase/", views.triage_list, name="triage_list"),
    path("<slug:pemda>/saluran/triase/<int:pk>/", views.triage_detail, name="triage_detail"),
    path("<slug:pemda>/saluran/lapor/", views.lapor_page, name="lapor"),
    path("<slug:pemda>/saluran/statistik/", views.statistics, name="statistics"),
    path("<slug:pemda>/saluran/statistik/terbitkan/", views.statistics_publish,
         name="statistics_publish"),
    re_path(r"^open311/v2/discovery" + FMT, open311_views.discovery, name="open311_discovery"),
    re_path(r"^open311/v2/services" + FMT, open311_views.services_list,
            name="open311_services"),
    re_path(r"^open311/v2/services/(?P<code>[-\w]{1,60})" + FMT,
            open311_views.service_definition, name="open311_service"),
    re_path(r"^open311/v2/requests" + FMT, open311_views.requests_view,
            name="open311_requests"),
    re_path(r"^open311/v2/requests/(?P<request_id>[-\w]{1,40})" + FMT,
            open311_views.request_detail, name="open311_request"),
    re_path(r"^open311/v2/servicerequestupdates" + FMT, open311_views.request_updates,
            name="open311_updates"),
]
