import datetime

import pytest
from django.utils import translation

from terbuka.core.models import PlaceKind
from terbuka.core.tests.factories import KSB, first_desa, make_pemda, make_place, make_user
from terbuka.gotongroyong import services
from terbuka.gotongroyong.models import ProgrammeKind

DESA = "52.07.02.2001"  # Desa Kuang, Taliwang
OTHER_DESA = "52.07.03.2001"  # in Kecamatan Seteluk
TODAY = datetime.date(2025, 6, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def ksb(db):
    return make_pemda("ksb", KSB)


@pytest.fixture
def dusun(ksb):
    return make_place(ksb, "Dusun Labuhan Lalar I", kind=PlaceKind.DUSUN, region_code=DESA)


@pytest.fixture
def pendamping(ksb):
    return make_user("pendamping", role="pendamping", pemda=ksb, region=DESA)


@pytest.fixture
def kelompok(ksb, dusun):
    return services.kelompok_create(
        actor=None, pemda=ksb, name="Kelompok Maju Bersama", desa=DESA, dusun=dusun,
        members=[{"name": "Amaq Rudi", "role": "ketua"},
                 {"name": "Inaq Sari", "role": "bendahara", "is_woman": True},
                 {"name": "Lalu Hadi", "role": "anggota"}])


def stimulan(ksb, kelompok, **overrides):
    fields = dict(
        actor=None, pemda=ksb, kelompok=kelompok, kind="stimulan", title="Rabat jalan dusun",
        year=2025, output="Jalan rabat beton", volume="200", unit="m", budget_apbd="30000000",
        contribution_money="2000000", contribution_materials="pasir, batu",
        contribution_materials_value="3000000", contribution_workdays=120)
    fields.update(overrides)
    return services.project_create(**fields)


@pytest.fixture
def project(ksb, kelompok):
    return stimulan(ksb, kelompok)


@pytest.fixture
def sanitasi(ksb):
    return services.programme_create(actor=None, pemda=ksb, kind=ProgrammeKind.SANITASI,
                                     name="STBM Sumbawa Barat", start_year=2019)


__all__ = ["DESA", "OTHER_DESA", "TODAY", "first_desa", "stimulan"]
