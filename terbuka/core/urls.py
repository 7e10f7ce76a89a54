from django.urls import path

from terbuka.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:pemda>/", views.pemda_home, name="pemda_home"),
    path("<slug:pemda>/opd/", views.opd_list, name="opd_list"),
    path("<slug:pemda>/opd/tambah/", views.opd_create, name="opd_create"),
    path("<slug:pemda>/opd/<int:opd_id>/ubah/", views.opd_edit, name="opd_edit"),
    path("<slug:pemda>/audit/", views.audit_log, name="audit_log"),
]
