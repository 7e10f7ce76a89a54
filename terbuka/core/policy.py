"""The one policy layer: every permission decision in Terbuka is `policy.can(...)`.

Each protected action is declared once, with the roles allowed to do it and how far each
role's reach extends (its scope). Modules declare their own actions at start-up; the
authorization matrix test walks every declared action against every role.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from terbuka.core.models import Role, RoleAssignment


class Scope(enum.Enum):
    PEMDA = "pemda"  # anywhere in the target's pemda
    OPD = "opd"  # only for the OPD the role was granted for
    REGION = "region"  # only in the region the role was granted for, or below it
    PLACE = "place"  # only at the place (e.g. posyandu) the role was granted for


@dataclass(frozen=True)
class Target:
    """What an action is about, reduced to what scoping needs."""

    pemda_id: int | None
    opd_id: int | None = None
    region_code: str | None = None
    place_id: int | None = None


@dataclass(frozen=True)
class Action:
    name: str
    description: str | Promise
    allow: dict[Role, Scope] = field(default_factory=dict)
    # Actions whose target is a pemda as a whole (no object) still need target.pemda_id.


_actions: dict[str, Action] = {}


def define(name: str, description: str | Promise, allow: dict[Role, Scope]) -> Action:
    """Declare a protected action. Declaring the same name twice is a programming error."""
    if name in _actions and _actions[name].allow != allow:
        raise ValueError(f"Action {name!r} is already declared with other rules.")
    action = Action(name=name, description=description, allow=dict(allow))
    _actions[name] = action
    return action


def actions() -> dict[str, Action]:
    return dict(_actions)


def _assignments(user) -> list[RoleAssignment]:
    cached = getattr(user, "_terbuka_roles", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user, is_active=True, pemda__is_active=True)
            .select_related("region")
        )
        user._terbuka_roles = cached
    return cached


def _reaches(assignment: RoleAssignment, scope: Scope, target: Target) -> bool:
    if assignment.pemda_id != target.pemda_id:
        return False
    if scope is Scope.PEMDA:
        return True
    if scope is Scope.OPD:
        return assignment.opd_id is not None and assignment.opd_id == target.opd_id
    if scope is Scope.REGION:
        if assignment.region_id is None:
            return True
        code = target.region_code or ""
        return code == assignment.region_id or code.startswith(assignment.region_id + ".")
    if scope is Scope.PLACE:
        return assignment.place_id is not None and assignment.place_id == target.place_id
    return False


def can(user, action_name: str, target: Target) -> bool:
    action = _actions.get(action_name)
    if action is None:
        raise KeyError(f"Undeclared action {action_name!r}")
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        a.role in action.allow and _reaches(a, action.allow[Role(a.role)], target)
        for a in _assignments(user)
    )


def require(user, action_name: str, target: Target) -> None:
    if not can(user, action_name, target):
        raise PermissionDenied(
            _("You are not allowed to do this: %(action)s.")
            % {"action": _actions[action_name].description}
        )


def roles_of(user, pemda_id: int | None = None) -> set[str]:
    if user is None or not user.is_authenticated:
        return set()
    return {a.role for a in _assignments(user) if pemda_id is None or a.pemda_id == pemda_id}


def forget(user) -> None:
    """Drop the per-request cache after roles change."""
    if hasattr(user, "_terbuka_roles"):
        del user._terbuka_roles
