"""Pages of the lingkungan app. Paths are complete (per-pemda ones start with <slug:pemda>/)."""

from django.urls import path

from terbuka.lingkungan import views

app_name = "lingkungan"

P = "<slug:pemda>/lingkungan/"
U = P + "kelola/<int:unit_id>/"

urlpatterns = [
    path(P, views.home, name="home"),
    path(P + "laporan/", views.report, name="report"),
    path(P + "jumat-bersih/", views.cleanups, name="cleanups"),
    path(P + "jumat-bersih/catat/", views.cleanup_create, name="cleanup_create"),
    path(P + "taman/", views.parks, name="parks"),
    path(P + "taman/tambah/", views.park_create, name="park_create"),
    path(P + "pekarangan/", views.pekarangan, name="pekarangan"),
    path(P + "pekarangan/kelola/", views.households, name="households"),
    path(P + "pekarangan/kelola/<int:household_id>/", views.household, name="household"),
    path(P + "kelola/", views.kelola, name="kelola"),
    path(U, views.unit_desk, name="unit"),
    path(U + "setor/", views.deposit, name="deposit"),
    path(U + "tarik/", views.withdrawal, name="withdrawal"),
    path(U + "jual/", views.sale, name="sale"),
    path(U + "kas/", views.cash, name="cash"),
    path(U + "harga/", views.prices, name="prices"),
    path(U + "tutup-buku/", views.close_month, name="close"),
    path(U + "nasabah/", views.customers, name="customers"),
    path(U + "nasabah/<int:nasabah_id>/", views.passbook, name="passbook"),
]
