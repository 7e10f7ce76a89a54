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
    """Plain LMS z-score ``((y/M)^L - 1) / (L*S)`` (used for length/height and head size)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return ((y / m) ** l - 1.0) / (s * l)


def zscore_restricted(
    y: np.ndarray, l: np.ndarray, m: np.ndarray, s: np.ndarray  # noqa: E741
) -> np.ndarray:
    """LMS z-score with WHO's restricted application beyond +/-3 SD.

    Beyond 3 SD the skewed LMS curve stretches the tail, so WHO measures the distance past
    SD3 in units of the fixed SD2-SD3 interval instead (MGRS 2006, p. 302).
    """
    z = zscore(y, l, m, s)
    with np.errstate(invalid="ignore"):
        high = z > 3
        low = z < -3
    if high.any():
        yh, lh, mh, sh = y[high], l[high], m[high], s[high]
        sd3 = sd_value(3.0, lh, mh, sh)
        sd23 = sd3 - sd_value(2.0, lh, mh, sh)
        z[high] = 3.0 + (yh - sd3) / sd23
    if low.any():
        yl, ll, ml, sl = y[low], l[low], m[low], s[low]
        sd3n = sd_value(-3.0, ll, ml, sl)
        sd23n = sd_value(-2.0, ll, ml, sl) - sd3n
        z[low] = -3.0 + (yl - sd3n) / sd23n
    return z
