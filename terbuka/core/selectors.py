"""Reads of platform data."""

from __future__ import annotations

from django.db.models import QuerySet

from terbuka.core.models import Opd, Pemda


def pemda_by_slug(slug: str) -> Pemda | None:
    return Pemda.objects.filter(slug=slug, is_active=True).select_related("region").first()


def pemda_list() -> QuerySet[Pemda]:
    return Pemda.objects.filter(is_active=True).select_related("region")


def opd_list(*, pemda: Pemda, active_only: bool = True) -> QuerySet[Opd]:
    qs = Opd.objects.filter(pemda=pemda).select_related("parent")
    return qs.filter(is_active=True) if active_only else qs
