import pytest

from terbuka.core.models import UnitLayanan
from terbuka.core.tests.factories import make_opd, make_pemda


@pytest.fixture
def ksb(db):
    return make_pemda("ksb", "52.07", subtree=False)


@pytest.fixture
def opd(ksb):
    return make_opd(ksb, "Dinas Kependudukan dan Pencatatan Sipil", acronym="DUKCAPIL")


@pytest.fixture
def unit(opd):
    return UnitLayanan.objects.create(opd=opd, name="Loket KTP-el Taliwang")


def answers(*values):
    from terbuka.ikm.formula import ELEMENTS

    if len(values) == 1:
        values = values * 9
    return dict(zip(ELEMENTS, values, strict=True))


PROFILE = {"age": 34, "sex": "P", "education": "sma", "occupation": "wirausaha"}
