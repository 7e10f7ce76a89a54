"""Pages of the aduan app. Paths are complete (per-pemda ones start with <slug:pemda>/)."""

from django.urls import path

from . import views

app_name = "aduan"

urlpatterns = [
    path("<slug:pemda>/aduan/", views.home, name="home"),
    path("<slug:pemda>/aduan/lapor/", views.submit, name="submit"),
    path("<slug:pemda>/aduan/lacak/", views.track, name="track"),
    path("<slug:pemda>/aduan/saya/", views.mine, name="mine"),
    path("<slug:pemda>/aduan/statistik/", views.statistics, name="statistics"),
    path("<slug:pemda>/aduan/t/<str:token>/", views.secret, name="secret"),
    path("<slug:pemda>/aduan/laporan/<str:number>/", views.public_detail, name="public_detail"),
    path("<slug:pemda>/aduan/antrian/", views.queue, name="queue"),
    path("<slug:pemda>/aduan/antrian/stream/", views.queue_stream, name="queue_stream"),
    path("<slug:pemda>/aduan/kelola/<int:pk>/", views.manage, name="manage"),
    path("<slug:pemda>/aduan/yasinan/", views.forum_list, name="forum_list"),
    path("<slug:pemda>/aduan/yasinan/baru/", views.forum_create, name="forum_create"),
    path("<slug:pemda>/aduan/yasinan/<int:pk>/", views.forum_detail, name="forum_detail"),
]
