"""The pure ingest pipeline: encodings, delimiters, Indonesian numbers and dates, schemas,
bad files, every error with its row and column. No database."""

import json
import os

import openpyxl
import pyarrow.parquet as pq
import pytest

from terbuka.datastore.ingest import diff_versions, ingest
from terbuka.datastore.ingest.messages import set_translator


@pytest.fixture(autouse=True)
def plain_messages():
    set_translator(lambda s: s)


def run(tmp_path, name, content, **kwargs):
    src = tmp_path / name
    src.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    out = tmp_path / (name + ".parquet")
    result = ingest(str(src), str(out), **kwargs)
    return result, out


def rows_of(path):
    table = pq.read_table(path)
    return [{k: v for k, v in r.items() if k not in ("_id", "_row")} for r in table.to_pylist()]


def where(result):
    return [(e.code, e.row, e.column) for e in result.errors]


def test_excel_export_in_windows_1252_with_semicolons_and_indonesian_numbers(tmp_path):
    text = ("Kecamatan;Jumlah Penduduk;Luas (km²);Tanggal Data\r\n"
            "Taliwang;47.102;378,51;31/12/2023\r\n"
            "Brang Ene;7.503;1.120,5;31/12/2023\r\n")
    result, out = run(tmp_path, "penduduk.csv", text.encode("cp1252"))
    assert result.ok, where(result)
    assert (result.encoding, result.delimiter) == ("cp1252", ";")
    types = {f["name"]: f["type"] for f in result.schema["fields"]}
    assert types == {"Kecamatan": "string", "Jumlah Penduduk": "integer",
                     "Luas (km²)": "number", "Tanggal Data": "date"}
    rows = rows_of(out)
    assert rows[1]["Jumlah Penduduk"] == 7503 and rows[1]["Luas (km²)"] == 1120.5
    assert str(rows[0]["Tanggal Data"]) == "2023-12-31"


def test_indonesian_month_names_and_english_numbers(tmp_path):
    text = "tanggal,nilai\n17 Agustus 2024,1234.5\n1 Jan 2025,2.25\n5 Nopember 2024,3\n"
    result, out = run(tmp_path, "a.csv", text)
    assert result.ok, where(result)
    assert [str(r["tanggal"]) for r in rows_of(out)] == ["2024-08-17", "2025-01-01",
                                                          "2024-11-05"]
    assert [r["nilai"] for r in rows_of(out)] == [1234.5, 2.25, 3.0]


def test_codes_keep_their_leading_zeros_and_dots(tmp_path):
    result, out = run(tmp_path, "a.csv", "kode_desa,nomor\n52.07.01.2001,0812\n")
    assert result.ok
    assert rows_of(out) == [{"kode_desa": "52.07.01.2001", "nomor": "0812"}]


def test_ragged_rows_and_stray_quotes_are_reported_with_their_rows(tmp_path):
    text = 'a,b,c\n1,2,3\n4,5\n6,"x"y,8\n9,10,11,12\n13,14,15\n'
    result, out = run(tmp_path, "bad.csv", text)
    assert not result.ok and not out.exists()
    assert where(result) == [("missing_cells", 3, None), ("stray_quote", 4, None),
                             ("extra_cells", 5, None)]
    assert "2 cells" in result.errors[0].message and "3" in result.errors[0].message


