"""Pages of the ikm app. Paths are complete (per-pemda ones start with <slug:pemda>/)."""

from django.urls import path

from terbuka.ikm import views

app_name = "ikm"

urlpatterns = [
    path("<slug:pemda>/ikm/", views.index, name="index"),
    path("<slug:pemda>/ikm/unit/<int:unit_id>/", views.unit_results, name="unit"),
    # The invitation link other modules give citizens: ?ref=<their case number>.
    path("<slug:pemda>/ikm/unit/<int:unit_id>/isi/", views.fill, name="fill"),
    path("<slug:pemda>/ikm/opd/<int:opd_id>/isi/", views.fill_for_opd, name="fill_opd"),
    path("<slug:pemda>/ikm/terima-kasih/", views.thanks, name="thanks"),
    path("<slug:pemda>/ikm/kelola/", views.manage, name="manage"),
]
