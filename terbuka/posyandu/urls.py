"""Pages of the posyandu app. Paths are complete (per-pemda ones start with <slug:pemda>/)."""

from django.urls import path

from terbuka.posyandu import views

app_name = "posyandu"

urlpatterns = [
    path("<slug:pemda>/posyandu/", views.public, name="public"),
    path("<slug:pemda>/posyandu/kerja/", views.home, name="home"),
    path("<slug:pemda>/posyandu/dasbor/", views.dashboard, name="dashboard"),
    path("<slug:pemda>/posyandu/<int:posyandu_id>/", views.posyandu_detail, name="posyandu"),
    path("<slug:pemda>/posyandu/<int:posyandu_id>/ekspor.csv", views.export, name="export"),
    path("<slug:pemda>/posyandu/<int:posyandu_id>/strata/", views.strata_compute,
         name="strata_compute"),
    path("<slug:pemda>/posyandu/<int:posyandu_id>/kk/<int:household_id>/tandai/",
         views.social_flag, name="social_flag"),
    path("<slug:pemda>/posyandu/anak/<uuid:uuid>/", views.child, name="child"),
    path("<slug:pemda>/posyandu/peringatan/<int:alert_id>/", views.alert_action,
         name="alert_action"),
    path("<slug:pemda>/posyandu/anak/<uuid:uuid>/kms-<str:kind>.svg", views.child_kms,
         name="child_kms"),
    path("<slug:pemda>/posyandu/kader/", views.kader_app, name="kader_app"),
    path("<slug:pemda>/posyandu/kader/manifest.webmanifest", views.kader_manifest,
         name="kader_manifest"),
    path("<slug:pemda>/posyandu/kader/sw.js", views.kader_sw, name="kader_sw"),
    path("<slug:pemda>/posyandu/kader/growth-tables.json", views.growth_tables,
         name="growth_tables"),
]
