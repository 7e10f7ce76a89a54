"""role_grant / role_revoke."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from terbuka.core import policy, services
from terbuka.core.models import AuditEvent, RoleAssignment
from terbuka.core.policy import Target
from terbuka.core.tests.factories import (
    BANGGAI,
    KSB,
    load_regions,
    make_opd,
    make_pemda,
    make_place,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def ksb():
    load_regions(BANGGAI)
    return make_pemda("ksb", KSB)


@pytest.fixture
def admin(ksb):
    return make_user("admin", "admin_pemda", pemda=ksb)


def test_grant_gives_permission_at_once_and_is_audited(ksb, admin):
    user = make_user("budi")
    assert not policy.can(user, "core.opd.create", Target(ksb.pk))
    assignment = services.role_grant(actor=admin, user=user, role="admin_pemda", pemda=ksb)
    assert assignment.granted_by == admin
    assert policy.can(user, "core.opd.create", Target(ksb.pk))
    event = AuditEvent.objects.get(action="core.role.grant")
    assert event.changes["user"] == [None, "budi"] and event.changes["role"][1] == "admin_pemda"


def test_duplicate_grant_refused_but_other_scope_allowed(ksb, admin):
    user = make_user("sari")
    services.role_grant(actor=admin, user=user, role="nakes", pemda=ksb, region_code="52.07.01")
    with pytest.raises(ValidationError) as exc_info:
        services.role_grant(actor=admin, user=user, role="nakes", pemda=ksb,
                            region_code="52.07.01")
    assert exc_info.value.message_dict["role"] == [
        "sari already holds the role Midwife / health worker with this scope in "
        "Pemerintah Kabupaten Sumbawa Barat."]
    services.role_grant(actor=admin, user=user, role="nakes", pemda=ksb, region_code="52.07.02")
    assert RoleAssignment.objects.filter(user=user).count() == 2


def test_revoke_then_grant_again_reactivates_instead_of_duplicating(ksb, admin):
    user = make_user("eka")
    first = services.role_grant(actor=admin, user=user, role="walidata", pemda=ksb)
    services.role_revoke(actor=admin, assignment=first)
    assert not policy.can(user, "core.audit.view", Target(ksb.pk))
    services.role_revoke(actor=admin, assignment=first)  # twice: no error, no second event
    assert AuditEvent.objects.filter(action="core.role.revoke").count() == 1
    again = services.role_grant(actor=admin, user=user, role="walidata", pemda=ksb)
    assert again.pk == first.pk and again.is_active
    assert RoleAssignment.objects.filter(user=user).count() == 1


@pytest.mark.parametrize(
    ("role", "scope", "field", "text"),
    [
        ("kader_posyandu", {}, "place", "The role Posyandu cadre needs a posyandu."),
        ("kader_posyandu", {"place": "dusun"}, "place", "needs a posyandu"),
        ("produsen_data", {}, "opd", "The role Data producer (OPD) needs an OPD."),
        ("petugas_opd", {}, "opd", "needs an OPD"),
        ("raja", {}, "role", "“raja” is not one of"),
        ("nakes", {"region_code": "72.01.01"}, "region_code", "is outside"),
        ("nakes", {"region_code": "52.07.77"}, "region_code", "does not exist"),
    ],
)
def test_scope_rules(ksb, admin, role, scope, field, text):
    if scope.get("place") == "dusun":
        scope = {"place": make_place(ksb, "Dusun Beru", kind="dusun")}
    with pytest.raises(ValidationError) as exc_info:
        services.role_grant(actor=admin, user=make_user(), role=role, pemda=ksb, **scope)
    assert text in " ".join(exc_info.value.message_dict[field])
    assert not RoleAssignment.objects.exclude(user=admin).exists()


def test_scoped_roles_granted(ksb, admin):
    pos = make_place(ksb, "Mawar")
    opd = make_opd(ksb, "Dinas Kesehatan", acronym="DIKES")
    kader = services.role_grant(actor=admin, user=make_user(), role="kader_posyandu",
                                pemda=ksb, place=pos)
    produsen = services.role_grant(actor=admin, user=make_user(), role="produsen_data",
                                   pemda=ksb, opd=opd)
    assert kader.place == pos and produsen.opd == opd


def test_only_admin_grants(ksb):
    walidata = make_user("wd", "walidata", pemda=ksb)
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=walidata, user=walidata, role="admin_pemda", pemda=ksb)
    assignment = walidata.role_assignments.get()
    with pytest.raises(PermissionDenied):
        services.role_revoke(actor=walidata, assignment=assignment)
    assert RoleAssignment.objects.get(pk=assignment.pk).is_active
