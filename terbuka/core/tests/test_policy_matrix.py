"""Authorization matrix: every declared action against every role, allowed and denied alike.

The expected outcome is derived from nothing but the declaration's role list, so a rule that
widens or narrows in code without its declaration changing fails here.
"""

import pytest

from terbuka.accounts.models import User
from terbuka.core import policy
from terbuka.core.models import (
    Opd,
    OpdKind,
    Pemda,
    PemdaKind,
    Place,
    PlaceKind,
    Region,
    RegionLevel,
    Role,
    RoleAssignment,
)
from terbuka.core.policy import Scope, Target

REGIONS = [
    ("52", "Nusa Tenggara Barat", RegionLevel.PROVINSI, None),
    ("52.07", "Kabupaten Sumbawa Barat", RegionLevel.KABUPATEN_KOTA, "52"),
    ("52.07.01", "Jereweh", RegionLevel.KECAMATAN, "52.07"),
    ("52.07.01.2001", "Beru", RegionLevel.DESA_KELURAHAN, "52.07.01"),
    ("52.07.02", "Taliwang", RegionLevel.KECAMATAN, "52.07"),
    ("52.07.02.2001", "Kuang", RegionLevel.DESA_KELURAHAN, "52.07.02"),
    ("72", "Sulawesi Tengah", RegionLevel.PROVINSI, None),
    ("72.01", "Kabupaten Banggai", RegionLevel.KABUPATEN_KOTA, "72"),
    ("72.01.01", "Toili", RegionLevel.KECAMATAN, "72.01"),
    ("72.01.01.2001", "Singkoyo", RegionLevel.DESA_KELURAHAN, "72.01.01"),
]


def _region(code, name, level, parent):
    parts = code.split(".")
    return Region.objects.create(
        code=code, name=name, level=level, parent_id=parent,
        provinsi_code=parts[0],
        kabupaten_code=".".join(parts[:2]) if len(parts) > 1 else "",
        kecamatan_code=".".join(parts[:3]) if len(parts) > 2 else "",
    )


class World:
    """Two pemda, each with two OPD, two kecamatan-level areas and two posyandu."""

    def __init__(self):
        for row in REGIONS:
            _region(*row)
        self.home = self._pemda("ksb", "52.07", "52.07.01.2001", "52.07.02.2001")
        self.other = self._pemda("banggai", "72.01", "72.01.01.2001", "72.01.01.2001")
        self.superuser = User.objects.create_superuser("root", "root@example.org", "x")
        self.target = Target(
            pemda_id=self.home.pemda.pk,
            opd_id=self.home.opd[0].pk,
            region_code="52.07.01.2001",
            place_id=self.home.places[0].pk,
        )

    def _pemda(self, slug, code, desa_a, desa_b):
        pemda = Pemda.objects.create(
            slug=slug, name=slug, short_name=slug, kind=PemdaKind.KABUPATEN, region_id=code
        )
        opd = [
            Opd.objects.create(pemda=pemda, name=f"Dinas {i}", kind=OpdKind.DINAS)
            for i in range(2)
        ]
        places = [
            Place.objects.create(
                pemda=pemda, kind=PlaceKind.POSYANDU, name=f"Posyandu {i}", region_id=desa
            )
            for i, desa in enumerate([desa_a, desa_b])
        ]
        return type("P", (), {"pemda": pemda, "opd": opd, "places": places})

    def user_with(self, role, *, side=None, match=True):
        """A user holding `role` in `side`'s pemda, with a scope that reaches the target
        (match=True) or a sibling of it (match=False)."""
        side = side or self.home
        index = 0 if match else 1
        user = User.objects.create_user(f"u{User.objects.count()}", password="x")
        RoleAssignment.objects.create(
            user=user,
            role=role,
            pemda=side.pemda,
            opd=side.opd[index],
            place=side.places[index],
            region_id=side.places[index].region_id,
        )
        return user


@pytest.fixture
def world(db):
    return World()


def _declared():
    return sorted(policy.actions().items())


def test_every_action_declares_at_least_one_role():
    assert _declared(), "no action is declared"
    for name, action in _declared():
        assert action.allow, f"{name} allows no role: only superusers could ever do it"


@pytest.mark.parametrize("role", list(Role))
def test_matrix_in_scope(world, role):
    user = world.user_with(role)
    for name, action in _declared():
        assert policy.can(user, name, world.target) is (role in action.allow), (name, role)


@pytest.mark.parametrize("role", list(Role))
def test_matrix_sibling_scope(world, role):
    """Same pemda, but the role was granted for another OPD, desa or posyandu: only roles whose
    reach is the whole pemda still get through."""
    user = world.user_with(role, match=False)
    for name, action in _declared():
        expected = action.allow.get(role) is Scope.PEMDA
        assert policy.can(user, name, world.target) is expected, (name, role)


@pytest.mark.parametrize("role", list(Role))
def test_matrix_other_pemda_is_always_denied(world, role):
    user = world.user_with(role, side=world.other)
    for name, _action in _declared():
        assert policy.can(user, name, world.target) is False, (name, role)


def test_anonymous_inactive_and_revoked_are_denied(world):
    from django.contrib.auth.models import AnonymousUser

    inactive = world.user_with(Role.ADMIN_PEMDA)
    inactive.is_active = False
    inactive.save()
    revoked = world.user_with(Role.ADMIN_PEMDA)
    RoleAssignment.objects.filter(user=revoked).update(is_active=False)
    for name, _action in _declared():
        for user in (AnonymousUser(), None, inactive, revoked):
            assert policy.can(user, name, world.target) is False, (name, user)


def test_superuser_may_do_everything(world):
    for name, _action in _declared():
        assert policy.can(world.superuser, name, world.target) is True


def test_undeclared_action_is_a_programming_error(world):
    with pytest.raises(KeyError):
        policy.can(world.superuser, "nobody.declared.this", world.target)


def test_require_raises_permission_denied_naming_the_action(world):
    from django.core.exceptions import PermissionDenied

    user = world.user_with(Role.WARGA)
    with pytest.raises(PermissionDenied) as excinfo:
        policy.require(user, "core.opd.create", world.target)
    assert str(policy.actions()["core.opd.create"].description) in str(excinfo.value)


def test_region_scope_reaches_below_but_not_beside(world, monkeypatch):
    monkeypatch.setattr(policy, "_actions", dict(policy._actions))
    action = "test.region.scoped"
    policy.define(action, "scoped by region", {Role.PETUGAS_OPD: Scope.REGION})
    user = User.objects.create_user("kecamatan-officer", password="x")
    RoleAssignment.objects.create(
        user=user, role=Role.PETUGAS_OPD, pemda=world.home.pemda, region_id="52.07.01"
    )
    pemda_id = world.home.pemda.pk
    assert policy.can(user, action, Target(pemda_id, region_code="52.07.01.2001"))
    assert policy.can(user, action, Target(pemda_id, region_code="52.07.01"))
    assert not policy.can(user, action, Target(pemda_id, region_code="52.07.02.2001"))
    # A code that merely starts with the same characters is not below it.
    assert not policy.can(user, action, Target(pemda_id, region_code="52.07.011"))
    assert not policy.can(user, action, Target(pemda_id, region_code=None))
