import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from terbuka.core.tests.factories import BANGGAI, first_desa, make_pemda, make_user
from terbuka.lingkungan import services
from terbuka.lingkungan.models import Unit, WastePrice

TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def banggai(db):
    return make_pemda("banggai", BANGGAI)


@pytest.fixture
def desa(banggai):
    return first_desa(BANGGAI)


@pytest.fixture
def pengelola(banggai):
    return make_user("pengelola", role="pengelola_lingkungan", pemda=banggai)


def make_unit(pemda, name="Bank Sampah Melati", region_code=None, **kw) -> Unit:
    kw.setdefault("kind", "sekolah")
    kw.setdefault("manager_name", "Ibu Rahma")
    return services.unit_create(actor=None, pemda=pemda, name=name,
                                region_code=region_code or first_desa(pemda.region_id), **kw)


def open_price(unit, waste_type, price, days_ago=60):
    """A price already in force for a while (set up directly: the service only allows prices
    from today on)."""
    return WastePrice.objects.create(
        unit=unit, waste_type=waste_type, price_per_kg=Decimal(price),
        valid_from=TODAY() - datetime.timedelta(days=days_ago))


@pytest.fixture
def types(banggai):
    return {
        code: services.waste_type_create(actor=None, pemda=banggai, code=code, name=name,
                                         category=cat)
        for code, name, cat in [
            ("pet", "Botol PET", "plastik"), ("kardus", "Kardus", "kertas"),
            ("kaleng", "Kaleng aluminium", "logam"),
        ]
    }


@pytest.fixture
def unit(banggai, types):
    unit = make_unit(banggai)
    open_price(unit, types["pet"], 3000)
    open_price(unit, types["kardus"], 1500)
    open_price(unit, types["kaleng"], 8000)
    return unit


@pytest.fixture
def nasabah(unit):
    return services.nasabah_create(actor=None, unit=unit, name="Siti Aminah",
                                   joined=TODAY() - datetime.timedelta(days=90))
