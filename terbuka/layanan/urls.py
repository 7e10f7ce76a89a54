"""Pages of the layanan app. Paths are complete (per-pemda ones start with <slug:pemda>/)."""

from django.urls import path

from terbuka.layanan import views

app_name = "layanan"

P = "<slug:pemda>/standar-pelayanan/"

urlpatterns = [
    path(P, views.index, name="index"),
    path(P + "riwayat/", views.history, name="history"),
    path(P + "riwayat/baru/", views.restructuring_create, name="restructuring_create"),
    path(P + "opd/<int:opd_id>/", views.opd_page, name="opd"),
    path(P + "opd/<int:opd_id>/baru/", views.standard_edit, name="standard_create"),
    path(P + "opd/<int:opd_id>/<int:standard_id>/ubah/", views.standard_edit,
         name="standard_edit"),
]
