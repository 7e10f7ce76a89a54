"""Every write of the datastore: uploads, the background load, and tables published by other
modules through core.publishing."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from terbuka.core import audit, policy
from terbuka.core.jobs import enqueue_on_commit
from terbuka.core.models import Region, RegionLevel
from terbuka.datastore import storage
from terbuka.datastore.ingest import diff_versions, format_of, ingest
from terbuka.datastore.ingest.messages import IngestError
from terbuka.datastore.ingest.schema import SchemaError, from_descriptor
from terbuka.datastore.models import DatastoreTable, TableVersion, VersionStatus
from terbuka.satudata.models import Resource

logger = logging.getLogger(__name__)
TABULAR_FORMATS = ("csv", "xlsx", "json")
KODE_LEVELS = {"wilayah.provinsi": RegionLevel.PROVINSI,
               "wilayah.kabupaten": RegionLevel.KABUPATEN_KOTA,
               "wilayah.kecamatan": RegionLevel.KECAMATAN,
               "wilayah.desa": RegionLevel.DESA_KELURAHAN}


def max_upload_bytes() -> int:
    return int(getattr(settings, "DATASTORE_MAX_UPLOAD_BYTES", 200 * 1024 * 1024))


def target_of(dataset) -> policy.Target:
    return policy.Target(pemda_id=dataset.pemda_id, opd_id=dataset.owner_org_id)


def _parse_schema(schema: Any) -> dict | None:
    if schema in (None, "", {}):
        return None
    if isinstance(schema, str):
        try:
            schema = json.loads(schema)
        except ValueError as err:
            raise ValidationError({"schema": [_("The table schema is not valid JSON.")]}) from err
    try:
        from_descriptor(schema)
    except SchemaError as err:
        raise ValidationError({"schema": [
            _("The table schema is not valid: %(detail)s.") % {"detail": err}]}) from err
    return schema


def _next_number(table: DatastoreTable) -> int:
    return (table.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def _table_for(resource: Resource) -> DatastoreTable:
    table, _created = DatastoreTable.objects.get_or_create(
        resource=resource,
        defaults={"pemda_id": resource.dataset.pemda_id, "resource_uuid": resource.uuid})
    return DatastoreTable.objects.select_for_update().get(pk=table.pk)


@transaction.atomic
def table_upload(*, actor, resource: Resource, upload, schema: Any = None, note: str = "",
                 request=None) -> TableVersion:
    """Keep the uploaded file as a new version of the resource's table and queue its load."""
    dataset = resource.dataset
    if actor is not None:
        policy.require(actor, "datastore.table.upload", target_of(dataset))
    name = os.path.basename(getattr(upload, "name", "") or "")
    fmt = format_of(name)
    if fmt not in TABULAR_FORMATS:
        raise ValidationError({"file": [_("Upload a CSV, XLSX or JSON file.")]})
    size = getattr(upload, "size", None) or 0
    if size == 0:
        raise ValidationError({"file": [_("The file is empty.")]})
    if size > max_upload_bytes():
        raise ValidationError({"file": [_("The file is larger than %(mb)s MB.") % {
            "mb": max_upload_bytes() // (1024 * 1024)}]})
    given = _parse_schema(schema)
    table = _table_for(resource)
    version = TableVersion(
        table=table, number=_next_number(table), original_name=name[:255], size=size,
        given_schema=given, format=fmt, note=note[:300],
        created_by=actor if getattr(actor, "is_authenticated", False) else None)
    version.original.save(get_valid_filename(name) or f"data.{fmt}", upload, save=False)
    version.save()
    audit.record(actor=actor, action="datastore.table.upload", obj=version, pemda=dataset.pemda,
                 changes={"file": [None, name], "version": [None, version.number]},
                 request=request)
    from terbuka.datastore import tasks

    enqueue_on_commit(tasks.ingest_version, version.pk)
    return version


def region_code_check(pemda):
    """The Kode Referensi check for wilayah.* code lists: the code exists, is of the declared
    level and lies within the pemda's region."""
    within = pemda.region_id if pemda is not None else ""

    def check(code_list: str, values: list[str]) -> dict[str, str]:
        level = KODE_LEVELS.get(code_list)
        if level is None:
            return {}
        found = dict(Region.objects.filter(code__in=values).values_list("code", "level"))
        bad = {}
        for value in values:
            if value not in found:
                bad[value] = _("not a Kemendagri region code")
            elif found[value] != level:
                bad[value] = _("a region code of another level (expected %(level)s)") % {
                    "level": RegionLevel(level).label}
            elif within and not (value == within or value.startswith(within + ".")):
                bad[value] = _("a region outside %(pemda)s") % {"pemda": pemda.name}
        return bad

    return check


def _local_copy(version: TableVersion):
    """A local path of the original file (storage may be remote), and whether to delete it."""
    try:
        return version.original.path, False
    except NotImplementedError:
        suffix = os.path.splitext(version.original_name)[1]
        handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)  # noqa: SIM115
        with handle, version.original.open("rb") as src:
            for chunk in src.chunks():
                handle.write(chunk)
        return handle.name, True


def version_ingest(*, version_id: int, allow_empty: bool = False) -> TableVersion | None:
    """Load a queued version (the background job). Safe to run twice: a finished version is
    left as it is, an interrupted one starts again. Not one transaction: progress is written
    as it goes, and only the final switch to live is atomic."""
    version = (TableVersion.objects.select_related("table__pemda", "table__resource__dataset")
               .filter(pk=version_id).first())
    if version is None or version.is_finished:
        return version
    TableVersion.objects.filter(pk=version.pk).update(
        status=VersionStatus.RUNNING, started_at=timezone.now(), progress=0, rows_done=0)
    relative = storage.relative_parquet(version)
    out = storage.absolute(relative)
    last = [0.0]

    def progress(fraction: float, rows: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5:
            last[0] = now
            TableVersion.objects.filter(pk=version.pk).update(progress=fraction, rows_done=rows)

    path, temporary = None, False
    try:
        path, temporary = _local_copy(version)
        result = ingest(path, out, filename=version.original_name, schema=version.given_schema,
                        code_check=region_code_check(version.table.pemda), progress=progress,
                        allow_empty=allow_empty)
    except Exception:  # noqa: BLE001 - a bug must reject the version, not leave it running
        logger.exception("Datastore ingest of version %s failed", version.pk)
        result = None
    finally:
        if temporary and path:
            with contextlib.suppress(OSError):
                os.remove(path)
    return _finish(version.pk, result, relative)


@transaction.atomic
def _finish(version_pk: int, result, relative: str) -> TableVersion:
    version = TableVersion.objects.select_for_update().select_related("table").get(pk=version_pk)
    table = DatastoreTable.objects.select_for_update().get(pk=version.table_id)
    version.finished_at = timezone.now()
    if result is None or not result.ok:
        errors = (result.errors if result is not None
                  else [IngestError("internal")])
        version.status = VersionStatus.FAILED
        version.errors = [e.as_dict() for e in errors]
        version.error_count = result.error_count if result is not None else 1
        if result is not None:
            version.schema = result.schema or {}
            version.encoding, version.delimiter = result.encoding, result.delimiter
        version.save()
        audit.record(actor=None, action="datastore.table.reject", obj=version,
                     pemda=table.pemda, changes={"errors": [None, version.error_count]})
        return version
    previous = table.live
    if previous is not None and previous.parquet:
        key = (result.schema or {}).get("primaryKey") or []
        try:
            version.diff = diff_versions(storage.absolute(previous.parquet),
                                         storage.absolute(relative), key)
        except Exception:  # noqa: BLE001 - a summary must not block a valid table
            logger.exception("Datastore diff of version %s failed", version.pk)
    else:
        version.diff = {"added": result.row_count, "removed": 0, "changed": 0,
                        "old_rows": 0, "new_rows": result.row_count}
    version.status = VersionStatus.LIVE
    version.schema = result.schema or {}
    version.row_count = result.row_count
    version.rows_done = result.row_count
    version.progress = 1.0
    version.encoding, version.delimiter = result.encoding, result.delimiter
    version.parquet = relative
    version.errors, version.error_count = [], 0
    version.save()
    if previous is not None and previous.pk != version.pk:
        TableVersion.objects.filter(pk=previous.pk).update(status=VersionStatus.SUPERSEDED)
    table.live = version
    table.save(update_fields=["live", "updated_at"])
    Resource.objects.filter(pk=table.resource_id).update(
        datastore_active=True, last_modified=timezone.now())
    audit.record(actor=None, action="datastore.table.live", obj=version, pemda=table.pemda,
                 changes={"rows": [previous.row_count if previous else None, version.row_count],
                          "version": [previous.number if previous else None, version.number]})
    return version


def table_publish_rows(*, resource: Resource, schema: dict, rows: list[dict],
                       note: str = "") -> TableVersion:
    """Store rows given by the platform (a module's published aggregate) as a new version of
    the resource's table and load it now, through the same checks as an upload."""
    # A header array then one array per row: the columns are known even when there are no
    # rows, and a row without a key gets an empty cell instead of a shape error.
    names = [f["name"] for f in schema.get("fields", [])]
    body = json.dumps([names] + [[row.get(n) for n in names] for row in rows],
                      ensure_ascii=False, default=str).encode("utf-8")
    with transaction.atomic():
        table = _table_for(resource)
        version = TableVersion(table=table, number=_next_number(table),
                               original_name=f"{resource.uuid}.json", size=len(body),
                               given_schema=schema, format="json", note=note[:300])
        version.original.save(f"{resource.uuid}.json", ContentFile(body), save=False)
        version.save()
    return version_ingest(version_id=version.pk, allow_empty=True)


def table_rows_publish(*, actor, resource: Resource, schema: dict, rows: list[dict],
                       note: str = "", request=None) -> TableVersion:
    """Publish rows into a resource's table through the API (same checks as an upload; the
    version comes back live or failed with its report)."""
    policy.require(actor, "datastore.table.upload", target_of(resource.dataset))
    given = _parse_schema(schema)
    if given is None:
        raise ValidationError({"schema": [_("A table schema is required.")]})
    if not rows:
        raise ValidationError({"rows": [_("Send at least one row.")]})
    version = table_publish_rows(resource=resource, schema=given, rows=rows, note=note)
    audit.record(actor=actor, action="datastore.table.publish", obj=version,
                 pemda=resource.dataset.pemda,
                 changes={"rows": [None, len(rows)], "status": [None, version.status]},
                 request=request)
    return version
