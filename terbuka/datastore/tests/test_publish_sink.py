"""Modules publish aggregate tables through core.publishing into the catalog and datastore."""

import datetime

import pytest

from terbuka.core import publishing
from terbuka.datastore import selectors
from terbuka.satudata.models import Dataset

from .conftest import desa_codes


def table(pemda, dikes, rows):
    return publishing.Table(
        pemda_id=pemda.pk, module="posyandu", key="balita-ditimbang", title="Balita ditimbang",
        description="Jumlah balita ditimbang per desa per bulan.", opd_id=dikes.pk,
        columns=[publishing.Column("kode_desa", "string", title="Kode desa",
                                   code_list="wilayah.desa"),
                 publishing.Column("bulan", "date", title="Bulan"),
                 publishing.Column("ditimbang", "integer", title="Ditimbang", count=True)],
        rows=rows, frequency="monthly", period_start=datetime.date(2024, 1, 1),
        tags=("kesehatan",))


@pytest.mark.django_db
def test_publish_creates_the_dataset_and_a_queryable_table_with_small_counts_hidden(
        ksb, dikes):
    a, b, c = desa_codes(3)
    ref = publishing.publish(table(ksb, dikes, [
        {"kode_desa": a, "bulan": datetime.date(2024, 1, 1), "ditimbang": 42},
        {"kode_desa": b, "bulan": datetime.date(2024, 1, 1), "ditimbang": 3},
        {"kode_desa": c, "bulan": datetime.date(2024, 1, 1), "ditimbang": 17},
    ]), pemda=ksb)
    dataset = Dataset.objects.get(name=ref)
    assert dataset.owner_org == dikes and dataset.frekuensi == "bulanan"
    resource = dataset.resources.get()
    assert resource.datastore_active and resource.upload
    found = selectors.search(resource.datastore_table, sort="kode_desa")
    # 3 is hidden, and so is 17 with it (else 3 = the kecamatan's total - 42 - 17).
    assert [r["ditimbang"] for r in found["records"]] == ["42", "<5", "<5"]
    assert {f["id"]: f["type"] for f in found["fields"]}["bulan"] == "date"

    # Publishing the same key again replaces the table with a new version.
    publishing.publish(table(ksb, dikes, [
        {"kode_desa": a, "bulan": datetime.date(2024, 2, 1), "ditimbang": 40}]), pemda=ksb)
    assert Dataset.objects.filter(name=ref).count() == 1
    live = Dataset.objects.get(name=ref).resources.get().datastore_table.live
    assert live.number == 2 and live.row_count == 1


@pytest.mark.django_db
def test_publish_refuses_rows_that_break_the_schema(ksb, dikes):
    with pytest.raises(ValueError, match="did not load"):
        publishing.publish(table(ksb, dikes, [
            {"kode_desa": "99.99.99.9999", "bulan": "2024-01-01", "ditimbang": 10}]), pemda=ksb)


@pytest.mark.django_db
def test_a_table_without_rows_yet_publishes_as_an_empty_table(ksb, dikes):
    ref = publishing.publish(table(ksb, dikes, []), pemda=ksb)
    resource = Dataset.objects.get(name=ref).resources.get()
    found = selectors.search(resource.datastore_table)
    assert found["records"] == [] and found["total"] == 0
    assert [f["id"] for f in found["fields"]] == ["_id", "kode_desa", "bulan", "ditimbang"]
