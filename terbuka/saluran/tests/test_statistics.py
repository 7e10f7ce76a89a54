"""Monthly complaint statistics per OPD, category and region: page and open data, with small
counts suppressed."""

import datetime

import pytest
from django.utils import timezone

from terbuka.aduan import services as aduan_services
from terbuka.aduan.models import Complaint, Disposition
from terbuka.core import publishing
from terbuka.saluran import monthly, selectors, services

pytestmark = pytest.mark.django_db


def test_monthly_table_pure():
    rows = [
        {"month": "2026-10", "opd": ["DPUPR"], "category": "Jalan", "region": "52.07.02",
         "region_name": "Taliwang", "answered": True, "on_time": True, "workdays": 3,
         "rating": 4},
        {"month": "2026-10", "opd": ["DPUPR", "Dinkes"], "category": "Jalan",
         "region": "52.07.02", "region_name": "Taliwang", "answered": True, "on_time": False,
         "workdays": 9, "rating": 2},
        {"month": "2026-11", "opd": [], "category": "", "region": "", "region_name": "",
         "answered": False, "on_time": None, "workdays": None, "rating": None},
    ]
    table = monthly.table(rows, unknown="-")
    total = next(r for r in table if r["bulan"] == "2026-10" and r["dimensi"] == "total")
    assert total == {"bulan": "2026-10", "dimensi": "total", "nilai": "", "kode_wilayah": "",
                     "jumlah": 2, "dijawab": 2, "tepat_waktu_persen": 50.0,
                     "median_hari_kerja": 6.0, "kepuasan": 3.0}
    opd = {r["nilai"]: r["jumlah"] for r in table if r["dimensi"] == "opd"
           and r["bulan"] == "2026-10"}
    assert opd == {"DPUPR": 2, "Dinkes": 1}
    november = [r for r in table if r["bulan"] == "2026-11"]
    assert {r["nilai"] for r in november if r["dimensi"] != "total"} == {"-"}


def _complaints(world, n, **fields):
    out = []
    for i in range(n):
        c = aduan_services.complaint_submit(
            actor=None, pemda=world.pemda, kind="layanan", category=None, title="",
            body=f"Keluhan {i}", channel="web", region_code="52.07.02.2011")
        out.append(c)
    Complaint.objects.filter(pk__in=[c.pk for c in out]).update(**fields)
    return out


def test_rows_from_the_database_and_the_page_suppresses_small_counts(client, world):
    answered = _complaints(world, 6, answered_at=timezone.now(), answered_on_time=True,
                           workdays_to_answer=4, rating=5)
    for c in answered:
        Disposition.objects.create(complaint=c, opd=world.pupr,
                                   due_on=datetime.date.today())
    _complaints(world, 2)
    rows = selectors.monthly_rows(pemda=world.pemda)
    month = timezone.localdate().strftime("%Y-%m")
    total = next(r for r in rows if r["bulan"] == month and r["dimensi"] == "total")
    assert (total["jumlah"], total["dijawab"], total["tepat_waktu_persen"]) == (8, 6, 100.0)
    region = next(r for r in rows if r["dimensi"] == "wilayah")
    assert (region["nilai"], region["kode_wilayah"]) == ("Taliwang", "52.07.02")
    opd = {r["nilai"]: r["jumlah"] for r in rows if r["dimensi"] == "opd"}
    assert opd == {"DPUPR": 6, "-": 2}
    page = client.get("/ksb/saluran/statistik/").content.decode()
    assert ">8<" in page and "&lt;5" in page  # the 2 without OPD are hidden


def test_publication_goes_through_core_publishing_suppressed(world):
    _complaints(world, 3)
    tables = []
    previous = (publishing._sink, publishing._sink_module)
    publishing.register_sink("satudata", lambda t: tables.append(t) or "aduan-statistik")
    try:
        assert services.stats_publish(actor=None, pemda=world.pemda) == "aduan-statistik"
    finally:
        publishing._sink, publishing._sink_module = previous
    (table,) = tables
    assert table.module == "saluran" and {r["jumlah"] for r in table.rows} == {"<5"}


def test_publish_button_is_for_admin_and_walidata(client, world):
    client.force_login(world.operator)
    assert client.post("/ksb/saluran/statistik/terbitkan/").status_code == 403
