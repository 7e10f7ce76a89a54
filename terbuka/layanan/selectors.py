"""Reads of the layanan app: published standards per OPD, and mapping older units to today's."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from terbuka.core.models import Opd, Pemda
from terbuka.layanan import lineage
from terbuka.layanan.models import Restructuring, RestructuringLink, ServiceStandard


def opd_with_standards(pemda: Pemda) -> QuerySet[Opd]:
    return Opd.objects.filter(pemda=pemda, is_active=True).annotate(
        standards=Count("service_standards",
                        filter=Q(service_standards__is_published=True))).order_by("name")


def standards(opd: Opd, *, published_only: bool = True) -> QuerySet[ServiceStandard]:
    qs = ServiceStandard.objects.filter(opd=opd).select_related("unit")
    return qs.filter(is_published=True) if published_only else qs


def history(pemda: Pemda) -> QuerySet[Restructuring]:
    return Restructuring.objects.filter(pemda=pemda).prefetch_related(
        "links__new_opd", "links__old_opd")


def _key(link: RestructuringLink) -> str:
    return f"opd:{link.old_opd_id}" if link.old_opd_id else \
        f"name:{lineage.normalise(link.old_name)}"


def opd_by_name(pemda: Pemda, name: str) -> Opd | None:
    wanted = lineage.normalise(name)
    return next((o for o in Opd.objects.filter(pemda=pemda)
                 if lineage.normalise(o.name) == wanted
                 or (o.acronym and lineage.normalise(o.acronym) == wanted)), None)


def map_to_current(pemda: Pemda, *, opd: Opd | None = None, name: str = "",
                   as_of: datetime.date | None = None) -> list[Opd]:
    """Today's OPD that a record about `opd` (or a unit called `name`) dated `as_of` belongs
    to. Unknown names map to nothing; a unit never restructured maps to itself."""
    links = list(RestructuringLink.objects.filter(restructuring__pemda=pemda)
                 .select_related("restructuring"))
    if opd is not None:
        start = f"opd:{opd.pk}"
    else:
        wanted = lineage.normalise(name)
        named = next((link for link in links if lineage.normalise(link.old_name) == wanted),
                     None)
        if named is not None:
            start = _key(named)
        else:
            match = opd_by_name(pemda, name)
            if match is None:
                return []
            start = f"opd:{match.pk}"
    changes = [lineage.Change(link.restructuring.effective_on, _key(link),
                              (f"opd:{link.new_opd_id}",) if link.new_opd_id else ())
               for link in links]
    keys = lineage.current(start, changes, since=as_of)
    ids = [int(k[4:]) for k in keys if k.startswith("opd:")]
    return list(Opd.objects.filter(pk__in=ids).order_by("name"))
