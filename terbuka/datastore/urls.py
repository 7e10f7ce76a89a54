"""Pages of the datastore app. Paths are complete (per-pemda ones start with <slug:pemda>/)."""

from django.urls import path

from terbuka.datastore import views

app_name = "datastore"

urlpatterns = [
    path("<slug:pemda>/datastore/quality/", views.quality, name="quality"),
    path("<slug:pemda>/datastore/<str:resource_id>/", views.preview, name="preview"),
    path("<slug:pemda>/datastore/<str:resource_id>/upload/", views.upload, name="upload"),
    path("<slug:pemda>/datastore/<str:resource_id>/versions/<int:number>/",
         views.version_detail, name="version"),
    path("<slug:pemda>/datastore/<str:resource_id>/chart.svg", views.chart_svg, name="chart"),
    path("<slug:pemda>/datastore/<str:resource_id>/download.<str:fmt>", views.download,
         name="download"),
]
