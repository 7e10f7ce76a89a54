"""Writing to the audit log. Services call `record` for every write of protected data and
`record_read` for every read of personal data; nothing else writes AuditEvent rows."""

from __future__ import annotations

from typing import Any

from django.db import models

from terbuka.core.models import AuditEvent

SYSTEM = "system"


def _actor_label(actor) -> str:
    # None is the platform itself (management commands, demo loader, jobs); an anonymous
    # visitor is a request without a logged-in user.
    if actor is None:
        return SYSTEM
    if not getattr(actor, "is_authenticated", False):
        return "anonymous"
    return actor.get_username()


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    pemda=None,
    changes: dict[str, Any] | None = None,
    is_read: bool = False,
    request=None,
    via: str = "",
) -> AuditEvent:
    if pemda is None and obj is not None:
        pemda = getattr(obj, "pemda", None)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_actor_label(actor),
        pemda=pemda,
        action=action,
        is_read=is_read,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=changes or {},
        ip_address=_client_ip(request),
        via=via or ("api" if request is not None and request.path.startswith("/api/") else "web"),
    )


def record_read(*, actor, action: str, obj: models.Model, request=None, pemda=None) -> AuditEvent:
    return record(actor=actor, action=action, obj=obj, pemda=pemda, is_read=True, request=request)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields that changed, in a JSON-safe form."""
    return {
        key: [_plain(before.get(key)), _plain(value)]
        for key, value in after.items()
        if before.get(key) != value
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)
