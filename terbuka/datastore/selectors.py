"""Reads of the datastore: which tables a caller may see, searches, SQL, info, quality."""

from __future__ import annotations

import datetime
import hashlib
import uuid as uuidlib

from django.core.cache import cache
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from terbuka.core import policy
from terbuka.datastore import query, sandbox, storage
from terbuka.datastore.models import DatastoreTable, TableVersion
from terbuka.datastore.quality import DatasetFacts, score
from terbuka.datastore.quality import Resource as QResource
from terbuka.satudata.models import HakAkses, Status

TOTAL_CACHE_SECONDS = 600


def is_public(dataset) -> bool:
    return (dataset.status == Status.TERBIT and dataset.hak_akses == HakAkses.TERBUKA
            and not dataset.is_deleted)


def can_see(user, dataset) -> bool:
    if is_public(dataset):
        return True
    from terbuka.datastore.services import target_of

    return policy.can(user, "datastore.table.view_private", target_of(dataset))


def _uuid(value) -> uuidlib.UUID | None:
    try:
        return uuidlib.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def table_get(resource_id, *, user=None, pemda=None) -> DatastoreTable:
    """The table of a resource the caller may see (404 otherwise, never 403: a private table's
    existence is not disclosed)."""
    key = _uuid(resource_id)
    table = None
    if key is not None:
        table = (DatastoreTable.objects
                 .select_related("live", "resource__dataset", "pemda")
                 .filter(resource_uuid=key).first())
    if table is None or (pemda is not None and table.pemda_id != pemda.pk):
        raise Http404(_("No data table for resource %(id)s.") % {"id": str(resource_id)[:40]})
    if not can_see(user, table.resource.dataset):
        raise Http404(_("No data table for resource %(id)s.") % {"id": str(resource_id)[:40]})
    return table


def live_table(table: DatastoreTable) -> query.Table:
    if table.live is None or not table.live.parquet:
        raise Http404(_("The data table of this resource has not been loaded yet."))
    return query.Table(str(table.resource_uuid), storage.absolute(table.live.parquet),
                       table.live.schema)


def _cached_total(key: str, compute) -> int:
    # A stable digest: Python's hash() differs between processes, and workers share the cache.
    cache_key = "datastore:total:" + hashlib.sha256(key.encode()).hexdigest()
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, TOTAL_CACHE_SECONDS)
    return value


def search(table: DatastoreTable, **kwargs) -> dict:
    # The cache key holds the Parquet path, which is per version: a new version never reads
    # an old total.
    return query.search(live_table(table), total_cache=_cached_total, **kwargs)


def sql_search(sql: str, *, user=None, pemda=None, row_limit: int = 32_000,
               timeout: float = 5.0) -> dict:
    """datastore_search_sql over the public tables (and the private ones the user may see)."""
    names: list[str] = []

    class Recorder:
        def __contains__(self, name) -> bool:
            names.append(name)
            return True

    sandbox.check_sql(sql, Recorder())  # refuses everything but one SELECT, before any lookup
    keys = [k for k in (_uuid(n) for n in names) if k is not None]
    tables = {}
    rows = (DatastoreTable.objects.select_related("live", "resource__dataset")
            .filter(resource_uuid__in=keys, live__isnull=False))
    if pemda is not None:
        rows = rows.filter(pemda=pemda)
    for table in rows:
        if can_see(user, table.resource.dataset) and table.live.parquet:
            for name in names:
                if _uuid(name) == table.resource_uuid:
                    tables[name] = storage.absolute(table.live.parquet)
    columns, records, truncated = sandbox.run_sql(sql, tables, row_limit=row_limit,
                                                  timeout=timeout)
    out = {"sql": sql, "fields": [{"id": c} for c in columns],
           "records": [dict(zip(columns, map(_plain, r), strict=True)) for r in records]}
    if truncated:
        out["records_truncated"] = True
    return out


def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    return value


def info(table: DatastoreTable) -> dict:
    live = live_table(table)
    fields = live.ckan_fields()
    for item, descriptor in zip(fields[1:], live.schema.get("fields", []), strict=True):
        item["schema"] = descriptor
    return {"meta": {"count": table.live.row_count, "table_type": "BASE TABLE",
                     "version": table.live.number,
                     "last_modified": table.live.finished_at.isoformat()
                     if table.live.finished_at else None},
            "fields": fields,
            "schema": {f["id"]: f["type"] for f in fields}}


def versions(table: DatastoreTable):
    return table.versions.select_related("created_by").order_by("-number")


def version_get(table: DatastoreTable, number: int) -> TableVersion:
    version = table.versions.filter(number=number).first()
    if version is None:
        raise Http404(_("No such version."))
    return version


FREQUENCY = {"harian": "daily", "mingguan": "weekly", "bulanan": "monthly",
             "triwulanan": "quarterly", "semesteran": "semiannual", "tahunan": "annual",
             "lima_tahunan": "biennial"}


def dataset_quality(dataset, today: datetime.date | None = None):
    """The quality score of a catalog dataset (see quality.py)."""
    tables = {t.resource_id: t for t in DatastoreTable.objects.select_related("live")
              .filter(resource__dataset=dataset)}
    resources = []
    last = None
    for res in dataset.resources.all():
        table = tables.get(res.pk)
        fmt = (res.format or "").lower()
        tabular = fmt in ("csv", "xlsx", "json", "xls") or table is not None
        loaded = None
        fields = ()
        if table is not None:
            latest = table.versions.order_by("-number").first()
            loaded = table.live is not None and (latest is None or latest.status != "failed")
            if table.live is not None:
                fields = table.live.schema.get("fields", [])
                if table.live.finished_at:
                    day = table.live.finished_at.date()
                    last = max(last, day) if last else day
        resources.append(QResource(format=fmt or "", tabular=tabular, loaded=loaded,
                                   fields=fields))
        stamp = res.last_modified or res.created
        if stamp:
            last = max(last, stamp.date()) if last else stamp.date()
    facts = DatasetFacts(
        title=dataset.title, notes=dataset.notes or "", has_opd=dataset.owner_org_id is not None,
        tags=dataset.tags.count(), frequency=FREQUENCY.get(dataset.frekuensi or "", ""),
        license_id=dataset.license_id or "",
        has_period=bool(dataset.periode_awal or dataset.tahun),
        last_updated=last, resources=resources)
    return score(facts, today or timezone.localdate())


def resource_get(resource_id, *, user=None, pemda=None):
    """A catalog resource the caller may see, with its datastore table if it has one."""
    from terbuka.satudata.models import Resource

    key = _uuid(resource_id)
    resource = None
    if key is not None:
        resource = (Resource.objects.select_related("dataset", "datastore_table__live")
                    .filter(uuid=key, dataset__is_deleted=False).first())
    if resource is None or (pemda is not None and resource.dataset.pemda_id != pemda.pk):
        raise Http404(_("No such resource."))
    if not can_see(user, resource.dataset):
        raise Http404(_("No such resource."))
    return resource


def table_of(resource) -> DatastoreTable | None:
    try:
        return resource.datastore_table
    except DatastoreTable.DoesNotExist:
        return None


def quality_worklist(pemda):
    """Every dataset of the pemda with its quality score, lowest first (the walidata's list)."""
    from terbuka.satudata.models import Dataset

    rows = []
    for dataset in (Dataset.objects.filter(pemda=pemda, is_deleted=False)
                    .select_related("owner_org").prefetch_related("resources", "tags")):
        rows.append((dataset, dataset_quality(dataset)))
    rows.sort(key=lambda item: (item[1].total, item[0].title))
    return rows
