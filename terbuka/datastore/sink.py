"""The publish sink of core.publishing: a module's (already suppressed) aggregate table
becomes a catalog dataset with one resource whose rows live in the datastore."""

from __future__ import annotations

import csv
import io

from django.core.files.base import ContentFile
from django.utils.text import slugify

from terbuka.core import publishing
from terbuka.core.models import Opd, Pemda
from terbuka.datastore import services
from terbuka.datastore.query import neutralise
from terbuka.satudata import services as catalog

FREQUENCY = {"daily": "harian", "weekly": "mingguan", "monthly": "bulanan",
             "quarterly": "triwulanan", "semiannual": "semesteran", "annual": "tahunan"}


def schema_of(table: publishing.Table) -> dict:
    """The Table Schema of a published table. A count column holding suppressed cells ("<5")
    is text, since its values are no longer all numbers."""
    fields = []
    suppressed = {c.name for c in table.columns if c.count and any(
        isinstance(r.get(c.name), str) for r in table.rows)}
    for column in table.columns:
        ftype = column.type
        if ftype == "yearmonth":
            ftype = "string"
        if column.name in suppressed:
            ftype = "string"
        field = {"name": column.name, "type": ftype}
        if column.type == "datetime":
            field["format"] = "any"
        for key in ("title", "description"):
            if getattr(column, key):
                field[key] = str(getattr(column, key))
        if column.code_list:
            field["kodeReferensi"] = column.code_list
        fields.append(field)
    return {"fields": fields}


def _csv_bytes(table: publishing.Table) -> bytes:
    """The rows as the resource's downloadable CSV file, formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = [c.name for c in table.columns]
    writer.writerow(names)
    for row in table.rows:
        writer.writerow([neutralise(row.get(n)) for n in names])
    return buffer.getvalue().encode("utf-8")


def publish_table(table: publishing.Table) -> str:
    pemda = Pemda.objects.get(pk=table.pemda_id)
    opd = Opd.objects.filter(pk=table.opd_id, pemda=pemda).first() if table.opd_id else None
    table.rows = list(table.rows)
    name = slugify(f"{pemda.slug}-{table.module}-{table.key}")[:100]
    resource_name = str(table.title)[:300]
    sdi = {"frekuensi": FREQUENCY.get(table.frequency, "tidak_tentu")}
    if table.period_start:
        sdi["periode_awal"] = table.period_start
    if table.period_end:
        sdi["periode_akhir"] = table.period_end
    upload = ContentFile(_csv_bytes(table), name=f"{slugify(table.key) or 'data'}.csv")
    dataset = catalog.dataset_upsert_system(
        pemda=pemda, name=name, title=str(table.title), notes=str(table.description), opd=opd,
        tags=list(table.tags), extras={"source_module": table.module, "source_key": table.key},
        resources=[{"name": resource_name, "format": "CSV", "upload": upload}], **sdi)
    resource = dataset.resources.get(name=resource_name)
    version = services.table_publish_rows(resource=resource, schema=schema_of(table),
                                          rows=table.rows, note=f"{table.module}:{table.key}")
    if version is None or version.status != "live":
        raise ValueError(f"Published table {name} did not load: {version.errors[:3]}")
    return dataset.name
