"""place_create."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from terbuka.core import services
from terbuka.core.models import AuditEvent, Place
from terbuka.core.tests.factories import BANGGAI, KSB, load_regions, make_pemda, make_user

pytestmark = pytest.mark.django_db

BERU = "52.07.01.2001"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def ksb():
    load_regions(BANGGAI)
    return make_pemda("ksb", KSB)


def test_dusun_and_posyandu_inside_it(ksb):
    admin = make_user("admin", "admin_pemda", pemda=ksb)
    dusun = services.place_create(actor=admin, pemda=ksb, kind="dusun", name="Dusun Goa",
                                  region_code=BERU)
    pos = services.place_create(actor=admin, pemda=ksb, kind="posyandu", name="Mawar",
                                region_code=BERU, parent=dusun, code="P-01")
    assert pos.parent == dusun and pos.region_id == BERU
    assert AuditEvent.objects.filter(action="core.place.create", pemda=ksb).count() == 2


@pytest.mark.parametrize(
    ("kw", "field", "text"),
    [
        ({"region_code": "52.07.01"}, "region_code",
         "52.07.01 (Jereweh) is a kecamatan; a desa/kelurahan is required."),
        ({"region_code": "72.01.01.1006"}, "region_code", "is outside"),
        ({"region_code": "52.07.01.2999"}, "region_code", "52.07.01.2999 does not exist"),
        ({"region_code": ""}, "region_code", "A region code is required."),
        ({"kind": "pasar"}, "kind", "“pasar” is not one of"),
        ({"name": ""}, "name", "required"),
    ],
)
def test_bad_input(ksb, kw, field, text):
    args = {"kind": "posyandu", "name": "Mawar", "region_code": BERU, **kw}
    with pytest.raises(ValidationError) as exc_info:
        services.place_create(actor=None, pemda=ksb, **args)
    assert text in " ".join(exc_info.value.message_dict[field])
    assert not Place.objects.exists()


def test_duplicate_and_parent_checks(ksb):
    banggai = make_pemda("banggai", BANGGAI)
    services.place_create(actor=None, pemda=ksb, kind="posyandu", name="Mawar", region_code=BERU)
    with pytest.raises(ValidationError) as exc_info:
        services.place_create(actor=None, pemda=ksb, kind="posyandu", name="mawar",
                              region_code=BERU)
    assert "“mawar” already exists in Goa" in exc_info.value.message_dict["name"][0]
    foreign = services.place_create(actor=None, pemda=banggai, kind="dusun", name="Dusun A",
                                    region_code="72.01.01.1006")
    with pytest.raises(ValidationError) as exc_info:
        services.place_create(actor=None, pemda=ksb, kind="posyandu", name="Melati",
                              region_code=BERU, parent=foreign)
    assert "belongs to another regional government" in exc_info.value.message_dict["parent"][0]
    other_desa = services.place_create(actor=None, pemda=ksb, kind="dusun", name="Dusun B",
                                       region_code="52.07.01.2002")
    with pytest.raises(ValidationError) as exc_info:
        services.place_create(actor=None, pemda=ksb, kind="posyandu", name="Melati",
                              region_code=BERU, parent=other_desa)
    assert "is in 52.07.01.2002, not in 52.07.01.2001" in exc_info.value.message_dict["parent"][0]


def test_kader_cannot_create_places(ksb):
    pos = services.place_create(actor=None, pemda=ksb, kind="posyandu", name="Mawar",
                                region_code=BERU)
    kader = make_user("kader", "kader_posyandu", place=pos)
    with pytest.raises(PermissionDenied):
        services.place_create(actor=kader, pemda=ksb, kind="posyandu", name="Melati",
                              region_code=BERU)
