"""Bulk import of an existing catalogue listing: a CSV or XLSX file with one row per dataset.

`catalog_import(..., dry_run=True)` reads and checks every row and reports every problem (row
number, column, message) without writing anything; with dry_run=False it writes all rows in one
transaction, and only when no row has a problem: nothing is half-imported.

Columns (header names, case-insensitive; only `name` and `title` are required):
name, title, notes, owner_org (OPD acronym, name or CKAN organisation name), license_id,
tags (separated by commas or semicolons), tema, satuan, ukuran, jenis, frekuensi, hak_akses,
jenis_publisher, kode_daftar_data, kode_standar_data, tahun_prioritas, periode_awal,
periode_akhir, cakupan_wilayah (region codes separated by commas), url and format (one
resource), author, maintainer, maintainer_email, version.
"""

from __future__ import annotations

import contextlib
import csv
import io
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from terbuka.core import audit, policy
from terbuka.core.models import Pemda
from terbuka.core.policy import Target
from terbuka.satudata import services
from terbuka.satudata.models import Status

MAX_ROWS = 20_000
COLUMNS = (
    "name", "title", "notes", "owner_org", "license_id", "tags", "tema", "satuan", "ukuran",
    "jenis", "frekuensi", "hak_akses", "jenis_publisher", "kode_daftar_data",
    "kode_standar_data", "tahun_prioritas", "periode_awal", "periode_akhir", "cakupan_wilayah",
    "url", "format", "author", "maintainer", "maintainer_email", "version",
)


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)  # {row, column, message}
    dry_run: bool = True

    @property
    def ok(self) -> bool:
        return not self.problems


def _read_rows(upload: IO[bytes], filename: str) -> list[dict[str, str]]:
    name = filename.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        book = load_workbook(upload, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        header = [str(h or "").strip().lower() for h in next(values, [])]
        rows = []
        for row in values:
            if row is None or all(v in (None, "") for v in row):
                continue
            rows.append({header[i]: "" if v is None else str(v).strip()
                         for i, v in enumerate(row) if i < len(header)})
            if len(rows) > MAX_ROWS:
                break
        return rows
    if not name.endswith(".csv"):
        raise ValidationError({"file": [_("Upload a CSV or XLSX file.")]})
    raw = upload.read(50 * 1024 * 1024 + 1)
    if len(raw) > 50 * 1024 * 1024:
        raise ValidationError({"file": [_("The file is larger than 50 MB.")]})
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    text = str(best) if best is not None else raw.decode("utf-8", "replace")
    dialect = csv.excel
    with contextlib.suppress(csv.Error):  # a one-column file: the default dialect
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), dialect=dialect)
    rows = []
    for row in reader:
        rows.append({(k or "").strip().lower(): (v or "").strip() for k, v in row.items()
                     if k is not None})
        if len(rows) > MAX_ROWS:
            break
    return rows


def _row_data(row: dict[str, str]) -> tuple[dict[str, Any], list[dict]]:
    data: dict[str, Any] = {}
    for column in COLUMNS:
        value = row.get(column, "")
        if column in ("url", "format") or value == "":
            continue
        if column == "tags":
            data["tags"] = [t.strip() for t in value.replace(";", ",").split(",") if t.strip()]
        elif column == "cakupan_wilayah":
            data[column] = [c.strip() for c in value.replace(";", ",").split(",") if c.strip()]
        else:
            data[column] = value
    resources = []
    if row.get("url"):
        resources.append({"name": row.get("format") or "data", "url": row["url"],
                          "format": row.get("format", "")})
    return data, resources


def catalog_import(*, actor, pemda: Pemda, upload: IO[bytes], filename: str,
                   dry_run: bool = True, request=None) -> ImportReport:
    """Check (and unless dry_run, import as drafts) every row; see the module docstring."""
    if actor is not None:
        policy.require(actor, "satudata.catalog.manage", Target(pemda_id=pemda.pk))
    report = ImportReport(dry_run=dry_run)
    rows = _read_rows(upload, filename)
    if len(rows) > MAX_ROWS:
        raise ValidationError({"file": [_("At most %(n)d rows per file.") % {"n": MAX_ROWS}]})
    if rows and not {"name", "title"} <= set(rows[0]):
        missing = sorted({"name", "title"} - set(rows[0]))
        raise ValidationError({"file": [_("Missing columns: %(cols)s.")
                                        % {"cols": ", ".join(missing)}]})
    report.rows = len(rows)
    seen: dict[str, int] = {}
    parsed = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        data, resources = _row_data(row)
        unknown = sorted(set(row) - set(COLUMNS) - {""})
        for column in unknown:
            report.problems.append({"row": number, "column": column,
                                    "message": _("Unknown column; it would be ignored.")})
        for required in ("name", "title"):
            if not data.get(required):
                report.problems.append({"row": number, "column": required,
                                        "message": _("This field is required.")})
        name = data.get("name", "")
        if name in seen:
            report.problems.append({"row": number, "column": "name", "message": _(
                "“%(name)s” is also on row %(other)d.") % {"name": name, "other": seen[name]}})
        seen.setdefault(name, number)
        try:
            services.clean_dataset_fields(pemda, data)
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                for message in messages:
                    report.problems.append({"row": number, "column": column,
                                            "message": message})
        for res in resources:
            try:
                services._clean_resource(res)
            except ValidationError as exc:
                for column, messages in exc.message_dict.items():
                    report.problems.append({"row": number, "column": column,
                                            "message": " ".join(messages)})
        parsed.append((data, resources))
    if dry_run or report.problems:
        return report
    with transaction.atomic():
        for data, resources in parsed:
            services.dataset_create(actor=actor, pemda=pemda, status=Status.DRAFT,
                                    resources=resources, request=request, **data)
            report.created += 1
        audit.record(actor=actor, action="satudata.catalog.import", pemda=pemda,
                     changes={"rows": [None, report.rows], "file": [None, filename[:200]]},
                     request=request)
    return report
