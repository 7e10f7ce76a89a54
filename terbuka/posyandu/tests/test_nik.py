"""The NIK's structure, read without the database."""

import datetime

import pytest

from terbuka.posyandu import nik


def test_a_man_and_a_woman_born_the_same_day():
    man = nik.parse("5207011503200001")
    woman = nik.parse("5207015503200002")
    assert (man.sex, man.day, man.month, man.yy) == ("L", 15, 3, 20)
    assert (woman.sex, woman.day) == ("P", 15)
    assert man.kabupaten_code == "52.07" and man.kecamatan_code == "52.07.01"


@pytest.mark.parametrize("raw", ["520701150320000", "52070115032000011", "52070115032000a1", ""])
def test_not_sixteen_digits_is_a_format_error(raw):
    with pytest.raises(nik.NikError) as err:
        nik.parse(raw)
    assert err.value.code == "format"


@pytest.mark.parametrize("raw", ["5207013213200001", "5207017203200001", "5207011513200001",
                                 "5207013002200001"])
def test_impossible_birth_dates(raw):
    with pytest.raises(nik.NikError) as err:
        nik.parse(raw)
    assert err.value.code == "date"


def test_serial_0000_is_refused():
    with pytest.raises(nik.NikError) as err:
        nik.parse("5207011503200000")
    assert err.value.code == "serial"


def test_spaces_and_dots_are_ignored():
    assert nik.parse("5207 0115.0320-0001").serial == "0001"


def test_mismatches_with_what_is_known():
    info = nik.parse("5207015503200002")
    assert nik.mismatches(info, birth_date=datetime.date(2020, 3, 15), sex="P") == []
    assert nik.mismatches(info, birth_date=datetime.date(2020, 3, 16), sex="L") == [
        "birth_date", "sex"]
