"""Pages of the gotongroyong app. Paths are complete (per-pemda ones start with <slug:pemda>/)."""

from django.urls import path

from terbuka.gotongroyong import views

app_name = "gotongroyong"

P = "<slug:pemda>/gotong-royong/"

urlpatterns = [
    path(P, views.public_home, name="public_home"),
    path(P + "desa/<str:code>/", views.public_desa, name="public_desa"),
    path(P + "program/<slug:slug>/", views.public_programme, name="public_programme"),
    path(P + "proyek/<int:project_id>/", views.public_project, name="public_project"),
    path(P + "proyek/<int:project_id>/lpj/", views.lpj, name="lpj"),
    path(P + "foto/<int:photo_id>/", views.photo_file, name="photo"),
    path(P + "kerja/", views.work, name="work"),
    path(P + "kerja/kelompok/baru/", views.kelompok_create, name="kelompok_create"),
    path(P + "kerja/proyek/baru/", views.project_create, name="project_create"),
    path(P + "kerja/proyek/<int:project_id>/", views.project_work, name="project_work"),
    path(P + "kerja/sanitasi/<slug:slug>/", views.sanitation_work, name="sanitation_work"),
    path(P + "kerja/program/baru/", views.programme_create, name="programme_create"),
    path(P + "kerja/rumah/<slug:slug>/", views.houses_work, name="houses_work"),
]
