"""Reads of account data."""

from django.db.models import QuerySet

from terbuka.accounts.models import ApiToken
from terbuka.core.models import RoleAssignment


def roles_of(user) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.filter(user=user, is_active=True, pemda__is_active=True)
        .select_related("pemda", "opd", "region", "place")
        .order_by("pemda__slug", "role", "pk")
    )


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
