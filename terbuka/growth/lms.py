"""The LMS method: z-scores, WHO's restricted application beyond +/-3 SD, and SD curves.

Formulas as in WHO MGRS (2006), chapter 7, and as coded in WHO anthro's z-score helper.
No table has L = 0, so the log form of the Box-Cox transform is never needed.
"""

from __future__ import annotations

import numpy as np


def sd_value(k: float | np.ndarray, l: np.ndarray, m: np.ndarray, s: np.ndarray) -> np.ndarray:  # noqa: E741
    """The measurement at z = k: ``SDk = M * (1 + L*S*k)^(1/L)``."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return m * (1.0 + l * s * k) ** (1.0 / l)


def zscore(y: np.ndarray, l: np.ndarray, m: np.ndarray, s: np.ndarray) -> np.ndarray:  # noqa: E741
    """Plain LMS z-score ``((y/M)^L - 1) / (L*S)`` (used for length/height and head size).

    Same operations in the same order as R, done in place to spare temporaries.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.divide(y, m)
        np.power(z, l, out=z)
        z -= 1.0
        z /= s * l
        return z


def zscore_l1(y: np.ndarray, m: np.ndarray, s: np.ndarray) -> np.ndarray:
    """The plain z-score when L = 1 (LHFA, HCFA, 2007 HFA): ``(y/M - 1) / S``.

    Bit-identical to the general formula, because C's pow(x, 1.0) is exactly x and
    S * 1.0 is exactly S, but without the costly pow over a million rows.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.divide(y, m)
        z -= 1.0
        z /= s
        return z


def zscore_restricted(
    y: np.ndarray, l: np.ndarray, m: np.ndarray, s: np.ndarray  # noqa: E741
) -> np.ndarray:
    """LMS z-score with WHO's restricted application beyond +/-3 SD.

    Beyond 3 SD the skewed LMS curve stretches the tail, so WHO measures the distance past
    SD3 in units of the fixed SD2-SD3 interval instead (MGRS 2006, p. 302).
    """
    z = zscore(y, l, m, s)
    with np.errstate(invalid="ignore"):
        # Few rows lie beyond 3 SD: find them in one pass, then work on that small subset.
        rows = np.flatnonzero(np.abs(z) > 3)
    if rows.size == 0:
        return z
    zr, yr, lr, mr, sr = z[rows], y[rows], l[rows], m[rows], s[rows]
    k = np.where(zr > 3, 3.0, -3.0)  # the SD line beyond which the child lies
    sd3 = sd_value(k, lr, mr, sr)
    # Width of the SD2-SD3 band on that side: SD3 - SD2 above, SD2 - SD3 below (R's order).
    sd2 = sd_value(k - np.sign(k), lr, mr, sr)
    width = np.where(k > 0, sd3 - sd2, sd2 - sd3)
    z[rows] = k + (yr - sd3) / width
    return z
