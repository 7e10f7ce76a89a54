"""WHO Child Growth Standards (0-60 months), as WHO's R package anthro computes them.

Every step mirrors ``anthro_zscores`` (anthro 1.1.0.9000, see data/README.md): the same
rounding of ages, the same corrections, table choices, validity windows, rounding of the
z-score and flags. Inputs are cleaned arrays (see ``engine.py``); outputs are float arrays
with NaN for "missing", in anthro's column names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from . import lms, tables
from .codes import MEASURE_LYING, MEASURE_STANDING
from .rounding import r_round, round_half_up

DAYS_PER_MONTH = 30.4375
MAX_AGE_DAYS = 1856  # anthro's allowed_age_range upper end (the tables stop at 1826)
LENGTH_TABLE_MAX_AGE_DAYS = 730  # below 731 days: recumbent length and the WFL table


@dataclass(frozen=True)
class Indicator:
    """One age-based indicator: its table, whether the +/-3 SD restriction applies, flags."""

    table: str
    restricted: bool
    flag_low: float
    flag_high: float
    min_age_days: int = 0
    oedema_blocks: bool = False


# anthro applies the restricted application to every indicator except length/height and
# head circumference (their L is 1 anyway, where the restriction is the identity).
AGE_INDICATORS: dict[str, Indicator] = {
    "len": Indicator("lhfa", restricted=False, flag_low=-6, flag_high=6),
    "wei": Indicator("wfa", restricted=True, flag_low=-6, flag_high=5, oedema_blocks=True),
    "bmi": Indicator("bfa", restricted=True, flag_low=-5, flag_high=5, oedema_blocks=True),
    "hc": Indicator("hcfa", restricted=False, flag_low=-5, flag_high=5),
    "ac": Indicator("acfa", restricted=True, flag_low=-5, flag_high=5, min_age_days=91),
    "ts": Indicator("tsfa", restricted=True, flag_low=-5, flag_high=5, min_age_days=91),
    "ss": Indicator("ssfa", restricted=True, flag_low=-5, flag_high=5, min_age_days=91),
}
WFL_FLAG = 5.0
ZSCORE_NAMES = ("zlen", "zwei", "zwfl", "zbmi", "zhc", "zac", "zts", "zss")


def flag(z: np.ndarray, low: float, high: float) -> np.ndarray:
    """1.0 when the (rounded) z-score is implausible, 0.0 when plausible, NaN when missing."""
    with np.errstate(invalid="ignore"):
        bad = z < low
        bad |= z > high
    out = bad.astype(np.float64)
    # NaN z compares False above; copy the NaNs over so a missing z has a missing flag.
    np.copyto(out, z, where=np.isnan(z))
    return out


def plain_zscore(
    table: tables.LMSTable, y: np.ndarray, l: np.ndarray, m: np.ndarray, s: np.ndarray  # noqa: E741
) -> np.ndarray:
    """The LMS z-score without the +/-3 SD restriction (LHFA, HCFA, 2007 HFA)."""
    return lms.zscore_l1(y, m, s) if table.l_is_one else lms.zscore(y, l, m, s)


def positive(y: np.ndarray) -> np.ndarray:
    """anthro: a measure <= 0 gives a missing z-score."""
    with np.errstate(invalid="ignore"):
        bad = y <= 0
    return np.where(bad, np.nan, y) if bad.any() else y


def position_check(
    measure: np.ndarray, age_months: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A standing measurement under 9 months is implausible: drop the position, flag c9mo.

    Returns ``(cmeasure, c9mo_flag)``; with the position dropped, no 0.7 cm correction is
    applied to that length, exactly as anthro does.
    """
    with np.errstate(invalid="ignore"):
        implausible = (measure == MEASURE_STANDING) & (age_months < 9)
    return np.where(implausible, 0, measure).astype(np.int8), implausible.astype(np.float64)


def correct_lenhei(age_days: np.ndarray, measure: np.ndarray, lenhei: np.ndarray) -> np.ndarray:
    """The 0.7 cm standing/lying correction, so that every value matches its table.

    Under 731 days the tables are for recumbent length (standing adds 0.7 cm); from 731 days
    they are for standing height (lying subtracts 0.7 cm). No age or no position: no change.
    """
    known = np.isfinite(age_days)
    with np.errstate(invalid="ignore"):
        add = known & (age_days < 731) & (measure == MEASURE_STANDING)
        sub = known & (age_days >= 731) & (measure == MEASURE_LYING)
    return np.where(add, lenhei + 0.7, np.where(sub, lenhei - 0.7, lenhei))


