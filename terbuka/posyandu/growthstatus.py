"""Growth status on the KMS: N (naik), T (tidak naik), O, B and 2T; BGM. No Django.

Practice (Permenkes 155/2010 on the KMS, Buku KIA 2023): a child weighed this month and last
month *naik* (N) when the gain reaches the minimum gain (KBM) for its age in months, else
*tidak naik* (T, which includes a loss); a child weighed this month but not last month is O
(the status cannot be judged); a child weighed for the first time is B (baru). Two T in two
consecutive months is 2T, a reason to refer. BGM (bawah garis merah) is a weight below the
red line of the KMS, which is the -3 SD weight-for-age curve of the WHO standard.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"
DEFAULT_KBM_VERSION = "permenkes-155-2010"
DAYS_PER_MONTH = 30.4375
BGM_ZWEI = -3.0

N, T, O, B = "N", "T", "O", "B"  # noqa: E741 - the KMS letters


@dataclass(frozen=True)
class KbmTable:
    version: str
    source: str
    grams: tuple[int, ...]  # index = completed age in months, 0..60 (0 is unused: no gain yet)

    def for_age_months(self, months: int) -> int | None:
        if months < 1 or months >= len(self.grams):
            return None
        return self.grams[months]


@cache
def kbm_table(version: str = DEFAULT_KBM_VERSION) -> KbmTable:
    path = DATA / f"kbm-{version}.json"
    if not path.exists():
        raise ValueError(f"unknown KBM table version {version!r}")
    raw = json.loads(path.read_text(encoding="utf-8"))
    grams = [0] * 61
    for month in range(1, 61):
        grams[month] = raw["kbm_by_age_month"].get(str(month), raw["kbm_from_12_to_60"])
    return KbmTable(version=raw["version"], source=raw["source"], grams=tuple(grams))


def completed_months(age_days: float) -> int:
    return int(age_days // DAYS_PER_MONTH)


def status(*, weight_kg: float, age_days: float, previous_weight_kg: float | None,
           weighed_last_month: bool, weighed_before: bool,
           kbm: KbmTable | None = None) -> str:
    """One child's N/T/O/B for this month's weighing."""
    if not weighed_before:
        return B
    if not weighed_last_month or previous_weight_kg is None:
        return O
    kbm = kbm or kbm_table()
    need = kbm.for_age_months(completed_months(age_days))
    gain_g = round((weight_kg - previous_weight_kg) * 1000)
    if need is None:  # beyond the KMS ages: any gain counts
        return N if gain_g > 0 else T
    return N if gain_g >= need else T


def statuses(weight: np.ndarray, age_days: np.ndarray, previous_weight: np.ndarray,
             weighed_before: np.ndarray, kbm: KbmTable | None = None) -> np.ndarray:
    """The same rule on whole columns (the monthly recompute). `previous_weight` is NaN when
    the child was not weighed last month."""
    kbm = kbm or kbm_table()
    grams = np.asarray(kbm.grams, dtype=np.float64)
    months = np.floor_divide(age_days, DAYS_PER_MONTH).astype(np.int64)
    in_table = (months >= 1) & (months < grams.size)
    need = np.where(in_table, grams[np.clip(months, 0, grams.size - 1)], 1.0)
    gain = np.rint((weight - previous_weight) * 1000)
    with np.errstate(invalid="ignore"):
        naik = gain >= need
    out = np.where(naik, N, T).astype(object)
    out[np.isnan(previous_weight)] = O
    out[~weighed_before] = B
    return out


def is_two_t(current: str, previous: str | None) -> bool:
    return current == T and previous == T


def is_bgm(zwei: float | None) -> bool:
    return zwei is not None and zwei == zwei and zwei < BGM_ZWEI
