"""Jumat Bersih clean-ups and the register of parks with care groups."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.core.tests.factories import make_user
from terbuka.lingkungan import selectors, services
from terbuka.lingkungan.models import CleanupEvent

from .conftest import TODAY


def test_cleanup_records_waste_by_category_as_handling(banggai, desa, pengelola):
    event = services.cleanup_record(
        actor=pengelola, pemda=banggai, title="Jumat Bersih", date=TODAY(), region_code=desa,
        place="Pantai Kilongan", participants="85",
        waste={"plastik": "42.5", "organik": "120", "kaca": ""})
    assert {w.category: w.weight_kg for w in event.waste.all()} == {
        "plastik": Decimal("42.500"), "organik": Decimal("120.000")}
    managed = selectors.managed_waste(banggai, TODAY(), TODAY())
    assert managed.handling_t == Decimal("0.163") and managed.reduction_t == 0


@pytest.mark.parametrize("field,kw", [
    ("participants", {"participants": "0"}),
    ("participants", {"participants": "banyak"}),
    ("waste.plastik", {"waste": {"plastik": "-4"}}),
    ("waste.besi", {"waste": {"besi": "4"}}),
    ("region_code", {"region_code": "52.07.02.2001"}),
])
def test_bad_cleanups_are_refused(banggai, desa, field, kw):
    args = {"title": "Jumat Bersih", "date": TODAY(), "region_code": desa, "place": "Pasar",
            "participants": 10, **kw}
    with pytest.raises(ValidationError) as err:
        services.cleanup_record(actor=None, pemda=banggai, **args)
    assert field in err.value.message_dict
    assert not CleanupEvent.objects.exists()


def test_parks_and_their_care_groups(banggai, desa):
    park = services.park_create(actor=None, pemda=banggai, name="Taman Kota Luwuk",
                                region_code=desa, area_m2="12500")
    services.care_group_add(actor=None, park=park, name="Kelompok Peduli Taman", members=12)
    with pytest.raises(ValidationError) as err:
        services.park_create(actor=None, pemda=banggai, name="taman kota luwuk",
                             region_code=desa)
    assert err.value.error_dict["name"][0].code == "unique"
    with pytest.raises(ValidationError):
        services.care_group_add(actor=None, park=park, name="Lain", members=-1)
    listed = list(selectors.parks(banggai))
    assert [p.name for p in listed] == ["Taman Kota Luwuk"]
    assert [g.members for g in listed[0].care_groups.all()] == [12]


def test_a_citizen_cannot_register_parks(banggai, desa):
    warga = make_user("warga", role="warga", pemda=banggai)
    with pytest.raises(PermissionDenied):
        services.park_create(actor=warga, pemda=banggai, name="Taman", region_code=desa)
