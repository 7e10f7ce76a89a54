"""WHO LMS reference tables, loaded once into dense NumPy arrays.

Each table becomes three arrays ``l``, ``m`` and ``s`` of shape ``(3, n)``: row 0 is unused so
that the cleaned sex code (1 male, 2 female) indexes directly, and column ``i`` is the key
``first + i`` (days or months) or ``(first_tenths + i) / 10`` cm. Missing keys are NaN, so a
lookup outside the table yields NaN and therefore a missing z-score without any branching.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

import numpy as np

DATA_PACKAGE = "terbuka.growth.data"


@dataclass(frozen=True)
class LMSTable:
    """L, M and S by (sex, key index); ``first`` is the key of column 0 (in tenths for cm)."""

    name: str
    first: int
    l: np.ndarray  # noqa: E741 - the LMS method's own name for the Box-Cox power
    m: np.ndarray
    s: np.ndarray

    @property
    def last(self) -> int:
        return self.first + self.l.shape[1] - 1

    @cached_property
    def l_is_one(self) -> bool:
        """True when every row has L = 1 (the LMS z-score is then linear in y)."""
        present = self.l[np.isfinite(self.l)]
        return bool(present.size) and bool(np.all(present == 1.0))

    @property
    def width(self) -> int:
        return self.l.shape[1]

    def index(self, sex: np.ndarray, key: np.ndarray) -> np.ndarray:
        """Flat positions of (sex, key) in the arrays; absent keys point at a NaN cell.

        ``sex`` is the cleaned code 0 (unknown), 1 or 2; ``key`` is float (NaN for missing)
        in the table's integer unit. Tables sharing an axis share these positions, so the
        index is computed once per batch, not once per indicator.
        """
        with np.errstate(invalid="ignore"):
            idx = key - self.first
            ok = (idx >= 0) & (idx < self.width) & (sex > 0)
        # Row 0 is all NaN, so position 0 reads NaN for every row that is not ok.
        return np.where(ok, idx + sex.astype(np.float64) * self.width, 0).astype(np.intp)

    def take(self, flat: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """L, M and S at positions from ``index``."""
        return (
            self.l.ravel().take(flat),
            self.m.ravel().take(flat),
            self.s.ravel().take(flat),
        )

    def gather(
        self, sex: np.ndarray, key: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """L, M, S for ``key`` (same unit as ``first``); NaN where the table has no row."""
        return self.take(self.index(sex, key))


# file name, key column, key scale (1 for integer days/months, 10 for 0.1 cm steps)
_FILES: dict[str, tuple[str, str, int]] = {
    "wfa": ("wfa_0_5y_weight_for_age.csv.gz", "age_days", 1),
    "lhfa": ("lhfa_0_5y_length_height_for_age.csv.gz", "age_days", 1),
    "bfa": ("bfa_0_5y_bmi_for_age.csv.gz", "age_days", 1),
    "hcfa": ("hcfa_0_5y_head_circumference_for_age.csv.gz", "age_days", 1),
    "acfa": ("acfa_0_5y_arm_circumference_for_age.csv.gz", "age_days", 1),
    "tsfa": ("tsfa_0_5y_triceps_skinfold_for_age.csv.gz", "age_days", 1),
    "ssfa": ("ssfa_0_5y_subscapular_skinfold_for_age.csv.gz", "age_days", 1),
    "wfl": ("wfl_0_2y_weight_for_length.csv.gz", "length_cm", 10),
    "wfh": ("wfh_2_5y_weight_for_height.csv.gz", "height_cm", 10),
    "bfa_2007": ("bfa_5_19y_bmi_for_age_who2007.csv.gz", "age_months", 1),
    "hfa_2007": ("hfa_5_19y_height_for_age_who2007.csv.gz", "age_months", 1),
    "wfa_2007": ("wfa_5_10y_weight_for_age_who2007.csv.gz", "age_months", 1),
}

TABLE_NAMES = tuple(_FILES)
AGE_DAYS_LAST = 1826


def read_rows(name: str) -> list[dict[str, str]]:
    """The raw CSV rows of one table, as strings (for tests and documentation)."""
    file_name = _FILES[name][0]
    with resources.files(DATA_PACKAGE).joinpath(file_name).open("rb") as raw:
        text = gzip.decompress(raw.read()).decode("utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def load(name: str) -> LMSTable:
    """The named table as dense arrays (cached for the life of the process)."""
    _, key_col, scale = _FILES[name]
    rows = read_rows(name)
    # round() because cm keys like "45.1" must map to the integer 451 exactly.
    keys = np.array([round(float(r[key_col]) * scale) for r in rows], dtype=np.int64)
    sexes = np.array([int(r["sex"]) for r in rows], dtype=np.intp)
    first, last = int(keys.min()), int(keys.max())
    if key_col == "age_days":
        # All 0-5 y age tables share one day axis (MUAC and skinfolds start at day 91, the
        # others at 0), so one index serves all seven indicators.
        first, last = 0, AGE_DAYS_LAST
    shape = (3, last - first + 1)
    arrays = {}
    for col in ("l", "m", "s"):
        arr = np.full(shape, np.nan)
        arr[sexes, keys - first] = [float(r[col]) for r in rows]
        arrays[col] = arr
    return LMSTable(name=name, first=first, l=arrays["l"], m=arrays["m"], s=arrays["s"])