def age_zscore(
    name: str,
    y: np.ndarray,
    position: np.ndarray,
    invalid: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """z-score and flag of one age-based indicator: exact-day lookup, no interpolation.

    ``position`` is the table position of (sex, rounded age in days) and ``invalid`` marks
    rows outside the indicator's age window or blocked by oedema (see ``zscores``).
    """
    ind = AGE_INDICATORS[name]
    table = tables.load(ind.table)
    y = positive(y)
    l, m, s = table.take(position)  # noqa: E741
    restricted = ind.restricted
    z = lms.zscore_restricted(y, l, m, s) if restricted else plain_zscore(table, y, l, m, s)
    z = r_round(z, 2)
    np.copyto(z, np.nan, where=invalid)
    return z, flag(z, ind.flag_low, ind.flag_high)


def wfl_zscore(
    weight: np.ndarray,
    clenhei: np.ndarray,
    cmeasure: np.ndarray,
    sex: np.ndarray,
    age_days: np.ndarray,
    age_months: np.ndarray,
    oedema: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Weight-for-length (under 731 days) or weight-for-height, interpolated on the 0.1 cm grid.

    The table follows the age; without an age, the measuring position; without either, the
    length itself (< 87 cm: length table). L, M and S are interpolated linearly between the
    table rows either side of the corrected length. The float arithmetic is kept identical
    to anthro's (trunc(x*10)/10 etc.) so that values like 80.0 - 0.7 = 79.29999... pick the
    same rows with the same weights.
    """
    wfl, wfh = tables.load("wfl"), tables.load("wfh")
    has_age = np.isfinite(age_days)
    with np.errstate(invalid="ignore"):
        by_position = ~has_age & (cmeasure != 0)
        by_length = ~has_age & (cmeasure == 0) & np.isfinite(clenhei)
        use_l = (
            (has_age & (age_days <= LENGTH_TABLE_MAX_AGE_DAYS))
            | (by_position & (cmeasure == MEASURE_LYING))
            | (by_length & (clenhei < 87))
        )
        use_h = (
            (has_age & (age_days > LENGTH_TABLE_MAX_AGE_DAYS))
            | (by_position & (cmeasure == MEASURE_STANDING))
            | (by_length & (clenhei >= 87))
        )
        low_tenths = np.trunc(clenhei * 10)
        upp_tenths = np.trunc(clenhei * 10 + 1)
        diff = (clenhei - low_tenths / 10) / 0.1

    # Both tables as one flat array (height table after the length table), so each row
    # reads only the table it needs: two takes per parameter instead of four.
    n_wfl = wfl.l.size
    lo = np.where(use_h, wfh.index(sex, low_tenths) + n_wfl, wfl.index(sex, low_tenths))
    up = np.where(use_h, wfh.index(sex, upp_tenths) + n_wfl, wfl.index(sex, upp_tenths))
    # Rows using neither table point at a NaN cell (position 0 is sex 0, always NaN).
    neither = ~(use_l | use_h)
    lo[neither] = 0
    up[neither] = 0
    with np.errstate(invalid="ignore"):
        frac = diff > 0
    lms_params = []
    for both in _wflh_flat():
        a, b = both.take(lo), both.take(up)
        lms_params.append(np.where(frac, a + diff * (b - a), a))
    l, m, s = lms_params  # noqa: E741
    z = r_round(lms.zscore_restricted(positive(weight), l, m, s), 2)
    with np.errstate(invalid="ignore"):
        in_range = np.where(
            use_l,
            (clenhei >= 45) & (clenhei <= 110),
            use_h & (clenhei >= 65) & (clenhei <= 120),
        )
        # A missing age does not invalidate WFL/H (anthro's NA-tolerant comparison).
        age_ok = ~has_age | ((age_days <= MAX_AGE_DAYS) & (age_months < 60))
    valid = in_range & age_ok & ~oedema
    z = np.where(valid, z, np.nan)
    return z, flag(z, -WFL_FLAG, WFL_FLAG)


@cache
def _wflh_flat() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """L, M and S of the length table followed by the height table, each flattened."""
    wfl, wfh = tables.load("wfl"), tables.load("wfh")
    return tuple(  # type: ignore[return-value]
        np.concatenate([a.ravel(), b.ravel()])
        for a, b in ((wfl.l, wfh.l), (wfl.m, wfh.m), (wfl.s, wfh.s))
    )


def zscores(
    sex: np.ndarray,
    age_days_raw: np.ndarray,
    age_months: np.ndarray,
    weight: np.ndarray,
    lenhei: np.ndarray,
    measure: np.ndarray,
    headc: np.ndarray,
    armc: np.ndarray,
    triskin: np.ndarray,
    subskin: np.ndarray,
    oedema: np.ndarray,
) -> dict[str, np.ndarray]:
    """All 0-5 year indicators for cleaned arrays of equal length.

    ``age_days_raw`` is the unrounded age in days (months x 30.4375 when the age was given
    in months) and ``age_months`` the unrounded age in months; negative ages must already
    be NaN.
    """
    age_days = round_half_up(age_days_raw)
    cmeasure, c9mo = position_check(measure, age_months)
    clenhei = correct_lenhei(age_days, cmeasure, lenhei)
    with np.errstate(invalid="ignore", divide="ignore"):
        cbmi = weight / ((clenhei / 100) ** 2)
    out: dict[str, np.ndarray] = {
        "age_days": age_days,
        "clenhei": clenhei,
        "cmeasure": cmeasure,
        "c9mo_flag": c9mo,
        "cbmi": cbmi,
    }
    # All day-indexed tables share one axis, so the lookup position is computed once, and
    # the age windows are shared too, so each is computed once.
    position = tables.load("wfa").index(sex, age_days)
    with np.errstate(invalid="ignore"):
        in_window = (age_days >= 0) & (age_days <= MAX_AGE_DAYS) & (age_months < 60)
        invalid = {
            (0, False): ~in_window,
            (0, True): ~in_window | oedema,
            (91, False): ~(in_window & (age_days >= 91)),
        }
    for name, y in (
        ("len", clenhei),
        ("wei", weight),
        ("bmi", cbmi),
        ("hc", headc),
        ("ac", armc),
        ("ts", triskin),
        ("ss", subskin),
    ):
        ind = AGE_INDICATORS[name]
        key = (ind.min_age_days, ind.oedema_blocks)
        out["z" + name], out["f" + name] = age_zscore(name, y, position, invalid[key])
    out["zwfl"], out["fwfl"] = wfl_zscore(
        weight, clenhei, cmeasure, sex, age_days, age_months, oedema
    )
    return out
