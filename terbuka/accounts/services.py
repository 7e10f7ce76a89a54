"""Writes to accounts data. API tokens: created, revoked, and checked on each API request."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.accounts.models import ApiToken, User
from terbuka.core import audit

TOKEN_NAME_MAX = ApiToken._meta.get_field("name").max_length
# Writing last_used_at on every request would turn every API read into a write.
LAST_USED_PRECISION = timedelta(minutes=1)


def _may_manage_tokens_of(actor, user: User) -> bool:
    # Tokens are personal credentials, not pemda data: only their owner (or a superuser, to
    # shut a leaked token) manages them, so they are outside the role-based policy layer.
    return actor is not None and actor.is_authenticated and (
        actor.pk == user.pk or actor.is_superuser
    )


@transaction.atomic
def token_create(
    *,
    actor,
    user: User,
    name: str,
    expires_at: datetime | None = None,
    request=None,
) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns it with the raw key, which is never stored."""
    if not _may_manage_tokens_of(actor, user):
        raise PermissionDenied(_("You can only create API tokens for your own account."))
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Give the token a name.")]
    elif len(name) > TOKEN_NAME_MAX:
        errors["name"] = [
            _("The name is %(length)d characters long; at most %(max)d are allowed.")
            % {"length": len(name), "max": TOKEN_NAME_MAX}
        ]
    if expires_at is not None:
        if timezone.is_naive(expires_at):
            expires_at = timezone.make_aware(expires_at)
        if expires_at <= timezone.now():
            errors["expires_at"] = [
                _("The expiry %(when)s is in the past.") % {"when": expires_at.isoformat()}
            ]
    if errors:
        raise ValidationError(errors)

    raw = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=ApiToken.hash_key(raw),
        hint=raw[: ApiToken._meta.get_field("hint").max_length],
        expires_at=expires_at,
    )
    audit.record(
        actor=actor,
        action="accounts.token.create",
        obj=token,
        changes={"user": user.get_username(), "name": name,
                 "expires_at": expires_at.isoformat() if expires_at else None},
        request=request,
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor, token: ApiToken, request=None) -> ApiToken:
    """Revoke a token. Revoking an already revoked token changes nothing."""
    if not _may_manage_tokens_of(actor, token.user):
        raise PermissionDenied(_("You can only revoke your own API tokens."))
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        actor=actor,
        action="accounts.token.revoke",
        obj=token,
        changes={"user": token.user.get_username(), "name": token.name},
        request=request,
    )
    return token


def token_authenticate(raw: str) -> User | None:
    """The active user a raw token belongs to, or None for an unknown, revoked or expired one."""
    if not raw or not raw.startswith(ApiToken.PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(raw))
        .first()
    )
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        # A conditional UPDATE, so concurrent requests don't each write.
        ApiToken.objects.filter(pk=token.pk).exclude(
            last_used_at__gt=now - LAST_USED_PRECISION
        ).update(last_used_at=now)
    return token.user
