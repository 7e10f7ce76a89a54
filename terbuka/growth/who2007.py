"""WHO Growth Reference 2007 (5-19 years), as WHO's R package anthroplus computes it.

Mirrors ``anthroplus_zscores`` (anthroplus 1.0.0.9000): age in (fractional) months, L/M/S
interpolated linearly between whole months, no length/height correction, valid from 60 to
228 months (120 for weight-for-age), z-scores rounded to 2 decimals before flagging.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import lms, tables
from .rounding import r_round
from .who2006 import flag, plain_zscore

MIN_AGE_MONTHS = 60


@dataclass(frozen=True)
class Indicator:
    table: str
    restricted: bool
    max_age_months: int
    flag_low: float
    flag_high: float
    oedema_blocks: bool


INDICATORS: dict[str, Indicator] = {
    "hfa": Indicator("hfa_2007", False, 228, -6, 6, oedema_blocks=False),
    "wfa": Indicator("wfa_2007", True, 120, -6, 5, oedema_blocks=True),
    "bfa": Indicator("bfa_2007", True, 228, -5, 5, oedema_blocks=True),
}
ZSCORE_NAMES = ("zhfa", "zwfa", "zbfa")


def month_zscore(
    name: str, y: np.ndarray, sex: np.ndarray, age_months: np.ndarray, oedema: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    ind = INDICATORS[name]
    table = tables.load(ind.table)
    low = np.trunc(age_months)
    upp = np.trunc(age_months + 1)
    diff = age_months - low
    lo = table.gather(sex, low)
    up = table.gather(sex, upp)
    with np.errstate(invalid="ignore"):
        frac = diff > 0
        l, m, s = (np.where(frac, a + diff * (b - a), a) for a, b in zip(lo, up, strict=True))  # noqa: E741
        y = np.where(y > 0, y, np.nan)
    restricted = ind.restricted
    z = lms.zscore_restricted(y, l, m, s) if restricted else plain_zscore(table, y, l, m, s)
    z = r_round(z, 2)
    with np.errstate(invalid="ignore"):
        valid = (age_months >= MIN_AGE_MONTHS) & (age_months <= ind.max_age_months)
    if ind.oedema_blocks:
        valid &= ~oedema
    z = np.where(valid, z, np.nan)
    return z, flag(z, ind.flag_low, ind.flag_high)


def zscores(
    sex: np.ndarray,
    age_months: np.ndarray,
    weight: np.ndarray,
    height: np.ndarray,
    oedema: np.ndarray,
) -> dict[str, np.ndarray]:
    """Height-, weight- and BMI-for-age z-scores and flags for cleaned arrays.

    Only rows aged 60-228 months can have a value, so only those rows are computed (a
    posyandu batch of under-fives costs nothing here).
    """
    n = len(age_months)
    with np.errstate(invalid="ignore"):
        rows = np.flatnonzero((age_months >= MIN_AGE_MONTHS) & (age_months <= 228))
    out: dict[str, np.ndarray] = {}
    for name in ("zhfa", "fhfa", "zwfa", "fwfa", "zbfa", "fbfa"):
        out[name] = np.full(n, np.nan)
    if rows.size == 0:
        return out
    sex, age_months, weight, height, oedema = (
        a[rows] for a in (sex, age_months, weight, height, oedema)
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        bmi = weight / ((height / 100) ** 2)
    for name, y in (("hfa", height), ("wfa", weight), ("bfa", bmi)):
        z, f = month_zscore(name, y, sex, age_months, oedema)
        out["z" + name][rows] = z
        out["f" + name][rows] = f
    return out
