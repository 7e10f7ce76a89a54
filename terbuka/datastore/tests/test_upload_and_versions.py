"""Uploading a table: the background load, precise errors, live versions, diffs, permissions."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.core.models import AuditEvent
from terbuka.datastore import selectors, services
from terbuka.datastore.ingest.messages import IngestError
from terbuka.datastore.models import TableVersion, VersionStatus

from .conftest import desa_codes, upload_file

SCHEMA = {"fields": [
    {"name": "kode_desa", "type": "string", "kodeReferensi": "wilayah.desa",
     "constraints": {"required": True}},
    {"name": "balita", "type": "integer", "constraints": {"minimum": 0}},
    {"name": "stunting", "type": "integer"}], "primaryKey": ["kode_desa"]}


@pytest.fixture(autouse=True)
def _jobs_run_on_commit(django_capture_on_commit_callbacks):
    global upload

    def upload(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.table_upload(**kwargs)


def csv_of(rows):
    return "kode_desa,balita,stunting\n" + "".join(f"{a},{b},{c}\n" for a, b, c in rows)


def test_clean_upload_goes_live_and_a_second_one_reports_changes(resource, produsen):
    a, b, c = desa_codes(3)
    first = upload(actor=produsen, resource=resource, schema=SCHEMA,
                                  upload=upload_file("s.csv", csv_of([(a, 10, 2), (b, 20, 3)])))
    first.refresh_from_db()
    assert first.status == VersionStatus.LIVE and first.row_count == 2
    resource.refresh_from_db()
    assert resource.datastore_active
    second = upload(
        actor=produsen, resource=resource, schema=SCHEMA,
        upload=upload_file("s.csv", csv_of([(a, 10, 2), (b, 21, 3), (c, 5, 0)])))
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == VersionStatus.LIVE and first.status == VersionStatus.SUPERSEDED
    assert (second.diff["added"], second.diff["removed"], second.diff["changed"]) == (1, 0, 1)
    assert second.table.live_id == second.pk
    assert first.original.read() == csv_of([(a, 10, 2), (b, 20, 3)]).encode()
    assert AuditEvent.objects.filter(action="datastore.table.live").count() == 2


def test_messy_excel_is_rejected_with_rows_columns_reasons_and_the_old_version_stays(
        resource, produsen, english):
    a, b, _c = desa_codes(3)
    good = upload(actor=produsen, resource=resource, schema=SCHEMA,
                                 upload=upload_file("s.csv", csv_of([(a, 1, 0)])))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["kode_desa", "balita", "stunting"])
    ws.append([b, 12, 1])
    ws.append(["52.07.01", 3, 0])  # a kecamatan, not a desa
    ws.append(["99.99.99.9999", "dua belas", 1])
    ws.append([b, -1, None])
    buffer = io.BytesIO()
    wb.save(buffer)
    bad = upload(actor=produsen, resource=resource, schema=SCHEMA,
                                upload=upload_file("export.xlsx", buffer.getvalue()))
    bad.refresh_from_db()
    assert bad.status == VersionStatus.FAILED
    found = {(e["row"], e["column"], e["code"]) for e in bad.errors}
    assert found == {(3, "kode_desa", "kode_referensi"), (4, "kode_desa", "kode_referensi"),
                     (4, "balita", "type_integer"), (5, "balita", "minimum"),
                     (5, "kode_desa", "primary_key")}
    messages = {e["row"]: IngestError.from_dict(e).message for e in bad.errors
                if e["column"] == "kode_desa"}
    assert "another level" in messages[3] and "not a Kemendagri" in messages[4]
    good.refresh_from_db()
    assert good.status == VersionStatus.LIVE and good.table.live_id == good.pk


def test_error_messages_are_indonesian_by_default(resource, produsen):
    version = upload(actor=produsen, resource=resource, schema=SCHEMA,
                                    upload=upload_file("s.csv", "kode_desa,balita,stunting\n"
                                                       ",x,1\n"))
    version.refresh_from_db()
    text = " ".join(IngestError.from_dict(e).message for e in version.errors)
    assert "bukan bilangan bulat" in text and "wajib" in text.lower()


def test_bad_uploads_are_refused_before_anything_is_kept(resource, produsen):
    for name, content, field in (("a.pdf", b"%PDF", "file"), ("a.csv", b"", "file")):
        with pytest.raises(ValidationError) as err:
            upload(actor=produsen, resource=resource,
                                  upload=upload_file(name, content))
        assert field in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        upload(actor=produsen, resource=resource, schema="{not json",
                              upload=upload_file("a.csv", "a\n1\n"))
    assert "schema" in err.value.message_dict
    assert TableVersion.objects.count() == 0


def test_binary_file_named_csv_fails_with_a_clear_report(resource, produsen):
    version = upload(actor=produsen, resource=resource,
                                    upload=upload_file("data.csv", b"%PDF-1.7\n\x00\x01binary"))
    version.refresh_from_db()
    assert version.status == VersionStatus.FAILED and version.errors[0]["code"] == "binary_file"


def test_only_the_owning_opd_or_walidata_may_upload(resource, other_produsen, walidata):
    with pytest.raises(PermissionDenied):
        upload(actor=other_produsen, resource=resource,
                              upload=upload_file("a.csv", "a\n1\n"))
    version = upload(actor=walidata, resource=resource,
                                    upload=upload_file("a.csv", "a\n1\n"))
    assert version.pk


def test_running_the_job_twice_changes_nothing(resource, produsen):
    version = upload(actor=produsen, resource=resource,
                                    upload=upload_file("a.csv", "a\n1\n2\n"))
    again = services.version_ingest(version_id=version.pk)
    assert again.status == VersionStatus.LIVE and again.row_count == 2
    assert TableVersion.objects.count() == 1


def test_private_tables_are_hidden(private_resource, produsen, other_produsen):
    upload(actor=produsen, resource=private_resource,
                          upload=upload_file("a.csv", "a\n1\n"))
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.table_get(private_resource.uuid, user=AnonymousUser())
    with pytest.raises(Http404):
        selectors.table_get(private_resource.uuid, user=other_produsen)
    assert selectors.table_get(private_resource.uuid, user=produsen).live.row_count == 1
