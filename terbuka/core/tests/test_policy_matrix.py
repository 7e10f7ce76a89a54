"""Authorization matrix: every declared action against every role, allowed and denied alike.

The expected outcome is derived from nothing but the declaration's role list, so a rule that
widens or narrows in code without its declaration changing fails here.
"""

import pytest

from terbuka.core import policy
from terbuka.core.models import Role, RoleAssignment
from terbuka.core.policy import Scope, Target
from terbuka.core.regions import desa_under
from terbuka.core.tests.factories import (
    BANGGAI,
    KSB,
    make_opd,
    make_pemda,
    make_place,
    make_superuser,
    make_user,
)


class World:
    """Two pemda, each with two OPD and two posyandu in different kecamatan."""

    def __init__(self):
        self.home = self._side("ksb", KSB)
        self.other = self._side("banggai", BANGGAI)
        self.superuser = make_superuser()
        place = self.home.places[0]
        self.target = Target(
            pemda_id=self.home.pemda.pk,
            opd_id=self.home.opd[0].pk,
            region_code=place.region_id,
            place_id=place.pk,
        )

    def _side(self, slug, code):
        pemda = make_pemda(slug, code)
        desa = list(desa_under(code).order_by("code"))
        # Desa from two different kecamatan, so region scopes can miss each other.
        second = next(d for d in desa if d.kecamatan_code != desa[0].kecamatan_code)
        opd = [make_opd(pemda) for _ in range(2)]
        places = [make_place(pemda, region_code=d.code) for d in (desa[0], second)]
        return type("Side", (), {"pemda": pemda, "opd": opd, "places": places})

    def user_with(self, role, *, side=None, match=True):
        """A user holding `role` in `side`'s pemda, with a scope that reaches the target
        (match=True) or a sibling of it (match=False)."""
        side = side or self.home
        index = 0 if match else 1
        place = side.places[index]
        return make_user(
            role=role, pemda=side.pemda, opd=side.opd[index], place=place,
            region=place.region_id,
        )


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
    desa = world.home.places[0].region
    beside = world.home.places[1].region
    user = make_user(role=Role.PETUGAS_OPD, pemda=world.home.pemda, region=desa.kecamatan_code)
    pemda_id = world.home.pemda.pk
    assert policy.can(user, action, Target(pemda_id, region_code=desa.code))
    assert policy.can(user, action, Target(pemda_id, region_code=desa.kecamatan_code))
    assert not policy.can(user, action, Target(pemda_id, region_code=beside.code))
    # A code that merely starts with the same characters is not below it.
    assert not policy.can(user, action, Target(pemda_id, region_code=desa.kecamatan_code + "1"))
    assert not policy.can(user, action, Target(pemda_id, region_code=None))
