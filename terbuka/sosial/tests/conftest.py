import datetime

import pytest
from django.utils import translation

from terbuka.core.tests.factories import KSB, make_pemda, make_user
from terbuka.sosial import services

DESA = "52.07.02.2001"
OTHER_DESA = "52.07.03.2001"
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
def petugas(ksb):
    return make_user("petugas", role="petugas_sosial", pemda=ksb, region=DESA)


def register(ksb, name="Inaq Marni", desa=DESA, nik="5207014107500001", **case):
    person = services.person_register(actor=None, pemda=ksb, name=name, sex="P", desa=desa,
                                      nik=nik, birth_date="1950-07-01")
    fields = {"categories": ["08"], "found_by": "kader", "found_on": TODAY}
    fields.update(case)
    return services.case_open(actor=None, person=person, **fields)
