"""Structure of the NIK (Nomor Induk Kependudukan), without Django.

A NIK is 16 digits: PP KK CC (provinsi, kabupaten/kota, kecamatan of first registration),
DD MM YY (birth date; women have 40 added to the day), then a 4-digit serial from 0001.
Whether PP.KK is a real kabupaten/kota is a database question and is checked by the service;
this module only reads the structure and compares it with what else is known of the person.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_DIGITS = re.compile(r"^[0-9]{16}$")


@dataclass(frozen=True)
class NikInfo:
    kabupaten_code: str  # "52.07"
    kecamatan_code: str  # "52.07.01"
    day: int
    month: int
    yy: int
    sex: str  # "L" or "P"
    serial: str


class NikError(ValueError):
    """`code` names the fault, so callers can translate the message."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def normalise(raw: str) -> str:
    """Digits only: officials paste NIKs with spaces or dots."""
    return re.sub(r"[\s.\-]", "", raw or "")


def parse(raw: str) -> NikInfo:
    nik = normalise(raw)
    if not _DIGITS.match(nik):
        raise NikError("format")
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "L"
    if day > 40:
        sex, day = "P", day - 40
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        raise NikError("date")
    # The century is not encoded; any century must give a real calendar date (29 Feb needs a
    # leap year in at least one of 19yy/20yy).
    if not any(_valid(c + yy, month, day) for c in (1900, 2000)):
        raise NikError("date")
    if nik[12:] == "0000":
        raise NikError("serial")
    return NikInfo(
        kabupaten_code=f"{nik[0:2]}.{nik[2:4]}", kecamatan_code=f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}",
        day=day, month=month, yy=yy, sex=sex, serial=nik[12:],
    )


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def mismatches(info: NikInfo, *, birth_date: datetime.date | None, sex: str | None) -> list[str]:
    """Which of birth_date / sex disagree with what the NIK encodes."""
    out = []
    if birth_date is not None and (
        birth_date.day, birth_date.month, birth_date.year % 100) != (info.day, info.month, info.yy):
        out.append("birth_date")
    if sex in ("L", "P") and sex != info.sex:
        out.append("sex")
    return out
