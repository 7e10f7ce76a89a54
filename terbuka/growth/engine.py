"""Public entry point: clean raw columns, run both WHO references, classify, explain problems.

``compute`` works on whole columns (sequences or NumPy arrays of equal length, or scalars
that broadcast); ``compute_one`` is the per-child convenience wrapper. Nothing here raises on
bad data: an impossible value becomes a missing input plus a reason in ``problems``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import classes, who2006, who2007
from .codes import MEASURE_CODES, OEDEMA_CODES, SEX_CODES, clean_codes

MAX_AGE_MONTHS = 228  # last month with any WHO z-score (2007 reference)

MEASUREMENTS = ("weight", "lenhei", "headc", "armc", "triskin", "subskin")
_MEASUREMENT_LABELS = {
    "weight": "weight",
    "lenhei": "length/height",
    "headc": "head circumference",
    "armc": "arm circumference",
    "triskin": "triceps skinfold",
    "subskin": "subscapular skinfold",
}
WEIGHT_BASED = ("zwei", "zwfl", "zbmi", "zwfa", "zbfa")

# Column order of a result, for files and documentation.
OUTPUT_COLUMNS = (
    "age_days", "age_months", "clenhei", "cmeasure", "c9mo_flag", "cbmi",
    "zlen", "flen", "zwei", "fwei", "zwfl", "fwfl", "zbmi", "fbmi",
    "zhc", "fhc", "zac", "fac", "zts", "fts", "zss", "fss",
    "zhfa", "fhfa", "zwfa", "fwfa", "zbfa", "fbfa",
)  # fmt: skip


@dataclass
class GrowthResult:
    """Columns of equal length. Floats use NaN for missing; ``kategori_*`` hold labels/None."""

    columns: dict[str, np.ndarray]
    size: int
    # Sparse: row number -> reasons; most batches have few problem rows.
    problems: dict[int, list[str]] = field(default_factory=dict)
    # Category columns as (int8 codes, labels), turned into label arrays only when asked:
    # a million Python string references cost more than all the z-scores of a batch.
    categories: dict[str, tuple[np.ndarray, tuple[str | None, ...]]] = field(
        default_factory=dict
    )

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, name: str) -> np.ndarray:
        if name in self.categories:
            codes, labels = self.categories[name]
            return np.array(labels, dtype=object)[codes]
        return self.columns[name]

    def names(self) -> list[str]:
        """All column names: measurements, z-scores, flags, then categories."""
        return [*self.columns, *self.categories]

    def problem_text(self) -> list[str]:
        """One string per row, reasons joined by "; " (empty when the row is clean)."""
        text = [""] * self.size
        for i, reasons in self.problems.items():
            text[i] = "; ".join(reasons)
        return text

    def row(self, i: int) -> dict[str, Any]:
        """Row ``i`` as plain Python values (None for missing)."""
        out: dict[str, Any] = {}
        for name in self.names():
            value = self[name][i] if name in self.categories else self.columns[name][i]
            if isinstance(value, float | np.floating):
                value = None if np.isnan(value) else float(value)
            elif isinstance(value, np.integer):
                value = int(value)
            out[name] = value
        out["problems"] = list(self.problems.get(i, []))
        return out


def _as_numbers(raw: Any, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Float array and a mask of values that were present but not numbers."""
    if raw is None:
        return np.full(n, np.nan), np.zeros(n, dtype=bool)
    arr = np.asarray(raw)
    if arr.ndim == 0:
        arr = np.full(n, arr.item(), dtype=arr.dtype if arr.dtype.kind != "U" else object)
    if arr.dtype.kind in "fiub":
        return arr.astype(np.float64), np.zeros(n, dtype=bool)
    values = np.full(n, np.nan)
    bad = np.zeros(n, dtype=bool)
    for i, item in enumerate(arr.tolist()):
        if item is None or (isinstance(item, float) and np.isnan(item)):
            continue
        text = str(item).strip()
        if not text or text.lower() in ("na", "nan", "none", "-"):
            continue
        try:
            values[i] = float(text.replace(",", ".") if "." not in text else text)
        except ValueError:
            bad[i] = True
    return values, bad


def _broadcast_codes(raw: Any, n: int, mapping: Mapping[str, int]) -> tuple[np.ndarray, ...]:
    if raw is None:
        return np.zeros(n, dtype=np.int8), np.zeros(n, dtype=bool), np.full(n, None)
    arr = np.asarray(raw)
    if arr.ndim == 0:
        arr = np.full(n, arr.item(), dtype=object)
    codes, bad = clean_codes(arr, mapping)
    return codes, bad, arr


class _Problems:
    """Collects reasons per row; only rows with a problem cost Python-level work."""

    def __init__(self) -> None:
        self.rows: dict[int, list[str]] = {}

    def add(self, mask: np.ndarray, message: str | Any) -> None:
        for i in np.flatnonzero(mask).tolist():
            self.rows.setdefault(i, []).append(message(i) if callable(message) else message)


