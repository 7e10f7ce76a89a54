"""Pages of the sosial app. Paths are complete (per-pemda ones start with <slug:pemda>/)."""

from django.urls import path

from terbuka.sosial import views

app_name = "sosial"

P = "<slug:pemda>/sosial/"

urlpatterns = [
    path(P, views.public, name="public"),
    path(P + "pmks/", views.case_list, name="case_list"),
    path(P + "pmks/baru/", views.case_create, name="case_create"),
    path(P + "pmks/<int:case_id>/", views.case_detail, name="case_detail"),
    path(P + "pmks/dtsen/", views.dtsen_import, name="dtsen_import"),
    path(P + "rujukan-opd/", views.opd_inbox, name="opd_inbox"),
]