def test_binary_file_named_csv_is_refused(tmp_path):
    result, out = run(tmp_path, "data.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert [e.code for e in result.errors] == ["binary_file"]
    assert "PDF" in result.errors[0].message and not out.exists()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
    result, _ = run(tmp_path, "img.csv", png)
    assert [e.code for e in result.errors] == ["binary_file"]


def test_empty_file_and_header_without_rows(tmp_path):
    assert [e.code for e in run(tmp_path, "e.csv", b"")[0].errors] == ["empty_file"]
    assert [e.code for e in run(tmp_path, "h.csv", "a,b\n")[0].errors] == ["no_rows"]


def test_empty_tables_only_when_allowed_and_declared(tmp_path):
    schema = {"fields": [{"name": "a", "type": "integer"}]}
    result, out = run(tmp_path, "e.json", '[["a"]]', schema=schema, allow_empty=True)
    assert result.ok and result.row_count == 0 and pq.read_table(out).num_rows == 0
    result, _ = run(tmp_path, "f.json", '[["a"]]', schema=schema)
    assert [e.code for e in result.errors] == ["no_rows"]


def test_bad_header(tmp_path):
    result, _ = run(tmp_path, "h.csv", "a,,a,_id\n1,2,3,4\n")
    assert sorted(where(result), key=str) == sorted(
        [("header_empty", 1, None), ("header_duplicate", 1, "a"), ("header_reserved", 1, "_id")],
        key=str)


SCHEMA = {
    "fields": [
        {"name": "kode", "type": "string", "constraints": {"required": True,
                                                            "pattern": r"\d{2}\.\d{2}"}},
        {"name": "jumlah", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "status", "type": "string", "constraints": {"enum": ["aktif", "tutup"]}},
        {"name": "nilai", "type": "number", "decimalChar": ",", "groupChar": "."},
        {"name": "tanggal", "type": "date", "format": "%d/%m/%Y"},
    ],
    "primaryKey": ["kode"],
}


def test_given_schema_reports_every_violation(tmp_path):
    text = ("kode,jumlah,status,nilai,tanggal\n"
            "52.01,10,aktif,\"1.234,5\",01/02/2024\n"
            ",x,buka,12.5,2024-02-01\n"
            "52.01,-3,tutup,\"7,0\",31/02/2024\n"
            "5201,4,aktif,1,01/01/2024\n")
    result, out = run(tmp_path, "s.csv", text, schema=SCHEMA)
    assert not result.ok and not out.exists()
    assert sorted(where(result)) == sorted([
        ("required", 3, "kode"), ("type_integer", 3, "jumlah"), ("enum", 3, "status"),
        ("type_number", 3, "nilai"), ("type_date", 3, "tanggal"),
        ("minimum", 4, "jumlah"), ("type_date", 4, "tanggal"),
        ("primary_key", 4, "kode"), ("pattern", 5, "kode"),
    ])
    dup = next(e for e in result.errors if e.code == "primary_key")
    assert dup.params["other"] == 2 and dup.params["value"] == "52.01"


def test_schema_and_file_columns_must_agree(tmp_path):
    result, _ = run(tmp_path, "s.csv", "kode,lain\n1,2\n", schema=SCHEMA)
    codes = {(e.code, e.column) for e in result.errors}
    assert ("schema_field_missing", "jumlah") in codes and ("schema_field_extra", "lain") in codes


def test_kode_referensi_goes_through_the_callback_once_per_value(tmp_path):
    calls = []

    def check(code_list, values):
        calls.append((code_list, sorted(values)))
        return {v: "bukan kode desa" for v in values if not v.startswith("52.07")}

    schema = {"fields": [{"name": "desa", "type": "string", "kodeReferensi": "wilayah.desa"},
                         {"name": "n", "type": "integer"}]}
    text = "desa,n\n52.07.01.2001,1\n52.07.01.2001,2\n99.99,3\n"
    result, _ = run(tmp_path, "k.csv", text, schema=schema, code_check=check)
    assert where(result) == [("kode_referensi", 4, "desa")]
    assert "bukan kode desa" in result.errors[0].message
    assert calls == [("wilayah.desa", ["52.07.01.2001", "99.99"])]


def test_messy_xlsx_export(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([])
    ws.append(["Desa", "Jumlah KK", "Tanggal"])
    ws.append(["Sapugara", 120, "01/02/2024"])
    ws.append(["Mantun", "dua", "01/02/2024"])
    ws.append([None, None, None])
    ws.append(["Kiantar", 80, "01/02/2024", None, "catatan liar"])
    path = tmp_path / "desa.xlsx"
    wb.save(path)
    schema = {"fields": [{"name": "Desa", "type": "string"},
                         {"name": "Jumlah KK", "type": "integer"},
                         {"name": "Tanggal", "type": "date", "format": "%d/%m/%Y"}]}
    result = ingest(str(path), str(tmp_path / "o.parquet"), schema=schema)
    assert where(result) == [("type_integer", 4, "Jumlah KK"), ("extra_cells", 6, None)]
    wb2 = openpyxl.Workbook()
    wb2.active.append(["Desa", "Jumlah KK"])
    wb2.active.append(["Sapugara", 120])
    wb2.active.append(["Mantun", 75.5])
    wb2.save(tmp_path / "ok.xlsx")
    result = ingest(str(tmp_path / "ok.xlsx"), str(tmp_path / "ok.parquet"))
    assert result.ok and rows_of(tmp_path / "ok.parquet")[1]["Jumlah KK"] == 75.5


def test_xlsx_named_file_that_is_not_a_workbook(tmp_path):
    result, _ = run(tmp_path, "x.xlsx", "a,b\n1,2\n")
    assert [e.code for e in result.errors] == ["binary_file"]


def test_json_records_and_json_errors(tmp_path):
    data = [{"desa": "A", "n": 1}, {"desa": "B", "n": 2.5}, {"desa": "C", "n": None}]
    result, out = run(tmp_path, "a.json", json.dumps(data))
    assert result.ok and [r["n"] for r in rows_of(out)] == [1.0, 2.5, None]
    result, _ = run(tmp_path, "b.json", '[{"a": 1}, {"a": 2, "b": 3}, {"a": ')
    assert where(result) == [("json_unknown_key", 2, "b"), ("json_syntax", 3, None)]
    result, _ = run(tmp_path, "c.json", '{"a": 1}')
    assert [e.code for e in result.errors] == ["json_shape"]


def test_failure_leaves_the_previous_table_in_place(tmp_path):
    out = tmp_path / "live.parquet"
    good = tmp_path / "good.csv"
    good.write_text("a,b\n1,2\n")
    assert ingest(str(good), str(out)).ok
    before = out.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n3\n")
    assert not ingest(str(bad), str(out)).ok
    assert out.read_bytes() == before and not os.path.exists(str(out) + ".part")


def test_error_list_is_capped_but_counted(tmp_path):
    text = "n\n" + "x\n" * 50
    result, _ = run(tmp_path, "m.csv", text, schema={"fields": [{"name": "n",
                                                                  "type": "integer"}]},
                    max_errors=10)
    assert result.error_count == 50 and len(result.errors) == 11
    assert result.errors[-1].code == "too_many_errors" and result.errors[-1].params["count"] == 40


def test_progress_is_reported(tmp_path):
    seen = []
    run(tmp_path, "p.csv", "a\n" + "1\n" * 10, progress=lambda f, n: seen.append((f, n)))
    assert seen[-1] == (1.0, 10)


def test_version_diff_by_key_and_by_row(tmp_path):
    (tmp_path / "v1.csv").write_text("k,v\n1,a\n2,b\n3,c\n")
    (tmp_path / "v2.csv").write_text("k,v\n1,a\n2,B\n4,d\n5,e\n")
    schema = {"fields": [{"name": "k", "type": "integer"}, {"name": "v", "type": "string"}],
              "primaryKey": ["k"]}
    for name in ("v1", "v2"):
        assert ingest(str(tmp_path / f"{name}.csv"), str(tmp_path / f"{name}.parquet"),
                      schema=schema).ok
    by_key = diff_versions(str(tmp_path / "v1.parquet"), str(tmp_path / "v2.parquet"), ["k"])
    assert (by_key["added"], by_key["removed"], by_key["changed"]) == (2, 1, 1)
    by_row = diff_versions(str(tmp_path / "v1.parquet"), str(tmp_path / "v2.parquet"))
    assert (by_row["added"], by_row["removed"], by_row["changed"]) == (3, 2, 0)


def test_large_tables_are_clustered_by_their_kode_referensi(tmp_path, monkeypatch):
    from terbuka.datastore.ingest import pipeline

    monkeypatch.setattr(pipeline, "CLUSTER_MIN_ROWS", 3)
    text = "kode,n\n52.07.02,1\n52.07.01,2\n52.07.03,3\n52.07.01,4\n"
    schema = {"fields": [{"name": "kode", "type": "string", "kodeReferensi": "wilayah.kecamatan"},
                         {"name": "n", "type": "integer"}]}
    result, out = run(tmp_path, "c.csv", text, schema=schema)
    assert result.ok
    table = pq.read_table(out).to_pylist()
    assert [(r["_id"], r["kode"], r["n"], r["_row"]) for r in table] == [
        (1, "52.07.01", 2, 3), (2, "52.07.01", 4, 5), (3, "52.07.02", 1, 2),
        (4, "52.07.03", 3, 4)]