def compute(
    sex: Any,
    age_days: Any = None,
    age_months: Any = None,
    weight: Any = None,
    lenhei: Any = None,
    measure: Any = None,
    headc: Any = None,
    armc: Any = None,
    triskin: Any = None,
    subskin: Any = None,
    oedema: Any = None,
    classes_version: str = classes.DEFAULT_VERSION,
) -> GrowthResult:
    """Every WHO z-score, flag and regulation category for whole columns.

    Age: ``age_days`` (exact, may be fractional) wins over ``age_months`` row by row; WHO
    converts months to days as months x 30.4375. Units: kg, cm, MUAC in cm, skinfolds in mm.
    Children under 60 months get the WHO 2006 standards, 60-228 months the WHO 2007 reference.
    """
    raw_measurements = {
        "weight": weight, "lenhei": lenhei, "headc": headc,
        "armc": armc, "triskin": triskin, "subskin": subskin,
    }  # fmt: skip
    inputs = [sex, age_days, age_months, measure, oedema, *raw_measurements.values()]
    n = max((np.size(x) for x in inputs if x is not None and np.ndim(x) > 0), default=1)
    problems = _Problems()

    csex, sex_bad, sex_raw = _broadcast_codes(sex, n, SEX_CODES)
    problems.add(sex_bad, lambda i: f"unknown sex code {sex_raw[i]!r}")
    problems.add((csex == 0) & ~sex_bad, "sex missing: no z-score can be computed")

    days, days_bad = _as_numbers(age_days, n)
    months, months_bad = _as_numbers(age_months, n)
    problems.add(days_bad, "age in days is not a number")
    problems.add(months_bad, "age in months is not a number")
    has_days = np.isfinite(days)
    age_days_raw = np.where(has_days, days, months * who2006.DAYS_PER_MONTH)
    age_in_months = np.where(has_days, days / who2006.DAYS_PER_MONTH, months)
    with np.errstate(invalid="ignore"):
        negative = age_in_months < 0
        beyond = age_in_months > MAX_AGE_MONTHS
        not_finite = np.isinf(age_in_months)
    problems.add(negative, "age is negative (visit before birth?)")
    problems.add(beyond & ~not_finite, lambda i: (
        f"age {age_in_months[i]:.1f} months is beyond the WHO tables (max {MAX_AGE_MONTHS})"))
    problems.add(not_finite, "age is not finite")
    drop_age = negative | not_finite
    age_days_raw = np.where(drop_age, np.nan, age_days_raw)
    age_in_months = np.where(drop_age, np.nan, age_in_months)

    values: dict[str, np.ndarray] = {}
    for name in MEASUREMENTS:
        arr, bad = _as_numbers(raw_measurements[name], n)
        label = _MEASUREMENT_LABELS[name]
        problems.add(bad, f"{label} is not a number")
        with np.errstate(invalid="ignore"):
            impossible = arr <= 0
            impossible |= arr == np.inf
        if impossible.any():
            problems.add(impossible, lambda i, a=arr, lb=label: f"{lb} must be > 0 (got {a[i]:g})")
            arr = np.where(impossible, np.nan, arr)
        values[name] = arr

    cmeasure, measure_bad, measure_raw = _broadcast_codes(measure, n, MEASURE_CODES)
    problems.add(measure_bad, lambda i: (
        f"unknown measuring position {measure_raw[i]!r} (treated as not recorded)"))
    coedema, oedema_bad, oedema_raw = _broadcast_codes(oedema, n, OEDEMA_CODES)
    problems.add(oedema_bad, lambda i: (
        f"unknown oedema code {oedema_raw[i]!r}: weight-based z-scores withheld"))
    has_oedema = coedema == 1

    out = who2006.zscores(
        csex, age_days_raw, age_in_months, values["weight"], values["lenhei"], cmeasure,
        values["headc"], values["armc"], values["triskin"], values["subskin"], has_oedema,
    )
    out.update(who2007.zscores(csex, age_in_months, values["weight"], values["lenhei"],
                               has_oedema))
    out["age_months"] = age_in_months
    if oedema_bad.any():
        for name in WEIGHT_BASED:
            # Unknown oedema status: WHO would refuse the batch; we refuse only these numbers.
            out[name] = np.where(oedema_bad, np.nan, out[name])
            out["f" + name[1:]] = np.where(oedema_bad, np.nan, out["f" + name[1:]])

    columns = {name: out[name] for name in OUTPUT_COLUMNS}
    columns["cmeasure"] = np.array([None, "l", "h"], dtype=object)[out["cmeasure"]]
    columns["coedema"] = has_oedema.astype(np.float64)
    categories = classes.classify_codes(columns, age_in_months, classes_version)
    return GrowthResult(columns=columns, size=n, problems=problems.rows, categories=categories)


def compute_one(**record: Any) -> dict[str, Any]:
    """One child: the same keywords as ``compute`` with scalar values; returns a plain dict."""
    if "sex" not in record:
        record["sex"] = None
    return compute(**record).row(0)
