"""UU 27/2022: kader see only their posyandu, nakes their area; every read of an individual
record is logged; individual exports need a role and are logged."""

import pytest
from django.core.exceptions import PermissionDenied

from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import make_user
from terbuka.posyandu import selectors, services

pytestmark = pytest.mark.django_db


def test_kader_sees_own_posyandu_only(posyandu, other_posyandu, kader, child):
    assert selectors.register(actor=kader, posyandu=posyandu)["children"] == [child]
    with pytest.raises(PermissionDenied):
        selectors.register(actor=kader, posyandu=other_posyandu)
    stranger = services.person_register(actor=None, posyandu=other_posyandu, name="Andi",
                                        birth_date="2024-01-01", sex="L")
    with pytest.raises(PermissionDenied):
        selectors.child_record(actor=kader, person=stranger)
    with pytest.raises(PermissionDenied):
        services.person_register(actor=kader, posyandu=other_posyandu, name="X",
                                 birth_date="2024-01-01", sex="L")


def test_nakes_sees_their_area_only(ksb, posyandu, other_posyandu, child):
    bidan_kec1 = make_user(role="nakes", pemda=ksb, region=posyandu.desa_code[:8])
    assert selectors.child_record(actor=bidan_kec1, person=child)["person"] == child
    with pytest.raises(PermissionDenied):
        selectors.register(actor=bidan_kec1, posyandu=other_posyandu)


def test_every_read_of_a_child_is_logged(posyandu, nakes, child):
    selectors.child_record(actor=nakes, person=child)
    selectors.child_record(actor=nakes, person=child)
    events = AuditEvent.objects.filter(action="posyandu.person.read", object_id=str(child.pk))
    assert events.count() == 2
    assert all(e.is_read and e.actor_label == "bidan1" for e in events)


def test_export_needs_the_role_and_is_logged(posyandu, kader, nakes, child):
    with pytest.raises(PermissionDenied):
        selectors.export_rows(actor=kader, posyandu=posyandu)
    selectors.export_rows(actor=nakes, posyandu=posyandu)
    event = AuditEvent.objects.get(action="posyandu.export.individual")
    assert event.is_read and event.actor_label == "bidan1"


def test_public_or_other_roles_cannot_read(ksb, posyandu, child):
    warga = make_user(role="warga", pemda=ksb)
    admin = make_user(role="admin_pemda", pemda=ksb)
    for user in (warga, admin):
        with pytest.raises(PermissionDenied):
            selectors.child_record(actor=user, person=child)
