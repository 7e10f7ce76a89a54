"""Working days: pure module, no database."""

import datetime
import subprocess
import sys

import pytest

from terbuka.aduan.workdays import Calendar, add_days

D = datetime.date


def test_weekend_is_skipped():
    cal = Calendar()
    # Monday 2026-11-23 + 5 working days = Monday 2026-11-30.
    assert cal.add(D(2026, 11, 23), 5) == D(2026, 11, 30)
    assert cal.add(D(2026, 11, 23), 3) == D(2026, 11, 26)


def test_arrival_on_a_day_off_counts_from_the_next_working_day():
    cal = Calendar()
    assert cal.add(D(2026, 11, 28), 0) == D(2026, 11, 30)  # Saturday → Monday
    assert cal.add(D(2026, 11, 28), 1) == D(2026, 12, 1)


def test_national_holidays_and_cuti_bersama_are_days_off():
    cal = Calendar()
    assert not cal.is_workday(D(2026, 8, 17))  # Hari Kemerdekaan
    assert not cal.is_workday(D(2026, 12, 24))  # cuti bersama Natal
    assert not cal.is_workday(D(2026, 3, 20))  # cuti bersama Idul Fitri
    # Thursday 2026-12-23 + 1 working day skips 24 (cuti bersama) and 25 (Natal).
    assert cal.add(D(2026, 12, 23), 1) == D(2026, 12, 28)


def test_pemda_extra_days_off():
    plain = Calendar()
    regional = Calendar(["2026-11-24", D(2026, 11, 25)])
    assert plain.add(D(2026, 11, 23), 1) == D(2026, 11, 24)
    assert regional.add(D(2026, 11, 23), 1) == D(2026, 11, 26)


def test_between_counts_working_days_elapsed():
    cal = Calendar()
    assert cal.between(D(2026, 11, 23), D(2026, 11, 23)) == 0
    assert cal.between(D(2026, 11, 23), D(2026, 11, 30)) == 5
    assert cal.between(D(2026, 11, 30), D(2026, 11, 23)) == -5


def test_add_and_between_agree():
    cal = Calendar()
    start = D(2026, 11, 2)
    for n in range(0, 30):
        assert cal.between(start, cal.add(start, n)) == n


def test_negative_workdays_refused_and_calendar_days():
    with pytest.raises(ValueError):
        Calendar().add(D(2026, 1, 5), -1)
    assert add_days(D(2026, 11, 23), 60) == D(2027, 1, 22)


def test_module_imports_no_django():
    code = ("import sys, terbuka.aduan.workdays, terbuka.aduan.similarity; "
            "print(any(m.startswith('django') for m in sys.modules))")
    out = subprocess.run(  # noqa: S603 - fixed code, our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == "False"
