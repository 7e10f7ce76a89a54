"""The datastore pages: preview (paged, sorted, searched), chart, downloads, upload with
progress and the error report, quality worklist."""

import csv
import io

import pytest
from django.urls import reverse

from terbuka.datastore import services
from terbuka.datastore.models import TableVersion, VersionStatus

from .conftest import desa_codes, upload_file


def url(name, resource, **kwargs):
    return reverse(f"datastore:{name}", kwargs={"pemda": "ksb", "resource_id": resource.uuid,
                                                **kwargs})


@pytest.fixture
def loaded(resource, produsen, django_capture_on_commit_callbacks):
    codes = desa_codes(3)
    rows = "".join(f"{codes[i % 3]},Desa {i},{2020 + i % 4},{i},=cmd|{i}\n" for i in range(60))
    with django_capture_on_commit_callbacks(execute=True):
        services.table_upload(actor=produsen, resource=resource,
                              upload=upload_file("d.csv", "kode_desa,desa,tahun,jumlah,catatan\n"
                                                 + rows))
    return resource


def test_preview_pages_sorts_and_searches(client, loaded):
    page = client.get(url("preview", loaded))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Desa 0<" in html and "Desa 25<" not in html and "Halaman 1 dari 3" in html
    page = client.get(url("preview", loaded), {"sort": "jumlah", "dir": "desc", "page": "2"})
    rows = page.context["rows"]
    assert rows[0][4] == 34 and 'aria-sort="descending"' in page.content.decode()
    page = client.get(url("preview", loaded), {"q": "Desa 59"})
    assert page.context["total"] == 1
    page = client.get(url("preview", loaded), {"sort": "nope"})
    assert page.status_code == 200 and page.context["total"] == 60


def test_chart_is_svg_and_embeddable(client, loaded):
    page = client.get(url("preview", loaded))
    assert url("chart", loaded) in page.content.decode()
    chart = client.get(url("chart", loaded))
    assert chart.status_code == 200 and chart["Content-Type"].startswith("image/svg+xml")
    body = chart.content.decode()
    assert body.startswith("<svg") and "polyline" in body and "<script" not in body


def test_downloads_stream_filtered_rows_with_formulas_neutralised(client, loaded):
    response = client.get(url("download", loaded, fmt="csv"), {"f.tahun": "2021"})
    assert response.streaming and response["Content-Disposition"].endswith('.csv"')
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["_id", "kode_desa", "desa", "tahun", "jumlah", "catatan"]
    assert len(rows) == 16 and all(r[3] == "2021" for r in rows[1:])
    assert rows[1][5] == "'=cmd|1"
    for fmt in ("xlsx", "json", "parquet"):
        response = client.get(url("download", loaded, fmt=fmt))
        assert response.status_code == 200 and len(b"".join(response.streaming_content)) > 100
    assert client.get(url("download", loaded, fmt="exe")).status_code == 404


def test_upload_page_shows_progress_then_the_precise_error_list(client, resource, produsen):
    client.force_login(produsen)
    assert client.get(url("upload", resource)).status_code == 200
    response = client.post(url("upload", resource), {
        "file": upload_file("bad.csv", "a,b\n1,2\n3\n\"x\"y,4\n")})
    version = TableVersion.objects.get()
    assert response.status_code == 302 and response["Location"] == url("version", resource,
                                                                        number=1)
    queued = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in queued and "<progress" in queued
    services.version_ingest(version_id=version.pk)
    html = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert "Versi sebelumnya tetap tampil" in html
    assert "Baris ini berisi 1 sel, padahal baris judul berisi 2." in html
    assert "tanda kutip" in html


def test_upload_page_refuses_bad_files_beside_the_field(client, resource, produsen):
    client.force_login(produsen)
    response = client.post(url("upload", resource), {"file": upload_file("a.pdf", b"%PDF")})
    assert response.status_code == 422 and "Unggah berkas CSV, XLSX, atau JSON." in \
        response.content.decode()


def test_upload_needs_the_right_role(client, resource, other_produsen):
    assert client.get(url("upload", resource)).status_code == 302  # to the login page
    client.force_login(other_produsen)
    assert client.get(url("upload", resource)).status_code == 403


def test_private_table_pages_are_not_found_for_the_public(client, private_resource, produsen):
    version = services.table_upload(actor=produsen, resource=private_resource,
                                    upload=upload_file("a.csv", "a\n1\n"))
    services.version_ingest(version_id=version.pk)
    for name, extra in (("preview", {}), ("chart", {}), ("download", {"fmt": "csv"})):
        assert client.get(url(name, private_resource, **extra)).status_code == 404
    client.force_login(produsen)
    assert client.get(url("preview", private_resource)).status_code == 200


def test_quality_worklist_for_the_walidata(client, loaded, walidata, produsen):
    client.force_login(produsen)
    assert client.get(reverse("datastore:quality", kwargs={"pemda": "ksb"})).status_code == 403
    client.force_login(walidata)
    page = client.get(reverse("datastore:quality", kwargs={"pemda": "ksb"}))
    assert page.status_code == 200
    (row,) = page.context["rows"]
    assert row["score"].total > 0 and "Beri setiap kolom judul atau deskripsi." in row["hints"]
    loaded.refresh_from_db()
    assert TableVersion.objects.get(table__resource=loaded).status == VersionStatus.LIVE
