"""`terbuka load_regions`: the full shipped list, idempotence, updates, vanished codes."""

import gzip
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from terbuka.core.models import Region
from terbuka.core.regions import RegionFileError, packaged_rows, read_rows
from terbuka.core.regions_loader import load_regions

pytestmark = pytest.mark.django_db

SMALL = """kode,nama,tingkat
52,Nusa Tenggara Barat,provinsi
52.07,Kabupaten Sumbawa Barat,kabupaten_kota
52.07.01,Jereweh,kecamatan
52.07.01.2001,Beru,desa_kelurahan
52.07.01.1002,Belo,desa_kelurahan
"""


def _write(tmp_path, text, name="w.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_every_shipped_row_once_and_reload_changes_nothing():
    first = load_regions()
    assert first.total == 91_599
    assert first.per_level == {1: 38, 2: 514, 3: 7_285, 4: 83_762}
    assert (first.inserted, first.updated, first.unchanged) == (91_599, 0, 0)
    assert Region.objects.count() == 91_599

    again = load_regions()
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 91_599)
    assert again.missing == []
    assert Region.objects.count() == 91_599


def test_denormalised_columns_and_parent_follow_from_the_code(tmp_path):
    load_regions(read_rows(_write(tmp_path, SMALL)))
    desa = Region.objects.get(code="52.07.01.2001")
    assert (desa.parent_id, desa.provinsi_code, desa.kabupaten_code, desa.kecamatan_code) == (
        "52.07.01", "52", "52.07", "52.07.01")
    assert desa.level == 4 and not desa.is_kelurahan
    assert Region.objects.get(code="52.07.01.1002").is_kelurahan
    provinsi = Region.objects.get(code="52")
    assert (provinsi.parent_id, provinsi.kabupaten_code, provinsi.kecamatan_code) == (None, "", "")


def test_reload_updates_renamed_adds_new_and_reports_vanished(tmp_path):
    load_regions(read_rows(_write(tmp_path, SMALL)))
    changed = (
        SMALL.replace("Beru,", "Beru Baru,").replace("52.07.01.1002,Belo,desa_kelurahan\n", "")
        + "52.07.01.2003,Dasan Anyar,desa_kelurahan\n"
    )
    report = load_regions(read_rows(_write(tmp_path, changed, "v2.csv")))
    assert (report.inserted, report.updated, report.unchanged) == (1, 1, 3)
    assert report.missing == ["52.07.01.1002"]
    assert Region.objects.get(code="52.07.01.2001").name == "Beru Baru"
    # Vanished codes stay: other rows may point at them.
    assert Region.objects.filter(code="52.07.01.1002").exists()
    assert Region.objects.count() == 6


def test_command_prints_counts_per_level_and_outcome(tmp_path):
    path = tmp_path / "w.csv.gz"
    path.write_bytes(gzip.compress(SMALL.encode()))
    out = StringIO()
    call_command("load_regions", file=str(path), stdout=out)
    text = out.getvalue()
    assert "Regions in the list: 5" in text
    # The level label is translated (Indonesian by default), the count is not.
    assert re.search(r"desa/kelurahan\)?: 2\n", text, re.IGNORECASE)
    assert "Inserted 5, updated 0, unchanged 0" in text
    out = StringIO()
    call_command("load_regions", file=str(path), stdout=out)
    assert "Inserted 0, updated 0, unchanged 5" in out.getvalue()


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("52.7,Salah,kabupaten_kota", "malformed region code '52.7'"),
        ("52.08,Salah,kecamatan", "level 'kecamatan' does not fit code 52.08"),
        ("52.07,Lagi,kabupaten_kota", "duplicate region code 52.07"),
        ("52.09,,kabupaten_kota", "region 52.09 has no name"),
        ("52.10", "expected 3 columns"),
    ],
)
def test_broken_file_is_refused_naming_the_line(tmp_path, line, problem):
    path = _write(tmp_path, SMALL + line + "\n")
    with pytest.raises(RegionFileError, match=problem):
        read_rows(path)
    with pytest.raises(CommandError, match=":7: "):
        call_command("load_regions", file=str(path), stdout=StringIO())
    assert Region.objects.count() == 0


def test_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("load_regions", file=str(tmp_path / "nope.csv"), stdout=StringIO())


def test_shipped_list_parses_with_expected_shape():
    rows = packaged_rows()
    assert len(rows) == 91_599
    assert rows[0] == ("11", "Aceh", 1)
