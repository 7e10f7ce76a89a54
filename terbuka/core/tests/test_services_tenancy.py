"""One pemda's data and people never reach into another pemda through the services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.core import selectors, services
from terbuka.core.models import Opd, Place, RoleAssignment
from terbuka.core.tests.factories import BANGGAI, KSB, make_opd, make_pemda, make_place, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    ksb, banggai = make_pemda("ksb", KSB), make_pemda("banggai", BANGGAI)
    return ksb, banggai, make_user("admin.ksb", "admin_pemda", pemda=ksb)


def test_admin_of_one_pemda_cannot_write_in_another(two):
    ksb, banggai, admin = two
    foreign_opd = make_opd(banggai, "Dinas Kesehatan Banggai", acronym="DINKES")
    attempts = [
        lambda: services.opd_create(actor=admin, pemda=banggai, name="X", kind="dinas"),
        lambda: services.opd_update(actor=admin, opd=foreign_opd, name="Hijacked"),
        lambda: services.unit_layanan_create(actor=admin, opd=foreign_opd, name="Loket"),
        lambda: services.place_create(actor=admin, pemda=banggai, kind="posyandu", name="P",
                                      region_code="72.01.01.1006"),
        lambda: services.role_grant(actor=admin, user=admin, role="admin_pemda", pemda=banggai),
        lambda: services.pemda_update(actor=admin, pemda=banggai, tagline="x"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert list(Opd.objects.filter(pemda=banggai)) == [foreign_opd]
    assert Opd.objects.get(pk=foreign_opd.pk).name == "Dinas Kesehatan Banggai"
    assert not Place.objects.filter(pemda=banggai).exists()


def test_objects_of_another_pemda_cannot_be_attached(two):
    ksb, banggai, admin = two
    foreign_opd = make_opd(banggai, "Dinas Kesehatan Banggai")
    foreign_place = make_place(banggai, "Posyandu Luwuk")
    user = make_user()
    bad = [
        ("opd", lambda: services.role_grant(actor=admin, user=user, role="produsen_data",
                                            pemda=ksb, opd=foreign_opd)),
        ("place", lambda: services.role_grant(actor=admin, user=user, role="kader_posyandu",
                                              pemda=ksb, place=foreign_place)),
        ("region_code", lambda: services.role_grant(actor=admin, user=user, role="nakes",
                                                    pemda=ksb, region_code="72.01.01")),
        ("parent", lambda: services.opd_create(actor=admin, pemda=ksb, name="Y", kind="dinas",
                                               parent=foreign_opd)),
        ("region_code", lambda: services.opd_create(actor=admin, pemda=ksb, name="Z",
                                                    kind="kecamatan", region_code="72.01.01")),
        ("parent", lambda: services.place_create(actor=admin, pemda=ksb, kind="posyandu",
                                                 name="P", region_code="52.07.01.2001",
                                                 parent=foreign_place)),
    ]
    for field, attempt in bad:
        with pytest.raises(ValidationError) as exc_info:
            attempt()
        assert field in exc_info.value.message_dict, field
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert not Opd.objects.filter(pemda=ksb).exists()


def test_reads_stay_in_their_pemda(two):
    ksb, banggai, admin = two
    services.opd_create(actor=admin, pemda=ksb, name="Dinas KSB", kind="dinas")
    services.opd_create(actor=None, pemda=banggai, name="Dinas Banggai", kind="dinas")
    assert [o.name for o in selectors.opd_list(pemda=ksb)] == ["Dinas KSB"]
    assert {e.object_repr for e in selectors.audit_events(pemda=ksb)} == {"Dinas KSB"}
    assert {e.object_repr for e in selectors.audit_events(pemda=banggai)} == {"Dinas Banggai"}
