"""datastore_search semantics, downloads and charts over a real Parquet table. No database."""

import csv
import io
import json

import openpyxl
import pyarrow.parquet as pq
import pytest

from terbuka.datastore import charts, export
from terbuka.datastore.ingest import ingest
from terbuka.datastore.ingest.messages import set_translator
from terbuka.datastore.query import QueryError, Table, iter_batches, search

CSV = """kode_desa,desa,tahun,jumlah,catatan
52.07.01.2001,Sapugara,2022,10,biasa
52.07.01.2002,Mantun,2022,20,=HYPERLINK("http://x")
52.07.02.2001,Kiantar,2023,30,+1
52.07.02.2002,Tua Nanga,2023,,-2
52.07.03.2001,Sapugara 100%,2024,50,@x
"""


@pytest.fixture(autouse=True)
def plain_messages():
    set_translator(lambda s: s)


@pytest.fixture
def table(tmp_path):
    src = tmp_path / "d.csv"
    src.write_text(CSV)
    schema = {"fields": [
        {"name": "kode_desa", "type": "string", "kodeReferensi": "wilayah.desa"},
        {"name": "desa", "type": "string"}, {"name": "tahun", "type": "integer"},
        {"name": "jumlah", "type": "integer"}, {"name": "catatan", "type": "string"}]}
    result = ingest(str(src), str(tmp_path / "d.parquet"), schema=schema)
    assert result.ok
    return Table("res-1", str(tmp_path / "d.parquet"), result.schema)


def test_filters_sort_fields_limit_offset(table):
    out = search(table, filters={"tahun": [2022, "2023"]}, sort="jumlah desc",
                 fields="desa,jumlah", limit=2, offset=1)
    assert out["records"] == [{"desa": "Mantun", "jumlah": 20},
                              {"desa": "Sapugara", "jumlah": 10}]
    assert out["total"] == 4 and [f["id"] for f in out["fields"]] == ["desa", "jumlah"]
    assert search(table, filters={"jumlah": None})["records"][0]["desa"] == "Tua Nanga"


def test_q_text_and_q_per_field_escape_wildcards(table):
    assert [r["desa"] for r in search(table, q="sapu")["records"]] == ["Sapugara",
                                                                        "Sapugara 100%"]
    assert [r["desa"] for r in search(table, q={"desa": "100%"})["records"]] == [
        "Sapugara 100%"]
    assert search(table, q="_")["total"] == 0


def test_distinct_and_records_formats(table):
    out = search(table, fields=["tahun"], distinct=True, sort="tahun")
    assert out["records"] == [{"tahun": 2022}, {"tahun": 2023}, {"tahun": 2024}]
    lists = search(table, fields="desa", limit=2, records_format="lists")
    assert lists["records"] == [["Sapugara"], ["Mantun"]]
    text = search(table, fields="catatan", limit=2, offset=1, records_format="csv")
    assert list(csv.reader(io.StringIO(text["records"]))) == [
        ["'=HYPERLINK(\"http://x\")"], ["'+1"]]


def test_total_is_not_counted_when_not_asked_or_when_the_page_has_everything(table):
    calls = []

    def cache(key, compute):
        calls.append(key)
        return compute()

    out = search(table, include_total=False, limit=1, total_cache=cache)
    assert "total" not in out and calls == []
    assert search(table, limit=100, total_cache=cache)["total"] == 5 and calls == []
    assert search(table, limit=1, total_cache=cache)["total"] == 5 and len(calls) == 1


@pytest.mark.parametrize("kwargs,field", [
    ({"filters": {"nope": 1}}, "filters"), ({"filters": {"tahun": "dua"}}, "filters"),
    ({"filters": "tahun=1"}, "filters"), ({"sort": "desa; drop"}, "sort"),
    ({"sort": "desa sideways"}, "sort"), ({"fields": "desa,nope"}, "fields"),
    ({"limit": 32001}, "limit"), ({"limit": "x"}, "limit"), ({"offset": -1}, "offset"),
    ({"records_format": "xml"}, "records_format"), ({"q": {"nope": "x"}}, "q"),
])
def test_bad_arguments_name_the_field(table, kwargs, field):
    with pytest.raises(QueryError) as err:
        search(table, **kwargs)
    assert err.value.field == field and err.value.message


def test_downloads_neutralise_formulas(table, tmp_path):
    names, batches = iter_batches(table, filters={"tahun": 2022}, fields="desa,catatan")
    body = b"".join(export.chunks("csv", names, batches)).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body))) == [
        ["desa", "catatan"], ["Sapugara", "biasa"], ["Mantun", "'=HYPERLINK(\"http://x\")"]]
    names, batches = iter_batches(table)
    path = tmp_path / "o.xlsx"
    path.write_bytes(b"".join(export.chunks("xlsx", names, batches)))
    ws = openpyxl.load_workbook(path).active
    values = [c.value for c in ws["F"]]
    assert values[2] == "'=HYPERLINK(\"http://x\")" and values[3:6] == ["'+1", "'-2", "'@x"]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    names, batches = iter_batches(table, q="sapu")
    data = json.loads(b"".join(export.chunks("json", names, batches)))
    assert [r["desa"] for r in data] == ["Sapugara", "Sapugara 100%"]
    names, batches = iter_batches(table, sort="jumlah desc")
    path = tmp_path / "o.parquet"
    path.write_bytes(b"".join(export.chunks("parquet", names, batches)))
    assert pq.read_table(path).column("jumlah").to_pylist()[:2] == [50, 30]


def test_chart_choice_follows_the_shape(table):
    spec = charts.choose(table)
    assert (spec.kind, spec.x, spec.y) == ("line", "tahun", "jumlah")
    assert charts.data(table, spec) == [("2022", 30.0), ("2023", 30.0), ("2024", 50.0)]
    drawing = charts.svg(charts.data(table, spec), spec, "Jumlah <per> tahun")
    assert drawing.startswith("<svg") and "&lt;per&gt;" in drawing and "polyline" in drawing
    no_time = Table(table.resource_id, table.path, {"fields": [
        f for f in table.schema["fields"] if f["name"] != "tahun"]})
    spec = charts.choose(no_time)
    assert (spec.kind, spec.x, spec.level) == ("bar", "kode_desa", "kecamatan")
    assert charts.data(no_time, spec)[0] == ("52.07.03", 50.0)
    text_only = Table(table.resource_id, table.path, {"fields": [
        {"name": "desa", "type": "string"}]})
    spec = charts.choose(text_only)
    assert (spec.kind, spec.y) == ("bar", None)
    assert "<rect" in charts.svg(charts.data(text_only, spec), spec, "Desa")
    assert charts.fmt_number(1234567.5) == "1.234.567,5"
