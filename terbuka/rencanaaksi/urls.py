"""Pages of the rencanaaksi app. Paths are complete (per-pemda ones start with <slug:pemda>/).
Fixed words come before <slug:plan> so a plan can never shadow them (plan_create refuses
those slugs)."""

from django.urls import path

from terbuka.rencanaaksi import views

app_name = "rencanaaksi"

P = "<slug:pemda>/rencana-aksi/"

urlpatterns = [
    path("rencana-aksi/", views.dashboard, name="dashboard"),
    path(P, views.plan_list, name="plan_list"),
    path(P + "baru/", views.plan_create, name="plan_create"),
    path(P + "komitmen/<int:pk>/", views.commitment_detail, name="commitment"),
    path(P + "komitmen/<int:pk>/tonggak/", views.milestones_edit, name="milestones"),
    path(P + "komitmen/<int:pk>/laporan/", views.report_create, name="report_create"),
    path(P + "komitmen/<int:pk>/indikator/", views.indicator_add, name="indicator_add"),
    path(P + "komitmen/<int:pk>/penilaian/<str:side>/", views.assessment_edit,
         name="assessment"),
    path(P + "bukti/<int:pk>/", views.evidence_download, name="evidence"),
    path(P + "organisasi/baru/", views.organisation_create, name="organisation_create"),
    path(P + "organisasi/<slug:slug>/", views.organisation_detail, name="organisation"),
    path(P + "<slug:plan>/", views.plan_detail, name="plan"),
    path(P + "<slug:plan>/uji-publik/", views.consultation, name="consultation"),
    path(P + "<slug:plan>/kelola/", views.plan_manage, name="plan_manage"),
    path(P + "<slug:plan>/langkah/<str:step>/", views.step_edit, name="step"),
    path(P + "<slug:plan>/tanggapan/<int:pk>/", views.comment_respond, name="respond"),
    path(P + "<slug:plan>/kelompok/", views.group_member_add, name="group_member_add"),
    path(P + "<slug:plan>/komitmen-baru/", views.commitment_create, name="commitment_create"),
    path(P + "<slug:plan>/ekspor.<str:fmt>", views.export, name="export"),
]
