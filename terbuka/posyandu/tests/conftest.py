import datetime

import pytest

from terbuka.core.models import OpdKind, PlaceKind
from terbuka.core.tests.factories import first_desa, make_opd, make_pemda, make_place, make_user
from terbuka.posyandu import services


@pytest.fixture
def ksb(db):
    return make_pemda("ksb", "52.07")


@pytest.fixture
def puskesmas(ksb):
    return make_opd(ksb, "Puskesmas Taliwang", kind=OpdKind.PUSKESMAS)


@pytest.fixture
def posyandu(ksb, puskesmas):
    desa = first_desa("52.07")
    dusun = make_place(ksb, "Dusun Mawar", kind=PlaceKind.DUSUN, region_code=desa)
    place = make_place(ksb, "Posyandu Mawar", region_code=desa, parent=dusun)
    return services.posyandu_create(actor=None, place=place, puskesmas=puskesmas,
                                    registration_number="P-001")


@pytest.fixture
def other_posyandu(ksb, puskesmas):
    place = make_place(ksb, "Posyandu Melati", region_code=first_desa("52.07.02"))
    return services.posyandu_create(actor=None, place=place, puskesmas=puskesmas)


@pytest.fixture
def kader(posyandu):
    return make_user("kader1", role="kader_posyandu", place=posyandu.place)


@pytest.fixture
def nakes(ksb):
    return make_user("bidan1", role="nakes", pemda=ksb, region="52.07")


def month_ago(n: int, day: int = 10) -> datetime.date:
    """The `day`th of the month n months before this one."""
    today = datetime.date.today()
    y, m = today.year, today.month - n
    while m <= 0:
        y, m = y - 1, m + 12
    return datetime.date(y, m, day)


@pytest.fixture
def child(posyandu):
    return services.person_register(actor=None, posyandu=posyandu, name="Siti Aminah",
                                    birth_date=month_ago(14, 1), sex="P", mother_name="Nur")


@pytest.fixture(autouse=True)
def english():
    """Service messages are checked in English (the source language); pages and the
    browser tests use the default Indonesian."""
    from django.utils import translation

    with translation.override("en"):
        yield
