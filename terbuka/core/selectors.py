"""Reads of platform data."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from terbuka.core.models import AuditEvent, Opd, Pemda, Referral


def pemda_by_slug(slug: str) -> Pemda | None:
    return Pemda.objects.filter(slug=slug, is_active=True).select_related("region").first()


def pemda_list() -> QuerySet[Pemda]:
    return Pemda.objects.filter(is_active=True).select_related("region")


def opd_list(*, pemda: Pemda, active_only: bool = True) -> QuerySet[Opd]:
    qs = Opd.objects.filter(pemda=pemda).select_related("parent")
    return qs.filter(is_active=True) if active_only else qs


def audit_events(
    *,
    pemda: Pemda,
    actor=None,
    action: str | None = None,
    object_type: str | None = None,
    since=None,
    until=None,
    is_read: bool | None = None,
) -> QuerySet[AuditEvent]:
    """The audit log of one pemda, newest first. `actor` is a user or a username (as
    recorded, so deleted users stay findable); `action` matches exactly or as a dotted prefix
    ("core.opd" finds core.opd.create and core.opd.update); `since` and `until` are inclusive."""
    qs = AuditEvent.objects.filter(pemda_id=pemda.pk)
    if actor is not None:
        if isinstance(actor, str):
            qs = qs.filter(actor_label__iexact=actor.strip())
        else:
            qs = qs.filter(actor_id=actor.pk)
    if action:
        action = action.strip().rstrip(".")
        qs = qs.filter(Q(action=action) | Q(action__startswith=action + "."))
    if object_type:
        qs = qs.filter(object_type=object_type.strip().lower())
    if since is not None:
        qs = qs.filter(at__gte=since)
    if until is not None:
        qs = qs.filter(at__lte=until)
    if is_read is not None:
        qs = qs.filter(is_read=is_read)
    return qs.order_by("-at", "-id")


def referrals_from(*, source_module: str, source_ref: str) -> QuerySet[Referral]:
    """What became of the cases a module referred: newest first, with their history."""
    return Referral.objects.filter(
        source_module=source_module, source_ref=str(source_ref)
    ).prefetch_related("events")


def referrals_to(*, pemda: Pemda, target_module: str) -> QuerySet[Referral]:
    return Referral.objects.filter(pemda=pemda, target_module=target_module)
