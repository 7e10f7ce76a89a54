"""The two roundings WHO's R code uses, reproduced bit for bit on NumPy arrays."""

from __future__ import annotations

import numpy as np

_LOG10_2 = 0.301029995663981195213738894724493027  # M_LOG10_2 in R's nmath
_DBL_DIG = 15


def round_half_up(x: np.ndarray) -> np.ndarray:
    """anthro's ``round_up``: floor, plus one when the fraction is >= 0.5 (NaN stays NaN).

    Ages are non-negative by the time they get here; anthro itself refuses negative ages.
    """
    x = np.asarray(x, dtype=np.float64)
    low = np.floor(x)
    return np.where(x - low >= 0.5, low + 1.0, low)


def r_round(x: np.ndarray, digits: int = 2) -> np.ndarray:
    """R's ``round(x, digits)``; exact R semantics, computed fast.

    Away from a tie, R's choice is simply the nearest candidate, which ``rint`` finds. Only
    values whose scaled fraction lies within 1e-6 of .5 (far wider than any rounding error
    of ``x * 10^d``) go through the literal transcription of R's algorithm.
    """
    x = np.asarray(x, dtype=np.float64)
    pow10 = 10.0**digits
    with np.errstate(invalid="ignore"):
        # In-place steps: fresh 8 MB temporaries cost more than the arithmetic at 1e6 rows.
        x10 = np.multiply(x, pow10)
        out = np.rint(x10)
        np.subtract(x10, out, out=x10)
        np.abs(x10, out=x10)
        x10 -= 0.5
        np.abs(x10, out=x10)
        slow = x10 < 1e-6  # scaled fraction within 1e-6 of one half: a possible tie
        out /= pow10
        out += 0.0  # R's sgn * 0 gives -0.0; it prints as 0 there, so make it 0 here
        if not slow.any() and not (np.abs(x) >= 1e10).any():
            return out
        # Huge values (R may leave them unrounded) also take the literal path.
        slow |= np.abs(x) >= 1e10
    out[slow] = r_round_exact(x[slow], digits) + 0.0
    return out


def r_round_exact(x: np.ndarray, digits: int = 2) -> np.ndarray:
    """R's ``round(x, digits)`` for digits > 0, as implemented since R 4.0.0 (nmath/fround.c).

    R does not round the decimal string: it takes the two candidates ``floor(x*10^d)/10^d``
    and ``ceil(x*10^d)/10^d`` and keeps the one nearer to x *in double arithmetic*, choosing
    the even last digit only when both distances compare equal. That differs from Python's
    ``round`` (exact binary value) and from NumPy's ``around`` (scale, rint, unscale) on
    values such as 0.285 or 1.005, so neither can be used if results must match WHO anthro.
    """
    if digits <= 0:
        raise ValueError("only positive digits are needed (and implemented)")
    x = np.asarray(x, dtype=np.float64)
    sgn = np.where(x < 0, -1.0, 1.0)
    ax = np.abs(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        # logb(x) for x > 0 is the binary exponent, i.e. frexp's exponent minus one.
        _, exp2 = np.frexp(ax)
        l10x = _LOG10_2 * (0.5 + (exp2 - 1))
        pow10 = 10.0**digits
        x10 = ax * pow10
        i10 = np.floor(x10)
        xd = i10 / pow10
        xu = np.ceil(x10) / pow10
        du = xu - ax
        dd = ax - xd
        take_up = (du < dd) | ((np.fmod(i10, 2.0) == 1) & (du == dd))
        rounded = sgn * np.where(take_up, xu, xd)
    # R returns x itself for 0, non-finite values and when no rounding is needed at all.
    keep = ~np.isfinite(ax) | (ax == 0) | (l10x + digits > _DBL_DIG)
    # "+ 0.0" turns R's -0.0 (from sgn * 0) into 0.0, which prints the same as in R.
    return np.where(keep, x, rounded) + 0.0
