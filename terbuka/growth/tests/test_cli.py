"""`terbuka zscore` on a messy CSV: every row written, problems by line number."""

import csv
import io
import math

import pyarrow.parquet as pq
import pytest

from terbuka.growth import cli, compute_one

MESSY = (
    "Jenis Kelamin;Tanggal Lahir;Tanggal Ukur;BB;TB;Posisi;LiLA;Edema\n"
    "L;2023-01-15;2024-01-15;9,5;75,2;l;14,1;n\n"
    "P;15/03/2022;2024-03-20;11.2;86;H;;\n"
    "\n"
    "x;2023-01-15;2024-01-15;9,5;75;l;14;n\n"
    "L;2023-13-45;2024-01-15;9,5;75;l;14;n\n"
    "P;2023-01-15;2024-01-15;-3;75;l;14;n\n"
    "P;2023-01-15;2024-01-15;abc;75;z;14;y\n"
    "1;2023-01-15;2024-01-15\n"
    "2;2024-06-01;2024-01-15;5;60;l;;\n"
)


@pytest.fixture
def messy(tmp_path):
    path = tmp_path / "posyandu.csv"
    path.write_text(MESSY, encoding="utf-8")
    return path


def test_messy_csv_through_the_cli(messy, tmp_path):
    out = tmp_path / "out.csv"
    err = io.StringIO()
    report = cli.run(messy, out, stderr=err)
    assert report.rows == 8 and report.rows_with_problems == 6
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 8
    first = rows[0]
    expected = compute_one(sex="L", age_days=365, weight=9.5, lenhei=75.2, measure="l",
                           armc=14.1, oedema="n")
    for key in ("zwei", "zlen", "zwfl", "zbmi", "zac"):
        assert float(first[key]) == expected[key]
    assert first["kategori_bb_u"] == "Berat badan normal"
    assert first["problems"] == ""
    assert first["BB"] == "9,5"  # input columns kept as written
    assert rows[1]["age_days"] == "736"
    lines = err.getvalue().splitlines()
    assert lines == [
        "posyandu.csv: line 5: unknown sex code 'x'",
        "posyandu.csv: line 6: birth date '2023-13-45' is not a date",
        "posyandu.csv: line 7: weight must be > 0 (got -3)",
        "posyandu.csv: line 8: weight 'abc' is not a number; "
        "unknown measuring position 'z' (treated as not recorded)",
        "posyandu.csv: line 9: 3 fields where the header has 8; "
        "missing fields read as empty, extra fields ignored",
        "posyandu.csv: line 10: age is negative (visit before birth?)",
    ]
    assert rows[2]["problems"] == "unknown sex code 'x'" and rows[2]["zwei"] == ""
    assert rows[4]["zlen"] != ""  # a bad weight does not hide the length z-score


def test_parquet_round_trip_and_column_override(messy, tmp_path):
    middle = tmp_path / "mid.parquet"
    cli.run(messy, middle, keep_input=True, stderr=io.StringIO())
    out = tmp_path / "out.parquet"
    err = io.StringIO()
    cli.run(middle, out, columns={"weight": "BB", "lenhei": "TB"}, stderr=err)
    table = pq.read_table(out).to_pydict()
    assert table["zwei"][0] == compute_one(sex=1, age_days=365, weight=9.5)["zwei"]
    assert "row 3: unknown sex code 'x'" in err.getvalue()  # parquet: row numbers
    assert table["fwei"][0] == 0 and table["fwei"][2] is None  # integer flags, real nulls


def test_main_exit_codes(messy, tmp_path, capsys):
    assert cli.main([str(messy), "-o", str(tmp_path / "o.csv")]) == 0
    assert "8 rows written" in capsys.readouterr().out
    assert cli.main([str(messy), "-o", str(tmp_path / "o.xlsx")]) == 2
    assert cli.main([str(tmp_path / "missing.csv"), "-o", str(tmp_path / "o.csv")]) == 2
    bad_map = [str(messy), "-o", str(tmp_path / "o.csv"), "-c", "weight=nope"]
    assert cli.main(bad_map) == 2
    assert "not in the input" in capsys.readouterr().err


def test_aliases_resolve_english_and_indonesian_names():
    found = cli.resolve_columns(["Sex", "DOB", "visit_date", "Weight (kg)", "height", "MUAC"])
    assert found["sex"] == "Sex" and found["birth_date"] == "DOB"
    assert found["lenhei"] == "height" and found["armc"] == "MUAC"
    assert "weight" not in found  # "Weight (kg)" is not an alias; map it with --column
    with pytest.raises(ValueError, match="no sex column"):
        cli.resolve_columns(["umur_bulan"])
    assert math.isnan(cli._parse_number("")[0])
