"""Bulk import of a catalogue listing: the dry run reports every problem and writes nothing;
a clean file is imported whole, as drafts."""

import io

import pytest
from openpyxl import Workbook

from terbuka.satudata.bulk_import import catalog_import
from terbuka.satudata.models import Dataset, Status

GOOD = (
    "name;title;notes;owner_org;tags;tema;satuan;frekuensi;url;format;cakupan_wilayah\n"
    "penduduk-2024;Jumlah penduduk 2024;Per kecamatan;DIKES;penduduk, demografi;2.12;jiwa;"
    "tahunan;https://example.org/p.csv;CSV;52.07.01\n"
    "faskes-2024;Fasilitas kesehatan 2024;;ksb-dikes;kesehatan;1.02;unit;tahunan;;;\n"
)


def _csv(text: str):
    return io.BytesIO(text.encode("utf-8"))


def test_dry_run_reports_every_problem_and_writes_nothing(ksb, dikes, walidata):
    bad = (
        "name,title,license_id,frekuensi,owner_org,cakupan_wilayah,url,warna\n"
        "Bad Name,Judul,cc-by-4.0,tahunan,DIKES,52.07,https://example.org/a.csv,merah\n"
        "dua,,nope,sering,DINAS-X,99.99,not a url,\n"
        "dua,Judul dua,,,,72.01,,\n"
    )
    report = catalog_import(actor=walidata, pemda=ksb, upload=_csv(bad), filename="a.csv",
                            dry_run=True)
    found = {(p["row"], p["column"]) for p in report.problems}
    assert {(2, "name"), (2, "warna"), (3, "title"), (3, "license_id"), (3, "frekuensi"),
            (3, "owner_org"), (3, "cakupan_wilayah"), (3, "url"), (4, "name"),
            (4, "cakupan_wilayah")} <= found
    assert not Dataset.objects.exists()
    # Even without dry_run a file with problems writes nothing.
    report = catalog_import(actor=walidata, pemda=ksb, upload=_csv(bad), filename="a.csv",
                            dry_run=False)
    assert report.problems and report.created == 0 and not Dataset.objects.exists()


def test_clean_csv_is_imported_as_drafts(ksb, dikes, walidata):
    dry = catalog_import(actor=walidata, pemda=ksb, upload=_csv(GOOD), filename="d.csv")
    assert dry.ok and dry.rows == 2 and not Dataset.objects.exists()
    done = catalog_import(actor=walidata, pemda=ksb, upload=_csv(GOOD), filename="d.csv",
                          dry_run=False)
    assert done.created == 2
    one = Dataset.objects.get(name="penduduk-2024")
    assert one.status == Status.DRAFT and one.owner_org == dikes
    assert sorted(one.tags.values_list("name", flat=True)) == ["demografi", "penduduk"]
    assert one.resources.get().format == "CSV"
    again = catalog_import(actor=walidata, pemda=ksb, upload=_csv(GOOD), filename="d.csv")
    assert {p["column"] for p in again.problems} == {"name"}  # already exists


def test_xlsx(ksb, dikes, walidata):
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Title", "Tahun_prioritas"])
    sheet.append(["data-xlsx", "Data dari Excel", 2025])
    sheet.append(["data-xlsx-2", "Tahun salah", 1800])
    buf = io.BytesIO()
    book.save(buf)
    buf.seek(0)
    report = catalog_import(actor=walidata, pemda=ksb, upload=buf, filename="d.xlsx")
    assert [(p["row"], p["column"]) for p in report.problems] == [(3, "tahun_prioritas")]


def test_producer_may_not_import(ksb, produsen):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        catalog_import(actor=produsen, pemda=ksb, upload=_csv(GOOD), filename="d.csv")
